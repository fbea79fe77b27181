import { randomBytes } from 'node:crypto';
import { buildCommandErrorMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { parseRemindCommand, remindUsage } from '../../src/reminders/remind-command.js';
import { privately, type SubcommandHandler } from '../types.js';

/**
 * `/rally remind me|#channel "What" <when>`: the reminder (and its text) is stored at once; a job reads
 * the time in the creator's Slack time zone, schedules it and confirms privately.
 */
export function createRemindSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    const parsed = parseRemindCommand(args);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, remindUsage)));
      return;
    }
    const id = randomBytes(9).toString('base64url');
    await ctx.reminders.create({
      id,
      teamId: command.team_id,
      creator: command.user_id,
      target: parsed.target.kind === 'me' ? command.user_id : parsed.target.channel,
      text: parsed.text,
      when: parsed.when,
    });
    await ctx.queues.enqueue('reminder-schedule', { reminderId: id, responseUrl: command.response_url });
    await ack();
  };
}
