import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import type { SeedMessage } from './slack/stand-in.js';

/** A key as a fixture holds it: its type, its value as the type's read command gives it, its time to live. */
export interface FixtureKey {
  key: string;
  type: 'string' | 'hash' | 'set' | 'zset' | 'list' | 'stream';
  /** Milliseconds left to live when the fixture was made, -1 for none. */
  ttl: number;
  value: unknown;
}

/** A Redis (and the app's messages in Slack) written by an earlier version of Rally; see `test/fixtures/`. */
export interface RedisFixture {
  keys: FixtureKey[];
  messages: (Omit<SeedMessage, 'user'> & { ts: string })[];
}

export async function readRedisFixture(name: string): Promise<RedisFixture> {
  const path = new URL(`../fixtures/${name}`, import.meta.url);
  return JSON.parse(await readFile(path, 'utf8')) as RedisFixture;
}

/** Writes every key of the fixture into `redis`, each with the time it had left to live. */
export async function loadRedisFixture(redis: Redis, fixture: RedisFixture): Promise<void> {
  for (const { key, type, ttl, value } of fixture.keys) {
    if (type === 'string') await redis.set(key, value as string);
    if (type === 'hash') await redis.hset(key, value as Record<string, string>);
    if (type === 'set') await redis.sadd(key, ...(value as string[]));
    if (type === 'list') await redis.rpush(key, ...(value as string[]));
    if (type === 'zset') {
      const flat = value as string[];
      for (let i = 0; i < flat.length; i += 2)
        await redis.zadd(key, flat[i + 1] as string, flat[i] as string);
    }
    if (type === 'stream') {
      for (const [id, fields] of value as [string, string[]][]) await redis.xadd(key, id, ...fields);
    }
    if (ttl > 0) await redis.pexpire(key, ttl);
  }
}
