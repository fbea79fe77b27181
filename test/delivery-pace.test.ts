import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryStore } from '../src/delivery/store.js';
import { createKeys } from '../src/redis/keys.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

let redis: TestRedis;
let client: Redis;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});

afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

describe('posting slots', () => {
  it('spreads workspace posts evenly: 30 deliveries at once at 10 a second get slots 100 ms apart', async () => {
    const store = new DeliveryStore(client, createKeys(`pace-${Date.now()}`), (c) => c);
    const now = Date.now();
    const waits = await Promise.all(
      Array.from({ length: 30 }, (_, i) => store.takeSlot(`d${i}`, `C${i}`, 1_000, 10, now)),
    );
    expect([...waits].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i * 100));
    // Coming back at its slot, each delivery takes it; before it, it is told to wait again.
    const late = waits.indexOf(2_000);
    expect(await store.takeSlot(`d${late}`, `C${late}`, 1_000, 10, now + 1_500)).toBe(500);
    expect(await store.takeSlot(`d${late}`, `C${late}`, 1_000, 10, now + 2_000)).toBe(0);
  });

  it('allows one post a second per channel, whatever the workspace allows', async () => {
    const store = new DeliveryStore(client, createKeys(`pace-channel-${Date.now()}`), (c) => c);
    expect(await store.takeSlot('a', 'C1', 1_000, 1_000)).toBe(0);
    const wait = await store.takeSlot('b', 'C1', 1_000, 1_000);
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1_000);
    // Another channel is not held up by the first one's pace.
    expect(await store.takeSlot('c', 'C2', 1_000, 1_000)).toBeLessThan(10);
  });
});
