import type { Redis } from 'ioredis';
import type { Keys } from '../keys.js';

/** What happened to one channel of a post request. */
export type ChannelOutcome =
  | { status: 'posted'; ts: string; permalink?: string }
  | { status: 'failed'; reason: string }
  | { status: 'needs-confirmation'; reason: string };

/** Post records are kept a week: long enough for any retry, short enough to hold nothing for long. */
const recordSeconds = 7 * 24 * 3_600;

/**
 * The progress of one post request, channel by channel, so that a retried job skips what was already
 * posted and the summary is sent once. Steps are named (`C123`, `C123:thread`, `summary`).
 */
export class PostRecords {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(postId: string): string {
    return this.#keys.key('post', postId);
  }

  async get(postId: string, step: string): Promise<ChannelOutcome | undefined> {
    const value = await this.#redis.hget(this.#key(postId), step);
    return value ? (JSON.parse(value) as ChannelOutcome) : undefined;
  }

  async set(postId: string, step: string, outcome: ChannelOutcome): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.#key(postId), step, JSON.stringify(outcome))
      .expire(this.#key(postId), recordSeconds)
      .exec();
  }

  /** Whether a one-time step (such as sending the summary) was done. */
  async isDone(postId: string, step: string): Promise<boolean> {
    return (await this.#redis.hexists(this.#key(postId), step)) === 1;
  }

  async markDone(postId: string, step: string): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.#key(postId), step, '1')
      .expire(this.#key(postId), recordSeconds)
      .exec();
  }
}
