import type { RallyContext } from '../../src/context.js';
import { listSchedules } from '../../src/schedules/list-schedules.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally reminders`: the caller's reminders and this channel's, its scheduled donation prompt and digest. */
export function createRemindersSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    await ack(privately(await listSchedules(ctx, command.user_id, command.channel_id)));
  };
}
