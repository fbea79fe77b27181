import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { createReminder } from '../../src/reminders/create-reminder.js';
import { parseRemindCommand } from '../../src/reminders/remind-command.js';
import { buildCommandErrorMessage, buildNotice } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/**
 * `/rally remind me|#channel "What" <when>`: stored at once (unless the person has the most reminders
 * waiting); a job reads the time and confirms privately.
 */
export function createRemindSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    const parsed = parseRemindCommand(args);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, subcommand('remind'))));
      return;
    }
    const created = await createReminder(ctx, {
      teamId: command.team_id,
      creator: command.user_id,
      target: parsed.target.kind === 'me' ? command.user_id : parsed.target.channel,
      text: parsed.text,
      when: parsed.when,
      responseUrl: command.response_url,
    });
    await ack(created.ok ? undefined : privately(buildNotice(`:warning: ${created.problem}`)));
  };
}
