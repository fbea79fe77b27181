import type { RallyContext } from '../../src/context.js';
import { buildForgetConfirmModal, buildHoldingsLoadingModal } from '../../src/home/blocks/holdings-modal.js';
import { requestHoldings } from '../../src/home/show-holdings.js';
import { type ButtonArgs, teamIdOf } from '../types.js';

/**
 * **What Rally holds about me** on the Home tab: a modal opens at once (the trigger lasts 3 s), and a job
 * fills it in with what Rally holds about whoever pressed.
 */
export function createHomeHoldingsAction(ctx: RallyContext) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const opened = await client.views.open({
      trigger_id: body.trigger_id,
      view: buildHoldingsLoadingModal(),
    });
    if (!opened.view?.id) return;
    await requestHoldings(ctx, { teamId: teamIdOf(body), userId: body.user.id, viewId: opened.view.id });
  };
}

/** **Forget me…** on the Home tab: a modal says what goes and asks to confirm. */
export function createHomeForgetAction(_ctx: RallyContext) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: buildForgetConfirmModal() });
  };
}
