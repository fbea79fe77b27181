import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/** What became of one delivery: posted (with its ts), or refused by Slack for good. */
/**
 * What became of one delivery: posted (with its ts), refused by Slack for good, or `sending`: a post was
 * sent and no answer recorded (it may or may not have reached the channel).
 */
export type DeliveryRecord =
  | { ok: true; ts: string }
  | { ok: false; reason: string }
  | { sending: true; at: number };

/** Delivery records outlive every retry of the job that made them. */
const recordSeconds = 7 * 24 * 3_600;

// Takes a posting slot for one delivery: at most one post per channel per `perChannelMs`, and workspace
// posts spaced `intervalMs` apart, evenly (never a burst at the top of a second). A delivery that must wait
// for the workspace reserves the next free slot and is told when it is; coming back then, it takes it, so
// waiting jobs neither collide nor starve. A log of the last second's posts makes sure that jobs coming
// back late never add up to more than `perSecond` in any one second; a delivery the log turns away
// reserves the next free slot too (not merely the moment the log has room, which the deliveries holding
// the slots of that moment would take first, again and again, each time costing it a job start).
// Returns 0 when the slot is taken, else milliseconds to wait.
// The same script paces updates of messages (`chat.update`), a message standing for the channel.
// KEYS: channel pace, workspace next free slot, this delivery's reservation, workspace post log.
// ARGV: now, per-channel ms, interval ms, per-second limit, a unique member for the log.
const slotScript = `
local channelWait = redis.call('PTTL', KEYS[1])
if channelWait > 0 then return channelWait end
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[3])
local reserved = redis.call('GET', KEYS[3])
if reserved and tonumber(reserved) > now then return tonumber(reserved) - now end
if not reserved then
  local nextFree = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), now)
  redis.call('SET', KEYS[2], tostring(nextFree + interval), 'PX', nextFree + interval - now + 1000)
  if nextFree > now then
    redis.call('SET', KEYS[3], tostring(nextFree), 'PX', nextFree - now + 60000)
    return nextFree - now
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - 1000)
if redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[4]) then
  local oldest = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
  local slot = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(oldest[2]) + 1000)
  redis.call('SET', KEYS[2], tostring(slot + interval), 'PX', slot + interval - now + 1000)
  redis.call('SET', KEYS[3], tostring(slot), 'PX', slot - now + 60000)
  return slot - now
end
redis.call('DEL', KEYS[3])
redis.call('ZADD', KEYS[4], now, ARGV[5])
redis.call('PEXPIRE', KEYS[4], 2000)
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
return 0
`;

/** The pace and the idempotency records of everything Rally posts from jobs. */
export class DeliveryStore {
  readonly #redis: Redis;
  readonly #keys: Keys;
  readonly #paceIdOf: (channel: string) => string;

  /**
   * `paceIdOf` names a channel in pace keys: a keyed hash, since a direct message's "channel" is the
   * person's user ID and the pace key would otherwise say who Rally just messaged.
   */
  constructor(redis: Redis, keys: Keys, paceIdOf: (channel: string) => string) {
    this.#redis = redis;
    this.#keys = keys;
    this.#paceIdOf = paceIdOf;
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

  /**
   * Takes a slot for delivery `deliveryId` in `channel`, or says how many milliseconds until its slot: one
   * post per channel per `perChannelMs`, and `perSecond` posts a second across the workspace, evenly spaced.
   */
  async takeSlot(
    deliveryId: string,
    channel: string,
    perChannelMs: number,
    perSecond: number,
    now = Date.now(),
  ): Promise<number> {
    return this.#takeSlot(
      {
        target: this.#keys.key('pace', this.#paceIdOf(channel)),
        workspace: this.#keys.key('pace', 'workspace'),
        reserved: this.#keys.key('pace', 'reserved', deliveryId),
        log: this.#keys.key('pace', 'log'),
      },
      { now, perTargetMs: perChannelMs, intervalMs: Math.max(1, Math.floor(1000 / perSecond)), perSecond },
      deliveryId,
    );
  }

  /**
   * Takes the turn to redraw the message `ts` in `channel`, or says how many milliseconds until its turn:
   * one update of a message per `perMessageMs`, and `perMinute` updates a minute across the workspace
   * (Slack's Tier 3 for `chat.update`), evenly spaced, as `takeSlot` spaces posts.
   */
  async takeUpdateSlot(
    channel: string,
    ts: string,
    perMessageMs: number,
    perMinute: number,
    now = Date.now(),
  ): Promise<number> {
    const message = [this.#paceIdOf(channel), ts] as const;
    return this.#takeSlot(
      {
        target: this.#keys.key('pace', 'update', ...message),
        workspace: this.#keys.key('pace', 'update-workspace'),
        reserved: this.#keys.key('pace', 'update-reserved', ...message),
        log: this.#keys.key('pace', 'update-log'),
      },
      {
        now,
        perTargetMs: perMessageMs,
        intervalMs: Math.max(1, Math.ceil(60_000 / perMinute)),
        perSecond: Math.max(1, Math.floor(perMinute / 60)),
      },
      message.join('-'),
    );
  }

  async #takeSlot(
    keys: { target: string; workspace: string; reserved: string; log: string },
    pace: { now: number; perTargetMs: number; intervalMs: number; perSecond: number },
    member: string,
  ): Promise<number> {
    const wait = (await this.#redis.eval(
      slotScript,
      4,
      keys.target,
      keys.workspace,
      keys.reserved,
      keys.log,
      String(pace.now),
      String(pace.perTargetMs),
      String(pace.intervalMs),
      String(pace.perSecond),
      `${member}:${pace.now}`,
    )) as number;
    return Math.max(0, wait);
  }

  /** Marks a delivery as being sent, just before the call to Slack. */
  async markSending(deliveryId: string): Promise<void> {
    await this.record(deliveryId, { sending: true, at: Date.now() });
  }

  /** Forgets a `sending` mark when Slack said it did not post (a 429, a 5xx): trying again is safe. */
  async clearSending(deliveryId: string): Promise<void> {
    await this.#redis.del(this.#keys.key('delivery', deliveryId));
  }
}
