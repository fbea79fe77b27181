import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { requestForget } from '../../src/people/forget-person.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/**
 * `/rally forget me`: a job removes what Rally holds under the caller (it scans every poll, prompt and
 * job record, too slow for the 3 s acknowledgement) and says what went.
 */
export function createForgetSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    if (args.length !== 1 || args[0]?.text.toLowerCase() !== 'me') {
      const refusal = buildCommandErrorMessage('Rally can only forget you: type `me`.', subcommand('forget'));
      await ack(privately(refusal));
      return;
    }
    await requestForget(ctx, {
      teamId: command.team_id,
      userId: command.user_id,
      responseUrl: command.response_url,
    });
    await ack(privately({ text: "Forgetting you now. I'll tell you here what was removed." }));
  };
}
