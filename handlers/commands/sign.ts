import type { RallyContext } from '../../src/context.js';
import { letterSigner, signViewFor } from '../../src/letters/signer.js';
import type { SubcommandHandler } from '../types.js';

/** `/rally sign`: opens the signing form (or, for someone who signed, what they hold). */
export function createSignSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack, client }) => {
    await ack();
    const signer = letterSigner(ctx, command.team_id, command.user_id);
    const view = await signViewFor(ctx, signer, command.user_name);
    await client.views.open({ trigger_id: command.trigger_id, view });
  };
}
