import type { RallyContext } from '../../src/context.js';
import { requestOwnHomeRefresh } from '../../src/home/publish-home.js';
import { removedMessage } from '../../src/letters/blocks/sign-modal.js';
import { unsign } from '../../src/letters/unsign.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { letterIdFrom, teamIdOf, type ViewSubmitArgs } from '../types.js';

/**
 * "Remove my signature" in the already-signed modal. Only a signature with the signer's name showed on their
 * Home tab, so only its removal refreshes it.
 */
export function createLetterUnsignSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const actor = { teamId: teamIdOf(body), userId: body.user.id };
    const removed = await unsign(ctx, letterIdFrom(view.private_metadata), actor);
    await ack({
      response_action: 'update',
      view: buildNoticeModal('Signature removed', removedMessage(removed)),
    });
    if (removed === 'named') await requestOwnHomeRefresh(ctx, actor.teamId, actor.userId);
  };
}
