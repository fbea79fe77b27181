import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { Reminder } from './model.js';

// Stores a reminder unless its creator has `max` waiting. KEYS: reminder, creator's index, target's index.
// ARGV: max, reminder ID, then the reminder's fields and values. Returns -1 when stored, else how many wait.
const createScript = `
local waiting = redis.call('SCARD', KEYS[2])
if waiting >= tonumber(ARGV[1]) then return waiting end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[2])
return -1
`;

// Counts a series' run once per run ID. KEYS: reminder. ARGV: run ID. Returns the run's number, 0 if gone.
const countRunScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'lastRunId') == ARGV[1] then
  return tonumber(redis.call('HGET', KEYS[1], 'runs') or '0')
end
redis.call('HSET', KEYS[1], 'lastRunId', ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'runs', 1)
`;

/** Reminders, with indexes by creator and by target channel for `/rally reminders`. */
export class ReminderStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(id: string): string {
    return this.#keys.key('reminder', id);
  }

  #byCreator(userId: string): string {
    return this.#keys.key('reminders', 'creator', userId);
  }

  #byTarget(target: string): string {
    return this.#keys.key('reminders', 'target', target);
  }

  /**
   * Stores a reminder unless its creator already has `max` waiting (set, not yet fired or cancelled):
   * counted and stored in one script, so two commands at once cannot both take the last place. Returns
   * how many they have waiting when refused.
   */
  async create(reminder: Reminder, max: number): Promise<{ ok: true } | { ok: false; waiting: number }> {
    await this.#dropGone(reminder.creator);
    const fields = Object.entries(toHash(reminder)).flat();
    const refused = (await this.#redis.eval(
      createScript,
      3,
      this.#key(reminder.id),
      this.#byCreator(reminder.creator),
      this.#byTarget(reminder.target),
      String(max),
      reminder.id,
      ...fields,
    )) as number;
    return refused < 0 ? { ok: true } : { ok: false, waiting: refused };
  }

  /** Removes from a creator's index the reminders whose record is gone. */
  async #dropGone(creator: string): Promise<void> {
    const ids = await this.#redis.smembers(this.#byCreator(creator));
    if (ids.length === 0) return;
    const exists = await Promise.all(ids.map((id) => this.#redis.exists(this.#key(id))));
    const gone = ids.filter((_, i) => exists[i] === 0);
    if (gone.length > 0) await this.#redis.srem(this.#byCreator(creator), ...gone);
  }

  async update(
    id: string,
    fields: Partial<Pick<Reminder, 'at' | 'pattern' | 'tz' | 'description' | 'maxRuns'>>,
  ): Promise<void> {
    await this.#redis.hset(this.#key(id), toHash(fields));
  }

  /**
   * Counts one run of a series and returns which run it is (1 for the first). A run is counted once, so
   * a retried job (same `runId`) gets the same number back. 0 when the reminder is gone.
   */
  async countRun(id: string, runId: string): Promise<number> {
    return (await this.#redis.eval(countRunScript, 1, this.#key(id), runId)) as number;
  }

  async get(id: string): Promise<Reminder | undefined> {
    const hash = await this.#redis.hgetall(this.#key(id));
    if (!hash.id || !hash.text) return undefined;
    return {
      id: hash.id,
      teamId: hash.teamId ?? '',
      creator: hash.creator ?? '',
      target: hash.target ?? '',
      text: hash.text,
      when: hash.when ?? '',
      ...(hash.at ? { at: Number(hash.at) } : {}),
      ...(hash.pattern ? { pattern: hash.pattern } : {}),
      ...(hash.tz ? { tz: hash.tz } : {}),
      ...(hash.description ? { description: hash.description } : {}),
      ...(hash.maxRuns ? { maxRuns: Number(hash.maxRuns) } : {}),
    };
  }

  /** Deletes the reminder and its text. */
  async delete(reminder: Pick<Reminder, 'id' | 'creator' | 'target'>): Promise<void> {
    await this.#redis
      .multi()
      .del(this.#key(reminder.id))
      .srem(this.#byCreator(reminder.creator), reminder.id)
      .srem(this.#byTarget(reminder.target), reminder.id)
      .exec();
  }

  /** Every reminder set for a channel (not those people set for themselves), soonest first. */
  async listForChannels(): Promise<Reminder[]> {
    const prefix = this.#byTarget('');
    const ids = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200);
      cursor = next;
      for (const key of keys) {
        // Channels (C…, G…) only: a reminder "to me" is indexed under its creator's user ID.
        if (!/^[CG]/.test(key.slice(prefix.length))) continue;
        for (const id of await this.#redis.smembers(key)) ids.add(id);
      }
    } while (cursor !== '0');
    const reminders = (await Promise.all([...ids].map((id) => this.get(id)))).filter(
      (r): r is Reminder => !!r,
    );
    return reminders.sort((a, b) => (a.at ?? Number.MAX_SAFE_INTEGER) - (b.at ?? Number.MAX_SAFE_INTEGER));
  }

  /** The reminders someone set, and those set for a channel, soonest first. */
  async listFor(userId: string, channel: string): Promise<Reminder[]> {
    const ids = await this.#redis.sunion(this.#byCreator(userId), this.#byTarget(channel));
    const reminders = (await Promise.all(ids.map((id) => this.get(id)))).filter((r): r is Reminder => !!r);
    return reminders.sort((a, b) => (a.at ?? Number.MAX_SAFE_INTEGER) - (b.at ?? Number.MAX_SAFE_INTEGER));
  }
}

function toHash(fields: Partial<Reminder>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}
