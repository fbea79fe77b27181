import { buildOrganizersOnlyMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { buildSignaturesExport } from '../../src/letters/blocks/signatures-export.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally signatures`: the organizers' private delivery export. */
export function createSignaturesSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    if (!ctx.isOrganizer(command.user_id)) {
      await ack(privately(buildOrganizersOnlyMessage('export the signatures')));
      return;
    }
    const [signers, tally] = await Promise.all([ctx.signatures.namedSigners(), ctx.signatures.tally()]);
    await ack(privately(buildSignaturesExport(signers, tally, ctx.config.minAnonymous)));
  };
}
