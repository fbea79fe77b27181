import type { RallyContext } from '../../src/context.js';
import { listLetters } from '../../src/letters/list-letters.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally letters`: open letters for anyone; every letter with its actions for organizers. */
export function createLettersSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    const viewer = (await ctx.roles.isOrganizer(command.user_id)) ? 'organizer' : 'participant';
    await ack(privately(await listLetters(ctx, viewer)));
  };
}
