import type { RallyContext } from '../../src/context.js';
import { openNonprofitForm } from '../../src/nonprofits/open-nonprofit-form.js';
import { removeNonprofit } from '../../src/nonprofits/remove-nonprofit.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

/**
 * The buttons of the organizers' private `/rally nonprofits` list; the registration list lets only
 * organizers through.
 */

/** **Add a nonprofit**: the form, unless the list filled up meanwhile. */
export function createNonprofitAddAction(ctx: RallyContext) {
  return async ({ ack, body, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const opening = await openNonprofitForm(ctx, {});
    if (opening.ok) await client.views.open({ trigger_id: body.trigger_id, view: opening.view });
    else await respond(ephemeralReply(opening.message));
  };
}

/**
 * **Remove**: done at once, without asking; the list the organizer is looking at is replaced by the list as
 * it is now, led by a line saying what was removed. An ephemeral message cannot take `chat.update`, but the
 * click's response_url can replace it: https://docs.slack.dev/messaging/modifying-messages
 */
export function createNonprofitRemoveAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const list = await removeNonprofit(ctx, action.value, body.user.id);
    await respond({ response_type: 'ephemeral', replace_original: true, ...list });
  };
}
