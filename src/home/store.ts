import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/** A person who opened the Home tab, as the viewers set names them. */
export interface HomeViewer {
  teamId: string;
  userId: string;
}

/** Seconds a message's link is kept: longer than a poll may stay open. */
const permalinkSeconds = 400 * 24 * 3_600;

/** Seconds a person's channel memberships are kept for their Home tab (read again when they open it). */
const membershipSeconds = 3_600;

// Adds what is known about a person's memberships; the record expires an hour after it was started (Redis
// 6 has no EXPIRE ... NX). KEYS: the record. ARGV: seconds, then channel, '1' or '0', ...
const keepMembershipsScript = `
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return 1
`;

const member = (viewer: HomeViewer): string => `${viewer.teamId}:${viewer.userId}`;

/**
 * What the Home tab keeps between publications: who opened it recently and when (so that a change can be
 * shown to them), when each person's Home was last published (so that it is published at most once per
 * `RALLY_HOME_REFRESH_SECONDS`), the links of polls and events, and each person's memberships of the
 * channels with open polls or upcoming events (so that a refresh does not ask Slack again). The last two are named by the person's keyed
 * hash, never their user ID.
 */
export class HomeStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #viewersKey(): string {
    return this.#keys.key('home', 'viewers');
  }

  #publishedKey(personHash: string): string {
    return this.#keys.key('home', 'published', personHash);
  }

  #membershipKey(personHash: string): string {
    return this.#keys.key('home', 'channels', personHash);
  }

  /** Records that someone opened the Home tab now, and drops those who opened it before `since` (ms). */
  async markOpened(viewer: HomeViewer, now: number, since: number): Promise<void> {
    await this.#redis
      .multi()
      .zadd(this.#viewersKey(), now, member(viewer))
      .zremrangebyscore(this.#viewersKey(), '-inf', `(${since}`)
      .exec();
  }

  /** When someone last opened the Home tab, if at or after `since` (ms). */
  async openedAt(viewer: HomeViewer, since: number): Promise<number | undefined> {
    const score = await this.#redis.zscore(this.#viewersKey(), member(viewer));
    return score !== null && Number(score) >= since ? Number(score) : undefined;
  }

  /** Everyone who opened the Home tab at or after `since` (ms); those before are dropped. */
  async viewersSince(since: number): Promise<HomeViewer[]> {
    await this.#redis.zremrangebyscore(this.#viewersKey(), '-inf', `(${since}`);
    const members = await this.#redis.zrange(this.#viewersKey(), '0', '-1');
    return members.flatMap((m) => {
      const [teamId = '', userId = ''] = m.split(':');
      return teamId && userId ? [{ teamId, userId }] : [];
    });
  }

  /** Marks a person's Home as published now, for `ms`. */
  async markPublished(personHash: string, now: number, ms: number): Promise<void> {
    await this.#redis.set(this.#publishedKey(personHash), String(now), 'PX', ms);
  }

  /** When a person's Home was last published, if within the window of `markPublished`. */
  async lastPublished(personHash: string): Promise<number | undefined> {
    const value = await this.#redis.get(this.#publishedKey(personHash));
    return value === null ? undefined : Number(value);
  }

  /** A message's link (a poll's by its ID, an event copy's by its name), as Slack gave it before. */
  async permalink(name: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#keys.key('home', 'permalink', name))) ?? undefined;
  }

  async keepPermalink(name: string, permalink: string): Promise<void> {
    await this.#redis.set(this.#keys.key('home', 'permalink', name), permalink, 'EX', permalinkSeconds);
  }

  /** Which of `channels` the person is known to be in (`true`), or not (`false`); unknown ones are left out. */
  async memberships(personHash: string, channels: readonly string[]): Promise<Map<string, boolean>> {
    const known = new Map<string, boolean>();
    if (channels.length === 0) return known;
    const values = await this.#redis.hmget(this.#membershipKey(personHash), ...channels);
    channels.forEach((channel, i) => {
      if (values[i] === '1' || values[i] === '0') known.set(channel, values[i] === '1');
    });
    return known;
  }

  /** Keeps what Slack said about the person's memberships, for an hour from the first one kept. */
  async keepMemberships(personHash: string, memberships: ReadonlyMap<string, boolean>): Promise<void> {
    if (memberships.size === 0) return;
    const fields = [...memberships].flatMap(([channel, inIt]) => [channel, inIt ? '1' : '0']);
    await this.#redis.eval(
      keepMembershipsScript,
      1,
      this.#membershipKey(personHash),
      String(membershipSeconds),
      ...fields,
    );
  }

  /** Forgets the person's memberships, so that the next publication asks Slack. */
  async dropMemberships(personHash: string): Promise<void> {
    await this.#redis.del(this.#membershipKey(personHash));
  }

  /**
   * Forgets everything the Home tab keeps about a person: that they opened it, when it was published, their
   * memberships. True when they were among the recent viewers.
   */
  async forget(viewer: HomeViewer, personHash: string): Promise<boolean> {
    const [[, removed] = []] =
      (await this.#redis
        .multi()
        .zrem(this.#viewersKey(), member(viewer))
        .del(this.#publishedKey(personHash), this.#membershipKey(personHash))
        .exec()) ?? [];
    return removed === 1;
  }
}
