/**
 * An RSVP storm: 1,000 people answer each of two events within 10 s (signed `block_actions` clicks on
 * Going / Maybe / Can't go over HTTP, against the real app in its own process with real Redis and workers),
 * some of them changing or taking back their answer. One event is named with a capacity (so Going fills it
 * and a waitlist forms, and withdrawals promote people), the other keeps counts only. The Slack stand-in
 * answers HTTP 429 to more than one `chat.update` a second in a channel or 50 a minute. Prints ack
 * latency, lost and double answers against a model, the updates sent, and when each message showed the
 * exact counts (the counts-only one at the latest when the event ends: a lone last answer waits for the
 * redraw clock, so that it never moves the count on its own).
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { countsLine } from '../src/events/blocks/event-message.js';
import type { EventCounts, Pressed, StoredEvent } from '../src/events/model.js';
import { EventStore } from '../src/events/store.js';
import { jobIds } from '../src/queues/job-ids.js';
import { createKeys } from '../src/redis/keys.js';
import { eventActions } from '../src/slack/ids.js';
import { testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import {
  type Block,
  blockActionsPayload,
  CHANNELS,
  SlackRequests,
  SlackStandIn,
} from '../test/support/slack/index.js';
import { until } from '../test/support/until.js';
import {
  cpuSeconds,
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
} from './support.js';

const people = Number(process.env.BENCH_PEOPLE ?? 1_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const capacity = Number(process.env.BENCH_CAPACITY ?? 300);
const updatesPerMinute = Number(process.env.BENCH_UPDATES_PER_MINUTE ?? 50);
const seed = 20_261_130;
/** A second press comes this long after the first: past the double-click window (1.5 s), within the storm. */
const secondPressMs = [1_700, 3_000] as const;
const convergeTimeoutMs = 30_000;
const answers: Pressed[] = ['going', 'maybe', 'cant'];
const actionOf = { going: eventActions.going, maybe: eventActions.maybe, cant: eventActions.cant } as const;

interface Press {
  person: number;
  answer: Pressed;
  at: number;
}

interface Plan {
  presses: Press[];
  /** What each person finally asks for (going may end on the waitlist), or nothing. */
  final: (Pressed | undefined)[];
  changes: number;
  withdrawals: number;
}

const userId = (event: number, person: number) => `U0RSVP${event}${String(person).padStart(4, '0')}`;

/**
 * Everyone presses once, at an even pace over the storm; 20% then change to another answer and 10% take
 * theirs back (press it again), 1.7 to 3 s later. The same plan on every run (fixed seed).
 */
function plan(eventSeed: number): Plan {
  const random = mulberry32(seed + eventSeed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const presses: Press[] = [];
  const final: (Pressed | undefined)[] = [];
  let changes = 0;
  let withdrawals = 0;
  const spread = (seconds * 1_000 - secondPressMs[1]) / people;
  for (let person = 0; person < people; person++) {
    const at = person * spread;
    const first = pick(answers);
    presses.push({ person, answer: first, at });
    final[person] = first;
    const r = random();
    const later = at + secondPressMs[0] + random() * (secondPressMs[1] - secondPressMs[0]);
    if (r < 0.2) {
      const other = answers.filter((a) => a !== first);
      const next = pick(other);
      presses.push({ person, answer: next, at: later });
      final[person] = next;
      changes++;
    } else if (r < 0.3) {
      presses.push({ person, answer: first, at: later });
      final[person] = undefined;
      withdrawals++;
    }
  }
  presses.sort((a, b) => a.at - b.at);
  return { presses, final, changes, withdrawals };
}

/** The counts the model gives: a capacity fills in any order; everyone else who asked for Going waits. */
function expectedCounts(final: (Pressed | undefined)[], limit: number | undefined): EventCounts {
  const wanting = final.filter((a) => a === 'going').length;
  const going = limit === undefined ? wanting : Math.min(limit, wanting);
  return {
    going,
    maybe: final.filter((a) => a === 'maybe').length,
    cant: final.filter((a) => a === 'cant').length,
    waitlist: wanting - going,
  };
}

/** The counts line a copy of the event shows now. */
function shownCounts(blocks: unknown): string | undefined {
  const block = (Array.isArray(blocks) ? (blocks as Block[]) : []).find((b) => b.block_id === 'event_counts');
  return (block?.text as Block | undefined)?.text as string | undefined;
}

/** Sends every press at its time; one person's presses go one after another (each after the last's ack). */
async function storm(url: string, agent: Agent, presses: (Press & { e: number })[], bodies: SignedBody[]) {
  const tails = new Map<number, Promise<number>>();
  const answers: { ms: number; status: number; endedAt: number; lateMs: number; e: number }[] = [];
  const start = performance.now();
  const all: Promise<unknown>[] = [];
  for (let i = 0; i < presses.length; i++) {
    const press = presses[i] as Press & { e: number };
    const wait = start + press.at - performance.now();
    if (wait >= 1) await sleep(wait);
    const next = (tails.get(press.person) ?? Promise.resolve(undefined)).then(async (previousAck) => {
      // A second press goes at least `secondPressMs[0]` after the first was answered, so that it is never
      // taken for a double click however slow the first answer was (the model would then be wrong).
      if (typeof previousAck === 'number') {
        const gap = previousAck + secondPressMs[0] - performance.now();
        if (gap > 0) await sleep(gap);
      }
      const lateMs = performance.now() - start - press.at;
      const answer = await post(url, agent, bodies[i] as SignedBody);
      answers.push({ ms: answer.ms, status: answer.status, endedAt: answer.endedAt, lateMs, e: press.e });
      return performance.now();
    });
    tails.set(press.person, next);
    all.push(next);
  }
  await Promise.all(all);
  return answers;
}

export async function run(): Promise<void> {
  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
  standIn.enforceRateLimit('chat.update', { perChannelPerSecond: 1, perMinute: updatesPerMinute });
  const rally = spawnBenchRally(standIn, redis, { RALLY_MAX_UPDATES_PER_MINUTE: String(updatesPerMinute) });
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const agent = new Agent({ keepAlive: true, maxSockets: 128, scheduling: 'fifo' });
  try {
    const url = await slackEventsUrl(rally);
    const slack = new SlackRequests({ appUrl: url, standIn });
    await client.connect();
    const events = new EventStore(client, createKeys());

    const setups = [
      { channel: CHANNELS.general, words: `"Walkout for families" in 3 days capacity ${capacity}` },
      { channel: CHANNELS.organizing, words: '"Quiet caucus" in 3 days counts-only' },
    ];
    const posted: { event: StoredEvent; channel: string; ts: string }[] = [];
    for (const setup of setups) {
      const res = await slack.command(`event ${setup.words}`, { channel: setup.channel });
      if (res.status !== 200) throw new Error(`/rally event answered ${res.status}`);
      const message = await until(
        `the event message in ${setup.channel}`,
        () =>
          standIn
            .messages(setup.channel)
            .find((m) => JSON.stringify(m.blocks).includes(eventActions.going) && !m.thread_ts),
        15_000,
      );
      const id = /"value":"([A-Za-z0-9_-]+)"/.exec(JSON.stringify(message.blocks))?.[1] ?? '';
      await until(`the copies of event ${id}`, async () => (await events.copies(id)).length > 0);
      posted.push({ event: (await events.get(id)) as StoredEvent, channel: setup.channel, ts: message.ts });
    }

    const plans = posted.map((_, i) => plan(i));
    const presses = posted.flatMap((copy, e) =>
      (plans[e] as Plan).presses.map((p) => ({ ...p, person: e * people + p.person, copy, e })),
    );
    presses.sort((a, b) => a.at - b.at);
    const bodies = presses.map((p) =>
      signedPayload(
        blockActionsPayload(standIn, {
          actionId: actionOf[p.answer],
          value: p.copy.event.id,
          user: userId(p.e, p.person % people),
          channel: p.copy.channel,
          messageTs: p.copy.ts,
        }),
      ),
    );

    const rallyCpuBefore = await cpuSeconds(rally.child.pid);
    const ownCpuBefore = process.cpuUsage();
    const stormStart = performance.now();
    const sent = await storm(url, agent, presses, bodies);
    const stormMs = performance.now() - stormStart;
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const rallyCpuAfter = await cpuSeconds(rally.child.pid);
    const share = (cpu: number | undefined) =>
      cpu === undefined ? 'unknown' : `${((cpu / (stormMs / 1000)) * 100).toFixed(0)}% of a core`;
    const cpuLine =
      `CPU during the storm: rally ${share(rallyCpuAfter !== undefined && rallyCpuBefore !== undefined ? rallyCpuAfter - rallyCpuBefore : undefined)}, ` +
      `this process (load generator and stand-in) ${share((ownCpu.user + ownCpu.system) / 1e6)}`;
    const latencies = sent.map((s) => s.ms).sort((a, b) => a - b);
    const non2xx = sent.filter((s) => s.status < 200 || s.status >= 300).length;
    const late = sent.filter((s) => s.lateMs > 10).length;

    console.log(
      `\nrsvp benchmark: ${people} people on each of 2 events over ${seconds} s (${presses.length} presses, ` +
        `${(presses.length / seconds).toFixed(0)}/s scheduled, each person's presses one after another); ` +
        `chat.update limited to 1/s per channel and ${updatesPerMinute}/min\n`,
    );
    console.log(
      `| presses | ack p50 ms | ack p99 ms | ack max ms | non-2xx | late > 10 ms | storm s |\n|---:|---:|---:|---:|---:|---:|---:|\n` +
        `| ${presses.length} | ${percentile(latencies, 0.5).toFixed(1)} | ${percentile(latencies, 0.99).toFixed(1)} | ` +
        `${(latencies.at(-1) ?? 0).toFixed(1)} | ${non2xx} | ${late} | ${(stormMs / 1000).toFixed(2)} |\n`,
    );
    console.log(
      '| event | changes / withdrawals | expected going · maybe · can’t · waitlist | redis | lost | double | chat.update 200 / 429 | max 200s in 1 s | min gap ms | exact message after its last ack ms |',
    );
    console.log('|---|---|---|---|---:|---:|---|---:|---:|---:|');
    let exact = non2xx === 0;
    for (const [e, copy] of posted.entries()) {
      const p = plans[e] as Plan;
      const lastAckAt = Math.max(...sent.filter((s) => s.e === e).map((s) => s.endedAt));
      const expected = expectedCounts(p.final, copy.event.capacity);
      const stored = await events.counts(copy.event.id);
      const keys = ['going', 'maybe', 'cant', 'waitlist'] as const;
      const lost = keys.reduce((n, k) => n + Math.max(0, expected[k] - stored[k]), 0);
      const double = keys.reduce((n, k) => n + Math.max(0, stored[k] - expected[k]), 0);
      const line = countsLine(copy.event, expected, { minAnonymous: 5 });
      const countsOnly = copy.event.mode === 'counts';
      const showsExact = () => shownCounts(standIn.message(copy.channel, copy.ts)?.blocks) === line;
      // A counts-only event's last lone answer waits for the redraw clock (1 s here): given a few ticks, it
      // shows the exact counts unless one answer is still pending alone; its end then draws them at once.
      const deadline = Date.now() + (countsOnly ? 3_000 : convergeTimeoutMs);
      while (!showsExact() && Date.now() < deadline) await sleep(50);
      let converged = showsExact();
      let endedNote = '';
      if (countsOnly) {
        if (!converged) {
          const q = new Queue('event-end', { connection: client, prefix: createKeys().prefix });
          await (await q.getJob(jobIds.eventEnd(copy.event.id, copy.event.endsAt)))?.promote();
          await q.close();
          const finalLine = `:checkered_flag: *It took place.* Final count: ${line}`;
          await until(
            'the final count on the ended event',
            () => shownCounts(standIn.message(copy.channel, copy.ts)?.blocks) === finalLine,
            convergeTimeoutMs,
          ).catch(() => undefined);
          converged = shownCounts(standIn.message(copy.channel, copy.ts)?.blocks) === finalLine;
          endedNote = ' (at its end)';
        }
      }
      const updates = standIn
        .calls('chat.update')
        .filter((c) => c.args.channel === copy.channel && c.args.ts === copy.ts);
      const ok = updates.filter((c) => c.status === 200);
      const limited = updates.filter((c) => c.status === 429).length;
      const finalAt = ok.find((c) => {
        const text = shownCounts(c.args.blocks);
        return text === line || text?.endsWith(line);
      })?.at;
      exact &&= lost === 0 && double === 0 && converged;
      const fmt = (c: EventCounts) => `${c.going} · ${c.maybe} · ${c.cant} · ${c.waitlist}`;
      console.log(
        `| ${copy.event.mode}${copy.event.capacity ? `, capacity ${copy.event.capacity}` : ''} | ${p.changes} / ${p.withdrawals} | ` +
          `${fmt(expected)} | ${fmt(stored)} | ${lost} | ${double} | ${ok.length} / ${limited} | ` +
          `${maxPerSecond(ok.map((c) => c.at))} | ${minGap(ok.map((c) => c.at)) ?? '-'} | ` +
          `${converged && finalAt !== undefined ? `${Math.max(0, finalAt - lastAckAt)}${endedNote}` : 'not converged'} |`,
      );
    }
    // Only the answers to presses: the two `/rally event` commands got their own.
    const confirmations = standIn
      .responses()
      .filter((r) => r.status === 200 && posted.some((copy) => copy.ts === r.messageTs)).length;
    exact &&= confirmations === presses.length;
    const logs = rally.logs();
    console.log(
      `\nconfirmations: ${confirmations} of ${presses.length}; jobs failed for good: ` +
        `${logs.filter((l) => l.msg === 'job failed for good').length}; error logs: ${logs.filter((l) => Number(l.level) >= 50).length}`,
    );
    console.log(cpuLine);
    console.log(`exact: ${exact ? 'yes' : 'no'}`);
  } finally {
    await stopRun({ agent, client, rally, standIn, redis });
  }
}
