import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { requestSignaturesExport } from '../../src/letters/export-signatures.js';
import { resolveLetter } from '../../src/letters/resolve-letter.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally signatures [name]` (organizers): a letter's delivery package, sent privately by a job. */
export function createSignaturesSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    const resolved = await resolveLetter(ctx, args, 'any');
    if (!resolved.ok) {
      await ack(privately(buildCommandErrorMessage(resolved.problem, subcommand('signatures'))));
      return;
    }
    await requestSignaturesExport(ctx, {
      letterId: resolved.letter.id,
      requestedBy: command.user_id,
      responseUrl: command.response_url,
    });
    await ack(privately({ text: 'Preparing the signatures for delivery: they will be here in a moment.' }));
  };
}
