import type { RallyContext } from '../../src/context.js';
import { removedMessage } from '../../src/letters/blocks/sign-modal.js';
import { unsign } from '../../src/letters/unsign.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

/** "Remove my signature" in the already-signed modal. */
export function createLetterUnsignSubmit(ctx: RallyContext) {
  return async ({ ack, body }: ViewSubmitArgs): Promise<void> => {
    const removed = await unsign(ctx, { teamId: teamIdOf(body), userId: body.user.id });
    await ack({
      response_action: 'update',
      view: buildNoticeModal('Signature removed', removedMessage(removed)),
    });
  };
}
