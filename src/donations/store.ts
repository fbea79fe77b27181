import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type NonprofitDetails, nonprofitDetailsSchema } from '../nonprofits/model.js';
import { newScopeKey } from '../privacy/sealed-box.js';
import type { Keys } from '../redis/keys.js';
import { membersOfSortedSets } from '../redis/scan.js';
import type { Pledge, PromptRef, PromptTally } from './model.js';

/** Prompt records live a year: long enough for any campaign, not forever. */
const promptSeconds = 366 * 24 * 3_600;

const snapshotSchema = z.array(nonprofitDetailsSchema);

const readSnapshot = (value: unknown): NonprofitDetails[] | undefined => {
  if (typeof value !== 'string') return undefined;
  const parsed = snapshotSchema.safeParse(JSON.parse(value));
  return parsed.success ? parsed.data : undefined;
};

// Keeps a prompt's nonprofits once, and gives back the ones kept. The record expires like a posted prompt's,
// unless it already has an expiry (never lengthening an ended prompt's retention). KEYS: prompt. ARGV: the
// list as JSON, seconds the record lives.
const keepNonprofitsScript = `
redis.call('HSETNX', KEYS[1], 'nonprofits', ARGV[1])
if redis.call('TTL', KEYS[1]) == -1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return redis.call('HGET', KEYS[1], 'nonprofits')
`;

// Ends a prompt once. KEYS: prompt, key, pledges, clicks. ARGV: now, retention seconds.
const endScript = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'ended') == '1' then return 0 end
redis.call('HSET', KEYS[1], 'ended', '1', 'endedAt', ARGV[1], 'finalPledges', redis.call('HLEN', KEYS[3]))
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[4], ARGV[2])
return 1
`;

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

  /**
   * Records a posted prompt and opens it: it gets its random key, under which pledgers are hashed until
   * the prompt ends (see `end`).
   */
  async setMessage(promptId: string, ref: PromptRef): Promise<void> {
    const channelKey = this.#keys.key('donations', 'channel', ref.channel);
    await this.#redis
      .multi()
      .hset(this.#key(promptId), ref)
      .expire(this.#key(promptId), promptSeconds)
      .set(this.#key(promptId, 'key'), newScopeKey(), 'EX', promptSeconds, 'NX')
      .zadd(channelKey, Date.now(), promptId)
      .zremrangebyscore(channelKey, 0, Date.now() - promptSeconds * 1000)
      .exec();
  }

  /**
   * Keeps the nonprofits a prompt lists, once: a later call (a retried post) gets the list kept first, so
   * the posted buttons, counts, pledge form and digest lines always read the same list, whatever
   * organizers add or remove afterwards. The copy lives in the prompt's record and goes with it.
   */
  async keepNonprofits(
    promptId: string,
    nonprofits: readonly NonprofitDetails[],
  ): Promise<NonprofitDetails[]> {
    const listed = nonprofits.map(({ name, url, description }) => ({ name, url, description }));
    const kept = await this.#redis.eval(
      keepNonprofitsScript,
      1,
      this.#key(promptId),
      JSON.stringify(listed),
      String(promptSeconds),
    );
    return readSnapshot(kept) ?? listed;
  }

  /** The nonprofits a prompt was posted with; undefined for a prompt posted before prompts kept them. */
  async nonprofits(promptId: string): Promise<NonprofitDetails[] | undefined> {
    return readSnapshot(await this.#redis.hget(this.#key(promptId), 'nonprofits'));
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

  /** The prompt's random key while it is open; undefined once it ended (or for a prompt made before keys). */
  async scopeKey(promptId: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#key(promptId, 'key'))) ?? undefined;
  }

  async isEnded(promptId: string): Promise<boolean> {
    return (await this.#redis.hget(this.#key(promptId), 'ended')) === '1';
  }

  /**
   * Ends a prompt once: its final pledge count is kept, its key and every pledger's hash are erased, and
   * everything it holds expires after `retentionSeconds`. False when it had already ended (or is unknown).
   */
  async end(promptId: string, retentionSeconds: number): Promise<boolean> {
    const ended = await this.#redis.eval(
      endScript,
      4,
      this.#key(promptId),
      this.#key(promptId, 'key'),
      this.#key(promptId, 'pledges'),
      this.#key(promptId, 'clicks'),
      String(Date.now()),
      String(retentionSeconds),
    );
    return ended === 1;
  }

  /** Counts one click on a nonprofit's link. False for a prompt Rally does not know or that has ended. */
  async countClick(promptId: string, nonprofit: number): Promise<boolean> {
    const state = await this.#redis.hmget(this.#key(promptId), 'channel', 'ended');
    if (!state[0] || state[1] === '1') return false;
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
    const [clicks, pledges, finalPledges] = await Promise.all([
      this.#redis.hgetall(this.#key(promptId, 'clicks')),
      this.#redis.hlen(this.#key(promptId, 'pledges')),
      this.#redis.hget(this.#key(promptId), 'finalPledges'),
    ]);
    return {
      clicks: Array.from({ length: nonprofits }, (_, i) => Number(clicks[String(i)] ?? 0)),
      pledges: finalPledges === null ? pledges : Number(finalPledges),
    };
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
