import type { Redis } from 'ioredis';
import type { SignatureTally } from '../letters/model.js';
import type { Keys } from '../redis/keys.js';
import type { DigestState } from './model.js';

export class DigestStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(channel: string): string {
    return this.#keys.key('digest', channel);
  }

  async get(channel: string): Promise<DigestState> {
    const hash = await this.#redis.hgetall(this.#key(channel));
    return {
      ...(hash.description ? { description: hash.description } : {}),
      quiet: hash.quiet === '1',
      ...(hash.lastAt ? { lastAt: Number(hash.lastAt) } : {}),
      ...(hash.lastSignatures ? { lastSignatures: JSON.parse(hash.lastSignatures) as SignatureTally } : {}),
      lastDonationActivity: JSON.parse(hash.lastDonationActivity ?? '{}') as Record<string, number>,
    };
  }

  async setSchedule(channel: string, description: string, quiet: boolean): Promise<void> {
    await this.#redis.hset(this.#key(channel), { description, quiet: quiet ? '1' : '0' });
  }

  async markSent(
    channel: string,
    at: number,
    signatures: SignatureTally,
    donationActivity: Record<string, number>,
  ): Promise<void> {
    await this.#redis.hset(this.#key(channel), {
      lastAt: String(at),
      lastSignatures: JSON.stringify(signatures),
      lastDonationActivity: JSON.stringify(donationActivity),
    });
  }

  async remove(channel: string): Promise<void> {
    await this.#redis.hdel(this.#key(channel), 'description', 'quiet');
  }
}
