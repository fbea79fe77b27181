import type { Redis } from 'ioredis';

/** One section of `INFO` as field → value (`INFO persistence` gives `aof_enabled`, `rdb_bgsave_in_progress` ...). */
export type RedisInfo = Record<string, string>;

export function parseInfo(text: string): RedisInfo {
  const info: RedisInfo = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) info[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return info;
}

export async function readInfo(redis: Redis, section: string): Promise<RedisInfo> {
  return parseInfo(await redis.info(section));
}

/**
 * Whether Redis refused a command for good rather than failed it for now: an ACL without the permission
 * (`NOPERM`), or a command renamed or disabled (`unknown command`), as managed Redis services often do.
 */
export function isRefusal(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /^NOPERM\b|^ERR unknown (sub)?command\b|no permissions to run/i.test(message);
}
