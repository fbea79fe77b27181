import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/** Post records are kept a week: long enough for any retry, short enough to hold nothing for long. */
const recordSeconds = 7 * 24 * 3_600;

/**
 * One-time steps of a post request (its summary), so that a retried job does not repeat them. The
 * messages themselves are made once by the delivery records.
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
