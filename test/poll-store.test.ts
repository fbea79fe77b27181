import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PollStore } from '../src/polls/store.js';
import { newScopeKey } from '../src/privacy/sealed-box.js';
import { createKeys } from '../src/redis/keys.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

let redis: TestRedis;
let client: Redis;
let store: PollStore;
const namespace = `poll-store-${Date.now()}`;

const newPoll = async (options: { multiple?: boolean; anonymous?: boolean } = {}) => {
  const id = PollStore.newId();
  await store.create(
    {
      id,
      teamId: 'T1',
      channel: 'C1',
      question: 'Walk out?',
      options: ['Yes', 'No', 'Maybe'],
      emojis: ['one', 'two', 'three'],
      anonymous: options.anonymous ?? false,
      multiple: options.multiple ?? false,
      hidden: false,
      reactions: !options.anonymous,
      creator: 'U0CREATOR',
    },
    options.anonymous ? newScopeKey() : undefined,
  );
  return id;
};

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  store = new PollStore(client, createKeys(namespace));
});

afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

describe('PollStore.vote', () => {
  it('single choice: votes, moves on another option, withdraws on the same one pressed again later', async () => {
    const id = await newPoll();
    const t = Date.now();
    expect(await store.vote(id, 'U1', 0, 'toggle', false, t)).toEqual({ ok: true, selection: [0] });
    expect(await store.vote(id, 'U1', 1, 'toggle', false, t + 10)).toEqual({ ok: true, selection: [1] });
    expect(await store.tally(id, 3)).toEqual({ counts: [0, 1, 0], voters: 1 });
    expect(await store.vote(id, 'U1', 1, 'toggle', false, t + 5_000)).toEqual({ ok: true, selection: [] });
    expect(await store.tally(id, 3)).toEqual({ counts: [0, 0, 0], voters: 0 });
  });

  it('multiple choice: each option toggles', async () => {
    const id = await newPoll({ multiple: true });
    const t = Date.now();
    await store.vote(id, 'U1', 0, 'toggle', true, t);
    expect(await store.vote(id, 'U1', 2, 'toggle', true, t + 10)).toEqual({ ok: true, selection: [0, 2] });
    expect(await store.vote(id, 'U1', 0, 'toggle', true, t + 5_000)).toEqual({ ok: true, selection: [2] });
    expect(await store.tally(id, 3)).toEqual({ counts: [0, 0, 1], voters: 1 });
  });

  it('reactions: add holds (and moves a single vote), remove releases only what is held', async () => {
    const id = await newPoll();
    await store.vote(id, 'U1', 0, 'add', false);
    await store.vote(id, 'U1', 0, 'add', false);
    expect(await store.tally(id, 3)).toEqual({ counts: [1, 0, 0], voters: 1 });
    await store.vote(id, 'U1', 1, 'add', false);
    expect(await store.tally(id, 3)).toEqual({ counts: [0, 1, 0], voters: 1 });
    await store.vote(id, 'U1', 0, 'remove', false);
    expect(await store.tally(id, 3)).toEqual({ counts: [0, 1, 0], voters: 1 });
    await store.vote(id, 'U1', 1, 'remove', false);
    expect(await store.tally(id, 3)).toEqual({ counts: [0, 0, 0], voters: 0 });
  });

  it('refuses an option out of range, an unknown poll and a closed poll', async () => {
    const id = await newPoll();
    expect(await store.vote(id, 'U1', 3, 'toggle', false)).toEqual({ ok: false, reason: 'bad-option' });
    expect(await store.vote('nope', 'U1', 0, 'toggle', false)).toEqual({ ok: false, reason: 'unknown-poll' });
    await store.close(id, false, 60);
    expect(await store.vote(id, 'U1', 0, 'toggle', false)).toEqual({ ok: false, reason: 'closed' });
  });

  it('is exact under concurrent clicks from many connections', async () => {
    const id = await newPoll();
    // Eight connections, as several web processes would have.
    const clients = Array.from({ length: 8 }, () => new Redis(redis.url));
    const stores = clients.map((c) => new PollStore(c, createKeys(namespace)));
    const via = (i: number) => stores[i % stores.length] as PollStore;
    // Each of 200 voters double-clicks one option (counted once), then moves to the next one.
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await Promise.all([
          via(i).vote(id, `U${i}`, i % 3, 'toggle', false),
          via(i + 1).vote(id, `U${i}`, i % 3, 'toggle', false),
        ]);
        await via(i + 2).vote(id, `U${i}`, (i + 1) % 3, 'toggle', false);
      }),
    );
    for (const c of clients) c.disconnect();
    const tally = await store.tally(id, 3);
    expect(tally.voters).toBe(200);
    expect(tally.counts.reduce((a, b) => a + b, 0)).toBe(200);
    expect(tally.counts).toEqual([66, 67, 67]);
  });
});

describe('a second press of the same option soon after the first (a double click)', () => {
  it('within 1.5 s is answered like the first and changes nothing, in single and multiple choice', async () => {
    const t = Date.now();
    const single = await newPoll();
    expect(await store.vote(single, 'U1', 0, 'toggle', false, t)).toEqual({ ok: true, selection: [0] });
    expect(await store.vote(single, 'U1', 0, 'toggle', false, t + 100)).toEqual({ ok: true, selection: [0] });
    expect(await store.vote(single, 'U1', 0, 'toggle', false, t + 1_400)).toEqual({
      ok: true,
      selection: [0],
    });
    expect(await store.tally(single, 3)).toEqual({ counts: [1, 0, 0], voters: 1 });
    const several = await newPoll({ multiple: true });
    await store.vote(several, 'U1', 2, 'toggle', true, t);
    expect(await store.vote(several, 'U1', 0, 'toggle', true, t + 2_000)).toEqual({
      ok: true,
      selection: [0, 2],
    });
    expect(await store.vote(several, 'U1', 0, 'toggle', true, t + 2_150)).toEqual({
      ok: true,
      selection: [0, 2],
    });
    expect(await store.tally(several, 3)).toEqual({ counts: [1, 0, 1], voters: 1 });
  });

  it('after 1.5 s is a deliberate press and withdraws; a double click on that withdrawal withdraws once', async () => {
    const t = Date.now();
    const id = await newPoll();
    await store.vote(id, 'U1', 1, 'toggle', false, t);
    expect(await store.vote(id, 'U1', 1, 'toggle', false, t + 1_500)).toEqual({ ok: true, selection: [] });
    expect(await store.vote(id, 'U1', 1, 'toggle', false, t + 1_600)).toEqual({ ok: true, selection: [] });
    expect(await store.tally(id, 3)).toEqual({ counts: [0, 0, 0], voters: 0 });
  });

  it('holds with the real clock: two presses at once count once, a press after a 1.6 s wait withdraws', async () => {
    const id = await newPoll();
    await Promise.all([store.vote(id, 'U1', 0, 'toggle', false), store.vote(id, 'U1', 0, 'toggle', false)]);
    expect(await store.selection(id, 'U1', 3)).toEqual([0]);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await store.vote(id, 'U1', 0, 'toggle', false)).toEqual({ ok: true, selection: [] });
  });

  it('leaves other options, other voters and reactions alone, and keeps its record no longer than 1.5 s', async () => {
    const t = Date.now();
    const id = await newPoll({ anonymous: true });
    await store.vote(id, 'hash-a', 0, 'toggle', false, t);
    // Another option at once is a move; another voter is another voter.
    expect(await store.vote(id, 'hash-a', 1, 'toggle', false, t + 50)).toEqual({ ok: true, selection: [1] });
    expect(await store.vote(id, 'hash-b', 1, 'toggle', false, t + 60)).toEqual({ ok: true, selection: [1] });
    // A reaction removed right after a press still releases the option.
    expect(await store.vote(id, 'hash-b', 1, 'remove', false, t + 70)).toEqual({ ok: true, selection: [] });
    expect(await store.tally(id, 3)).toEqual({ counts: [0, 1, 0], voters: 1 });
    // The last presses are kept for the poll, by voter as the poll records them, for 1.5 s at most after
    // the last press; each press drops those older than 1.5 s.
    const [presses, times] = [
      `{${namespace}}:poll:${id}:last-press`,
      `{${namespace}}:poll:${id}:last-press-at`,
    ];
    expect(Object.keys(await client.hgetall(presses)).sort()).toEqual(['hash-a', 'hash-b']);
    for (const key of [presses, times]) {
      const ttl = await client.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1_500);
    }
    await store.vote(id, 'hash-c', 0, 'toggle', false, t + 1_560);
    expect(Object.keys(await client.hgetall(presses))).toEqual(['hash-c']);
    expect(await client.zrange(times, '0', '-1')).toEqual(['hash-c']);
    // Closing deletes them with the votes.
    await store.close(id, true, 60);
    expect(await client.exists(presses, times)).toBe(0);
  });
});

describe('PollStore.close', () => {
  it('for an anonymous poll deletes the random key and the voter records, keeping the totals', async () => {
    const id = await newPoll({ anonymous: true });
    expect(await store.anonymityKey(id)).toMatch(/^[\w-]{40,}$/);
    await store.vote(id, 'hash-a', 0, 'toggle', false);
    await store.vote(id, 'hash-b', 1, 'toggle', false);
    expect(await store.close(id, true, 3600)).toEqual({ closed: true, erased: true });
    expect(await store.close(id, true, 3600)).toEqual({ closed: false, erased: false });
    expect(await store.anonymityKey(id)).toBeUndefined();
    expect(await store.hasVoted(id, 'hash-a')).toBe(false);
    expect(await store.tally(id, 3)).toEqual({ counts: [1, 1, 0], voters: 2 });
    expect((await store.get(id))?.closed).toBe(true);
  });

  it("deletes an anonymous poll's creator code; a public poll, which names its creator, keeps it", async () => {
    const secret = await newPoll({ anonymous: true });
    const open = await newPoll();
    await store.close(secret, true, 3600);
    expect(await store.close(open, false, 3600)).toEqual({ closed: true, erased: false });
    expect(await client.hexists(`{${namespace}}:poll:${secret}`, 'creator')).toBe(0);
    expect((await store.get(secret))?.creator).toBe('');
    expect((await store.get(open))?.creator).toBe('U0CREATOR');
  });

  it('takes the poll out of the open polls, which hold poll IDs and nothing else', async () => {
    const id = await newPoll({ anonymous: true });
    expect(await store.openIds()).toContain(id);
    expect(await client.smembers(`{${namespace}}:polls:open`)).toEqual(await store.openIds());
    await store.close(id, true, 3600);
    expect(await store.openIds()).not.toContain(id);
  });
});

describe('people who asked to be forgotten, in a public poll', () => {
  const keyOf = (id: string, part: string) => `{${namespace}}:poll:${id}:${part}`;

  it('are kept as hashes under a random key of the poll, made on first use; closing deletes both', async () => {
    const id = await newPoll();
    expect(await store.forgottenReactorKey(id)).toBeUndefined();
    const keys: string[] = [];
    const hashUnder = (who: string) => (key: string) => {
      keys.push(key);
      return `${who}-under-${key}`;
    };
    expect(await store.markForgottenReactor(id, hashUnder('a'))).toBe(true);
    expect(await store.markForgottenReactor(id, hashUnder('b'))).toBe(true);
    const key = await store.forgottenReactorKey(id);
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(keys).toEqual([key, key]);
    expect(await store.isForgottenReactor(id, [`a-under-${key}`])).toBe(true);
    expect(await store.isForgottenReactor(id, ['legacy-a', `b-under-${key}`])).toBe(true);
    expect(await store.isForgottenReactor(id, ['c'])).toBe(false);
    // Both only live while the poll is open, with a bound for a poll that never closes.
    for (const part of ['forgotten', 'forgotten-key']) {
      expect(await client.ttl(keyOf(id, part))).toBeGreaterThan(399 * 86_400);
    }

    expect(await store.close(id, false, 3600)).toEqual({ closed: true, erased: true });
    expect(await client.exists(keyOf(id, 'forgotten'), keyOf(id, 'forgotten-key'))).toBe(0);
    expect(await store.isForgottenReactor(id, [`a-under-${key}`])).toBe(false);
  });

  it('are not recorded once the poll closed (nothing would read them)', async () => {
    const id = await newPoll();
    await store.close(id, false, 3600);
    expect(await store.markForgottenReactor(id, (key) => `a-under-${key}`)).toBe(false);
    expect(await store.markForgottenReactor('gone', (key) => `a-under-${key}`)).toBe(false);
    expect(await client.exists(keyOf(id, 'forgotten'), keyOf(id, 'forgotten-key'))).toBe(0);
  });
});

describe('PollStore.tidyClosed', () => {
  const keyOf = (id: string, part?: string) => `{${namespace}}:poll:${id}${part ? `:${part}` : ''}`;

  it("removes what closing used to leave: an anonymous poll's creator code and forgotten reactors, even of an expired poll", async () => {
    const secret = await newPoll({ anonymous: true });
    const open = await newPoll();
    const closedPublic = await newPoll();
    await store.close(secret, true, 3600);
    await store.close(closedPublic, false, 3600);
    // As a close of an earlier version left them.
    await client.hset(keyOf(secret), 'creator', 'legacy-creator-hash');
    for (const id of [open, closedPublic, 'expired']) {
      await client.sadd(keyOf(id, 'forgotten'), 'legacy-reactor-hash');
      await client.expire(keyOf(id, 'forgotten'), 400 * 86_400);
    }

    expect(await store.tidyClosed(secret)).toBe(1);
    expect(await store.tidyClosed(closedPublic)).toBe(1);
    expect(await store.tidyClosed('expired')).toBe(1);
    expect(await store.tidyClosed(open)).toBe(0);
    expect(await store.tidyClosed(secret)).toBe(0);
    expect(await client.hexists(keyOf(secret), 'creator')).toBe(0);
    expect((await store.get(closedPublic))?.creator).toBe('U0CREATOR');
    expect(await client.exists(keyOf(closedPublic, 'forgotten'), keyOf('expired', 'forgotten'))).toBe(0);
    expect(await client.exists(keyOf(open, 'forgotten'))).toBe(1);
  });
});
