import type { Redis } from 'ioredis';

/**
 * Every key and every value Redis holds, of every type (BullMQ's job hashes, lists, sorted sets and
 * streams included), as strings: what a privacy test scans for a user ID.
 */
export async function dumpRedis(redis: Redis): Promise<string[]> {
  const dump: string[] = [];
  for (const key of await redis.keys('*')) {
    dump.push(key);
    const type = await redis.type(key);
    if (type === 'string') dump.push((await redis.get(key)) ?? '');
    if (type === 'hash') dump.push(...Object.entries(await redis.hgetall(key)).flat());
    if (type === 'set') dump.push(...(await redis.smembers(key)));
    if (type === 'list') dump.push(...(await redis.lrange(key, 0, -1)));
    if (type === 'zset') dump.push(...(await redis.zrange(key, '0', '-1')));
    if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return dump;
}
