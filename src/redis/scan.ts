import type { Redis } from 'ioredis';

/** The members of every sorted set whose key matches `pattern`, once each (SCAN, so Redis is not blocked). */
export async function membersOfSortedSets(redis: Redis, pattern: string): Promise<string[]> {
  const members = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 200);
    cursor = next;
    for (const key of keys) for (const member of await redis.zrange(key, '0', '-1')) members.add(member);
  } while (cursor !== '0');
  return [...members];
}
