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

  it('gives a delivery the log turned away a slot of its own, so it is not outrun again and again', async () => {
    // 10 a second: 40 deliveries reserve slots 100 ms apart. Three of them (300, 400 and 500 ms) come back
    // late, together at 1,050 ms, and post then: the second after that holds more posts than the slots
    // alone would put there, so the log turns away the deliveries that come on time after it.
    const store = new DeliveryStore(client, createKeys(`pace-log-${Date.now()}`), (c) => c);
    const now = Date.now();
    const due = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const wait = await store.takeSlot(`d${i}`, `C${i}`, 1_000, 10, now);
      due.set(`d${i}`, wait);
    }
    for (const late of ['d3', 'd4', 'd5']) due.set(late, 1_050);
    const tries = new Map<string, number>();
    const posted: number[] = [];
    while (due.size > 0) {
      // The earliest comer goes first; on a tie, the one whose slot it is (the lower number).
      const [id, at] = [...due].sort(
        (a, b) => a[1] - b[1] || Number(a[0].slice(1)) - Number(b[0].slice(1)),
      )[0] as [string, number];
      tries.set(id, (tries.get(id) ?? 0) + 1);
      const wait = await store.takeSlot(id, `C${id}`, 1_000, 10, now + at);
      if (wait === 0) {
        due.delete(id);
        posted.push(at);
      } else due.set(id, at + wait);
    }
    // Every one posted; none was asked to come back more than once more.
    expect(posted).toHaveLength(40);
    expect(Math.max(...tries.values())).toBeLessThanOrEqual(2);
    // And never more than 10 in any one second.
    for (const at of posted)
      expect(posted.filter((t) => t > at - 1_000 && t <= at).length).toBeLessThanOrEqual(10);
  });
});

describe('update slots', () => {
  it('spreads redraws of different messages over the minute: 8 at once at 50 a minute get turns 1.2 s apart', async () => {
    const store = new DeliveryStore(client, createKeys(`pace-update-${Date.now()}`), (c) => c);
    const now = Date.now();
    const waits = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.takeUpdateSlot(`C${i}`, `1764400000.00010${i}`, 1_200, 50, now),
      ),
    );
    expect([...waits].sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => i * 1_200));
    // Coming back at its turn, a redraw takes it; before it, it is told to wait again.
    const third = waits.indexOf(2_400);
    const ts = `1764400000.00010${third}`;
    expect(await store.takeUpdateSlot(`C${third}`, ts, 1_200, 50, now + 2_000)).toBe(400);
    expect(await store.takeUpdateSlot(`C${third}`, ts, 1_200, 50, now + 2_400)).toBe(0);
  });

  it('redraws one message at most once per its interval, whatever the workspace allows', async () => {
    const store = new DeliveryStore(client, createKeys(`pace-update-message-${Date.now()}`), (c) => c);
    const now = Date.now();
    expect(await store.takeUpdateSlot('C1', '1764400000.000100', 1_200, 6_000, now)).toBe(0);
    const wait = await store.takeUpdateSlot('C1', '1764400000.000100', 1_200, 6_000, now + 10);
    expect(wait).toBeGreaterThan(1_000);
    expect(wait).toBeLessThanOrEqual(1_200);
    // Another message, in the same channel, is not held up by the first one's pace.
    expect(await store.takeUpdateSlot('C1', '1764400000.000200', 1_200, 6_000, now + 20)).toBeLessThan(20);
  });

  it('keeps posts and redraws apart: one does not use the other’s turns', async () => {
    const store = new DeliveryStore(client, createKeys(`pace-both-${Date.now()}`), (c) => c);
    const now = Date.now();
    expect(await store.takeSlot('d1', 'C1', 1_000, 1, now)).toBe(0);
    expect(await store.takeUpdateSlot('C1', '1764400000.000100', 1_200, 1, now)).toBe(0);
    expect(await store.takeSlot('d2', 'C2', 1_000, 1, now)).toBe(1_000);
    expect(await store.takeUpdateSlot('C2', '1764400000.000100', 1_200, 1, now)).toBe(60_000);
  });
});
