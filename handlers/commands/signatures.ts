import type { RallyContext } from '../../src/context.js';
import { exportSignatures } from '../../src/letters/export-signatures.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally signatures` (organizers): the private delivery export. */
export function createSignaturesSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { ack }) => {
    await ack(privately(await exportSignatures(ctx)));
  };
}
