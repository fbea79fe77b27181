import type { RallyContext } from '../../src/context.js';
import { closeLetterNow } from '../../src/letters/close-letter.js';
import { type ButtonArgs, letterIdFrom } from '../types.js';

/** **Close signing** on the delivery export (organizers): a job closes the letter and says so. */
export function createLetterCloseAction(ctx: RallyContext) {
  return async ({ ack, action, body }: ButtonArgs): Promise<void> => {
    await ack();
    await closeLetterNow(ctx, {
      letterId: letterIdFrom(action.value),
      requestedBy: body.user.id,
      ...(body.response_url ? { responseUrl: body.response_url } : {}),
    });
  };
}
