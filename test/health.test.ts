import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetrics, samplesOf, scrape } from './support/prometheus.js';
import { type Harness, startHarness } from './support/rally.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { USERS } from './support/slack/index.js';

let redis: TestRedis;
let h: Harness;

const healthOf = async (rally: Harness) => {
  const res = await fetch(`${rally.baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const health = () => healthOf(h);

beforeAll(async () => {
  // A private server even when REDIS_URL is set: this test kills it.
  redis = await startRedis({ private: true });
  h = await startHarness({ redis });
});

afterAll(async () => {
  await h.stop();
  await redis.stop();
});

describe('/healthz', () => {
  it('is 200 with a small JSON report while Redis answers and the workers run', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, redis: 'up', workers: 'running', queues: 'on-time' });
    expect(Object.keys(body).sort()).toEqual(['ok', 'queues', 'redis', 'uptimeSeconds', 'workers']);
  });

  it('turns 503 within a few seconds of Redis going away, and 200 again when it is back', async () => {
    await redis.kill();
    const lostAt = Date.now();
    await expect.poll(async () => (await health()).status, { timeout: 5_000, interval: 100 }).toBe(503);
    expect(Date.now() - lostAt).toBeLessThan(5_000);
    expect((await health()).body).toMatchObject({ ok: false, redis: 'down' });

    await redis.restart();
    await expect.poll(async () => (await health()).status, { timeout: 10_000, interval: 100 }).toBe(200);
  });

  it('keeps answering Slack requests that need no Redis while Redis is away', async () => {
    await redis.kill();
    const res = await h.slack.command('help');
    expect(res.status).toBe(200);
    await redis.restart();
    await expect.poll(async () => (await health()).status, { timeout: 10_000, interval: 100 }).toBe(200);
  });
});

describe('/healthz when a queue waits too long', () => {
  // A Rally whose workers run, allowing a job to wait one second, and a web-only Rally on the same keys.
  const namespace = `test-${randomBytes(4).toString('hex')}`;
  let worker: Harness;
  let web: Harness;

  beforeAll(async () => {
    worker = await startHarness({ redis, namespace, env: { RALLY_MAX_QUEUE_AGE_SECONDS: '1' } });
    web = await startHarness({
      redis,
      namespace,
      role: 'web',
      standIn: worker.standIn,
      env: { RALLY_MAX_QUEUE_AGE_SECONDS: '1' },
    });
  });

  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
  });

  it('turns 503 naming the queue and its age in a process with workers, and 200 once the job is taken', async () => {
    // The workers keep running but take nothing from this queue until it is resumed.
    const queue = worker.rally.ctx.queues.queue('home-publish');
    await queue.pause();
    try {
      // The web-only Rally adds the job, as it does when someone opens the Home tab.
      expect((await web.slack.appHomeOpened(USERS.carla)).status).toBe(200);
      await expect.poll(async () => (await healthOf(worker)).status, { timeout: 5_000 }).toBe(503);
      const { body } = await healthOf(worker);
      expect(body).toMatchObject({ ok: false, redis: 'up', workers: 'running', queues: 'late' });
      expect(body.lateQueues).toEqual([
        { queue: 'home-publish', oldestWaitingSeconds: expect.any(Number) as number },
      ]);
      const [late] = body.lateQueues as { oldestWaitingSeconds: number }[];
      expect(late?.oldestWaitingSeconds).toBeGreaterThanOrEqual(1);
      expect(late?.oldestWaitingSeconds).toBeLessThan(10);

      // A web-only process cannot know whether workers run: it stays healthy and says nothing of queues...
      const webHealth = await healthOf(web);
      expect(webHealth.status).toBe(200);
      expect(Object.keys(webHealth.body).sort()).toEqual(['ok', 'redis', 'uptimeSeconds']);
      // ...while its metrics show the queue's age like every process's.
      const oldest = samplesOf(
        parseMetrics((await scrape(web.baseUrl)).text),
        'rally_queue_oldest_waiting_seconds',
        { queue: 'home-publish' },
      );
      expect(oldest[0]?.value).toBeGreaterThan(1);
    } finally {
      await queue.resume();
    }
    await worker.standIn.waitForCall('views.publish', (c) => c.args.user_id === USERS.carla);
    await expect.poll(async () => (await healthOf(worker)).status, { timeout: 5_000 }).toBe(200);
    expect((await healthOf(worker)).body).toMatchObject({ ok: true, queues: 'on-time' });
    expect((await healthOf(worker)).body).not.toHaveProperty('lateQueues');
  });
});
