import type { RallyContext } from '../../src/context.js';
import { buildLetterModal } from '../../src/letters/blocks/letter-modal.js';
import { type ButtonArgs, letterIdFrom } from '../types.js';

/** **Read the full letter**: the whole letter in a modal. */
export function createLetterReadAction(ctx: RallyContext) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const letter = await ctx.letters.get(letterIdFrom(action.value));
    if (letter) await client.views.open({ trigger_id: body.trigger_id, view: buildLetterModal(letter.text) });
  };
}
