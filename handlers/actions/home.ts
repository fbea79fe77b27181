import type { RallyContext } from '../../src/context.js';
import { buildForgetConfirmModal, buildHoldingsLoadingModal } from '../../src/home/blocks/holdings-modal.js';
import { requestHoldings } from '../../src/home/show-holdings.js';
import { interactionFailedMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { FailureAnswered } from '../middleware/answer-failures.js';
import { type ButtonArgs, teamIdOf } from '../types.js';

/**
 * **What Rally holds about me** on the Home tab: a modal opens at once (the trigger lasts 3 s), and a job
 * fills it in with what Rally holds about whoever pressed. When the job cannot be queued (Redis away), the
 * open modal says so, since the trigger is used up and nothing else could reach the person.
 */
export function createHomeHoldingsAction(ctx: RallyContext) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const opened = await client.views.open({
      trigger_id: body.trigger_id,
      view: buildHoldingsLoadingModal(),
    });
    const viewId = opened.view?.id;
    if (!viewId) return;
    try {
      await requestHoldings(ctx, { teamId: teamIdOf(body), userId: body.user.id, viewId });
    } catch (err) {
      await client.views.update({
        view_id: viewId,
        view: buildNoticeModal('What Rally holds', interactionFailedMessage.text),
      });
      throw new FailureAnswered(err);
    }
  };
}

/** **Forget me…** on the Home tab: a modal says what goes and asks to confirm. */
export function createHomeForgetAction(_ctx: RallyContext) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: buildForgetConfirmModal() });
  };
}
