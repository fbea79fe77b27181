import type { RallyContext } from '../../src/context.js';
import { buildLetterModal } from '../../src/letters/blocks/letter-modal.js';
import type { ButtonArgs } from '../types.js';

/** **Read the full letter**: the whole letter in a modal. */
export function createLetterReadAction(ctx: RallyContext) {
  const view = buildLetterModal(ctx.campaign);
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
