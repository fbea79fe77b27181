import type { RallyContext } from '../../src/context.js';
import { requestLetterRefresh } from '../../src/delivery/redraw.js';
import { removedMessage } from '../../src/letters/blocks/sign-modal.js';
import { letterSigner } from '../../src/letters/signer.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally unsign`: removes the caller's signature of whatever kind. */
export function createUnsignSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    const removed = await ctx.signatures.remove(letterSigner(ctx, command.team_id, command.user_id));
    await ack(privately({ text: removedMessage(removed) }));
    if (removed) await requestLetterRefresh(ctx.queues);
  };
}
