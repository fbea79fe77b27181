import type { RallyContext } from '../../src/context.js';
import { removedMessage } from '../../src/letters/blocks/sign-modal.js';
import { campaignLetterId } from '../../src/letters/model.js';
import { unsign } from '../../src/letters/unsign.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally unsign`: removes the caller's signature of whatever kind. */
export function createUnsignSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    const removed = await unsign(ctx, campaignLetterId, { teamId: command.team_id, userId: command.user_id });
    await ack(privately({ text: removedMessage(removed) }));
  };
}
