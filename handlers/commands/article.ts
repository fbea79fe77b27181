import { parseArticleCommand } from '../../src/articles/article-command.js';
import { newArticleForm } from '../../src/articles/new-article-form.js';
import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally article new` or `/rally article <https link>` (organizers): the form to write an article in. */
export function createArticleSubcommand(_ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack, client }) => {
    const parsed = parseArticleCommand(args);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, subcommand('article'))));
      return;
    }
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: newArticleForm(parsed.url) });
  };
}
