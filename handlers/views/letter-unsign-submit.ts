import type { RallyContext } from '../../src/context.js';
import { removedMessage } from '../../src/letters/blocks/sign-modal.js';
import { unsign } from '../../src/letters/unsign.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { letterIdFrom, teamIdOf, type ViewSubmitArgs } from '../types.js';

/** "Remove my signature" in the already-signed modal. */
export function createLetterUnsignSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const actor = { teamId: teamIdOf(body), userId: body.user.id };
    const removed = await unsign(ctx, letterIdFrom(view.private_metadata), actor);
    await ack({
      response_action: 'update',
      view: buildNoticeModal('Signature removed', removedMessage(removed)),
    });
  };
}
