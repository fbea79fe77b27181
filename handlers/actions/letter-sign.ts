import type { RallyContext } from '../../src/context.js';
import { openSignForm } from '../../src/letters/open-sign-form.js';
import { type ButtonArgs, teamIdOf } from '../types.js';

/** **Sign the letter**: opens the signing form (or, for someone who signed, what they hold). */
export function createLetterSignAction(ctx: RallyContext) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const actor = { teamId: teamIdOf(body), userId: body.user.id };
    const view = await openSignForm(ctx, actor, body.user.name ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
