import type { Redis } from 'ioredis';
import type { Keys } from '../keys.js';

/** What became of one delivery: posted (with its ts), or refused by Slack for good. */
export type DeliveryRecord = { ok: true; ts: string } | { ok: false; reason: string };

/** Delivery records outlive every retry of the job that made them. */
const recordSeconds = 7 * 24 * 3_600;

// Takes a posting slot: at most one post per channel per `perChannelMs`, and at most `perSecond` posts a
// second across the workspace. Returns 0 when taken, else the milliseconds to wait.
// KEYS: channel pace, workspace bucket for this second. ARGV: now ms, per-channel ms, per-second limit.
const slotScript = `
local wait = redis.call('PTTL', KEYS[1])
if wait > 0 then return wait end
local used = tonumber(redis.call('GET', KEYS[2]) or '0')
if used >= tonumber(ARGV[3]) then return 1000 - (tonumber(ARGV[1]) % 1000) end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 2000)
return 0
`;

/** The pace and the idempotency records of everything Rally posts from jobs. */
export class DeliveryStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  async get(deliveryId: string): Promise<DeliveryRecord | undefined> {
    const value = await this.#redis.get(this.#keys.key('delivery', deliveryId));
    return value ? (JSON.parse(value) as DeliveryRecord) : undefined;
  }

  async record(deliveryId: string, record: DeliveryRecord): Promise<void> {
    await this.#redis.set(
      this.#keys.key('delivery', deliveryId),
      JSON.stringify(record),
      'EX',
      recordSeconds,
    );
  }

  /** Takes a slot to post in `channel` now, or says how many milliseconds until one is free. */
  async takeSlot(
    channel: string,
    perChannelMs: number,
    perSecond: number,
    now = Date.now(),
  ): Promise<number> {
    const wait = (await this.#redis.eval(
      slotScript,
      2,
      this.#keys.key('pace', channel),
      this.#keys.key('pace', 'workspace', String(Math.floor(now / 1000))),
      String(now),
      String(perChannelMs),
      String(perSecond),
    )) as number;
    return Math.max(0, wait);
  }
}
