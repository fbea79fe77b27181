import type { RallyContext } from '../../src/context.js';
import { letterSigner, signViewFor } from '../../src/letters/signer.js';
import { type ButtonArgs, teamIdOf } from '../types.js';

/** **Sign the letter**: opens the signing form (or, for someone who signed, what they hold). */
export function createLetterSignAction(ctx: RallyContext) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const signer = letterSigner(ctx, teamIdOf(body), body.user.id);
    const view = await signViewFor(ctx, signer, body.user.name ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
