import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { membersOfSortedSets } from '../redis/scan.js';
import type { Pledge, PromptRef, PromptTally } from './model.js';

/** Prompt records live a year: long enough for any campaign, not forever. */
const promptSeconds = 366 * 24 * 3_600;

/**
 * Donation prompts and their counts. Link clicks are one counter per nonprofit, with nothing about who
 * clicked or when; pledges are stored under the pledger's keyed hash for that prompt only.
 */
export class DonationStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(promptId: string, part?: string): string {
    return part ? this.#keys.key('donation', promptId, part) : this.#keys.key('donation', promptId);
  }

  async setMessage(promptId: string, ref: PromptRef): Promise<void> {
    const channelKey = this.#keys.key('donations', 'channel', ref.channel);
    await this.#redis
      .multi()
      .hset(this.#key(promptId), ref)
      .expire(this.#key(promptId), promptSeconds)
      .zadd(channelKey, Date.now(), promptId)
      .zremrangebyscore(channelKey, 0, Date.now() - promptSeconds * 1000)
      .exec();
  }

  /** Every prompt posted in the last year, in every channel. */
  async allIds(): Promise<string[]> {
    return membersOfSortedSets(this.#redis, this.#keys.key('donations', 'channel', '*'));
  }

  /** The prompts posted in a channel in the last year, oldest first. */
  async idsInChannel(channel: string): Promise<string[]> {
    return this.#redis.zrange(this.#keys.key('donations', 'channel', channel), '0', '-1');
  }

  async message(promptId: string): Promise<PromptRef | undefined> {
    const { channel, ts } = await this.#redis.hgetall(this.#key(promptId));
    return channel && ts ? { channel, ts } : undefined;
  }

  /** Counts one click on a nonprofit's link. False for a prompt Rally does not know. */
  async countClick(promptId: string, nonprofit: number): Promise<boolean> {
    if (!(await this.#redis.exists(this.#key(promptId)))) return false;
    await this.#redis
      .multi()
      .hincrby(this.#key(promptId, 'clicks'), String(nonprofit), 1)
      .expire(this.#key(promptId, 'clicks'), promptSeconds)
      .exec();
    return true;
  }

  async pledgeOf(promptId: string, pledger: string): Promise<Pledge | undefined> {
    const value = await this.#redis.hget(this.#key(promptId, 'pledges'), pledger);
    return value ? (JSON.parse(value) as Pledge) : undefined;
  }

  /** Records or changes a pledge: one per person per prompt. */
  async pledge(promptId: string, pledger: string, pledge: Pledge): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.#key(promptId, 'pledges'), pledger, JSON.stringify(pledge))
      .expire(this.#key(promptId, 'pledges'), promptSeconds)
      .exec();
  }

  async withdraw(promptId: string, pledger: string): Promise<boolean> {
    return (await this.#redis.hdel(this.#key(promptId, 'pledges'), pledger)) === 1;
  }

  async tally(promptId: string, nonprofits: number): Promise<PromptTally> {
    const [clicks, pledges] = await Promise.all([
      this.#redis.hgetall(this.#key(promptId, 'clicks')),
      this.#redis.hlen(this.#key(promptId, 'pledges')),
    ]);
    return { clicks: Array.from({ length: nonprofits }, (_, i) => Number(clicks[String(i)] ?? 0)), pledges };
  }

  /** How a channel's recurring prompt reads to people ("every Friday at 12:00 (Europe/Berlin)"). */
  async scheduleDescription(channel: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#keys.key('donation-schedule', channel))) ?? undefined;
  }

  async setScheduleDescription(channel: string, description: string): Promise<void> {
    await this.#redis.set(this.#keys.key('donation-schedule', channel), description);
  }

  async deleteScheduleDescription(channel: string): Promise<void> {
    await this.#redis.del(this.#keys.key('donation-schedule', channel));
  }
}
