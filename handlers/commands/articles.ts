import { listArticles } from '../../src/articles/list-articles.js';
import type { RallyContext } from '../../src/context.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally articles` (organizers): every article, newest first, with its actions. */
export function createArticlesSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { ack }) => {
    await ack(privately(await listArticles(ctx)));
  };
}
