import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { type AuditEntry, type AuditPage, forgottenActor } from './model.js';

/** `ZRANGE ... WITHSCORES` as members with their scores. */
const pairs = (flat: string[]): { value: string; score: string }[] =>
  Array.from({ length: flat.length / 2 }, (_, i) => ({
    value: flat[2 * i] ?? '',
    score: flat[2 * i + 1] ?? '0',
  }));

// Adds an entry and drops those older than the retention, in one step. KEYS: the log. ARGV: time, entry,
// the oldest time kept.
const recordScript = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
return 1
`;

/**
 * The audit of organizers' actions: one sorted set by time, kept for `retentionDays`. `onChange` is called
 * after each change of it; each one follows an organizer's action, which changes what organizers' Home
 * tabs show (see `src/context.ts`).
 */
export class AuditLog {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #retentionMs: number;
  readonly #onChange: () => Promise<void>;

  constructor(
    redis: Redis,
    keys: Keys,
    retentionDays: number,
    onChange: () => Promise<void> = async () => {},
  ) {
    this.#redis = redis;
    this.#key = keys.key('audit');
    this.#retentionMs = retentionDays * 86_400_000;
    this.#onChange = onChange;
  }

  async record(entry: AuditEntry): Promise<void> {
    // A random part keeps two identical entries in the same millisecond apart.
    const member = JSON.stringify({ ...entry, n: randomBytes(4).toString('hex') });
    await this.#redis.eval(
      recordScript,
      1,
      this.#key,
      String(entry.at),
      member,
      String(entry.at - this.#retentionMs),
    );
    await this.#onChange();
  }

  /**
   * Takes a person's ID out of every entry (as the organizer who acted, or the person acted on): the
   * actions stay, without them. Returns how many entries named them.
   */
  async forgetPerson(userId: string): Promise<number> {
    let changed = 0;
    for (const member of await this.#redis.zrange(this.#key, '0', '-1', 'WITHSCORES').then(pairs)) {
      const entry = JSON.parse(member.value) as AuditEntry & { n: string };
      if (entry.actor !== userId && entry.person !== userId) continue;
      const { person, ...rest } = entry;
      const kept = {
        ...rest,
        actor: entry.actor === userId ? forgottenActor : entry.actor,
        ...(person && person !== userId ? { person } : {}),
      };
      await this.#redis
        .multi()
        .zrem(this.#key, member.value)
        .zadd(this.#key, member.score, JSON.stringify(kept))
        .exec();
      changed++;
    }
    if (changed > 0) await this.#onChange();
    return changed;
  }

  /** How many entries name a person (as the organizer who acted, or the person acted on); changes nothing. */
  async entriesNaming(userId: string): Promise<number> {
    const members = await this.#redis.zrange(this.#key, '0', '-1');
    return members.filter((member) => {
      const entry = JSON.parse(member) as AuditEntry;
      return entry.actor === userId || entry.person === userId;
    }).length;
  }

  /** `count` entries, newest first, after skipping the `offset` newest; older than the retention are left out. */
  async page(offset: number, count: number, now = Date.now()): Promise<AuditPage> {
    const oldest = now - this.#retentionMs;
    const [members, total] = await Promise.all([
      this.#redis.zrevrangebyscore(this.#key, '+inf', oldest, 'LIMIT', offset, count),
      this.#redis.zcount(this.#key, oldest, '+inf'),
    ]);
    const entries = members.map((m) => {
      const { n: _n, ...entry } = JSON.parse(m) as AuditEntry & { n: string };
      return entry;
    });
    return { entries, offset, total };
  }
}
