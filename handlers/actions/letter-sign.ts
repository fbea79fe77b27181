import type { RallyContext } from '../../src/context.js';
import { openSignForm } from '../../src/letters/open-sign-form.js';
import { otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { type ButtonArgs, fromAnotherOrganization, letterIdFrom, teamIdOf } from '../types.js';

/** **Sign the letter**: opens the signing form (or, for someone who signed, what they hold). */
export function createLetterSignAction(ctx: RallyContext) {
  return async ({ ack, action, body, client, context }: ButtonArgs): Promise<void> => {
    await ack();
    const actor = { teamId: teamIdOf(body), userId: body.user.id };
    const view = fromAnotherOrganization(body, context)
      ? buildNoticeModal('Sign the letter', otherOrganizationMessage)
      : await openSignForm(ctx, letterIdFrom(action.value), actor);
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
