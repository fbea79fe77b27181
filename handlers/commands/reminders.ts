import type { RallyContext } from '../../src/context.js';
import { donationScheduleDescription } from '../../src/donations/schedule.js';
import { buildScheduleList, type ScheduledPrompt } from '../../src/schedules/blocks/schedule-list.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally reminders`: the caller's reminders and this channel's, its scheduled donation prompt and digest. */
export function createRemindersSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    const reminders = await ctx.reminders.listFor(command.user_id, command.channel_id);
    const prompts: ScheduledPrompt[] = [];
    const description = await donationScheduleDescription(ctx, command.channel_id);
    if (description) prompts.push({ channel: command.channel_id, description });
    const digest = (await ctx.digests.get(command.channel_id)).description;
    await ack(
      privately(
        buildScheduleList(
          reminders,
          prompts,
          digest ? { channel: command.channel_id, description: digest } : undefined,
        ),
      ),
    );
  };
}
