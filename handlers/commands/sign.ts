import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { openSignForm } from '../../src/letters/open-sign-form.js';
import { resolveLetter } from '../../src/letters/resolve-letter.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally sign [name]`: opens the signing form of a letter (or, for someone who signed, what they hold). */
export function createSignSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack, client }) => {
    const resolved = await resolveLetter(ctx, args);
    if (!resolved.ok) {
      await ack(privately(buildCommandErrorMessage(resolved.problem, subcommand('sign'))));
      return;
    }
    await ack();
    const actor = { teamId: command.team_id, userId: command.user_id };
    const view = await openSignForm(ctx, resolved.letter.id, actor);
    await client.views.open({ trigger_id: command.trigger_id, view });
  };
}
