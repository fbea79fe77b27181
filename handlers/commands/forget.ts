import { buildCommandErrorMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { privately, type SubcommandHandler } from '../types.js';

/**
 * `/rally forget me`: a job removes what Rally holds under the caller (it scans every poll, prompt and
 * job record, too slow for the 3 s acknowledgement) and says what went. The job's own record, which holds
 * the caller's ID, is deleted as soon as it ends.
 */
export function createForgetSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    if (args.length !== 1 || args[0]?.text.toLowerCase() !== 'me') {
      await ack(
        privately(buildCommandErrorMessage('Rally can only forget you: type `me`.', '/rally forget me')),
      );
      return;
    }
    await ctx.queues.enqueue(
      'forget',
      { teamId: command.team_id, userId: command.user_id, responseUrl: command.response_url },
      { removeOnComplete: true, removeOnFail: true },
    );
    await ack(privately({ text: "Forgetting you now. I'll tell you here what was removed." }));
  };
}
