import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { PersistenceRequiredError } from '../src/redis/connections.js';
import { startHarness, testEnv, testSigningSecret } from './support/rally.js';
import { startRedis } from './support/redis-server.js';
import { SlackStandIn } from './support/slack/index.js';
import { spawnRally } from './support/spawn-rally.js';

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

describe('start-up report on Redis persistence', () => {
  const loud = (line: Record<string, unknown>) =>
    line.level === 40 && String(line.msg).startsWith('REDIS IS NOT SAFE FOR RALLY: it keeps nothing on disk');

  it('logs the settings in one line, and warns loudly when Redis keeps nothing on disk', async () => {
    const redis = await startRedis({ args: ['--appendonly', 'no', '--save', ''] });
    const h = await startHarness({ redis });
    try {
      const report = h.logs.entries().filter((e) => e.msg === 'redis persistence');
      expect(report).toEqual([
        expect.objectContaining({
          level: 30,
          appendonly: 'no',
          appendfsync: 'everysec',
          save: '',
          compactAfterErasure: 'nothing',
          compactionWorks: 'not needed',
        }),
      ]);
      const warnings = h.logs.entries().filter(loud);
      expect(warnings).toHaveLength(1);
      expect(String(warnings[0]?.msg)).toContain(
        'a restart loses every reminder, schedule, signature and vote',
      );
    } finally {
      await h.stop();
      await redis.stop();
    }
  });

  it('with RALLY_REQUIRE_PERSISTENCE=true, refuses to start on such a Redis, naming the setting', async () => {
    const redis = await startRedis({ args: ['--appendonly', 'no', '--save', ''] });
    const standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
    try {
      const starting = startHarness({ redis, standIn, env: { RALLY_REQUIRE_PERSISTENCE: 'true' } });
      await expect(starting).rejects.toBeInstanceOf(PersistenceRequiredError);
      await expect(starting).rejects.toThrow(/RALLY_REQUIRE_PERSISTENCE is true.*keeps nothing on disk/);

      // As an operator sees it: exit code 1 and the message, without a stack trace.
      const rally = spawnRally({ ...testEnv(standIn, redis.url), RALLY_REQUIRE_PERSISTENCE: 'true' });
      expect(await rally.exited).toBe(1);
      const stderr = rally.stderr.join('');
      expect(stderr).toContain('RALLY_REQUIRE_PERSISTENCE is true');
      expect(stderr).toContain('appendonly yes');
      expect(stderr).not.toMatch(/\n\s+at /);
      const inspector = new Redis(redis.url);
      expect(await inspector.dbsize()).toBe(0);
      inspector.disconnect();
    } finally {
      await standIn.close();
      await redis.stop();
    }
  });

  it('with AOF on, reports it and warns about nothing (RALLY_REQUIRE_PERSISTENCE=true starts)', async () => {
    const redis = await startRedis({ args: ['--appendonly', 'yes'] });
    const h = await startHarness({ redis, env: { RALLY_REQUIRE_PERSISTENCE: 'true' } });
    try {
      expect(h.logs.find('redis persistence')).toMatchObject({
        appendonly: 'yes',
        save: '',
        compactAfterErasure: 'BGREWRITEAOF',
        compactionWorks: 'yes',
      });
      expect(h.logs.entries().filter((e) => e.level === 40)).toEqual([]);
    } finally {
      await h.stop();
      await redis.stop();
    }
  });
});
