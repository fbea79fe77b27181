import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { RallyContext } from '../../src/context.js';
import { homeOpened } from '../../src/home/publish-home.js';

type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** Someone opened Rally's Home tab: a job publishes it (the event itself is already acknowledged). */
export function createAppHomeOpenedHandler(ctx: RallyContext) {
  return async ({ event, context }: HomeOpenedArgs): Promise<void> => {
    if (event.tab !== 'home' || !context.teamId) return;
    await homeOpened(ctx, context.teamId, event.user);
  };
}
