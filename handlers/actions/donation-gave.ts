import type { RallyContext } from '../../src/context.js';
import { openPledgeForm } from '../../src/donations/open-pledge-form.js';
import { otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { type ButtonArgs, fromAnotherOrganization, teamIdOf } from '../types.js';

/** **I gave**: the pledge form, filled in with what the person said before on this prompt. */
export function createDonationGaveAction(ctx: RallyContext) {
  return async ({ ack, action, body, client, context }: ButtonArgs): Promise<void> => {
    await ack();
    const actor = { teamId: teamIdOf(body), userId: body.user.id };
    const view = fromAnotherOrganization(body, context)
      ? buildNoticeModal('I gave', otherOrganizationMessage)
      : await openPledgeForm(ctx, actor, action.value ?? '');
    if (view) await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
