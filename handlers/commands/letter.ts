import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { buildLetterForm } from '../../src/letters/blocks/letter-form.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally letter new` (organizers): the form to write a letter in. */
export function createLetterSubcommand(_ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack, client }) => {
    if (args.length !== 1 || args[0]?.text.toLowerCase() !== 'new') {
      await ack(privately(buildCommandErrorMessage('To write a letter, type `new`.', subcommand('letter'))));
      return;
    }
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: buildLetterForm() });
  };
}
