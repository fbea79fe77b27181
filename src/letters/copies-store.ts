import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { MessageRef } from './model.js';

/** Every posted copy of each letter, so each one's signature line can be redrawn. */
export class LetterCopies {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(letterId: string): string {
    return this.#keys.key('letter', letterId, 'copies');
  }

  async add(letterId: string, ref: MessageRef): Promise<void> {
    await this.#redis.sadd(this.#key(letterId), `${ref.channel}/${ref.ts}`);
  }

  async remove(letterId: string, ref: MessageRef): Promise<void> {
    await this.#redis.srem(this.#key(letterId), `${ref.channel}/${ref.ts}`);
  }

  async list(letterId: string): Promise<MessageRef[]> {
    const members = await this.#redis.smembers(this.#key(letterId));
    return members.sort().map((member) => {
      const [channel = '', ts = ''] = member.split('/');
      return { channel, ts };
    });
  }
}
