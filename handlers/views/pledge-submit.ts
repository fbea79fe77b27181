import type { RallyContext } from '../../src/context.js';
import { readPledgeForm } from '../../src/donations/pledge-form.js';
import { savePledge } from '../../src/donations/save-pledge.js';
import { otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { fromAnotherOrganization, teamIdOf, type ViewSubmitArgs } from '../types.js';

const answers = {
  closed: 'This donation prompt is no longer open.',
  withdrawn: 'Your pledge was taken back.',
  pledged: ':heart: Thank you for giving. You are counted, never named.',
} as const;

/** The pledge form was submitted: store, change or take back the pledge. */
export function createPledgeSubmit(ctx: RallyContext) {
  return async ({ ack, body, view, context }: ViewSubmitArgs): Promise<void> => {
    if (fromAnotherOrganization(body, context)) {
      await ack({ response_action: 'update', view: buildNoticeModal('I gave', otherOrganizationMessage) });
      return;
    }
    const form = readPledgeForm(
      view.state.values as Record<string, Record<string, unknown>>,
      ctx.campaign.donations.length,
    );
    const actor = { teamId: teamIdOf(body), userId: body.user.id };
    const outcome = await savePledge(ctx, actor, view.private_metadata, form);
    await ack({ response_action: 'update', view: buildNoticeModal('I gave', answers[outcome]) });
  };
}
