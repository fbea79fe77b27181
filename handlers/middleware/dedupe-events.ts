import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { RallyContext } from '../../src/context.js';
import { claimEvent } from '../../src/slack/event-dedupe.js';

/**
 * Slack redelivers an event it believes was lost (HTTP retries, Socket Mode redelivery); each
 * `event_id` is processed once. Other kinds of request pass through.
 */
export function createDedupeEventsMiddleware(ctx: RallyContext): Middleware<AnyMiddlewareArgs> {
  const logger = ctx.logger.child({ handler: 'dedupe-events' });
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await claimEvent(ctx.redis, ctx.keys, eventId))) {
      logger.info({ eventId }, 'duplicate event delivery ignored');
      return;
    }
    await next();
  };
}
