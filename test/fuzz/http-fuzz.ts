/**
 * Random `/rally` commands, signed as Slack signs them, sent over HTTP to the real app in bounded batches.
 * Every one must be answered with HTTP 200 within Slack's 3 seconds, privately: an ephemeral message, or
 * an empty acknowledgement followed by a private answer (a message through its response_url, a modal
 * opened with its trigger, or the poll it asked for). The process must stay healthy, log no error, and its
 * heap must not grow with the number of commands.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { routeCommand } from '../../src/commands/route.js';
import { parsePollCommand } from '../../src/polls/parse-command.js';
import { queueNames } from '../../src/queues/contracts.js';
import { escapeMrkdwn } from '../../src/slack/blocks/mrkdwn.js';
import { type Harness, startHarness } from '../support/rally.js';
import { CHANNELS, USERS } from '../support/slack/index.js';
import { commandText, meantCommand } from './arbitraries.js';
import { textIssues } from './checks.js';

export interface HttpFuzzOptions {
  count: number;
  seed: number;
  /** Commands in flight at once. */
  batch?: number;
  /** How long to wait for the private answers that follow empty acknowledgements. */
  followUpMs?: number;
  log?: (line: string) => void;
}

export interface HttpFuzzReport {
  sent: number;
  ephemeral: number;
  deferred: number;
  /** Milliseconds from sending to the answer, ascending. */
  latencies: number[];
  heap: { warmMb: number; endMb: number; gc: boolean };
  rss: { warmMb: number; endMb: number };
  problems: string[];
  summary: string[];
}

/** Subcommands that acknowledge with nothing and answer privately a moment later (`/rally event` alone: its form). */
const deferredSubcommands = new Set(['poll', 'sign', 'remind', 'digest', 'event']);

/** Slack's limits on a message: 50 blocks, 3,000 characters in a section, 40,000 of text. */
const limits = { blocks: 50, section: 3_000, text: 40_000 };

interface Deferred {
  text: string;
  user: string;
  /** `Date.now()` when it was sent. */
  at: number;
  channel: string;
  responseUrl: string;
  triggerId: string;
  /** The poll's question as the channel shows it, for a poll asked for in the command. */
  question?: string;
}

/** A full garbage collection, when this process can ask for one (`--expose-gc` switched on at run time). */
function collector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function memory(gc: (() => void) | undefined): { heap: number; rss: number } {
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: mb(heapUsed), rss: mb(rss) };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

const users = [USERS.alice, USERS.bob, USERS.carla, USERS.deepa, USERS.emeka, USERS.partner, USERS.former];
const channels = Object.values(CHANNELS);
const shown = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** What is wrong with one answer (empty when nothing is), and the follow-up it promises, if any. */
function checkAnswer(
  answer: { status: number; text: string; json?: unknown },
  ms: number,
  text: string,
  sent: Record<string, string>,
  sentAt: number,
): { problems: string[]; deferred?: Deferred } {
  const problems: string[] = [];
  const about = `${shown(text)}:`;
  if (answer.status !== 200) problems.push(`${about} HTTP ${answer.status}`);
  if (ms > 3_000) problems.push(`${about} answered after ${Math.round(ms)} ms`);
  if (answer.text === '') {
    const route = routeCommand(text);
    if (route.kind !== 'subcommand' || !deferredSubcommands.has(route.subcommand.name)) {
      problems.push(
        `${about} an empty acknowledgement for ${route.kind === 'subcommand' ? route.subcommand.name : route.kind}`,
      );
      return { problems };
    }
    const poll =
      route.subcommand.name === 'poll' && route.args.length > 0
        ? parsePollCommand(route.args, new Date(), 'UTC')
        : undefined;
    return {
      problems,
      deferred: {
        text,
        user: sent.user_id ?? '',
        at: sentAt,
        channel: sent.channel_id ?? '',
        responseUrl: sent.response_url ?? '',
        triggerId: sent.trigger_id ?? '',
        ...(poll?.ok ? { question: escapeMrkdwn(poll.poll.question) } : {}),
      },
    };
  }
  const body = answer.json as { response_type?: unknown; text?: unknown; blocks?: unknown } | undefined;
  if (body?.response_type !== 'ephemeral') {
    problems.push(`${about} not an ephemeral message: ${answer.text.slice(0, 200)}`);
    return { problems };
  }
  if (typeof body.text !== 'string' || !body.text.trim()) problems.push(`${about} an answer with no text`);
  else {
    if (body.text.length > limits.text) problems.push(`${about} text of ${body.text.length} characters`);
    for (const issue of textIssues(body.text, text)) problems.push(`${about} the answer: ${issue}`);
  }
  const blocks = Array.isArray(body.blocks)
    ? (body.blocks as { type?: string; text?: { text?: string } }[])
    : [];
  if (blocks.length > limits.blocks) problems.push(`${about} ${blocks.length} blocks`);
  for (const block of blocks) {
    const length = block.text?.text?.length ?? 0;
    if (block.type === 'section' && length > limits.section) {
      problems.push(`${about} a section of ${length} characters`);
    }
  }
  return { problems };
}

async function send(h: Harness, text: string, user: string, channel: string) {
  const at = Date.now();
  const started = performance.now();
  const answer = await h.slack.command(text, { user, channel }).catch((err: Error) => ({
    status: 0,
    text: `no answer: ${err.message}`,
    json: undefined,
    sent: {} as Record<string, string>,
  }));
  return { answer, at, ms: performance.now() - started };
}

/**
 * The deferred commands still waiting for their private answer: through their response_url, a modal opened
 * with their trigger, the poll they asked for, or (when the response_url failed) a direct message after.
 */
function unanswered(h: Harness, deferred: readonly Deferred[]): Deferred[] {
  const responded = new Set(h.standIn.responses().map((r) => r.url));
  const opened = new Set(h.standIn.calls('views.open').map((c) => String(c.args.trigger_id)));
  const directMessages = h.standIn
    .calls('chat.postMessage')
    .filter((c) => String(c.args.channel).startsWith('U'));
  return deferred.filter(
    (d) =>
      !responded.has(d.responseUrl) &&
      !opened.has(d.triggerId) &&
      !(
        d.question !== undefined &&
        h.standIn.messages(d.channel).some((m) => m.text.includes(d.question as string))
      ) &&
      !directMessages.some((c) => c.args.channel === d.user && c.at >= d.at),
  );
}

/** Where the job a deferred command queued is, to say why no answer came. */
async function whereIsItsJob(h: Harness, d: Deferred): Promise<string> {
  const found: string[] = [];
  for (const name of queueNames) {
    const jobs = await h.rally.ctx.queues
      .queue(name)
      .getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
    for (const job of jobs) {
      if ((job.data as { responseUrl?: string }).responseUrl !== d.responseUrl) continue;
      const state = await job.getState();
      found.push(
        `${name} job ${state}, ${job.attemptsMade} attempts${job.failedReason ? `: ${job.failedReason}` : ''}`,
      );
    }
  }
  return found.join('; ') || 'no job holds its response_url';
}

/** Log lines at error level or above, and those that say a listener or a promise failed. */
function badLogLines(h: Harness): string[] {
  return h.logs.lines.filter((line) => {
    if (/unhandled rejection|listener failed/.test(line)) return true;
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return true;
    }
  });
}

export async function fuzzOverHttp(h: Harness, options: HttpFuzzOptions): Promise<HttpFuzzReport> {
  const { count, seed, log = () => {} } = options;
  const batch = options.batch ?? 25;
  const gc = collector();
  const cases = fc.sample(
    fc.tuple(
      // Two in three are anything; one in three means something, so most of those are taken.
      fc.oneof({ arbitrary: commandText, weight: 2 }, { arbitrary: meantCommand, weight: 1 }),
      fc.constantFrom(...users),
      fc.constantFrom(...channels),
    ),
    {
      numRuns: count,
      seed,
    },
  );
  const problems: string[] = [];
  const latencies: number[] = [];
  const deferred: Deferred[] = [];
  let ephemeral = 0;
  /** Accepted `/rally forget me`: it deletes the person's reminders, even one whose answer is on its way. */
  const forgotten: { user: string; at: number }[] = [];
  /** Private answers whose response_url refused them (sent as a direct message instead, or dropped). */
  let refusedByResponseUrl = 0;
  const warmUp = Math.min(200, Math.floor(count / 5));
  let warm: { heap: number; rss: number } | undefined;

  for (let start = 0; start < cases.length; start += batch) {
    const answers = await Promise.all(
      cases.slice(start, start + batch).map(async ([text, user, channel]) => ({
        text,
        ...(await send(h, text, user, channel)),
      })),
    );
    for (const { text, answer, at, ms } of answers) {
      latencies.push(ms);
      const checked = checkAnswer(answer, ms, text, answer.sent, at);
      problems.push(...checked.problems);
      if (checked.deferred) deferred.push(checked.deferred);
      else if (answer.status === 200) ephemeral++;
      if (answer.text.includes('Forgetting you now')) forgotten.push({ user: answer.sent.user_id ?? '', at });
    }
    // The captured log is part of this process's heap: read it as it comes and let it go.
    problems.push(...badLogLines(h).map((line) => `log: ${line.slice(0, 300)}`));
    refusedByResponseUrl += h.logs.lines.filter((l) => l.includes('response_url refused the message')).length;
    h.logs.lines.length = 0;
    const done = Math.min(start + batch, cases.length);
    if (warm === undefined && done >= warmUp) warm = memory(gc);
    if (done % 1000 < batch && done >= 1000) {
      const now = memory(gc);
      log(`${done} sent: heap ${now.heap} MB, RSS ${now.rss} MB, stand-in ${h.standIn.calls().length} calls`);
    }
  }

  const deadline = Date.now() + (options.followUpMs ?? 60_000);
  let waiting = unanswered(h, deferred);
  while (waiting.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    waiting = unanswered(h, deferred);
  }
  const excused = waiting.filter((d) =>
    forgotten.some((f) => f.user === d.user && Math.abs(f.at - d.at) < 10_000),
  );
  waiting = waiting.filter((d) => !excused.includes(d));
  for (const d of waiting) {
    problems.push(
      `${shown(d.text)}: acknowledged, but no private answer followed (${await whereIsItsJob(h, d)})`,
    );
  }
  problems.push(...badLogLines(h).map((line) => `log: ${line.slice(0, 300)}`));
  h.logs.lines.length = 0;

  const health = await fetch(`${h.baseUrl}/healthz`);
  if (health.status !== 200) problems.push(`health check answered ${health.status} after the run`);
  // What the stand-in recorded (calls, messages, answers) is this process's heap too, but not Rally's.
  const recorded = { calls: h.standIn.calls().length, messages: h.standIn.messages().length };
  h.standIn.reset();
  const end = memory(gc);
  warm ??= end;
  // Generous: V8's compiled code and the stand-in's record of every trigger and response_url it issued (kept
  // by reset) grow too, about 2 KB a command in all. A leak of a request's worth of objects would not fit.
  const allowedMb = Math.max(32, (count * 8) / 1024);
  if (end.heap - warm.heap > allowedMb) {
    problems.push(
      `the heap grew by ${Math.round(end.heap - warm.heap)} MB (at most ${Math.round(allowedMb)} MB)`,
    );
  }
  latencies.sort((a, b) => a - b);
  const ms = (q: number) => Math.round(percentile(latencies, q));
  const summary = [
    `${cases.length} commands: ${ephemeral} answered with an ephemeral message, ${deferred.length} acknowledged and answered privately after (${refusedByResponseUrl} refused by their response_url; ${excused.length} unanswered, their sender having asked to be forgotten)`,
    `latency p50 ${ms(0.5)} ms, p99 ${ms(0.99)} ms, max ${ms(1)} ms (limit 3,000)`,
    `heap${gc ? ' after GC' : ''}: ${warm.heap} MB after ${warmUp} commands, ${end.heap} MB at the end (${end.heap >= warm.heap ? '+' : ''}${Math.round((end.heap - warm.heap) * 10) / 10} MB); RSS ${warm.rss} → ${end.rss} MB`,
    `health ${health.status}; the stand-in recorded ${recorded.calls} Web API calls and ${recorded.messages} messages (forgotten before the last measure); ${problems.length} problems`,
  ];
  return {
    sent: cases.length,
    ephemeral,
    deferred: deferred.length,
    latencies,
    heap: { warmMb: warm.heap, endMb: end.heap, gc: gc !== undefined },
    rss: { warmMb: warm.rss, endMb: end.rss },
    problems,
    summary,
  };
}

/** Starts Rally (Alice and Bob organize), fuzzes it over HTTP, stops it. */
export async function runHttpFuzz(options: HttpFuzzOptions): Promise<HttpFuzzReport> {
  const h = await startHarness({ env: { RALLY_ORGANIZERS: `${USERS.alice},${USERS.bob}` } });
  try {
    await h.standIn.waitForCall('auth.test');
    return await fuzzOverHttp(h, options);
  } finally {
    await h.stop();
  }
}
