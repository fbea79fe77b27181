import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { RallyContext } from '../../src/context.js';

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** Seconds during which repeated openings of the Home tab by one person publish it once. */
const republishAfterSeconds = 30;

/** Someone opened Rally's Home tab: a job publishes it (the event itself is already acknowledged). */
export function createAppHomeOpenedHandler(ctx: RallyContext) {
  return async ({ event, context }: HomeOpenedArgs): Promise<void> => {
    if (event.tab !== 'home' || !context.teamId) return;
    await ctx.queues.enqueue(
      'home-publish',
      { teamId: context.teamId, userId: event.user },
      { deduplication: { id: `home-${context.teamId}-${event.user}`, ttl: republishAfterSeconds * 1000 } },
    );
  };
}
