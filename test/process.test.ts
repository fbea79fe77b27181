import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCampaignPath } from '../src/campaign/load.js';
import { testEnv, testSigningSecret } from './support/rally.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { SlackRequests, SlackStandIn, USERS } from './support/slack/index.js';
import { spawnRally } from './support/spawn-rally.js';

describe('start-up with a bad configuration', () => {
  it('exits 1 naming every bad variable, without a stack trace', async () => {
    const rally = spawnRally({ SLACK_BOT_TOKEN: 'not-a-token', RALLY_SECRET: 'short', ROLE: 'boss' });
    expect(await rally.exited).toBe(1);
    const stderr = rally.stderr.join('');
    expect(stderr).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(stderr).toContain('RALLY_SECRET must be at least 32 characters long');
    expect(stderr).toContain('ROLE must be all, web or worker');
    expect(stderr).toContain('SLACK_SIGNING_SECRET is required in HTTP mode');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('short');
  });
});

describe('start-up with a bad campaign file', () => {
  it('exits 1 naming each bad field, before writing anything to Redis', async () => {
    const redis = await startRedis({ private: true });
    const standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
    const dir = await mkdtemp(join(tmpdir(), 'rally-campaign-'));
    try {
      const text = (await readFile(defaultCampaignPath(), 'utf8'))
        .replace(/^ {2}headline: .*$/m, `  headline: "${'x'.repeat(10_000)}"`)
        .replace(/^ {2}addressee: .*$/m, '');
      const file = join(dir, 'campaign.yml');
      await writeFile(file, text);
      const rally = spawnRally({ ...testEnv(standIn, redis.url), RALLY_CAMPAIGN_FILE: file });
      expect(await rally.exited).toBe(1);
      const stderr = rally.stderr.join('');
      expect(stderr).toContain(`The campaign in ${file} is not valid:`);
      expect(stderr).toMatch(/article\.headline: .*150/);
      expect(stderr).toContain('letter.addressee:');
      expect(stderr).not.toMatch(/\n\s+at /);
      const inspector = new Redis(redis.url);
      expect(await inspector.dbsize()).toBe(0);
      inspector.disconnect();
    } finally {
      await rm(dir, { recursive: true, force: true });
      await standIn.close();
      await redis.stop();
    }
  });
});

describe('shutdown', () => {
  let redis: TestRedis;
  let standIn: SlackStandIn;

  beforeAll(async () => {
    // Private: these tests kill Redis and use Rally's default key namespace.
    redis = await startRedis({ private: true });
    standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
  });

  afterAll(async () => {
    await standIn.close();
    await redis.stop();
  });

  it('on SIGTERM lets a running job finish, then exits 0', async () => {
    const rally = spawnRally(testEnv(standIn, redis.url));
    const port = Number((await rally.waitForLog('rally started')).port);
    const slack = new SlackRequests({ appUrl: `http://127.0.0.1:${port}/slack/events`, standIn });
    standIn.delay('views.publish', 2_000);
    try {
      await slack.appHomeOpened(USERS.alice);
      await standIn.waitForCall(
        'views.publish',
        (c) => c.args.user_id === USERS.alice && c.status === undefined,
      );
      const signalledAt = Date.now();
      rally.child.kill('SIGTERM');
      expect(await rally.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
    } finally {
      standIn.delay('views.publish', 0);
    }
    // The Slack call was answered, and BullMQ recorded the job as completed, not abandoned.
    expect(standIn.calls('views.publish').find((c) => c.args.user_id === USERS.alice)?.status).toBe(200);
    const queue = new Queue('home-publish', { connection: { url: redis.url }, prefix: '{rally}' });
    expect(await queue.getJobCounts('completed', 'active', 'wait', 'failed')).toEqual({
      completed: 1,
      active: 0,
      wait: 0,
      failed: 0,
    });
    await queue.close();
    const logs = rally.logs().map((e) => e.msg);
    expect(logs.indexOf('rally stopping')).toBeLessThan(logs.indexOf('rally stopped'));
  });

  it('still exits within 15 s when Redis is already gone', async () => {
    const rally = spawnRally(testEnv(standIn, redis.url));
    await rally.waitForLog('rally started');
    await redis.kill();
    await sleep(300);
    const signalledAt = Date.now();
    rally.child.kill('SIGTERM');
    const code = await rally.exited;
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
    expect(code).toBe(0);
    await redis.restart();
  });
});
