import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { buildPollModal } from '../../src/polls/blocks/poll-modal.js';
import { closingWords, parsePollCommand } from '../../src/polls/parse-command.js';
import { requestPoll } from '../../src/polls/request-poll.js';
import { buildCommandErrorMessage, buildNotice } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/**
 * `/rally poll "Q" "A" "B" [anonymous] [multiple] [hidden] [closes <when>]`, or `/rally poll` alone for
 * the form. The command is checked at once (the closing time in UTC, and how many open polls the person
 * has); the job reads the closing time again in the creator's time zone, then stores and posts the poll.
 */
export function createPollSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack, client }) => {
    if (args.length === 0) {
      await ack();
      const metadata = JSON.stringify({ channel: command.channel_id });
      const view = buildPollModal(metadata, ctx.config.maxPollDays);
      await client.views.open({ trigger_id: command.trigger_id, view });
      return;
    }
    const parsed = parsePollCommand(args, new Date(), 'UTC');
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, subcommand('poll'))));
      return;
    }
    const requested = await requestPoll(ctx, {
      teamId: command.team_id,
      channel: command.channel_id,
      creatorId: command.user_id,
      poll: parsed.poll,
      closesWords: closingWords(args),
      responseUrl: command.response_url,
    });
    await ack(requested.ok ? undefined : privately(buildNotice(`:warning: ${requested.problem}`)));
  };
}
