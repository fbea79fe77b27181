import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/rally.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

let redis: TestRedis;
let h: Harness;

const health = async () => {
  const res = await fetch(`${h.baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

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
    expect(body).toMatchObject({ ok: true, redis: 'up', workers: 'running' });
    expect(Object.keys(body).sort()).toEqual(['ok', 'redis', 'uptimeSeconds', 'workers']);
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
