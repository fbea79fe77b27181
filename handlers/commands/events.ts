import type { RallyContext } from '../../src/context.js';
import { listEvents } from '../../src/events/list-events.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally events`: the upcoming events in this channel and those the person answered, privately. */
export function createEventsSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    await ack(privately(await listEvents(ctx, { userId: command.user_id, channel: command.channel_id })));
  };
}
