/**
 * A vote storm on one poll: thousands of signed `block_actions` clicks on its vote buttons, sent over HTTP
 * at a steady rate against the real app (its own process, real Redis, workers on), with the Slack stand-in
 * answering HTTP 429 to more than one `chat.update` of the poll message a second. Prints votes per second,
 * ack latency, lost and double votes, the updates sent, and the time from the last ack until the message
 * shows the exact final tally.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { buildPollMessage } from '../src/polls/blocks/poll-message.js';
import type { StoredPoll } from '../src/polls/model.js';
import { doublePressMs, PollStore } from '../src/polls/store.js';
import { pollViewOf } from '../src/polls/view.js';
import { createKeys } from '../src/redis/keys.js';
import { pollVoteActionId } from '../src/slack/ids.js';
import { testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import {
  type ApiCall,
  type Block,
  blockActionsPayload,
  CHANNELS,
  SlackRequests,
  SlackStandIn,
} from '../test/support/slack/index.js';
import { until } from '../test/support/until.js';
import {
  cpuSeconds,
  type HttpAnswer,
  maxPerSecond,
  minGap,
  mulberry32,
  percentile,
  post,
  type SignedBody,
  signedPayload,
  slackEventsUrl,
  spawnBenchRally,
  stopRun,
  untilPollReactions,
} from './support.js';

const voters = Number(process.env.BENCH_VOTERS ?? 1_000);
const votes = Number(process.env.BENCH_VOTES ?? 5_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
/** Slack's Tier 3 (chat.update): about 50 calls a minute per workspace, with bursts tolerated. */
const updatesPerMinute = Number(process.env.BENCH_UPDATES_PER_MINUTE ?? 50);
const question = 'Which day do we walk out?';
const options = ['Monday', 'Tuesday', 'Wednesday', 'Thursday'];
const channel = CHANNELS.general;
const seed = 20_261_130;
/** The second click of a double click follows the first after 40 to 200 ms. */
const doubleClickMs = [40, 200] as const;
/** A click sent more than this after its scheduled time counts as late. */
const lateMs = 10;
/**
 * A person does not press the option they last pressed this close to `doublePressMs` after that press:
 * whether it would be a double click depends on when it reaches Redis, which the plan cannot say exactly.
 */
const doublePressMarginMs = 400;
/** Keep-alive connections to Rally; the warm-up opens `warmConnections` of them. */
const maxSockets = 128;
const warmConnections = 64;
const convergeTimeoutMs = 30_000;
const pollMs = 50;
/** After convergence, updates still to come (the one refresh kept while another ran) are waited for. */
const quietMs = 2_500;

/**
 * `vote`: a person with no vote picks an option; `move`: one with a vote picks another; `withdraw`: one
 * clicks the option they hold; `double`: the same option twice in quick succession (two clicks, the
 * second within `doublePressMs`, so it changes nothing).
 */
type ClickKind = 'vote' | 'move' | 'withdraw' | 'double';

interface Click {
  person: number;
  option: number;
  kind: ClickKind;
  /** The second click of a double click. */
  second: boolean;
  /** When to send it, in ms from the start of the storm. */
  at: number;
}

interface Plan {
  clicks: Click[];
  /** What each person holds once every click is applied in order (undefined: no vote). */
  final: (number | undefined)[];
}

interface Sent extends HttpAnswer {
  click: Click;
  /** How long after its scheduled time the click was sent. */
  lateMs: number;
  /** It had to wait for the same person's previous click to be acknowledged. */
  waited: boolean;
}

const userId = (person: number): string => `U0VOTER${String(person + 1).padStart(4, '0')}`;

/**
 * The storm, the same on every run: one click every `seconds / votes`, each from a random person (every
 * person clicks at least once when there are enough clicks), applied to a local model of the button's
 * toggle rule: in a single-choice poll, clicking the option you hold withdraws it, clicking another
 * moves your vote there, and clicking the option you last clicked less than `doublePressMs` before
 * changes nothing (a double click).
 */
function planStorm(): Plan {
  const random = mulberry32(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const slotMs = (seconds * 1_000) / votes;
  const held: (number | undefined)[] = new Array(voters).fill(undefined);
  /** Each person's last press that changed something (a double click's second press does not count). */
  const lastPress: ({ option: number; at: number } | undefined)[] = new Array(voters).fill(undefined);
  const toggle = (person: number, option: number, at: number) => {
    const last = lastPress[person];
    if (last && last.option === option && at - last.at < doublePressMs) return;
    held[person] = held[person] === option ? undefined : option;
    lastPress[person] = { option, at };
  };
  /** Whether a click by `person` at `at` could fall either side of the double-press window. */
  const nearWindowEnd = (person: number, at: number) => {
    const last = lastPress[person];
    return last !== undefined && Math.abs(at - last.at - doublePressMs) < doublePressMarginMs;
  };
  const unvisited = Array.from({ length: voters }, (_, i) => i);
  for (let i = unvisited.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [unvisited[i], unvisited[j]] = [unvisited[j] as number, unvisited[i] as number];
  }
  /** Second clicks of double clicks, by slot; their person clicks nothing else meanwhile. */
  const pending: { slot: number; person: number; option: number }[] = [];
  const busy = new Set<number>();
  const clicks: Click[] = [];
  for (let slot = 0; slot < votes; slot++) {
    const at = slot * slotMs;
    const left = votes - slot;
    const due = pending[0];
    if (due && (due.slot <= slot || pending.length >= left || busy.size >= voters)) {
      pending.shift();
      busy.delete(due.person);
      toggle(due.person, due.option, at);
      clicks.push({ person: due.person, option: due.option, kind: 'double', second: true, at });
      continue;
    }
    const free = left - pending.length;
    let person: number;
    if (unvisited.length > 0 && (unvisited.length >= free || random() < (2 * unvisited.length) / free)) {
      person = unvisited.pop() as number;
    } else {
      do person = pick(voters);
      while (busy.has(person));
    }
    const gap = Math.max(
      1,
      Math.round((doubleClickMs[0] + random() * (doubleClickMs[1] - doubleClickMs[0])) / slotMs),
    );
    const canDouble = slot + gap + pending.length + unvisited.length + 1 < votes;
    const current = held[person];
    // Near the end of the double-press window, the option last pressed is not pressed again.
    const avoid = nearWindowEnd(person, at) ? lastPress[person]?.option : undefined;
    const pickOption = () =>
      avoid === undefined ? pick(options.length) : (avoid + 1 + pick(options.length - 1)) % options.length;
    const r = random();
    let kind: ClickKind;
    let option: number;
    if (current === undefined) {
      option = pickOption();
      kind = r < 0.15 && canDouble ? 'double' : 'vote';
    } else if (r < 0.55 || (r < 0.85 && !canDouble) || (r >= 0.85 && avoid === current)) {
      kind = 'move';
      option = (current + 1 + pick(options.length - 1)) % options.length;
    } else if (r < 0.85) {
      kind = 'double';
      option = pickOption();
    } else {
      kind = 'withdraw';
      option = current;
    }
    toggle(person, option, at);
    clicks.push({ person, option, kind, second: false, at });
    if (kind === 'double') {
      busy.add(person);
      const next = { slot: slot + gap, person, option };
      const index = pending.findIndex((p) => p.slot > next.slot);
      pending.splice(index === -1 ? pending.length : index, 0, next);
    }
  }
  return { clicks, final: held };
}

/**
 * Sends each click at its scheduled time, except that a person's clicks go strictly one after another: a
 * click waits for the ack of that person's previous one (then it is late). Different people's clicks are
 * concurrent. So every person's clicks reach Rally in the planned order and the expected tally is exact.
 * Rally acks before it applies a vote, but both go through one Node process and one Redis connection in
 * arrival order; the per-voter check after the run would show a reordering.
 */
async function storm(url: string, agent: Agent, clicks: Click[], bodies: SignedBody[]): Promise<Sent[]> {
  const sent: Sent[] = new Array(clicks.length);
  const tails = new Map<number, { done: Promise<void>; settled: boolean }>();
  const all: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < clicks.length; i++) {
    const click = clicks[i] as Click;
    const wait = start + click.at - performance.now();
    if (wait >= 1) await sleep(wait);
    const previous = tails.get(click.person);
    const waited = previous !== undefined && !previous.settled;
    const tail = { done: Promise.resolve(), settled: false };
    tail.done = (previous?.done ?? Promise.resolve()).then(async () => {
      const late = performance.now() - start - click.at;
      const answer = await post(url, agent, bodies[i] as SignedBody);
      sent[i] = { ...answer, click, lateMs: late, waited };
      tail.settled = true;
    });
    tails.set(click.person, tail);
    all.push(tail.done);
  }
  await Promise.all(all);
  return sent;
}

/** What a poll message shows a reader: every text outside the buttons, in order. */
function shownText(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const texts: string[] = [];
  for (const block of blocks as Block[]) {
    if (block.type === 'actions') continue;
    const text = block.text as Block | undefined;
    if (text && typeof text.text === 'string') texts.push(text.text);
    if (Array.isArray(block.elements)) {
      for (const element of block.elements as Block[]) {
        if (typeof element.text === 'string') texts.push(element.text);
      }
    }
  }
  return texts.join('\n');
}

/** The counts a poll message shows, per option, read from its "N votes" lines. */
function shownCounts(blocks: unknown): (number | undefined)[] {
  const sections = Array.isArray(blocks) ? (blocks as Block[]) : [];
  return options.map((option) => {
    const section = sections.find((b) => {
      const text = (b.text as Block | undefined)?.text;
      return typeof text === 'string' && text.includes(`*${option}*\n`);
    });
    const match = /([\d,]+) votes? \(/.exec(String((section?.text as Block | undefined)?.text ?? ''));
    return match ? Number(match[1]?.replaceAll(',', '')) : undefined;
  });
}

export async function run(): Promise<void> {
  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
  standIn.enforceRateLimit('chat.update', { perChannelPerSecond: 1, perMinute: updatesPerMinute });
  const rally = spawnBenchRally(standIn, redis, { RALLY_MAX_UPDATES_PER_MINUTE: String(updatesPerMinute) });
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  // FIFO: every open connection takes turns, so none sits idle until Rally's server closes it (5 s), which
  // can race a request sent on it at that moment and lose it (ECONNRESET) under load.
  const agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'fifo' });
  try {
    const url = await slackEventsUrl(rally);
    const slack = new SlackRequests({ appUrl: url, standIn });
    await client.connect();
    const keys = createKeys();
    const polls = new PollStore(client, keys);

    // The poll: public, single choice, four options, in #general.
    const command = `poll "${question}" ${options.map((o) => `"${o}"`).join(' ')}`;
    const created = await slack.command(command, { channel });
    if (created.status !== 200) throw new Error(`/rally poll answered ${created.status}: ${created.text}`);
    await standIn.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === channel && c.status === 200,
      15_000,
    );
    const ts = standIn
      .messages(channel)
      .find((m) => JSON.stringify(m.blocks).includes(pollVoteActionId(0)))?.ts;
    if (!ts) throw new Error('no poll message in #general');
    const pollId = await until(
      'the poll record of its message',
      () => client.get(keys.key('poll-message', channel, ts)),
      10_000,
      pollMs,
    );
    const poll = (await polls.get(pollId)) as StoredPoll;
    // The creation job then adds one reaction per option; let it finish before the storm.
    await untilPollReactions(standIn, ts, options.length, pollMs);

    const plan = planStorm();
    const { clicks } = plan;
    // One response_url per click (each works 5 times; Rally confirms every vote through it once).
    const payloads = clicks.map((click) =>
      blockActionsPayload(standIn, {
        actionId: pollVoteActionId(click.option),
        user: userId(click.person),
        channel,
        messageTs: ts,
      }),
    );
    const value = (payloads[0]?.actions as Block[] | undefined)?.[0]?.value;
    if (clicks[0] && value !== `${pollId}:${clicks[0].option}`) throw new Error(`unexpected value ${value}`);
    const bodies = payloads.map(signedPayload);
    const responseUrls = new Set(payloads.map((p) => String(p.response_url)));

    // Warm-up on the same agent: clicks on a poll that does not exist are answered "unknown poll" and
    // store nothing. `warmConnections` at a time, so the storm starts on open connections.
    const warmUp = Array.from({ length: 4 * warmConnections }, (_, i) =>
      signedPayload(
        blockActionsPayload(standIn, {
          actionId: pollVoteActionId(0),
          user: `U0WARM${String(i).padStart(5, '0')}`,
          channel,
          messageTs: ts,
          value: 'warmupwarmup:0',
        }),
      ),
    );
    for (let i = 0; i < warmUp.length; i += warmConnections) {
      await Promise.all(warmUp.slice(i, i + warmConnections).map((body) => post(url, agent, body)));
    }
    await sleep(200);

    // Expected: the model's final state.
    const expectedCounts = options.map((_, o) => plan.final.filter((h) => h === o).length);
    const expectedVoters = plan.final.filter((h) => h !== undefined).length;
    const expected = buildPollMessage(
      pollViewOf(poll, { counts: expectedCounts, voters: expectedVoters }, { minAnonymous: 5 }),
    );
    const expectedShown = shownText(expected.blocks);

    const rallyCpuBefore = await cpuSeconds(rally.child.pid);
    const ownCpuBefore = process.cpuUsage();
    const stormStart = performance.now();
    const sent = await storm(url, agent, clicks, bodies);
    const stormMs = performance.now() - stormStart;
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const rallyCpuAfter = await cpuSeconds(rally.child.pid);
    const rallyCpu =
      rallyCpuBefore !== undefined && rallyCpuAfter !== undefined
        ? rallyCpuAfter - rallyCpuBefore
        : undefined;

    const acked = sent.filter((s) => s.status >= 200 && s.status < 300);
    const non2xx = sent.filter((s) => s.status !== 0 && (s.status < 200 || s.status >= 300)).length;
    const failures = sent.filter((s) => s.status === 0);
    const failed = failures.length;
    const lastAckAt = sent.reduce((last, s) => Math.max(last, s.endedAt), 0);
    const firstSentAt = sent.reduce((first, s) => Math.min(first, s.endedAt - s.ms), lastAckAt);
    const latencies = sent.map((s) => s.ms).sort((a, b) => a - b);
    const lateness = sent.map((s) => s.lateMs).sort((a, b) => a - b);
    const late = sent.filter((s) => s.lateMs > lateMs);
    const lateWaiting = late.filter((s) => s.waited).length;

    // Wait until the message shows the exact final tally, then until the updates stop.
    const shows = () => {
      const message = standIn.message(channel, ts);
      return message?.text === expected.text && shownText(message.blocks) === expectedShown;
    };
    const deadline = Date.now() + convergeTimeoutMs;
    while (!shows() && Date.now() < deadline) await sleep(pollMs);
    const converged = shows();
    const quietDeadline = Date.now() + 10_000;
    for (;;) {
      const last = standIn.calls('chat.update').at(-1)?.at ?? 0;
      if (Date.now() - last >= quietMs || Date.now() > quietDeadline) break;
      await sleep(pollMs);
    }

    const updates = standIn
      .calls('chat.update')
      .filter((c: ApiCall) => c.args.channel === channel && c.args.ts === ts);
    const ok = updates.filter((c) => c.status === 200);
    const limited = updates.filter((c) => c.status === 429).length;
    const duringStorm = ok.filter((c) => c.at <= lastAckAt).length;
    // The update that put the final tally on the message for good: the first of the last run of 200s
    // that show it.
    let finalIndex = ok.length;
    while (finalIndex > 0 && shownText(ok[finalIndex - 1]?.args.blocks) === expectedShown) finalIndex--;
    const finalAt = converged && finalIndex < ok.length ? ok[finalIndex]?.at : undefined;
    const lastAckToFinal = finalAt !== undefined ? finalAt - lastAckAt : undefined;
    const stored = standIn.message(channel, ts);

    const confirmations = standIn.responses().filter((r) => responseUrls.has(r.url));
    const confirmedOk = confirmations.filter((r) => r.status === 200).length;

    const [countsHash, voterCount, votesHash] = await Promise.all([
      client.hgetall(keys.key('poll', pollId, 'counts')),
      client.hlen(keys.key('poll', pollId, 'votes')),
      client.hgetall(keys.key('poll', pollId, 'votes')),
    ]);
    const redisCounts = options.map((_, o) => Number(countsHash[String(o)] ?? 0));
    const messageCounts = shownCounts(stored?.blocks);
    const lost = options.map((_, o) =>
      Math.max(0, (expectedCounts[o] as number) - (redisCounts[o] as number)),
    );
    const doubled = options.map((_, o) =>
      Math.max(0, (redisCounts[o] as number) - (expectedCounts[o] as number)),
    );
    const lostTotal = lost.reduce((a, b) => a + b, 0);
    const doubleTotal = doubled.reduce((a, b) => a + b, 0);
    const wrongVoters = plan.final.filter((held, person) => {
      const mask = votesHash[userId(person)];
      return (mask === undefined ? undefined : Math.log2(Number(mask))) !== held;
    }).length;

    const logs = rally.logs();
    const delayedJobs = logs.filter((e) => e.msg === 'slack rate limit: job delayed').length;
    const failedJobs = logs.filter((e) => e.msg === 'job failed for good').length;
    const errorLogs = logs.filter((e) => Number(e.level) >= 50).length;
    const exact =
      acked.length === clicks.length &&
      lostTotal === 0 &&
      doubleTotal === 0 &&
      voterCount === expectedVoters &&
      wrongVoters === 0 &&
      converged;

    const kinds = (kind: ClickKind) => clicks.filter((c) => c.kind === kind && !c.second).length;
    const people = new Set(clicks.map((c) => c.person)).size;
    const fmt = (ms: number) => ms.toFixed(1);
    console.log(
      `\nvotes benchmark: ${clicks.length} clicks from ${people} people over ${seconds} s ` +
        `(${(clicks.length / seconds).toFixed(0)}/s scheduled, each person's clicks one after another) on a ` +
        `public single-choice poll with ${options.length} options in #general; chat.update limited to 1/s per ` +
        `channel and ${updatesPerMinute}/min`,
    );
    console.log(
      `mix: ${kinds('vote')} votes from no vote, ${kinds('move')} moves, ${kinds('withdraw')} withdrawals, ` +
        `${kinds('double')} double clicks (${2 * kinds('double')} clicks)\n`,
    );
    console.log(
      '| clicks | votes/s | ack p50 ms | ack p99 ms | ack max ms | non-2xx | failed | late > 10 ms (waiting on own click) | lateness p99 / max ms | storm s |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
    console.log(
      `| ${clicks.length} | ${(acked.length / ((lastAckAt - firstSentAt) / 1000)).toFixed(0)} | ` +
        `${fmt(percentile(latencies, 0.5))} | ${fmt(percentile(latencies, 0.99))} | ${fmt(latencies.at(-1) ?? 0)} | ` +
        `${non2xx} | ${failed} | ${late.length} (${lateWaiting}) | ` +
        `${fmt(percentile(lateness, 0.99))} / ${fmt(lateness.at(-1) ?? 0)} | ${(stormMs / 1000).toFixed(2)} |`,
    );
    console.log('\n| option | expected | redis | lost | double | final message shows |');
    console.log('|---|---:|---:|---:|---:|---:|');
    options.forEach((option, o) => {
      console.log(
        `| ${option} | ${expectedCounts[o]} | ${redisCounts[o]} | ${lost[o]} | ${doubled[o]} | ` +
          `${messageCounts[o] ?? '-'} |`,
      );
    });
    console.log(`| voters (HLEN) | ${expectedVoters} | ${voterCount} | | | |`);
    console.log(
      '\n| chat.update calls | answered 200 | answered 429 | 200s by the last ack | max calls in 1 s | max 200s in 1 s | min gap ms | last ack → exact message ms |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${updates.length} | ${ok.length} | ${limited} | ${duringStorm} | ` +
        `${maxPerSecond(updates.map((c) => c.at))} | ${maxPerSecond(ok.map((c) => c.at))} | ` +
        `${minGap(ok.map((c) => c.at)) ?? '-'} | ${lastAckToFinal ?? 'not converged'} |`,
    );
    console.log(
      `\nlost votes: ${lostTotal}; double votes: ${doubleTotal}; voters holding another choice than expected: ` +
        `${wrongVoters}; confirmations: ${confirmedOk} of ${clicks.length} (${confirmations.length} posts); ` +
        `jobs delayed by a rate limit: ${delayedJobs}, failed for good: ${failedJobs}; error logs: ${errorLogs}`,
    );
    const share = (cpu: number) => `${((cpu / (stormMs / 1000)) * 100).toFixed(0)}% of a core`;
    console.log(
      `CPU during the storm: rally ${rallyCpu !== undefined ? share(rallyCpu) : 'unknown'}, ` +
        `this process (load generator and stand-in) ${share((ownCpu.user + ownCpu.system) / 1e6)}`,
    );
    if (failed > 0) {
      const reasons = [...new Set(failures.map((s) => s.error ?? 'unknown'))].join(', ');
      console.log(
        `${failed} clicks got no answer (${reasons}): whether Rally applied them is unknown, so the expected ` +
          'tally is no longer exact',
      );
    }
    console.log(`final message: ${stored?.text ?? '(none)'}`);
    console.log(`converged: ${converged ? 'yes' : 'no'}; exact: ${exact ? 'yes' : 'no'}`);
  } finally {
    await stopRun({ agent, client, rally, standIn, redis });
  }
}
