import type { RallyContext } from '../../src/context.js';
import { buildForgettingModal } from '../../src/home/blocks/holdings-modal.js';
import { requestForget } from '../../src/people/forget-person.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

/**
 * **Forget me** confirmed (from the Home tab): the same job as `/rally forget me` forgets the person, then
 * answers in this modal, which says meanwhile that it is under way.
 */
export function createHomeForgetSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    await requestForget(ctx, { teamId: teamIdOf(body), userId: body.user.id, viewId: view.id });
    await ack({ response_action: 'update', view: buildForgettingModal() });
  };
}
