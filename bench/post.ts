/**
 * The letter to 20 channels at once: one signed `/rally post letter` naming 20 channels, over HTTP against
 * the real app (its own process, real Redis, workers on), with the Slack stand-in's limits on (one
 * `chat.postMessage` a second per channel, the workspace cap a minute) and HTTP 429s injected into the
 * first posts. Prints the copies posted per channel (duplicates, missing), the requester's summary and
 * when it came, the `chat.getPermalink` calls, the 429s absorbed and the most starts of any job.
 */
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { letterBlocks } from '../src/slack/ids.js';
import { testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import {
  type ApiCall,
  BOT_USER_ID,
  CHANNELS,
  createWorkspace,
  publicChannel,
  SlackStandIn,
  USERS,
} from '../test/support/slack/index.js';
import {
  JobStarts,
  post,
  signedCommand,
  slackEventsUrl,
  spawnBenchRally,
  stopRun,
  warningsOf,
} from './support.js';

const channelCount = Number(process.env.BENCH_POST_CHANNELS ?? 20);
/** Rally's `RALLY_MAX_POSTS_PER_SECOND`, and the stand-in's cap (× 60 a minute). */
const cap = Number(process.env.BENCH_CAP ?? 50);
/** Injected 429s (`Retry-After: 1`) per run: the first N `chat.postMessage` calls get one. */
const injectedRuns = (process.env.BENCH_429S ?? '0,10,40').split(',').map(Number);
const organizer = USERS.alice;
const pollMs = 50;
/** After the summary, late duplicates are waited for this long. */
const quietMs = 3_000;
const timeoutMs = 120_000;
const prefix = '{rally}';

interface Figures {
  injected: number;
  posted: number;
  duplicates: number;
  missing: number;
  postCalls: number;
  limited: number;
  lastPostMs: number | undefined;
  summaryMs: number | undefined;
  summaries: number;
  summaryLines: number;
  /** Lines with the copy's permalink. */
  summaryLinks: number;
  summaryHeading: string;
  permalinkCalls: number;
  permalinkChannels: number;
  infoCalls: number;
  maxChildStarts: number;
  childStarts: Map<number, number>;
  parentStarts: number;
  parkedByLimit: number;
  failedJobs: number;
  warnings: string[];
}

const channelId = (i: number) => `C0POST${String(i + 1).padStart(5, '0')}`;
const channelName = (i: number) => `branch-${String(i + 1).padStart(2, '0')}`;

const postChannel = (i: number) =>
  publicChannel(channelId(i), channelName(i), [organizer, BOT_USER_ID], organizer);

const isLetter = (call: ApiCall) =>
  Array.isArray(call.args.blocks) &&
  (call.args.blocks as { block_id?: string }[]).some((b) => b.block_id === letterBlocks.signatures);

async function postLetter(injected: number): Promise<Figures> {
  const workspace = createWorkspace();
  const channels = Array.from({ length: channelCount }, (_, i) => postChannel(i));
  workspace.channels.push(...channels);
  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ workspace, signingSecret: testSigningSecret });
  standIn.enforceRateLimit('chat.postMessage', { perChannelPerSecond: 1, perMinute: cap * 60 });
  // Tier 3: about 50 a minute.
  standIn.enforceRateLimit('conversations.info', { perMinute: 50 });
  const rally = spawnBenchRally(standIn, redis, {
    RALLY_MAX_POSTS_PER_SECOND: String(cap),
  });
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const starts = new JobStarts(client, prefix, ['post-channel', 'campaign-post']);
  try {
    const url = await slackEventsUrl(rally);
    await client.connect();
    await post(url, agent, signedCommand(standIn, 'help', organizer, CHANNELS.organizing));
    await sleep(200);

    const mentions = channels.map((c, i) => `<#${c.id}|${channelName(i)}>`).join(' ');
    const command = signedCommand(standIn, `post letter ${mentions}`, organizer, CHANNELS.organizing);
    const responseUrl = String(new URLSearchParams(command.body).get('response_url'));
    if (injected > 0) standIn.failNext('chat.postMessage', { kind: 'rate_limited', retryAfter: 1 }, injected);
    starts.start();
    const sentAt = Date.now();
    const answer = await post(url, agent, command);
    if (answer.status !== 200) throw new Error(`/rally post answered ${answer.status}: ${answer.text}`);

    const summaryOf = () =>
      standIn.responses().find((r) => r.url === responseUrl && r.status === 200 && r.at >= sentAt);
    const deadline = sentAt + timeoutMs;
    while (!summaryOf() && Date.now() < deadline) await sleep(pollMs);
    await sleep(quietMs);
    await starts.stop();

    const attempts = standIn.calls('chat.postMessage').filter(isLetter);
    const ok = attempts.filter((c) => c.status === 200);
    const perChannel = new Map<string, number>();
    for (const c of ok)
      perChannel.set(String(c.args.channel), (perChannel.get(String(c.args.channel)) ?? 0) + 1);
    const summary = summaryOf();
    const text = String((summary?.body as { text?: string } | undefined)?.text ?? '');
    const permalinks = standIn.calls('chat.getPermalink').filter((c) => c.at >= sentAt);
    const parentIds = await client.zrange(`${prefix}:campaign-post:completed`, '0', '-1');
    const parentStarts = parentIds.at(-1)
      ? await client.hget(`${prefix}:campaign-post:${parentIds.at(-1)}`, 'ats')
      : null;
    const logs = rally.logs();
    const lastPost = ok
      .map((c) => c.at)
      .sort((a, b) => a - b)
      .at(-1);
    return {
      injected,
      posted: ok.length,
      duplicates: [...perChannel.values()].filter((n) => n > 1).length,
      missing: channels.filter((c) => !perChannel.has(c.id)).length,
      postCalls: attempts.length,
      limited: attempts.filter((c) => c.status === 429).length,
      lastPostMs: lastPost === undefined ? undefined : lastPost - sentAt,
      summaryMs: summary ? summary.at - sentAt : undefined,
      summaries: standIn.responses().filter((r) => r.url === responseUrl && r.at >= sentAt).length,
      summaryLines: text.split('\n').filter((line) => line.startsWith(':white_check_mark: <#')).length,
      summaryLinks: text.split('\n').filter((line) => /\(<https:\/\/\S+\|open>\)$/.test(line)).length,
      summaryHeading: text.split('\n')[0] ?? '(none)',
      permalinkCalls: permalinks.length,
      permalinkChannels: new Set(permalinks.map((c) => String(c.args.channel))).size,
      infoCalls: standIn.calls('conversations.info').filter((c) => c.at >= sentAt).length,
      maxChildStarts: starts.maxStarts('post-channel'),
      childStarts: starts.histogram('post-channel'),
      parentStarts: Number(parentStarts ?? starts.maxStarts('campaign-post')),
      parkedByLimit: logs.filter((e) => e.msg === 'slack rate limit: job delayed').length,
      failedJobs: logs.filter((e) => e.msg === 'job failed for good').length,
      warnings: warningsOf(logs),
    };
  } finally {
    await stopRun({ agent, client, rally, standIn, redis });
  }
}

export async function run(): Promise<void> {
  const results: Figures[] = [];
  for (const injected of injectedRuns) results.push(await postLetter(injected));
  console.log(
    `\npost benchmark: /rally post letter to ${channelCount} channels; RALLY_MAX_POSTS_PER_SECOND=${cap}; the ` +
      `stand-in allows 1 chat.postMessage a second per channel and ${cap * 60} a minute, 50 conversations.info ` +
      'a minute, and answers 429 (Retry-After: 1) to the first N chat.postMessage calls\n',
  );
  console.log(
    '| 429s injected | copies posted | duplicates | missing | postMessage calls | 429s received | last copy after s | summary after s | summaries | channels in the summary | with a link | getPermalink calls | channels asked |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const s = (ms: number | undefined) => (ms === undefined ? 'none' : (ms / 1000).toFixed(2));
  for (const f of results) {
    console.log(
      `| ${f.injected} | ${f.posted} | ${f.duplicates} | ${f.missing} | ${f.postCalls} | ${f.limited} | ` +
        `${s(f.lastPostMs)} | ${s(f.summaryMs)} | ${f.summaries} | ${f.summaryLines} | ${f.summaryLinks} | ` +
        `${f.permalinkCalls} | ` +
        `${f.permalinkChannels} |`,
    );
  }
  console.log(
    '\n| 429s injected | max starts of a post-channel job | jobs by starts | campaign-post starts | jobs parked by a 429 | failed for good | conversations.info calls |',
  );
  console.log('|---:|---:|---|---:|---:|---:|---:|');
  for (const f of results) {
    const byStarts = [...f.childStarts].map(([n, count]) => `${n}: ${count}`).join(', ');
    console.log(
      `| ${f.injected} | ${f.maxChildStarts} | ${byStarts} | ${f.parentStarts} | ${f.parkedByLimit} | ` +
        `${f.failedJobs} | ${f.infoCalls} |`,
    );
  }
  for (const f of results) {
    console.log(`\n${f.injected} injected: ${f.summaryHeading}`);
    console.log(`warnings and errors logged: ${f.warnings.join('; ') || 'none'}`);
  }
}
