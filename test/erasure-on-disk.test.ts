import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPrivacy } from '../src/privacy/check/check.js';
import { formatReport } from '../src/privacy/check/report.js';
import { lastCompactionKey, lastErasureKey, requestCompaction } from '../src/privacy/compaction.js';
import { parseInfo } from '../src/redis/info.js';
import { pollActions, pollVoteActionId } from '../src/slack/ids.js';
import { createPollByCommand } from './support/polls.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import { filesIn, readableOnDisk } from './support/redis-files.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { CHANNELS, USERS } from './support/slack/index.js';

const infoOf = async (redis: Redis) => parseInfo(await redis.info('persistence'));

/** Waits until every erasure Rally recorded was followed by a compaction, and none is due. */
async function compactionsSettled(h: Harness, inspector: Redis): Promise<void> {
  const queue = h.rally.ctx.queues.queue('redis-compact');
  await expect
    .poll(
      async () => {
        const erased = Number(await inspector.get(lastErasureKey(h.rally.ctx.keys)));
        const compacted = Number(await inspector.get(lastCompactionKey(h.rally.ctx.keys)));
        const pending = Object.values(await queue.getJobCounts('delayed', 'waiting', 'active'));
        return compacted >= erased && pending.every((n) => n === 0);
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
}

describe('erasure on disk: after an anonymous poll closes', () => {
  let redis: TestRedis;
  let h: Harness;
  let inspector: Redis;

  beforeAll(async () => {
    redis = await startRedis({ args: ['--appendonly', 'yes', '--save', '60 1', '--rdbcompression', 'no'] });
    h = await startHarness({ redis, env: { RALLY_ERASE_WITHIN_SECONDS: '1' } });
    inspector = new Redis(redis.url);
  });

  afterAll(async () => {
    inspector.disconnect();
    await h.stop();
    await redis.stop();
  });

  const createAnonymousPoll = (question: string, channel: string) =>
    createPollByCommand(h, `"${question}" "A" "B" anonymous`, channel, USERS.alice);

  it('the start-up line says AOF and snapshots are on and can be rewritten', () => {
    expect(h.logs.find('redis persistence')).toMatchObject({
      appendonly: 'yes',
      appendfsync: 'everysec',
      save: '60 1',
      compactAfterErasure: 'BGREWRITEAOF and BGSAVE',
      compactionWorks: 'yes',
    });
    expect(h.logs.lines.some((line) => line.includes('keeps nothing on disk'))).toBe(false);
  });

  it("the polls' keys and voter hashes, in the AOF while open, are in no file of Redis soon after closing, with one rewrite for all three", async () => {
    const dir = redis.dir ?? '';
    const prefix = h.rally.ctx.keys.prefix;
    const polls = [
      await createAnonymousPoll('Walk out?', CHANNELS.general),
      await createAnonymousPoll('Strike?', CHANNELS.organizing),
      await createAnonymousPoll('Petition?', CHANNELS.general),
    ];
    const voters = ['U0DISK0001', 'U0DISK0002', 'U0DISK0003', 'U0DISK0004'];
    for (const created of polls) {
      await Promise.all(
        voters.map((user, i) =>
          h.slack.action({
            actionId: pollVoteActionId(i % 2),
            user,
            channel: created.channel,
            messageTs: created.ts,
          }),
        ),
      );
    }
    const secrets: string[] = [];
    for (const { poll } of polls) {
      const key = await inspector.get(`${prefix}:poll:${poll.id}:key`);
      const hashes = await inspector.hkeys(`${prefix}:poll:${poll.id}:votes`);
      expect(key).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(hashes).toHaveLength(voters.length);
      secrets.push(key ?? '', ...hashes);
    }
    // The jobs that stored the polls named their creator: Redis rewrites its files after each ended.
    await expect.poll(() => readableOnDisk(dir, [USERS.alice]), { timeout: 20_000 }).toEqual([]);
    await compactionsSettled(h, inspector);
    // Deleting them from memory would not be enough: the append-only file holds every one of them.
    await expect.poll(() => readableOnDisk(dir, secrets, 'appendonlydir')).toEqual(secrets);
    const rewritesBefore = Number((await infoOf(inspector)).aof_rewrites);
    const compacted = () => h.logs.entries().filter((e) => e.msg === 'redis files rewritten after erasure');
    const compactedBefore = compacted().length;

    // Their creator closes all three at once.
    await Promise.all(
      polls.map((created) =>
        h.slack.action({
          actionId: pollActions.close,
          user: USERS.alice,
          channel: created.channel,
          messageTs: created.ts,
        }),
      ),
    );
    for (const { poll } of polls) {
      await expect.poll(() => h.rally.ctx.polls.get(poll.id).then((p) => p?.closed)).toBe(true);
      expect(await h.rally.ctx.polls.anonymityKey(poll.id)).toBeUndefined();
    }
    await expect.poll(() => compacted().length, { timeout: 20_000 }).toBe(compactedBefore + 1);
    // Redis deletes the replaced AOF files in the background, right after the rewrite.
    await expect.poll(() => readableOnDisk(dir, secrets)).toEqual([]);
    expect((await filesIn(dir)).map((f) => f.path)).toContain('dump.rdb');

    // Batched: three erasures within the window, one rewrite of each file.
    await sleep(2_500);
    expect(compacted()).toHaveLength(compactedBefore + 1);
    expect(compacted().at(-1)).toMatchObject({ level: 30, aof: 'done', rdb: 'done' });
    expect(Number((await infoOf(inspector)).aof_rewrites)).toBe(rewritesBefore + 1);
    const counts = await h.rally.ctx.queues.queue('redis-compact').getJobCounts();
    expect(counts).toMatchObject({
      completed: compactedBefore + 1,
      failed: 0,
      delayed: 0,
      waiting: 0,
      active: 0,
    });

    // What a checker compares: the last erasure came before the last compaction began.
    const erasedAt = Number(await inspector.get(lastErasureKey(h.rally.ctx.keys)));
    const compactedAt = Number(await inspector.get(lastCompactionKey(h.rally.ctx.keys)));
    expect(erasedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(compactedAt).toBeGreaterThanOrEqual(erasedAt);
  });

  it('an erasure while a compaction runs gets a compaction of its own after it', async () => {
    const queue = h.rally.ctx.queues.queue('redis-compact');
    const before = (await queue.getJobCounts()).completed ?? 0;
    // Slow Redis's writing down (a pause per key), so that the compaction is still running below.
    await inspector.config('SET', 'rdb-key-save-delay', '20000');
    try {
      await requestCompaction(h.rally.ctx);
      await expect.poll(() => queue.getActiveCount(), { timeout: 5_000 }).toBe(1);
      await requestCompaction(h.rally.ctx);
    } finally {
      await inspector.config('SET', 'rdb-key-save-delay', '0');
    }
    const erasedAt = Number(await inspector.get(lastErasureKey(h.rally.ctx.keys)));
    await expect
      .poll(() => queue.getJobCounts().then((c) => c.completed), { timeout: 15_000 })
      .toBe(before + 2);
    const compactedAt = Number(await inspector.get(lastCompactionKey(h.rally.ctx.keys)));
    expect(compactedAt).toBeGreaterThanOrEqual(erasedAt);
  });
});

describe('erasure on disk: the jobs of an anonymous poll', () => {
  const creator = 'U0DISKMAKE';
  const organizer = 'U0DISKORG1';
  const eraseWithinSeconds = 3;
  let redis: TestRedis;
  let h: Harness;
  let inspector: Redis;

  beforeAll(async () => {
    redis = await startRedis({ args: ['--appendonly', 'yes', '--save', '60 1', '--rdbcompression', 'no'] });
    h = await startHarness({
      redis,
      env: { RALLY_ERASE_WITHIN_SECONDS: String(eraseWithinSeconds), RALLY_ORGANIZERS: organizer },
    });
    inspector = new Redis(redis.url);
  });

  afterAll(async () => {
    inspector.disconnect();
    await h.stop();
    await redis.stop();
  });

  it("the job that stores one names its creator: once it ended, the creator's ID leaves Redis's files within RALLY_ERASE_WITHIN_SECONDS, the poll still open", async () => {
    const dir = redis.dir ?? '';
    const channel = CHANNELS.general;
    await h.slack.command('poll "Sick-out on Monday?" "Yes" "No" anonymous', { user: creator, channel });
    await expect.poll(() => h.standIn.messages(channel).at(-1)?.text ?? '').toContain('Sick-out on Monday?');
    const ts = h.standIn.messages(channel).at(-1)?.ts ?? '';
    await expect.poll(() => h.rally.ctx.polls.findByMessage(channel, ts)).toBeTruthy();
    const pollId = (await h.rally.ctx.polls.findByMessage(channel, ts)) ?? '';
    const queue = h.rally.ctx.queues.queue('poll-create');
    await expect
      .poll(() => queue.getJobCounts('waiting', 'active', 'completed', 'failed'))
      .toEqual({
        waiting: 0,
        active: 0,
        completed: 0,
        failed: 0,
      });
    const ended = Date.now();
    // Its record is gone from Redis, not yet from the append-only file.
    expect(await dumpRedis(inspector).then((d) => d.join('\n'))).not.toContain(creator);
    expect(await readableOnDisk(dir, [creator], 'appendonlydir')).toEqual([creator]);

    await expect.poll(() => readableOnDisk(dir, [creator]), { timeout: 20_000, interval: 200 }).toEqual([]);
    // Within the window (the compaction itself takes a moment more), and not because the poll closed.
    expect(Date.now() - ended).toBeLessThan((eraseWithinSeconds + 5) * 1_000);
    expect((await h.rally.ctx.polls.get(pollId))?.closed).toBe(false);
    expect(await h.rally.ctx.polls.anonymityKey(pollId)).toMatch(/^[\w-]{43}$/);

    // Reminding its non-voters: the job does not record who asked, so their ID never reaches the files.
    const press = await h.slack.action({
      actionId: pollActions.nudge,
      user: organizer,
      channel,
      messageTs: ts,
    });
    const id = String(press.sent.response_url).split('/').pop();
    const answer = await h.standIn.waitForResponse((r) => r.id === id, 10_000);
    expect(String((answer.body as { text: string }).text)).toContain(
      'I posted a reminder in the poll’s thread',
    );
    expect(await readableOnDisk(dir, [organizer])).toEqual([]);

    // The privacy check, reading the files, finds no user ID there.
    await compactionsSettled(h, inspector);
    const report = await checkPrivacy({
      redisUrl: redis.url,
      namespace: h.rally.ctx.keys.prefix.slice(1, -1),
      dataDir: dir,
      eraseWithinSeconds,
    });
    expect(report.ok, formatReport(report)).toBe(true);
    expect(report.rules.find((r) => r.id === 'redis-files')?.status).toBe('pass');
  }, 60_000);
});

describe('erasure on disk: what an earlier Rally left, tidied at start-up', () => {
  it("moves the first version's letter, drops a closed anonymous poll's creator code and old forgotten reactors, and Redis rewrites its files", async () => {
    const redis = await startRedis({ args: ['--appendonly', 'yes', '--rdbcompression', 'no'] });
    const inspector = new Redis(redis.url);
    const namespace = 'earlier';
    const p = `{${namespace}}`;
    const conditionalSigner = 'U0OLDCOND9';
    const creatorCode = `${'CC'.repeat(21)}x`;
    const reactorCode = `${'RC'.repeat(21)}y`;
    // The first version kept a conditional signer by user ID; an earlier close kept the creator's code
    // of an anonymous poll, and a closed public poll's forgotten reactors for 400 days.
    await inspector.hset(
      `${p}:letter:conditional`,
      conditionalSigner,
      JSON.stringify({ name: 'X', day: '2026-11-02', threshold: 3 }),
    );
    const closedPoll = { question: 'Q?', options: '["A","B"]', optionCount: '2', closed: '1', closedAt: '1' };
    await inspector.hset(`${p}:poll:oldanon`, { ...closedPoll, anonymous: '1', creator: creatorCode });
    await inspector.hset(`${p}:poll:oldpub`, { ...closedPoll, anonymous: '0', creator: USERS.bob });
    await inspector.sadd(`${p}:poll:oldpub:forgotten`, reactorCode);
    for (const id of ['oldanon', 'oldpub'])
      await inspector.zadd(`${p}:polls:channel:${CHANNELS.general}`, 1, id);
    const secrets = [conditionalSigner, creatorCode, reactorCode];
    expect(await readableOnDisk(redis.dir ?? '', secrets)).toEqual(secrets);

    const h = await startHarness({ redis, namespace, env: { RALLY_ERASE_WITHIN_SECONDS: '1' } });
    try {
      expect(h.logs.find('signatures moved from the first version of the letter')).toMatchObject({
        signatures: 1,
      });
      expect(await inspector.hget(`${p}:poll:oldanon`, 'creator')).toBeNull();
      expect(await inspector.exists(`${p}:poll:oldpub:forgotten`)).toBe(0);
      expect((await h.rally.ctx.polls.get('oldpub'))?.creator).toBe(USERS.bob);
      await expect
        .poll(() => readableOnDisk(redis.dir ?? '', secrets), { timeout: 20_000, interval: 200 })
        .toEqual([]);
    } finally {
      await h.stop();
      inspector.disconnect();
      await redis.stop();
    }
  }, 60_000);
});

describe('erasure on disk: a Redis that refuses BGREWRITEAOF', () => {
  it('warns once, and the job neither fails nor runs again', async () => {
    const redis = await startRedis({ args: ['--appendonly', 'yes'] });
    const inspector = new Redis(redis.url);
    await inspector.call('ACL', 'SETUSER', 'default', '-bgrewriteaof');
    const h = await startHarness({ redis, env: { RALLY_ERASE_WITHIN_SECONDS: '1' } });
    try {
      expect(h.logs.find('redis persistence')).toMatchObject({
        compactAfterErasure: 'BGREWRITEAOF',
        compactionWorks: 'no',
      });
      const queue = h.rally.ctx.queues.queue('redis-compact');
      for (const run of [1, 2]) {
        await requestCompaction(h.rally.ctx);
        await expect.poll(() => queue.getJobCounts().then((c) => c.completed), { timeout: 15_000 }).toBe(run);
      }
      await sleep(1_500);
      expect(await queue.getJobCounts()).toMatchObject({
        completed: 2,
        failed: 0,
        delayed: 0,
        waiting: 0,
        active: 0,
      });
      const lines = h.logs.entries();
      const warnings = lines.filter((e) => String(e.msg).startsWith('REDIS FILES NOT REWRITTEN'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ level: 40, aof: 'refused', rdb: 'off' });
      expect(String(warnings[0]?.hint)).toContain('BGREWRITEAOF');
      expect(lines.filter((e) => String(e.msg).includes('reported before'))).toHaveLength(1);
      expect(lines.filter((e) => String(e.msg).startsWith('job failed'))).toEqual([]);
      expect(await inspector.get(lastCompactionKey(h.rally.ctx.keys))).toBeNull();
    } finally {
      await h.stop();
      inspector.disconnect();
      await redis.stop();
    }
  });
});
