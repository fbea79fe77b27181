import type { RedisInfo } from '../../redis/info.js';

/** A stream entry as XRANGE returns it: its ID and its fields and values, flat. */
export type StreamEntry = [id: string, fieldsAndValues: string[]];

/** A key's value, as much of it as the check reads. */
export type StoredValue =
  | { type: 'string'; value: string }
  | { type: 'hash'; value: Record<string, string> }
  | { type: 'set' | 'zset' | 'list'; value: string[] }
  | { type: 'stream'; value: StreamEntry[] }
  /** A type the check does not read, or a key whose value it did not need. */
  | { type: 'unread'; redisType: string };

export interface StoredKey {
  name: string;
  /** Milliseconds until it expires; -1 when it never does. */
  ttlMs: number;
  stored: StoredValue;
}

/** What Redis holds under Rally's prefix, read once, with Redis's clock and persistence settings. */
export interface RedisSnapshot {
  /** `{namespace}`. */
  prefix: string;
  /** Redis's time (ms) when the reading began: what Rally's recorded times are compared with. */
  nowMs: number;
  /** Keys read, by name (those the rules need; others are only counted). */
  keys: Map<string, StoredKey>;
  /** How many keys under the prefix SCAN returned. */
  scanned: number;
  /** `INFO persistence`, when Redis answered it. */
  persistence: RedisInfo | undefined;
  /** `CONFIG GET save`, when Redis answered it. */
  save: string | undefined;
}

/** The string at `name`, or undefined when there is none. */
export function stringAt(snapshot: RedisSnapshot, name: string): string | undefined {
  const stored = snapshot.keys.get(name)?.stored;
  return stored?.type === 'string' ? stored.value : undefined;
}

/** A snapshot from values given in memory (`ttlMs` -1 unless said): for tests and tools. */
export function snapshotFrom(
  prefix: string,
  nowMs: number,
  entries: Record<string, StoredValue | { stored: StoredValue; ttlMs: number }>,
  extra: Partial<Pick<RedisSnapshot, 'persistence' | 'save'>> = {},
): RedisSnapshot {
  const keys = new Map<string, StoredKey>();
  for (const [name, entry] of Object.entries(entries)) {
    const withTtl = 'stored' in entry ? entry : { stored: entry, ttlMs: -1 };
    keys.set(name, { name, ...withTtl });
  }
  return {
    prefix,
    nowMs,
    keys,
    scanned: keys.size,
    persistence: extra.persistence,
    save: extra.save,
  };
}
