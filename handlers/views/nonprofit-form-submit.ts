import type { RallyContext } from '../../src/context.js';
import { addNonprofit } from '../../src/nonprofits/add-nonprofit.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { escapeMrkdwn } from '../../src/slack/blocks/mrkdwn.js';
import { nonprofitFormBlocks } from '../../src/slack/ids.js';
import type { ViewSubmitArgs } from '../types.js';

const notSaved =
  'Rally could not confirm this was saved just now. Please check `/rally nonprofits` in a moment before trying again.';

/**
 * The nonprofit form was submitted (organizers): problems go back onto their fields, so nothing typed is
 * lost; once added, the form says so.
 */
export function createNonprofitFormSubmit(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'nonprofit-form-submit' });
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    let added: Awaited<ReturnType<typeof addNonprofit>>;
    try {
      added = await addNonprofit(
        ctx,
        view.state.values as Record<string, Record<string, unknown>>,
        body.user.id,
      );
    } catch (err) {
      logger.error({ err }, 'nonprofit not added');
      await ack({ response_action: 'errors', errors: { [nonprofitFormBlocks.name]: notSaved } });
      return;
    }
    if (!added.ok) {
      await ack({ response_action: 'errors', errors: added.errors });
      return;
    }
    const name = escapeMrkdwn(added.nonprofit.name);
    await ack({
      response_action: 'update',
      view: buildNoticeModal(
        'Nonprofit added',
        `:white_check_mark: *${name}* was added. Donation prompts posted from now on list it. \`/rally nonprofits\` shows the list.`,
      ),
    });
  };
}
