import type { RallyContext } from '../../src/context.js';
import { requestDonationRefresh } from '../../src/delivery/redraw.js';
import { readPledgeForm } from '../../src/donations/pledge-form.js';
import { pledgerId } from '../../src/donations/pledger.js';
import { buildNoticeModal } from '../../src/letters/blocks/sign-modal.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

/** The pledge form was submitted: store, change or take back the pledge, under the person's keyed hash. */
export function createPledgeSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const promptId = view.private_metadata;
    if (!(await ctx.donations.message(promptId))) {
      await ack({
        response_action: 'update',
        view: buildNoticeModal('I gave', 'This donation prompt is no longer open.'),
      });
      return;
    }
    const pledger = pledgerId(ctx.anonymousIds, promptId, teamIdOf(body), body.user.id);
    const form = readPledgeForm(
      view.state.values as Record<string, Record<string, unknown>>,
      ctx.campaign.donations.length,
    );
    let message: string;
    if (form.withdraw) {
      await ctx.donations.withdraw(promptId, pledger);
      message = 'Your pledge was taken back.';
    } else {
      await ctx.donations.pledge(promptId, pledger, form.pledge);
      message = ':heart: Thank you for giving. You are counted, never named.';
    }
    await ack({ response_action: 'update', view: buildNoticeModal('I gave', message) });
    await requestDonationRefresh(ctx.queues, promptId);
  };
}
