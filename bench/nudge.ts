/**
 * **Remind people who haven't voted** in a big channel: a public poll in a channel of 2,000 people, some
 * hundreds of whom vote (signed clicks over HTTP against the real app: its own process, real Redis,
 * workers on), then its creator presses the button. The Slack stand-in answers HTTP 429 to more than one
 * `chat.postMessage` a second in a conversation or more than the workspace cap. Prints the reminders sent
 * against the non-voters (duplicates, missing), the time to the last one against the minimum the cap
 * allows, the creator's summary and when it came, the child jobs and the most starts of any job, and the
 * 429s absorbed.
 */
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createKeys } from '../src/redis/keys.js';
import { pollActions, pollVoteActionId } from '../src/slack/ids.js';
import { testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import {
  type ApiCall,
  BOT_USER_ID,
  blockActionsPayload,
  createWorkspace,
  publicChannel,
  SlackStandIn,
  USERS,
} from '../test/support/slack/index.js';
import { until } from '../test/support/until.js';
import {
  benchPerson,
  JobStarts,
  limitPerSecond,
  maxPerSecond,
  mulberry32,
  post,
  type SignedBody,
  signedCommand,
  signedPayload,
  slackEventsUrl,
  spawnBenchRally,
  stopRun,
  untilPollReactions,
  warningsOf,
} from './support.js';

/** People in the poll's channel, its creator among them (the bot comes on top). */
const memberCount = Number(process.env.BENCH_MEMBERS ?? 2_400);
const voterCount = Number(process.env.BENCH_NUDGE_VOTERS ?? 400);
/** Rally's `RALLY_MAX_POSTS_PER_SECOND`. */
const cap = Number(process.env.BENCH_CAP ?? 50);
/** The stand-in's workspace cap in the second run, below Rally's. */
const slackCap = Number(process.env.BENCH_SLACK_CAP ?? Math.max(1, Math.floor(cap * 0.6)));
const concurrency = 20;
const creator = USERS.alice;
const channel = 'C0NUDGE001';
const options = ['Yes', 'No', 'Not sure'];
const pollMs = 100;
/** After the last reminder and the summary, late duplicates are waited for this long. */
const quietMs = 3_000;
const prefix = '{rally}';

interface Limits {
  label: string;
  /** When set, also at most this many posts in any 1 s window across the workspace. */
  perSecond?: number;
}

interface Figures {
  limits: Limits;
  nonVoters: number;
  sent: number;
  duplicates: number;
  missing: number;
  /** Reminders to people who had voted, or who are not in the channel. */
  extra: number;
  totalMs: number | undefined;
  minimumMs: number;
  maxInAnySecond: number;
  summaryMs: number | undefined;
  summaries: number;
  summaryText: string;
  childJobs: number;
  childrenSeen: number;
  maxChildStarts: number;
  childStarts: Map<number, number>;
  parentStarts: number;
  postCalls: number;
  limited: number;
  delayedJobs: number;
  failedJobs: number;
  warnings: string[];
  permalinkCalls: number;
  membersCalls: number;
}

const memberId = (i: number) => `U0NUDGE${String(i + 1).padStart(5, '0')}`;

const benchUser = (i: number) => benchPerson(memberId(i), `member${i + 1}`, `Member ${i + 1}`);

const pollChannel = (members: string[]) =>
  publicChannel(channel, 'all-hands', [...members, BOT_USER_ID], creator);

const isNudge = (call: ApiCall) =>
  String(call.args.text).startsWith(`A poll in <#${channel}> is waiting for your vote`);

async function nudge(limits: Limits): Promise<Figures> {
  const workspace = createWorkspace();
  const others = Array.from({ length: memberCount - 1 }, (_, i) => benchUser(i));
  workspace.users.push(...others);
  const members = [creator, ...others.map((u) => u.id)];
  workspace.channels.push(pollChannel(members));
  // The voters: a fixed random choice among the members other than the creator.
  const random = mulberry32(20_261_201);
  const shuffled = others.map((u) => u.id);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
  }
  const voters = new Set(shuffled.slice(0, voterCount));
  const nonVoters = new Set(members.filter((m) => !voters.has(m)));

  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ workspace, signingSecret: testSigningSecret });
  standIn.enforceRateLimit('chat.postMessage', { perChannelPerSecond: 1, perMinute: cap * 60 });
  if (limits.perSecond !== undefined) limitPerSecond(standIn, 'chat.postMessage', limits.perSecond);
  const rally = spawnBenchRally(standIn, redis, {
    RALLY_MAX_POSTS_PER_SECOND: String(cap),
  });
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const starts = new JobStarts(client, prefix, ['nudge-dm', 'poll-nudge']);
  try {
    const url = await slackEventsUrl(rally);
    await client.connect();
    const keys = createKeys();

    // The poll, public and single choice, posted by its creator.
    const command = `poll "Do we ask for a meeting with management?" ${options.map((o) => `"${o}"`).join(' ')}`;
    const created = await post(url, agent, signedCommand(standIn, command, creator, channel));
    if (created.status !== 200) throw new Error(`/rally poll answered ${created.status}: ${created.text}`);
    const ts = await until(
      `the poll message in ${channel}`,
      () => standIn.messages(channel).find((m) => JSON.stringify(m.blocks).includes(pollVoteActionId(0)))?.ts,
      15_000,
      pollMs,
    );
    const pollId = await until(
      'the poll record of its message',
      () => client.get(keys.key('poll-message', channel, ts)),
      10_000,
      pollMs,
    );
    await untilPollReactions(standIn, ts, options.length, pollMs);

    // The votes, `concurrency` clicks at a time, each voter once.
    const clicks = [...voters].map((user, i) =>
      signedPayload(
        blockActionsPayload(standIn, {
          actionId: pollVoteActionId(i % options.length),
          user,
          channel,
          messageTs: ts,
        }),
      ),
    );
    let next = 0;
    let refused = 0;
    const sender = async () => {
      while (next < clicks.length) {
        const answer = await post(url, agent, clicks[next++] as SignedBody);
        if (answer.status !== 200) refused++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, sender));
    if (refused > 0) throw new Error(`${refused} vote clicks were not answered 200`);
    const votesKey = keys.key('poll', pollId, 'votes');
    await until(
      `${voters.size} votes in Redis`,
      async () => (await client.hlen(votesKey)) === voters.size,
      15_000,
      pollMs,
    );
    await sleep(2_000);

    // The creator presses "Remind people who haven't voted".
    const payload = blockActionsPayload(standIn, {
      actionId: pollActions.nudge,
      user: creator,
      channel,
      messageTs: ts,
    });
    const responseUrl = String(payload.response_url);
    const press = signedPayload(payload);
    starts.start();
    const pressedAt = Date.now();
    const pressed = await post(url, agent, press);
    if (pressed.status !== 200) throw new Error(`the nudge click answered ${pressed.status}`);

    const effectiveCap = Math.min(cap, limits.perSecond ?? cap);
    const minimumMs = (nonVoters.size / effectiveCap) * 1000;
    const deadline = pressedAt + Math.max(60_000, minimumMs * 4);
    const summaryOf = () =>
      standIn.responses().find((r) => r.url === responseUrl && r.status === 200 && r.at >= pressedAt);
    const reached = () =>
      new Set(
        standIn
          .calls('chat.postMessage')
          .filter((c) => c.status === 200 && isNudge(c))
          .map((c) => String(c.args.channel)),
      );
    while (Date.now() < deadline) {
      const got = reached();
      if ([...nonVoters].every((m) => got.has(m)) && summaryOf()) break;
      await sleep(pollMs);
    }
    await sleep(quietMs);
    await starts.stop();

    const attempts = standIn.calls('chat.postMessage').filter(isNudge);
    const ok = attempts.filter((c) => c.status === 200);
    const perMember = new Map<string, number>();
    for (const c of ok)
      perMember.set(String(c.args.channel), (perMember.get(String(c.args.channel)) ?? 0) + 1);
    const missing = [...nonVoters].filter((m) => !perMember.has(m)).length;
    const extra = [...perMember.keys()].filter((m) => !nonVoters.has(m)).length;
    const okTimes = ok.map((c) => c.at).sort((a, b) => a - b);
    const last = okTimes.at(-1);
    const summaries = standIn.responses().filter((r) => r.url === responseUrl && r.at >= pressedAt);
    const summary = summaryOf();

    // The parent's record of its children: each child's result once it completed, each failure it ignored.
    const parentIds = await client.zrange(`${prefix}:poll-nudge:completed`, '0', '-1');
    const parentId = parentIds.at(-1);
    const [processed, ignored, pending, parentStarts] = parentId
      ? await Promise.all([
          client.hlen(`${prefix}:poll-nudge:${parentId}:processed`),
          client.hlen(`${prefix}:poll-nudge:${parentId}:failed`),
          client.scard(`${prefix}:poll-nudge:${parentId}:dependencies`),
          client.hget(`${prefix}:poll-nudge:${parentId}`, 'ats'),
        ])
      : [0, 0, 0, null];
    const logs = rally.logs();
    return {
      limits,
      nonVoters: nonVoters.size,
      sent: ok.length,
      duplicates: [...perMember.values()].filter((n) => n > 1).length,
      missing,
      extra,
      totalMs: missing === 0 && last !== undefined ? last - pressedAt : undefined,
      minimumMs,
      maxInAnySecond: maxPerSecond(okTimes),
      summaryMs: summary ? summary.at - pressedAt : undefined,
      summaries: summaries.length,
      summaryText: String((summary?.body as { text?: string } | undefined)?.text ?? '(none)'),
      childJobs: processed + ignored + pending,
      childrenSeen: starts.jobs('nudge-dm'),
      maxChildStarts: starts.maxStarts('nudge-dm'),
      childStarts: starts.histogram('nudge-dm'),
      parentStarts: Number(parentStarts ?? starts.maxStarts('poll-nudge')),
      postCalls: attempts.length,
      limited: attempts.filter((c) => c.status === 429).length,
      delayedJobs: logs.filter((e) => e.msg === 'slack rate limit: job delayed' && e.queue === 'nudge-dm')
        .length,
      failedJobs: logs.filter((e) => e.msg === 'job failed for good').length,
      warnings: warningsOf(logs),
      permalinkCalls: standIn.calls('chat.getPermalink').filter((c) => c.at >= pressedAt).length,
      membersCalls: standIn.calls('conversations.members').filter((c) => c.at >= pressedAt).length,
    };
  } finally {
    await stopRun({ agent, client, rally, standIn, redis });
  }
}

export async function run(): Promise<void> {
  const runs: Limits[] = [
    { label: `stand-in cap ${cap}/s (= Rally's)` },
    { label: `stand-in cap ${slackCap}/s (< Rally's)`, perSecond: slackCap },
  ];
  const results: Figures[] = [];
  for (const limits of runs) results.push(await nudge(limits));

  console.log(
    `\nnudge benchmark: a public poll in a channel of ${memberCount} people, ${voterCount} of whom voted; ` +
      `RALLY_MAX_POSTS_PER_SECOND=${cap}; the stand-in allows 1 chat.postMessage a second per conversation ` +
      `and cap × 60 a minute, and in the second run also at most ${slackCap} in any 1 s\n`,
  );
  console.log(
    '| run | non-voters | reminders sent | duplicates | missing | to voters | total s | minimum s | ratio | max in any 1 s | summary after s | summaries |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of results) {
    const total = f.totalMs === undefined ? 'not done' : (f.totalMs / 1000).toFixed(2);
    const ratio = f.totalMs === undefined ? '-' : (f.totalMs / f.minimumMs).toFixed(2);
    const summary = f.summaryMs === undefined ? 'none' : (f.summaryMs / 1000).toFixed(2);
    console.log(
      `| ${f.limits.label} | ${f.nonVoters} | ${f.sent} | ${f.duplicates} | ${f.missing} | ${f.extra} | ${total} | ` +
        `${(f.minimumMs / 1000).toFixed(2)} | ${ratio} | ${f.maxInAnySecond} | ${summary} | ${f.summaries} |`,
    );
  }
  console.log(
    '\n| run | child jobs | children seen | max starts of a child | children by starts | poll-nudge starts | postMessage calls | 429s received | children parked by a 429 | failed for good | getPermalink calls | conversations.members calls |',
  );
  console.log('|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of results) {
    const byStarts = [...f.childStarts].map(([n, count]) => `${n}: ${count}`).join(', ');
    console.log(
      `| ${f.limits.label} | ${f.childJobs} | ${f.childrenSeen} | ${f.maxChildStarts} | ${byStarts} | ` +
        `${f.parentStarts} | ${f.postCalls} | ${f.limited} | ${f.delayedJobs} | ${f.failedJobs} | ` +
        `${f.permalinkCalls} | ${f.membersCalls} |`,
    );
  }
  for (const f of results) {
    console.log(`\n${f.limits.label}: summary: ${f.summaryText}`);
    console.log(`warnings and errors logged: ${f.warnings.join('; ') || 'none'}`);
  }
}
