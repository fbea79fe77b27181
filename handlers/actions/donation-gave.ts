import type { RallyContext } from '../../src/context.js';
import { buildPledgeModal } from '../../src/donations/blocks/donation-prompt.js';
import { pledgerId } from '../../src/donations/pledger.js';
import { type ButtonArgs, teamIdOf } from '../types.js';

/** **I gave**: the pledge form, filled in with what the person said before on this prompt. */
export function createDonationGaveAction(ctx: RallyContext) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const promptId = action.value ?? '';
    if (!(await ctx.donations.message(promptId))) return;
    const current = await ctx.donations.pledgeOf(
      promptId,
      pledgerId(ctx.anonymousIds, promptId, teamIdOf(body), body.user.id),
    );
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildPledgeModal(ctx.campaign.donations, promptId, current),
    });
  };
}
