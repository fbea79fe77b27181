import type { ModalView } from '@slack/types';
import type { RallyContext } from '../../src/context.js';
import { readPledgeForm } from '../../src/donations/pledge-form.js';
import { savePledge } from '../../src/donations/save-pledge.js';
import { otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal, buildNotRecordedModal } from '../../src/slack/blocks/modals.js';
import { fromAnotherOrganization, teamIdOf, type ViewSubmitArgs } from '../types.js';

const answers = {
  closed: 'This donation prompt is no longer open.',
  withdrawn: 'Your pledge was taken back.',
  pledged: ':heart: Thank you for giving. You are counted, never named.',
} as const;

/**
 * The pledge form was submitted: store, change or take back the pledge. When that cannot be stored (Redis
 * refuses writes or is away) the modal says so, and the log line names nobody.
 */
export function createPledgeSubmit(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'pledge-submit' });
  return async ({ ack, body, view, context }: ViewSubmitArgs): Promise<void> => {
    if (fromAnotherOrganization(body, context)) {
      await ack({ response_action: 'update', view: buildNoticeModal('I gave', otherOrganizationMessage) });
      return;
    }
    // Which nonprofits the prompt lists is checked by savePledge, against the prompt's own list.
    const form = readPledgeForm(view.state.values as Record<string, Record<string, unknown>>);
    const actor = { teamId: teamIdOf(body), userId: body.user.id };
    let answer: ModalView;
    try {
      const outcome = await savePledge(ctx, actor, view.private_metadata, form);
      answer = buildNoticeModal('I gave', answers[outcome]);
    } catch (err) {
      logger.error({ err }, 'pledge not recorded');
      answer = buildNotRecordedModal(
        'I gave',
        form.withdraw ? 'Your request to take back your pledge' : 'Your pledge',
      );
    }
    await ack({ response_action: 'update', view: answer });
  };
}
