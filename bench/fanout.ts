/**
 * A digest to many channels at once: one signed `/rally digest now` per channel over HTTP against the real
 * app (its own process, real Redis, workers on), with the Slack stand-in answering HTTP 429 to more than one
 * `chat.postMessage` a second in a channel or more than the workspace cap. Prints the time from the first
 * command to the last digest accepted against the minimum those limits allow, the 429s Rally received, and
 * the channels that got two digests or none.
 */
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import {
  type ApiCall,
  BOT_USER_ID,
  createWorkspace,
  publicChannel,
  SlackStandIn,
  USERS,
} from '../test/support/slack/index.js';
import {
  limitPerSecond,
  maxPerSecond,
  post,
  type SignedBody,
  signedCommand,
  slackEventsUrl,
  spawnBenchRally,
  stopRun,
} from './support.js';

const channelCount = Number(process.env.BENCH_CHANNELS ?? 500);
/** Rally's `RALLY_MAX_POSTS_PER_SECOND`. */
const cap = Number(process.env.BENCH_CAP ?? 50);
/** The stand-in's workspace cap in the second run, below Rally's. */
const slackCap = Number(process.env.BENCH_SLACK_CAP ?? Math.max(1, Math.floor(cap * 0.6)));
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const organizer = USERS.alice;
const pollMs = 50;
/** After the last channel got its digest, late duplicates are waited for this long. */
const quietMs = 3_000;

interface Limits {
  label: string;
  /** Workspace posts a minute the stand-in accepts (as `cap × 60`). */
  perMinute: number;
  /** When set, also at most this many posts in any 1 s window across the workspace. */
  perSecond?: number;
}

interface Figures {
  limits: Limits;
  totalMs: number | undefined;
  minimumMs: number;
  commandsMs: number;
  non2xx: number;
  calls: number;
  limited: number;
  posted: number;
  duplicates: number;
  missing: number;
  maxInAnySecond: number;
  maxInCalendarSecond: number;
  delayedJobs: number;
  failedJobs: number;
}

const channelId = (i: number) => `C0FAN${String(i + 1).padStart(5, '0')}`;

const fanoutChannel = (i: number) =>
  publicChannel(
    channelId(i),
    `fanout-${String(i + 1).padStart(5, '0')}`,
    [organizer, BOT_USER_ID],
    organizer,
  );

const isDigest = (call: ApiCall) => String(call.args.text).startsWith('Rally digest');

/** The most calls in any one calendar second (times in ms). */
function maxPerCalendarSecond(times: number[]): number {
  const counts = new Map<number, number>();
  for (const t of times) counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

async function fanout(limits: Limits): Promise<Figures> {
  const workspace = createWorkspace();
  const channels = Array.from({ length: channelCount }, (_, i) => fanoutChannel(i));
  workspace.channels.push(...channels);
  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ workspace, signingSecret: testSigningSecret });
  standIn.enforceRateLimit('chat.postMessage', { perChannelPerSecond: 1, perMinute: limits.perMinute });
  const perSecond = limits.perSecond;
  // The stand-in's own rules count per minute only, which 500 posts in a few seconds never reach.
  if (perSecond !== undefined) limitPerSecond(standIn, 'chat.postMessage', perSecond);
  const rally = spawnBenchRally(standIn, redis, {
    RALLY_ORGANIZERS: '',
    RALLY_MAX_POSTS_PER_SECOND: String(cap),
  });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const url = await slackEventsUrl(rally);
    // Warm-up: `/rally help` opens the connections and runs the request path without queueing a job.
    await Promise.all(
      Array.from({ length: concurrency }, () =>
        post(url, agent, signedCommand(standIn, 'help', organizer, channelId(0))),
      ),
    );
    await sleep(200);

    const commands = channels.map((c) => signedCommand(standIn, 'digest now', organizer, c.id));
    const started = Date.now();
    let next = 0;
    let non2xx = 0;
    const sender = async () => {
      while (next < commands.length) {
        const answer = await post(url, agent, commands[next++] as SignedBody);
        if (answer.status !== 200 || !answer.text.includes('Posting the digest')) non2xx++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, commands.length) }, sender));
    const commandsMs = Date.now() - started;

    const effectiveCap = Math.min(cap, perSecond ?? cap, limits.perMinute / 60);
    const minimumMs = (channelCount / effectiveCap) * 1000;
    const deadline = started + Math.max(60_000, minimumMs * 4);
    const ids = new Set(channels.map((c) => c.id));
    const digestsOk = () => standIn.calls('chat.postMessage').filter((c) => c.status === 200 && isDigest(c));
    while (Date.now() < deadline) {
      const reached = new Set(digestsOk().map((c) => String(c.args.channel)));
      if ([...ids].every((id) => reached.has(id))) break;
      await sleep(pollMs);
    }
    await sleep(quietMs);

    const attempts = standIn.calls('chat.postMessage').filter(isDigest);
    const ok = attempts.filter((c) => c.status === 200);
    const perChannel = new Map<string, number>();
    for (const c of ok)
      perChannel.set(String(c.args.channel), (perChannel.get(String(c.args.channel)) ?? 0) + 1);
    const missing = channels.filter((c) => !perChannel.has(c.id)).length;
    const okTimes = ok.map((c) => c.at).sort((a, b) => a - b);
    const last = okTimes.at(-1);
    return {
      limits,
      totalMs: missing === 0 && last !== undefined ? last - started : undefined,
      minimumMs,
      commandsMs,
      non2xx,
      calls: attempts.length,
      limited: attempts.filter((c) => c.status === 429).length,
      posted: ok.length,
      duplicates: [...perChannel.values()].filter((n) => n > 1).length,
      missing,
      maxInAnySecond: maxPerSecond(okTimes),
      maxInCalendarSecond: maxPerCalendarSecond(okTimes),
      delayedJobs: rally.logs().filter((e) => e.msg === 'slack rate limit: job delayed').length,
      failedJobs: rally.logs().filter((e) => e.msg === 'job failed for good').length,
    };
  } finally {
    await stopRun({ agent, rally, standIn, redis });
  }
}

export async function run(): Promise<void> {
  const runs: Limits[] = [
    { label: `stand-in cap ${cap}/s (= Rally's)`, perMinute: cap * 60 },
    { label: `stand-in cap ${slackCap}/s (< Rally's)`, perMinute: slackCap * 60, perSecond: slackCap },
  ];
  const results: Figures[] = [];
  for (const limits of runs) results.push(await fanout(limits));

  console.log(
    `\nfanout benchmark: /rally digest now in ${channelCount} channels (${concurrency} commands at a time), ` +
      `RALLY_MAX_POSTS_PER_SECOND=${cap}; the stand-in allows 1 chat.postMessage a second per channel and ` +
      `cap × 60 a minute, and in the second run also at most cap in any 1 s\n`,
  );
  console.log(
    '| run | channels | cap | total s | minimum s | ratio | 429s received | digests posted | duplicates | missing |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of results) {
    const total = f.totalMs === undefined ? 'not done' : (f.totalMs / 1000).toFixed(2);
    const ratio = f.totalMs === undefined ? '-' : (f.totalMs / f.minimumMs).toFixed(2);
    console.log(
      `| ${f.limits.label} | ${channelCount} | ${cap} | ${total} | ${(f.minimumMs / 1000).toFixed(2)} | ${ratio} | ` +
        `${f.limited} | ${f.posted} | ${f.duplicates} | ${f.missing} |`,
    );
  }
  console.log(
    '\n| run | commands sent in s | non-2xx | postMessage calls | max posts in any 1 s | max posts in one calendar second | jobs delayed by a 429 | jobs failed for good |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of results) {
    console.log(
      `| ${f.limits.label} | ${(f.commandsMs / 1000).toFixed(2)} | ${f.non2xx} | ${f.calls} | ${f.maxInAnySecond} | ` +
        `${f.maxInCalendarSecond} | ${f.delayedJobs} | ${f.failedJobs} |`,
    );
  }
}
