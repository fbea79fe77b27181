import type { RallyContext } from '../../src/context.js';
import { requestLetterRefresh } from '../../src/delivery/redraw.js';
import { buildNoticeModal, removedMessage } from '../../src/letters/blocks/sign-modal.js';
import { letterSigner } from '../../src/letters/signer.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

/** "Remove my signature" in the already-signed modal. */
export function createLetterUnsignSubmit(ctx: RallyContext) {
  return async ({ ack, body }: ViewSubmitArgs): Promise<void> => {
    const removed = await ctx.signatures.remove(letterSigner(ctx, teamIdOf(body), body.user.id));
    await ack({
      response_action: 'update',
      view: buildNoticeModal('Signature removed', removedMessage(removed)),
    });
    if (removed) await requestLetterRefresh(ctx.queues);
  };
}
