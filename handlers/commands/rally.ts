import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import {
  buildComingSoonMessage,
  buildCommandErrorMessage,
  buildHelpMessage,
  buildUnknownCommandMessage,
  type MessageContent,
} from '../../src/blocks/help.js';
import { subcommands } from '../../src/commands/catalog.js';
import { routeCommand } from '../../src/commands/route.js';
import type { RallyContext } from '../../src/context.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Answers only the person who typed the command, inside the acknowledgement itself. */
const privately = (content: MessageContent) => ({ response_type: 'ephemeral' as const, ...content });

/** `/rally <subcommand> ...`: reads the subcommand word and answers or hands over to its handler. */
export function createRallyCommandHandler(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'command-rally' });
  return async ({ command, ack }: CommandArgs): Promise<void> => {
    const route = routeCommand(command.text);
    switch (route.kind) {
      case 'help':
        await ack(privately(buildHelpMessage(subcommands)));
        return;
      case 'unknown':
        logger.info({ route: route.kind }, 'unknown subcommand');
        await ack(privately(buildUnknownCommandMessage(route.word, subcommands)));
        return;
      case 'unreadable':
        await ack(
          privately(buildCommandErrorMessage(route.problem, '/rally <command> "text in quotes" ...')),
        );
        return;
      case 'subcommand':
        await ack(privately(buildComingSoonMessage(route.subcommand)));
        return;
    }
  };
}
