import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId, type SignatureKind } from '../src/letters/model.js';
import { createAnonymousIds } from '../src/privacy/anonymous-id.js';
import { checkPrivacy } from '../src/privacy/check/check.js';
import { formatReport } from '../src/privacy/check/report.js';
import { lastCompactionKey, lastErasureKey } from '../src/privacy/compaction.js';
import { jobIds } from '../src/queues/job-ids.js';
import {
  donationActions,
  donationBlocks,
  donationViews,
  letterActions,
  pollActions,
  pollVoteActionId,
  signViews,
} from '../src/slack/ids.js';
import { type Harness, startHarness, testRallySecret } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import { filesIn, readableOnDisk } from './support/redis-files.js';
import { freePort, startRedis, type TestRedis } from './support/redis-server.js';
import { addCoworkers, CHANNELS, plainTextValue, selectedOptionValue, USERS } from './support/slack/index.js';

/*
 * A whole campaign against the real Rally and a Redis that keeps its files (AOF and RDB, uncompressed),
 * then everything closed: afterwards nothing in Redis, in its files or in the logs says who signed, voted
 * or pledged anonymously, and the privacy check agrees; a record leaked on purpose makes it fail.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const channel = CHANNELS.general;
const organizer = USERS.alice;
const anonymousSigners = ['U0PSIGN001', 'U0PSIGN002', 'U0PSIGN003', 'U0PSIGN004', 'U0PSIGN005'];
const conditionalSigner = 'U0PCOND001';
const namedSigner = 'U0PNAMED01';
const pollCreator = 'U0PCREATE1';
const voters = ['U0PVOTE001', 'U0PVOTE002', 'U0PVOTE003', 'U0PVOTE004', 'U0PVOTE005', 'U0PVOTE006'];
const pledgers = ['U0PGIVE001', 'U0PGIVE002', 'U0PGIVE003', 'U0PGIVE004', 'U0PGIVE005'];
/** Votes in a public poll by reacting, then asks Rally to forget them. */
const forgottenReactor = 'U0PFORGET1';
/** Everyone who acted anonymously, or was forgotten: their user IDs must be nowhere once the scopes ended. */
const anonymousActors = [
  ...anonymousSigners,
  conditionalSigner,
  pollCreator,
  ...voters,
  ...pledgers,
  forgottenReactor,
];

let redis: TestRedis;
let h: Harness;
let inspector: Redis;
let work: string;
let logFile: string;

/** What the scopes held while they were open: their random keys and the hashes stored under them. */
const captured = {
  pollId: '',
  publicPollId: '',
  promptId: '',
  pollKey: '',
  forgottenKey: '',
  forgottenHashes: [] as string[],
  voteHashes: [] as string[],
  creatorHash: '',
  letterKey: '',
  signerHashes: [] as string[],
  anonymousHashes: [] as string[],
  conditionalHashes: [] as string[],
  sealed: [] as string[],
  promptKey: '',
  pledgeHashes: [] as string[],
};

const ids = createAnonymousIds(testRallySecret);
const prefix = () => h.rally.ctx.keys.prefix;
const namespace = () => prefix().slice(1, -1);
const team = () => h.standIn.teamId;

/** Every file under Redis's data directory, read as it is now. */
const redisFiles = () => filesIn(redis.dir ?? '');

/** Which of `values` can be read in some file of Redis's data directory. */
const onDisk = (values: string[]) => readableOnDisk(redis.dir ?? '', values);

/** Where a value is in Redis: `key` (in its name), or `key field` / `key value` / `key member`. */
async function locate(value: string): Promise<string[]> {
  const found: string[] = [];
  for (const key of await inspector.keys('*')) {
    if (key.includes(value)) found.push(key);
    const type = await inspector.type(key);
    if (type === 'hash') {
      for (const [field, v] of Object.entries(await inspector.hgetall(key))) {
        if (field.includes(value)) found.push(`${key} field`);
        if (v.includes(value)) found.push(`${key} ${field}`);
      }
    } else if (type === 'string') {
      if ((await inspector.get(key))?.includes(value)) found.push(`${key} value`);
    } else if ((await membersOf(key, type)).some((member) => member.includes(value))) {
      found.push(`${key} member`);
    }
  }
  return found;
}

async function membersOf(key: string, type: string): Promise<string[]> {
  if (type === 'set') return inspector.smembers(key);
  if (type === 'zset') return inspector.zrange(key, '0', '-1');
  if (type === 'list') return inspector.lrange(key, 0, -1);
  if (type === 'stream') return [JSON.stringify(await inspector.xrange(key, '-', '+'))];
  return [];
}

/** Submits the signing form as `user`. */
const sign = (user: string, kind: SignatureKind, threshold?: number) =>
  h.slack.viewSubmission({
    user,
    callbackId: signViews.sign,
    privateMetadata: campaignLetterId,
    values: {
      [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
      [signFormFields.threshold]: { [signFormFields.threshold]: selectedOptionValue(String(threshold ?? 5)) },
      [signFormFields.role]: { [signFormFields.role]: plainTextValue(null) },
    },
  });

/** The text of the private answer to a request that carried a response_url. */
async function answerTo(sent: { sent: Record<string, unknown> }): Promise<string> {
  const id = String(sent.sent.response_url).split('/').pop();
  const answer = await h.standIn.waitForResponse((r) => r.id === id, 10_000);
  return String((answer.body as { text?: string }).text);
}

/** The newest message in the channel that has a button with this action ID, and that button's value. */
function messageWith(actionId: string): { ts: string; value: string } {
  type Element = { action_id?: string; value?: string };
  const button = (blocks: unknown[] | undefined) =>
    (blocks as { elements?: Element[] }[] | undefined)
      ?.flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === actionId);
  const message = [...h.standIn.messages(channel)].reverse().find((m) => button(m.blocks));
  return { ts: message?.ts ?? '', value: button(message?.blocks)?.value ?? '' };
}

/** `node --import tsx src/privacy/check/main.ts ...`: its exit code and what it printed. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/privacy/check/main.ts', ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  redis = await startRedis({ args: ['--appendonly', 'yes', '--save', '60 1', '--rdbcompression', 'no'] });
  h = await startHarness({ redis, env: { RALLY_ERASE_WITHIN_SECONDS: '1', RALLY_ORGANIZERS: organizer } });
  inspector = new Redis(redis.url);
  work = await mkdtemp(join(tmpdir(), 'rally-privacy-'));
  logFile = join(work, 'rally.log');
  addCoworkers(h.standIn.workspace, [
    { id: namedSigner, realName: 'Nadia Named' },
    { id: pollCreator, realName: 'Pat Creator' },
  ]);
});

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
  await redis.stop();
  await rm(work, { recursive: true, force: true });
});

describe('a campaign, start to end', () => {
  it('posts the letter, which people sign anonymously, conditionally and with their name', async () => {
    const res = await h.slack.command(`post letter <#${channel}|general>`, { user: organizer });
    expect(res.status).toBe(200);
    expect(await answerTo(res)).toMatch(/1 of 1 channels? done/);
    // The first signer opens the form from the letter's button, as people do.
    await h.slack.action({
      actionId: letterActions.sign,
      user: anonymousSigners[0],
      channel,
      messageTs: messageWith(letterActions.sign).ts,
    });
    await h.standIn.waitForCall('views.open', (c) => c.status === 200);
    for (const user of anonymousSigners) expect((await sign(user, 'anonymous')).status).toBe(200);
    // A condition that is never met: 50 named signatures.
    await sign(conditionalSigner, 'conditional', 50);
    await sign(namedSigner, 'named');
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual({
      named: 1,
      anonymous: 5,
      waiting: 1,
    });
  });

  it('runs an anonymous poll: votes, changes of mind, a withdrawal, and a nudge from its creator', async () => {
    await h.slack.command('poll "Walk out on Friday?" "Yes" "No" "Not sure" anonymous', {
      user: pollCreator,
      channel,
    });
    await expect.poll(() => messageWith(pollVoteActionId(0)).ts).not.toBe('');
    const { ts } = messageWith(pollVoteActionId(0));
    await expect.poll(() => h.rally.ctx.polls.findByMessage(channel, ts)).toBeTruthy();
    captured.pollId = (await h.rally.ctx.polls.findByMessage(channel, ts)) ?? '';
    const vote = (user: string | undefined, option: number) =>
      h.slack.action({ actionId: pollVoteActionId(option), user, channel, messageTs: ts });
    for (const [i, user] of voters.entries()) await vote(user, i % 3);
    // One changes their mind; another presses their option again, which takes their vote back (after
    // the window in which a second press counts as a double click).
    await vote(voters[0], 1);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await answerTo(await vote(voters[2], 2))).toContain('You have no vote in this poll now.');
    expect(await h.rally.ctx.polls.tally(captured.pollId, 3)).toEqual({ counts: [1, 3, 1], voters: 5 });

    const nudge = await h.slack.action({
      actionId: pollActions.nudge,
      user: pollCreator,
      channel,
      messageTs: ts,
    });
    expect(await answerTo(nudge)).toContain('I posted a reminder in the poll’s thread');
  });

  it('runs a public poll; someone who voted by reacting asks Rally to forget them', async () => {
    await h.slack.command('poll "Bring banners?" "Yes" "No"', { user: organizer, channel });
    await expect
      .poll(() => h.standIn.messages(channel).find((m) => String(m.text).includes('Bring banners?'))?.ts)
      .toBeTruthy();
    const ts = h.standIn.messages(channel).find((m) => String(m.text).includes('Bring banners?'))?.ts ?? '';
    await expect.poll(() => h.rally.ctx.polls.findByMessage(channel, ts)).toBeTruthy();
    captured.publicPollId = (await h.rally.ctx.polls.findByMessage(channel, ts)) ?? '';
    await h.slack.reactionAdded({ channel, ts, user: forgottenReactor, reaction: 'one' });
    await expect
      .poll(() => h.rally.ctx.polls.tally(captured.publicPollId, 2))
      .toEqual({ counts: [1, 0], voters: 1 });
    const forget = await h.slack.command('forget me', { user: forgottenReactor, channel });
    expect(await answerTo(forget)).toContain('your 1 vote record');
    expect(await h.rally.ctx.polls.tally(captured.publicPollId, 2)).toEqual({ counts: [0, 0], voters: 0 });
  });

  it('posts a donation prompt; people say they gave, through I gave and its form', async () => {
    const res = await h.slack.command(`donate <#${channel}|general>`, { user: organizer });
    expect(await answerTo(res)).toMatch(/1 of 1 channels? done/);
    const prompt = messageWith(donationActions.gave);
    captured.promptId = prompt.value;
    await expect.poll(() => h.rally.ctx.donations.message(captured.promptId)).toBeTruthy();
    const band = {
      [donationBlocks.band]: {
        [donationBlocks.band]: selectedOptionValue('under-25', 'Under $25', 'radio_buttons'),
      },
    };
    for (const user of pledgers) {
      const opened = h.standIn.calls('views.open').length;
      await h.slack.action({ actionId: donationActions.gave, user, channel, messageTs: prompt.ts });
      await expect.poll(() => h.standIn.calls('views.open').length).toBe(opened + 1);
      const view = h.standIn.calls('views.open').at(-1)?.args.view as { callback_id?: string };
      expect(view.callback_id).toBe(donationViews.pledge);
      await h.slack.viewSubmission({
        user,
        callbackId: donationViews.pledge,
        privateMetadata: captured.promptId,
        values: band,
      });
    }
    // One changes their answer.
    await h.slack.viewSubmission({
      user: pledgers[0],
      callbackId: donationViews.pledge,
      privateMetadata: captured.promptId,
      values: { [donationBlocks.nonprofit]: { [donationBlocks.nonprofit]: selectedOptionValue('0') } },
    });
    const nonprofits = h.rally.ctx.campaign.donations.length;
    expect((await h.rally.ctx.donations.tally(captured.promptId, nonprofits)).pledges).toBe(pledgers.length);
  });

  it('posts a digest of the channel', async () => {
    const digests = () =>
      h.standIn
        .calls('chat.postMessage')
        .filter((c) => c.args.channel === channel && String(c.args.text).startsWith('Rally digest'));
    const res = await h.slack.command('digest now', { user: organizer, channel });
    expect((res.json as { text: string }).text).toBe('Posting the digest of this channel now.');
    await expect.poll(() => digests().length).toBe(1);
  });

  it('while open, each scope has its random key, and the hashes stored are those its people recompute to', async () => {
    const p = prefix();
    captured.pollKey = (await inspector.get(`${p}:poll:${captured.pollId}:key`)) ?? '';
    captured.voteHashes = await inspector.hkeys(`${p}:poll:${captured.pollId}:votes`);
    captured.creatorHash = (await inspector.hget(`${p}:poll:${captured.pollId}`, 'creator')) ?? '';
    captured.letterKey = (await inspector.get(`${p}:letter:${campaignLetterId}:key`)) ?? '';
    captured.signerHashes = await inspector.smembers(`${p}:letter:${campaignLetterId}:signers`);
    captured.anonymousHashes = await inspector.hkeys(`${p}:letter:${campaignLetterId}:anonymous`);
    const conditional = await inspector.hgetall(`${p}:letter:${campaignLetterId}:conditional`);
    captured.conditionalHashes = Object.keys(conditional);
    captured.sealed = Object.values(conditional).map((v) => (JSON.parse(v) as { sealed: string }).sealed);
    captured.promptKey = (await inspector.get(`${p}:donation:${captured.promptId}:key`)) ?? '';
    captured.pledgeHashes = await inspector.hkeys(`${p}:donation:${captured.promptId}:pledges`);
    captured.forgottenKey = (await inspector.get(`${p}:poll:${captured.publicPollId}:forgotten-key`)) ?? '';
    captured.forgottenHashes = await inspector.smembers(`${p}:poll:${captured.publicPollId}:forgotten`);

    for (const key of [captured.pollKey, captured.letterKey, captured.promptKey, captured.forgottenKey]) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    const t = team();
    const withVote = voters.filter((_, i) => i !== 2);
    expect(captured.voteHashes.sort()).toEqual(
      withVote.map((u) => ids.of('poll-voter', t, u, captured.pollKey)).sort(),
    );
    expect(captured.creatorHash).toBe(ids.of('poll-creator', t, pollCreator, captured.pollKey));
    expect(captured.anonymousHashes.sort()).toEqual(
      anonymousSigners.map((u) => ids.of('letter', t, u, captured.letterKey)).sort(),
    );
    expect(captured.conditionalHashes).toEqual([ids.of('letter', t, conditionalSigner, captured.letterKey)]);
    expect(captured.signerHashes).toHaveLength(anonymousSigners.length + 2);
    expect(captured.pledgeHashes.sort()).toEqual(
      pledgers.map((u) => ids.of(`donation:${captured.promptId}`, t, u, captured.promptKey)).sort(),
    );
    // The public poll remembers who asked to be forgotten under its own key, not one RALLY_SECRET alone opens.
    expect(captured.forgottenHashes).toEqual([
      ids.of('forgotten-reactor', t, forgottenReactor, captured.forgottenKey),
    ]);
  });

  it('closes the poll, the letter and the prompt, and Redis rewrites its files soon after', async () => {
    for (const [id, user] of [
      [captured.pollId, pollCreator],
      [captured.publicPollId, organizer],
    ] as const) {
      const messageTs = (await h.rally.ctx.polls.get(id))?.ts ?? '';
      await h.slack.action({ actionId: pollActions.close, user, channel, messageTs });
    }
    // **Close signing** on the delivery export, by an organizer.
    await h.slack.action({ actionId: letterActions.close, user: organizer, value: campaignLetterId });
    const prompt = messageWith(donationActions.gave);
    const end = await h.slack.action({
      actionId: donationActions.end,
      user: organizer,
      channel,
      messageTs: prompt.ts,
    });
    expect(end.status).toBe(200);

    for (const id of [captured.pollId, captured.publicPollId]) {
      await expect.poll(() => h.rally.ctx.polls.get(id).then((p) => p?.closed)).toBe(true);
    }
    // Read back at close, the forgotten person's reaction is not counted again.
    expect(await h.rally.ctx.polls.tally(captured.publicPollId, 2)).toEqual({ counts: [0, 0], voters: 0 });
    await expect.poll(() => h.rally.ctx.signatures.status(campaignLetterId)).toBe('closed');
    await expect.poll(() => h.rally.ctx.donations.isEnded(captured.promptId)).toBe(true);
    // Each job records its erasure before it ends; the compaction below must come after all three.
    const { queues } = h.rally.ctx;
    const stateOf = (queue: 'poll-close' | 'donation-end', id: string) => queues.queue(queue).getJobState(id);
    for (const id of [captured.pollId, captured.publicPollId]) {
      await expect.poll(() => stateOf('poll-close', jobIds.pollCloseNow(id))).toBe('completed');
    }
    await expect
      .poll(() => stateOf('donation-end', jobIds.donationEnd(captured.promptId, 'now')))
      .toBe('completed');
    await expect
      .poll(() => queues.queue('letter-close').getJobCounts('completed', 'waiting', 'active'))
      .toEqual({ completed: 1, waiting: 0, active: 0 });

    const queue = h.rally.ctx.queues.queue('redis-compact');
    await expect
      .poll(
        async () => {
          const erased = Number(await inspector.get(lastErasureKey(h.rally.ctx.keys)));
          const compacted = Number(await inspector.get(lastCompactionKey(h.rally.ctx.keys)));
          const counts = await queue.getJobCounts('delayed', 'waiting', 'active');
          const pending = Object.values(counts).reduce((sum, n) => sum + n, 0);
          return erased > 0 && compacted >= erased && pending === 0;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(true);
    // Redis deletes the replaced AOF files in the background, right after the rewrite.
    await expect.poll(() => onDisk(anonymousActors), { timeout: 15_000 }).toEqual([]);
  }, 60_000);
});

describe('afterwards', () => {
  it('no user ID of anyone who acted anonymously is in Redis, in its files or in the logs', async () => {
    const everything = [...(await dumpRedis(inspector)), ...h.logs.lines].join('\n');
    for (const user of anonymousActors) expect(everything, user).not.toContain(user);
    expect(await onDisk(anonymousActors)).toEqual([]);
    // The named signature is public by design, and stays.
    expect(everything).toContain(namedSigner);
    const files = (await redisFiles()).map((f) => f.path);
    expect(files).toContain('dump.rdb');
    expect(files.some((f) => f.endsWith('.incr.aof'))).toBe(true);
  });

  it("none of the scopes' keys or stored hashes is left in Redis or its files", async () => {
    const secrets = [
      captured.pollKey,
      ...captured.voteHashes,
      captured.creatorHash,
      captured.forgottenKey,
      ...captured.forgottenHashes,
      captured.letterKey,
      ...captured.signerHashes,
      ...captured.anonymousHashes,
      ...captured.conditionalHashes,
      ...captured.sealed,
      captured.promptKey,
      ...captured.pledgeHashes,
    ];
    expect(secrets.every((s) => s.length >= 43)).toBe(true);
    const dump = (await dumpRedis(inspector)).join('\n');
    expect(secrets.filter((s) => dump.includes(s))).toEqual([]);
    expect(await onDisk(secrets)).toEqual([]);
  });

  it("recomputing anyone's hash with RALLY_SECRET and the captured keys matches nothing that remains", async () => {
    const t = team();
    const recomputed = [
      ...[...anonymousSigners, conditionalSigner].flatMap((u) => [
        ids.of('letter', t, u, captured.letterKey),
        ids.of('letter', t, u), // the legacy hash, without the letter's key
      ]),
      ...voters.map((u) => ids.of('poll-voter', t, u, captured.pollKey)),
      ids.of('poll-creator', t, pollCreator, captured.pollKey),
      ...pledgers.map((u) => ids.of(`donation:${captured.promptId}`, t, u, captured.promptKey)),
      ids.of('forgotten-reactor', t, forgottenReactor, captured.forgottenKey),
      // The hash an earlier Rally kept for a forgotten person: keyed by the poll's ID only.
      ids.of('forgotten-reactor', t, forgottenReactor, captured.publicPollId),
    ];
    const dump = (await dumpRedis(inspector)).join('\n');
    expect(recomputed.filter((hash) => dump.includes(hash))).toEqual([]);
    expect(await onDisk(recomputed)).toEqual([]);
    // The closed anonymous poll no longer records who started it, even as a code.
    expect(await locate(captured.creatorHash)).toEqual([]);
    expect(await inspector.hget(`${prefix()}:poll:${captured.pollId}`, 'creator')).toBeNull();
  });

  it('the privacy check passes every rule, reading only, with the data directory and the logs', async () => {
    await writeFile(logFile, `${h.logs.lines.join('\n')}\n`);
    // Every command the check sends, to show that it only reads.
    const reader = new Redis(redis.url);
    const sent: string[] = [];
    const send = reader.sendCommand.bind(reader);
    reader.sendCommand = (command, stream) => {
      sent.push(command.name.toLowerCase());
      return send(command, stream);
    };
    try {
      const report = await checkPrivacy({
        redis: reader,
        namespace: namespace(),
        dataDir: redis.dir,
        logFile,
        eraseWithinSeconds: 1,
      });
      expect(report.ok, formatReport(report)).toBe(true);
      expect(report.rules.map((r) => [r.id, r.status])).toEqual([
        ['anonymous-records', 'pass'],
        ['ended-scopes', 'pass'],
        ['compaction', 'pass'],
        ['redis-files', 'pass'],
        ['retention', 'pass'],
        ['logs', 'pass'],
      ]);
      expect(report.rules.find((r) => r.id === 'ended-scopes')?.checked).toBe('4 ended scopes');
    } finally {
      reader.disconnect();
    }
    const reads = ['info', 'config', 'time', 'scan', 'type', 'pttl', 'get', 'hgetall', 'smembers', 'zrange'];
    // Besides reads: a transaction around one scope's reads, and ioredis's own handshake.
    const allowed = new Set([...reads, 'lrange', 'xrange', 'multi', 'exec', 'ping', 'hello', 'client']);
    expect([...new Set(sent)].filter((name) => !allowed.has(name))).toEqual([]);
    expect(sent).toContain('scan');
    expect(sent).not.toContain('keys');
  });

  it('the command line says PASS and exits 0; 2 when Redis does not answer', async () => {
    const ok = await runCli(['--redis-url', redis.url, '--namespace', namespace()]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Result: PASS');
    const away = await runCli(['--redis-url', `redis://127.0.0.1:${await freePort()}`]);
    expect(away.code).toBe(2);
    expect(away.stderr).toContain('cannot connect to Redis');
  }, 60_000);

  it('a record leaked on purpose makes the check fail, naming the rule but never the leaked ID or key', async () => {
    const p = prefix();
    const leakedUser = voters[0] ?? '';
    await inspector.hset(`${p}:poll:${captured.pollId}:votes`, leakedUser, '1');
    await inspector.set(`${p}:letter:${campaignLetterId}:key`, captured.letterKey);
    await inspector.set(`${p}:pace:${voters[1]}`, '1');

    const report = await checkPrivacy({
      redisUrl: redis.url,
      namespace: namespace(),
      dataDir: redis.dir,
      logFile,
      eraseWithinSeconds: 1,
      marginSeconds: 0,
    });
    expect(report.ok).toBe(false);
    const failed = Object.fromEntries(report.rules.map((r) => [r.id, r.findings.map((f) => f.where)]));
    expect(failed['anonymous-records']).toEqual(
      expect.arrayContaining([`${p}:poll:${captured.pollId}:votes`, `${p}:pace:[user ID]`]),
    );
    expect(failed['ended-scopes']).toEqual([
      `${p}:poll:${captured.pollId}:votes`,
      `${p}:letter:campaign:key`,
    ]);
    const files = report.rules.find((r) => r.id === 'redis-files')?.findings.map((f) => f.what) ?? [];
    expect(files).toEqual(
      expect.arrayContaining([
        `HSET ${p}:poll:${captured.pollId}:votes: writes a Slack user ID into an anonymous poll's voter records`,
        expect.stringMatching(/^SET \{.*\}:letter:campaign:key: the random key of a letter that closed/),
      ]),
    );
    // Written again by hand, the votes have no expiry either.
    expect(failed.retention).toEqual([`${p}:poll:${captured.pollId}:votes`]);
    expect(failed.compaction).toEqual([]);
    expect(failed.logs).toEqual([]);
    const printed = formatReport(report);
    for (const secret of [leakedUser, voters[1] ?? '', captured.letterKey]) {
      expect(printed).not.toContain(secret);
      expect(JSON.stringify(report)).not.toContain(secret);
    }

    const cli = await runCli(['--redis-url', redis.url, '--namespace', namespace()]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('FAIL  Closed polls, letters and prompts keep no key or hash');
    expect(cli.stdout).toMatch(
      /Result: FAIL \(5 findings in 3 rules: anonymous-records, ended-scopes, retention\)/,
    );
    for (const secret of [leakedUser, voters[1] ?? '', captured.letterKey]) {
      expect(cli.stdout + cli.stderr).not.toContain(secret);
    }
  }, 60_000);
});
