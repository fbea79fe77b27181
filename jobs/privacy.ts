import { compactRedis } from '../src/privacy/compaction.js';
import type { Processor } from './processor.js';

/** `redis-compact`: have Redis rewrite its files after anonymous key material was erased. */
export const processRedisCompact: Processor<'redis-compact'> = async (_data, deps) => {
  await compactRedis(deps);
};
