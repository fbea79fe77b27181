import type { RallyContext } from '../../src/context.js';
import { campaignLetterId } from '../../src/letters/model.js';
import { openSignForm } from '../../src/letters/open-sign-form.js';
import type { SubcommandHandler } from '../types.js';

/** `/rally sign`: opens the signing form (or, for someone who signed, what they hold). */
export function createSignSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack, client }) => {
    await ack();
    const actor = { teamId: command.team_id, userId: command.user_id };
    const view = await openSignForm(ctx, campaignLetterId, actor);
    await client.views.open({ trigger_id: command.trigger_id, view });
  };
}
