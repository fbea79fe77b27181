import { buildCommandErrorMessage, buildForgetReport } from '../../src/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { forgetPerson } from '../../src/privacy/forget.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally forget me`: removes what Rally holds under the caller, and says what went. */
export function createForgetSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    if (args.length !== 1 || args[0]?.text.toLowerCase() !== 'me') {
      await ack(
        privately(buildCommandErrorMessage('Rally can only forget you: type `me`.', '/rally forget me')),
      );
      return;
    }
    const report = await forgetPerson(ctx, command.team_id, command.user_id);
    await ack(privately(buildForgetReport(report)));
  };
}
