import type { Redis } from 'ioredis';
import { campaignLetterId, type SignatureTally } from '../letters/model.js';
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
      lastSignatures: readLastSignatures(hash.lastSignatures),
      lastDonationActivity: JSON.parse(hash.lastDonationActivity ?? '{}') as Record<string, number>,
    };
  }

  async setSchedule(channel: string, description: string, quiet: boolean): Promise<void> {
    await this.#redis.hset(this.#key(channel), { description, quiet: quiet ? '1' : '0' });
  }

  async markSent(
    channel: string,
    at: number,
    signatures: Record<string, SignatureTally>,
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

/**
 * Tallies by letter ID. Before letters were data a digest remembered one tally, of the campaign's letter;
 * such a record is read as that letter's.
 */
function readLastSignatures(stored: string | undefined): Record<string, SignatureTally> {
  if (!stored) return {};
  const parsed = JSON.parse(stored) as Record<string, SignatureTally> | SignatureTally;
  if (typeof (parsed as SignatureTally).named === 'number')
    return { [campaignLetterId]: parsed as SignatureTally };
  return parsed as Record<string, SignatureTally>;
}
