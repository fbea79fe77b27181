import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { MessageRef } from './model.js';

/** Every posted copy of the letter, so each one's signature line can be refreshed. */
export class LetterCopies {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#key = keys.key('letter', 'copies');
  }

  async add(ref: MessageRef): Promise<void> {
    await this.#redis.sadd(this.#key, `${ref.channel}/${ref.ts}`);
  }

  async remove(ref: MessageRef): Promise<void> {
    await this.#redis.srem(this.#key, `${ref.channel}/${ref.ts}`);
  }

  async list(): Promise<MessageRef[]> {
    const members = await this.#redis.smembers(this.#key);
    return members.sort().map((member) => {
      const [channel = '', ts = ''] = member.split('/');
      return { channel, ts };
    });
  }
}
