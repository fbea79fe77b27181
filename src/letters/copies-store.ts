import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { MessageRef, SignatureTally } from './model.js';

// Keeps the counts a letter's copies were last drawn with, in the letter's record, only while it exists (a
// draft discarded meanwhile is not brought back). KEYS: the letter. ARGV: the counts, as JSON.
const recordShownScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'shown', ARGV[1])
return 1
`;

/**
 * Every posted copy of each letter, so each one's signature line can be redrawn, and the counts they were
 * last drawn with (what the Home tab shows, so that it moves only when the copies do).
 */
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

  /** Remembers the counts the letter's copies are being drawn with. */
  async recordShown(letterId: string, tally: SignatureTally): Promise<void> {
    const { named, anonymous, waiting } = tally;
    const shown = JSON.stringify({ named, anonymous, waiting });
    await this.#redis.eval(recordShownScript, 1, this.#keys.key('letter', letterId), shown);
  }

  /** The counts the letter's copies were last drawn with; undefined when none was recorded. */
  async shown(letterId: string): Promise<SignatureTally | undefined> {
    const value = await this.#redis.hget(this.#keys.key('letter', letterId), 'shown');
    if (!value) return undefined;
    const { named, anonymous, waiting } = JSON.parse(value) as Partial<SignatureTally>;
    return { named: Number(named ?? 0), anonymous: Number(anonymous ?? 0), waiting: Number(waiting ?? 0) };
  }

  async list(letterId: string): Promise<MessageRef[]> {
    const members = await this.#redis.smembers(this.#key(letterId));
    return members.sort().map((member) => {
      const [channel = '', ts = ''] = member.split('/');
      return { channel, ts };
    });
  }
}
