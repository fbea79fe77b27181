import type { Redis } from 'ioredis';
import type { SignatureTally } from '../letters/signature-store.js';
import type { Keys } from '../redis/keys.js';

/** A channel's digest settings and what its last digest said, to tell what is new. */
export interface DigestState {
  /** How the schedule reads, e.g. "every day at 09:00 (Europe/Berlin)"; absent without a schedule. */
  description?: string;
  /** Post nothing (rather than one short line) when nothing is new. */
  quiet: boolean;
  lastAt?: number;
  lastSignatures?: SignatureTally;
  /** Clicks plus pledges per donation prompt at the last digest, to report only prompts with news. */
  lastDonationActivity: Record<string, number>;
}

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
