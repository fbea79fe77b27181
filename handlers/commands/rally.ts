import {
  buildHelpMessage,
  buildUnknownCommandMessage,
  commandNotRecordedMessage,
} from '../../src/commands/blocks/help.js';
import { subcommands } from '../../src/commands/catalog.js';
import { routeCommand } from '../../src/commands/route.js';
import type { RallyContext } from '../../src/context.js';
import { checkRole } from '../../src/roles/check-role.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { type CommandArgs, privately, type SubcommandHandler } from '../types.js';
import { createArticleSubcommand } from './article.js';
import { createArticlesSubcommand } from './articles.js';
import { createAuditSubcommand } from './audit.js';
import { createDigestSubcommand } from './digest.js';
import { createDonateSubcommand } from './donate.js';
import { createEventSubcommand } from './event.js';
import { createEventsSubcommand } from './events.js';
import { createForgetSubcommand } from './forget.js';
import { createLetterSubcommand } from './letter.js';
import { createLettersSubcommand } from './letters.js';
import { createNonprofitsSubcommand } from './nonprofits.js';
import { createOrganizersSubcommand } from './organizers.js';
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
  nonprofits: createNonprofitsSubcommand,
  remind: createRemindSubcommand,
  reminders: createRemindersSubcommand,
  digest: createDigestSubcommand,
  audit: createAuditSubcommand,
  organizers: createOrganizersSubcommand,
  privacy: createPrivacySubcommand,
  forget: createForgetSubcommand,
};

/**
 * Runs a subcommand's handler so that its author always hears back within Slack's 3 s: when the handler
 * fails before answering (Redis unreachable, or refusing writes), the failure is logged and the command is
 * answered privately that it could not be finished, instead of being left to time out.
 */
async function runAnswering(
  handler: SubcommandHandler,
  words: Parameters<SubcommandHandler>[0],
  args: CommandArgs,
  logger: RallyContext['logger'],
): Promise<void> {
  let acked = false;
  const ack: CommandArgs['ack'] = async (response) => {
    acked = true;
    await args.ack(response);
  };
  try {
    await handler(words, { ...args, ack });
  } catch (err) {
    if (acked) throw err;
    logger.error({ err }, 'command not recorded');
    await args.ack(privately(commandNotRecordedMessage));
  }
}

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
        // The one place commands are refused by role: a handler never checks the role again.
        const check = await checkRole(
          ctx.roles,
          subcommand.audience,
          args.command.user_id,
          subcommand.refusal ?? `use /rally ${subcommand.name}`,
        );
        if (!check.allowed) {
          await args.ack(privately(check.refusal));
          return;
        }
        const handler = handlers.get(subcommand.name);
        if (handler) await runAnswering(handler, route.args, args, logger);
        else await args.ack(privately(buildUnknownCommandMessage(route.subcommand.name, subcommands)));
        return;
      }
    }
  };
}
