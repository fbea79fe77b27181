import {
  buildHelpMessage,
  buildOrganizersOnlyMessage,
  buildUnknownCommandMessage,
} from '../../src/commands/blocks/help.js';
import { subcommands } from '../../src/commands/catalog.js';
import { routeCommand } from '../../src/commands/route.js';
import type { RallyContext } from '../../src/context.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { type CommandArgs, privately, type SubcommandHandler } from '../types.js';
import { createArticleSubcommand } from './article.js';
import { createArticlesSubcommand } from './articles.js';
import { createDigestSubcommand } from './digest.js';
import { createDonateSubcommand } from './donate.js';
import { createEventSubcommand } from './event.js';
import { createEventsSubcommand } from './events.js';
import { createForgetSubcommand } from './forget.js';
import { createLetterSubcommand } from './letter.js';
import { createLettersSubcommand } from './letters.js';
import { createPollSubcommand } from './poll.js';
import { createPostSubcommand } from './post.js';
import { createPrivacySubcommand } from './privacy.js';
import { createRemindSubcommand } from './remind.js';
import { createRemindersSubcommand } from './reminders.js';
import { createSignSubcommand } from './sign.js';
import { createSignaturesSubcommand } from './signatures.js';
import { createUnsignSubcommand } from './unsign.js';

/** A handler for every subcommand of the catalog but help (a test checks none is missing). */
export const subcommandHandlers: Record<string, (ctx: RallyContext) => SubcommandHandler> = {
  letter: createLetterSubcommand,
  letters: createLettersSubcommand,
  article: createArticleSubcommand,
  articles: createArticlesSubcommand,
  post: createPostSubcommand,
  sign: createSignSubcommand,
  unsign: createUnsignSubcommand,
  signatures: createSignaturesSubcommand,
  poll: createPollSubcommand,
  event: createEventSubcommand,
  events: createEventsSubcommand,
  donate: createDonateSubcommand,
  remind: createRemindSubcommand,
  reminders: createRemindersSubcommand,
  digest: createDigestSubcommand,
  privacy: createPrivacySubcommand,
  forget: createForgetSubcommand,
};

/** `/rally <subcommand> ...`: reads the subcommand word and answers or hands over to its handler. */
export function createRallyCommandHandler(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'command-rally' });
  const handlers = new Map(Object.entries(subcommandHandlers).map(([name, create]) => [name, create(ctx)]));
  return async (args: CommandArgs): Promise<void> => {
    const route = routeCommand(args.command.text);
    switch (route.kind) {
      case 'help':
        await args.ack(privately(buildHelpMessage(subcommands)));
        return;
      case 'unknown':
        logger.info({ route: route.kind }, 'unknown subcommand');
        await args.ack(privately(buildUnknownCommandMessage(route.word, subcommands)));
        return;
      case 'unreadable':
        await args.ack(
          privately(
            buildCommandErrorMessage(
              route.problem,
              route.subcommand ?? { usage: '/rally <command> "text in quotes" ...' },
            ),
          ),
        );
        return;
      case 'subcommand': {
        const { subcommand } = route;
        // The one place organizer commands are refused: a handler never checks the role again.
        if (subcommand.audience === 'organizers' && !ctx.isOrganizer(args.command.user_id)) {
          await args.ack(
            privately(buildOrganizersOnlyMessage(subcommand.refusal ?? `use /rally ${subcommand.name}`)),
          );
          return;
        }
        const handler = handlers.get(subcommand.name);
        if (handler) await handler(route.args, args);
        else await args.ack(privately(buildUnknownCommandMessage(route.subcommand.name, subcommands)));
        return;
      }
    }
  };
}
