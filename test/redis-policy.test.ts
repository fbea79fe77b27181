import { describe, expect, it } from 'vitest';
import { startHarness } from './support/rally.js';
import { startRedis } from './support/redis-server.js';

describe('start-up checks on Redis', () => {
  it('warns loudly when maxmemory-policy is not noeviction', async () => {
    const redis = await startRedis({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    const h = await startHarness({ redis });
    try {
      const warning = h.logs
        .entries()
        .find((e) => e.level === 40 && String(e.msg).includes('maxmemory-policy'));
      expect(warning).toMatchObject({ maxmemoryPolicy: 'allkeys-lru' });
      expect(String(warning?.msg)).toMatch(/^REDIS IS NOT SAFE FOR RALLY/);
    } finally {
      await h.stop();
      await redis.stop();
    }
  });

  it('says nothing about it when the policy is noeviction', async () => {
    const redis = await startRedis({ private: true });
    const h = await startHarness({ redis });
    try {
      expect(h.logs.lines.some((line) => line.includes('maxmemory-policy'))).toBe(false);
    } finally {
      await h.stop();
      await redis.stop();
    }
  });
});
