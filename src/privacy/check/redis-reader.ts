import type { ChainableCommander, Redis } from 'ioredis';
import { isRefusal, parseInfo, type RedisInfo } from '../../redis/info.js';
import {
  anonymousPollQueues,
  eventKey,
  eventPersonQueues,
  type KeyRole,
  letterKey,
  pollKey,
  promptKey,
  queueKeyKind,
  queuesWithoutUsers,
  roleOf,
  undisclosedNoticeQueues,
} from './layout.js';
import type { RedisSnapshot, StoredKey, StoredValue, StreamEntry } from './snapshot.js';

/*
 * Reads what the rules need from Redis, with read commands only (SCAN, TYPE, PTTL, GET, HGETALL, SMEMBERS,
 * ZRANGE, LRANGE, XRANGE, TIME, INFO, CONFIG GET): the check never writes. A poll, a letter or a prompt is
 * read with all its keys in one MULTI, so that a scope that closes while the check runs is seen either
 * open with its keys or closed without them.
 */

type Reader = 'string' | 'hash' | 'set' | 'zset' | 'list' | 'stream';
type ScopeKind = 'poll' | 'letter' | 'prompt' | 'event';

/** The type each part of a poll, a letter and a prompt has (`''` is the scope's own hash). */
const partTypes: Record<ScopeKind, Record<string, Reader>> = {
  poll: {
    '': 'hash',
    key: 'string',
    votes: 'hash',
    counts: 'hash',
    nudged: 'string',
    forgotten: 'set',
    'forgotten-key': 'string',
  },
  letter: {
    '': 'hash',
    key: 'string',
    signers: 'set',
    named: 'hash',
    anonymous: 'hash',
    'legacy-anonymous': 'hash',
    conditional: 'hash',
    copies: 'set',
  },
  prompt: { '': 'hash', key: 'string', pledges: 'hash', clicks: 'hash' },
  event: {
    '': 'hash',
    key: 'string',
    answers: 'hash',
    waitlist: 'zset',
    counts: 'hash',
    reminders: 'hash',
    'last-press': 'hash',
    'last-press-at': 'zset',
    copies: 'set',
    lists: 'hash',
  },
};

const batchSize = 500;

function queueRead(pipe: ChainableCommander, key: string, reader: Reader): void {
  switch (reader) {
    case 'string':
      pipe.get(key);
      break;
    case 'hash':
      pipe.hgetall(key);
      break;
    case 'set':
      pipe.smembers(key);
      break;
    case 'zset':
      pipe.zrange(key, '0', '-1');
      break;
    case 'list':
      pipe.lrange(key, 0, -1);
      break;
    case 'stream':
      pipe.xrange(key, '-', '+');
      break;
  }
}

function storedValueOf(reader: Reader, reply: unknown): StoredValue {
  switch (reader) {
    case 'string':
      return { type: 'string', value: String(reply ?? '') };
    case 'hash':
      return { type: 'hash', value: (reply ?? {}) as Record<string, string> };
    case 'set':
    case 'zset':
    case 'list':
      return { type: reader, value: ((reply ?? []) as unknown[]).map(String) };
    case 'stream':
      return { type: 'stream', value: (reply ?? []) as StreamEntry[] };
  }
}

const readers = new Set<string>(['string', 'hash', 'set', 'zset', 'list', 'stream']);

/** Whether the rules read this key's value (the others are only counted). */
function wanted(role: KeyRole): boolean {
  switch (role.kind) {
    case 'letter-v1':
    case 'redraw-pending':
    case 'pace':
    case 'privacy':
    case 'poll-message':
      return true;
    case 'queue': {
      const kind = queueKeyKind(role.rest);
      if (kind === 'events' || kind === 'dedup') return true;
      return (
        kind === 'job' &&
        (queuesWithoutUsers.includes(role.queue) ||
          anonymousPollQueues.includes(role.queue) ||
          eventPersonQueues.includes(role.queue) ||
          undisclosedNoticeQueues.includes(role.queue))
      );
    }
    default:
      return false;
  }
}

/** Every key under `prefix`, by SCAN (never KEYS, which blocks Redis). */
async function scanNames(redis: Redis, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) names.add(key);
  } while (cursor !== '0');
  return [...names];
}

/** The scope a poll, letter or prompt key belongs to, and its part (`''` for the scope's hash). */
function scopeOf(role: KeyRole): { kind: ScopeKind; id: string; part: string } | undefined {
  switch (role.kind) {
    case 'poll':
      return { kind: 'poll', id: role.pollId, part: '' };
    case 'poll-part':
      return { kind: 'poll', id: role.pollId, part: role.part };
    case 'letter':
      return { kind: 'letter', id: role.letterId, part: '' };
    case 'letter-part':
      return { kind: 'letter', id: role.letterId, part: role.part };
    case 'prompt':
      return { kind: 'prompt', id: role.promptId, part: '' };
    case 'prompt-part':
      return { kind: 'prompt', id: role.promptId, part: role.part };
    case 'event':
      return { kind: 'event', id: role.eventId, part: '' };
    case 'event-part':
      return { kind: 'event', id: role.eventId, part: role.part };
    default:
      return undefined;
  }
}

const scopeKeyOf = { poll: pollKey, letter: letterKey, prompt: promptKey, event: eventKey } as const;

/** Reads each scope's keys (and its own hash, found or not) in one MULTI each. */
async function readScopes(
  redis: Redis,
  prefix: string,
  scopes: Map<string, { kind: ScopeKind; id: string; parts: Set<string> }>,
  into: Map<string, StoredKey>,
): Promise<void> {
  const groups = [...scopes.values()];
  for (let i = 0; i < groups.length; i += 50) {
    const batch = groups.slice(i, i + 50);
    const reads = await Promise.all(
      batch.map(async ({ kind, id, parts }) => {
        // Every part a scope may have, found by SCAN or not: one consistent view of the scope.
        const names = [...new Set([...Object.keys(partTypes[kind]), ...parts])].map((part) => ({
          part,
          name: scopeKeyOf[kind](prefix, id, part),
          reader: partTypes[kind][part],
        }));
        const multi = redis.multi();
        for (const { name, reader } of names) {
          multi.pttl(name);
          if (reader) queueRead(multi, name, reader);
          else multi.type(name);
        }
        const replies = (await multi.exec()) ?? [];
        return { names, replies };
      }),
    );
    for (const { names, replies } of reads) {
      let r = 0;
      for (const { name, reader } of names) {
        const [, ttl] = replies[r++] ?? [];
        const [err, value] = replies[r++] ?? [];
        if (Number(ttl) === -2) continue; // no such key
        const stored: StoredValue = err
          ? { type: 'unread', redisType: 'other' }
          : reader
            ? storedValueOf(reader, value)
            : { type: 'unread', redisType: String(value) };
        into.set(name, { name, ttlMs: Number(ttl), stored });
      }
    }
  }
}

/** TYPE and PTTL, then the value, of keys read one by one (outside any scope). */
async function readOthers(redis: Redis, names: string[], into: Map<string, StoredKey>): Promise<void> {
  for (let i = 0; i < names.length; i += batchSize) {
    const batch = names.slice(i, i + batchSize);
    const meta = redis.pipeline();
    for (const name of batch) meta.type(name).pttl(name);
    const replies = (await meta.exec()) ?? [];
    const found = batch
      .map((name, j) => ({
        name,
        type: String(replies[2 * j]?.[1] ?? 'none'),
        ttl: Number(replies[2 * j + 1]?.[1] ?? -2),
      }))
      .filter((k) => k.type !== 'none' && k.ttl !== -2);
    const values = redis.pipeline();
    for (const { name, type } of found) if (readers.has(type)) queueRead(values, name, type as Reader);
    const valueReplies = (await values.exec()) ?? [];
    let v = 0;
    for (const { name, type, ttl } of found) {
      let stored: StoredValue = { type: 'unread', redisType: type };
      if (readers.has(type)) {
        const [err, value] = valueReplies[v++] ?? [];
        if (!err) stored = storedValueOf(type as Reader, value);
      }
      into.set(name, { name, ttlMs: ttl, stored });
    }
  }
}

async function redisNow(redis: Redis): Promise<number> {
  const [seconds, micros] = (await redis.time()) as [string | number, string | number];
  return Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);
}

async function readPersistence(
  redis: Redis,
): Promise<{ info: RedisInfo | undefined; save: string | undefined }> {
  let info: RedisInfo | undefined;
  let save: string | undefined;
  try {
    info = parseInfo(await redis.info('persistence'));
  } catch (err) {
    if (!isRefusal(err)) throw err;
  }
  try {
    save = ((await redis.config('GET', 'save')) as string[])[1];
  } catch (err) {
    if (!isRefusal(err)) throw err;
  }
  return { info, save };
}

/** What Redis holds under `prefix` that the rules look at, with Redis's clock and persistence. */
export async function readSnapshot(redis: Redis, prefix: string): Promise<RedisSnapshot> {
  const nowMs = await redisNow(redis);
  const { info, save } = await readPersistence(redis);
  const names = await scanNames(redis, prefix);
  const scopes = new Map<string, { kind: ScopeKind; id: string; parts: Set<string> }>();
  const others: string[] = [];
  for (const name of names) {
    const role = roleOf(name, prefix);
    if (!role) continue;
    const scope = scopeOf(role);
    if (scope) {
      const id = `${scope.kind}:${scope.id}`;
      const group = scopes.get(id) ?? { kind: scope.kind, id: scope.id, parts: new Set<string>() };
      group.parts.add(scope.part);
      scopes.set(id, group);
    } else if (wanted(role)) {
      others.push(name);
    }
  }
  const keys = new Map<string, StoredKey>();
  await readScopes(redis, prefix, scopes, keys);
  await readOthers(redis, others, keys);
  return { prefix, nowMs, keys, scanned: names.length, persistence: info, save };
}
