import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { newRecordId } from '../redis/new-id.js';
import { type Nonprofit, type NonprofitDetails, nameKeyOf, nonprofitDetailsSchema } from './model.js';

/** Why a nonprofit was not added: the list is full, or one with that name is on it. */
export type AddRefusal = 'full' | 'duplicate';
export type AddOutcome = { ok: true; nonprofit: Nonprofit } | { ok: false; reason: AddRefusal };

/** What importing one of the campaign file's nonprofits did. */
export type ImportOutcome = 'created' | 'exists' | 'imported-before' | 'full';

// Adds a nonprofit unless the list is full or has one of that name. KEYS: details (id → JSON), names
// (name key → id), order (id by sequence), sequence, imported (name keys the campaign file offered).
// ARGV: id, name key, JSON, most listed, '1' when imported from the campaign file.
const addScript = `
if ARGV[5] == '1' and redis.call('SISMEMBER', KEYS[5], ARGV[2]) == 1 then return 'imported-before' end
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
  if ARGV[5] == '1' then redis.call('SADD', KEYS[5], ARGV[2]) end
  return 'duplicate'
end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return 'full' end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), ARGV[1])
if ARGV[5] == '1' then redis.call('SADD', KEYS[5], ARGV[2]) end
return 'added'
`;

// Removes a nonprofit. KEYS: details, names, order. ARGV: id, name key. Returns 1 when it was listed.
const removeScript = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[2], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[2], ARGV[2]) end
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
`;

/**
 * The nonprofits organizers keep for donation prompts, in the order they were added: at most `max`, no
 * two with the same name. Nothing here is about people: who added or removed a nonprofit is not kept.
 */
export class NonprofitStore {
  readonly #redis: Redis;
  readonly #keys: Keys;
  readonly #max: number;

  constructor(redis: Redis, keys: Keys, max: number) {
    this.#redis = redis;
    this.#keys = keys;
    this.#max = max;
  }

  #key(part?: string): string {
    return part ? this.#keys.key('nonprofits', part) : this.#keys.key('nonprofits');
  }

  /** The most nonprofits listed at once. */
  get max(): number {
    return this.#max;
  }

  /** Every listed nonprofit, in the order they were added. */
  async list(): Promise<Nonprofit[]> {
    const ids = await this.#redis.zrange(this.#key('order'), '0', '-1');
    if (ids.length === 0) return [];
    const values = await this.#redis.hmget(this.#key(), ...ids);
    return ids.flatMap((id, i) => {
      const parsed = nonprofitDetailsSchema.safeParse(JSON.parse(values[i] ?? 'null'));
      return parsed.success ? [{ id, ...parsed.data }] : [];
    });
  }

  async count(): Promise<number> {
    return this.#redis.hlen(this.#key());
  }

  async get(id: string): Promise<Nonprofit | undefined> {
    const value = await this.#redis.hget(this.#key(), id);
    const parsed = nonprofitDetailsSchema.safeParse(JSON.parse(value ?? 'null'));
    return parsed.success ? { id, ...parsed.data } : undefined;
  }

  async #add(details: NonprofitDetails, fromCampaign: boolean): Promise<{ id: string; result: string }> {
    const id = newRecordId('', 6);
    const { name, url, description } = details;
    const result = await this.#redis.eval(
      addScript,
      5,
      this.#key(),
      this.#key('names'),
      this.#key('order'),
      this.#key('sequence'),
      this.#key('imported'),
      id,
      nameKeyOf(name),
      JSON.stringify({ name, url, description }),
      String(this.#max),
      fromCampaign ? '1' : '0',
    );
    return { id, result: String(result) };
  }

  /** Adds a checked nonprofit at the end of the list, unless the list is full or has one of that name. */
  async add(details: NonprofitDetails): Promise<AddOutcome> {
    const { id, result } = await this.#add(details, false);
    if (result === 'added') return { ok: true, nonprofit: { id, ...details } };
    return { ok: false, reason: result === 'full' ? 'full' : 'duplicate' };
  }

  /**
   * Adds one of the campaign file's nonprofits unless one of that name is listed, or the file offered that
   * name before: a nonprofit organizers removed does not come back at the next start.
   */
  async importFromCampaign(details: NonprofitDetails): Promise<ImportOutcome> {
    const { result } = await this.#add(details, true);
    if (result === 'added') return 'created';
    if (result === 'duplicate') return 'exists';
    return result === 'full' ? 'full' : 'imported-before';
  }

  /** Takes a nonprofit off the list; undefined when it was not on it (removed already). */
  async remove(id: string): Promise<Nonprofit | undefined> {
    const nonprofit = await this.get(id);
    if (!nonprofit) return undefined;
    const removed = await this.#redis.eval(
      removeScript,
      3,
      this.#key(),
      this.#key('names'),
      this.#key('order'),
      id,
      nameKeyOf(nonprofit.name),
    );
    return removed === 1 ? nonprofit : undefined;
  }
}
