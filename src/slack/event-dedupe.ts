import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/** Slack retries an event for up to about 6 minutes; an hour of memory covers every retry. */
const eventMemorySeconds = 3_600;

/**
 * Claims an Events API delivery by its `event_id`. True the first time; false for Slack's retries of
 * the same event, which must not be processed again.
 */
export async function claimEvent(redis: Redis, keys: Keys, eventId: string): Promise<boolean> {
  const reply = await redis.set(keys.key('event', eventId), '1', 'EX', eventMemorySeconds, 'NX');
  return reply === 'OK';
}
