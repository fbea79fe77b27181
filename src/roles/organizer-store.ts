import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/**
 * The people owners made organizers: one Redis set of user IDs. Every check reads it (one `SISMEMBER`), so
 * an owner's change holds at once in every process, with no cache to invalidate.
 */
export class OrganizerStore {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#key = keys.key('organizers');
  }

  async has(userId: string): Promise<boolean> {
    return (await this.#redis.sismember(this.#key, userId)) === 1;
  }

  /** Adds a person; false when they were on the list already. */
  async add(userId: string): Promise<boolean> {
    return (await this.#redis.sadd(this.#key, userId)) === 1;
  }

  /** Takes a person off; false when they were not on the list. */
  async remove(userId: string): Promise<boolean> {
    return (await this.#redis.srem(this.#key, userId)) === 1;
  }

  /** Everyone on the list, in a stable order. */
  async list(): Promise<string[]> {
    return (await this.#redis.smembers(this.#key)).sort();
  }
}
