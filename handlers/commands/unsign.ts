import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { requestOwnHomeRefresh } from '../../src/home/publish-home.js';
import { removedMessage } from '../../src/letters/blocks/sign-modal.js';
import { resolveLetter } from '../../src/letters/resolve-letter.js';
import { unsign } from '../../src/letters/unsign.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally unsign [name]`: removes the caller's signature of whatever kind from a letter. */
export function createUnsignSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    const resolved = await resolveLetter(ctx, args, 'any');
    if (!resolved.ok) {
      await ack(privately(buildCommandErrorMessage(resolved.problem, subcommand('unsign'))));
      return;
    }
    const actor = { teamId: command.team_id, userId: command.user_id };
    const removed = await unsign(ctx, resolved.letter.id, actor);
    await ack(privately({ text: removedMessage(removed) }));
    // Only a signature with a name showed on the Home tab.
    if (removed === 'named') await requestOwnHomeRefresh(ctx, actor.teamId, actor.userId);
  };
}
