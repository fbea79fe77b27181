import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { listNonprofits } from '../../src/nonprofits/list-nonprofits.js';
import { parseNonprofitsCommand } from '../../src/nonprofits/nonprofits-command.js';
import { openNonprofitForm } from '../../src/nonprofits/open-nonprofit-form.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/**
 * `/rally nonprofits` (organizers): the list, with Remove and Add; `/rally nonprofits add [<https link>
 * <name…>]`: the form to add one, filled in with what was given.
 */
export function createNonprofitsSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack, client }) => {
    const parsed = parseNonprofitsCommand(args);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, subcommand('nonprofits'))));
      return;
    }
    if (parsed.action === 'list') {
      await ack(privately(await listNonprofits(ctx)));
      return;
    }
    const opening = await openNonprofitForm(ctx, parsed.prefill);
    if (!opening.ok) {
      await ack(privately(opening.message));
      return;
    }
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: opening.view });
  };
}
