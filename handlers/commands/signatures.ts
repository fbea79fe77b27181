import type { RallyContext } from '../../src/context.js';
import { requestSignaturesExport } from '../../src/letters/export-signatures.js';
import { campaignLetterId } from '../../src/letters/model.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally signatures` (organizers): the private delivery export, sent by a job that reads profile names. */
export function createSignaturesSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    await requestSignaturesExport(ctx, {
      letterId: campaignLetterId,
      requestedBy: command.user_id,
      responseUrl: command.response_url,
    });
    await ack(privately({ text: 'Preparing the signatures for delivery: they will be here in a moment.' }));
  };
}
