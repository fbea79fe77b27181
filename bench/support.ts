/**
 * What the benchmarks that send Slack interactions over HTTP share: signed bodies, one request, the maths,
 * the people they add to the stand-in's workspace, and stopping what a run started.
 */
import { readFile } from 'node:fs/promises';
import { type Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { testEnv, testSigningSecret } from '../test/support/rally.js';
import type { TestRedis } from '../test/support/redis-server.js';
import {
  type ApiCall,
  FORM_CONTENT_TYPE,
  type PayloadSource,
  type SlackStandIn,
  type SlackUser,
  signRequest,
  slashCommandBody,
  TEAM_ID,
} from '../test/support/slack/index.js';
import { type RallyChild, spawnRally } from '../test/support/spawn-rally.js';
import { until } from '../test/support/until.js';

/** An interaction payload as Slack posts it: `payload=<json>`, form-encoded and signed. */
export interface SignedBody {
  body: string;
  headers: Record<string, string>;
}

/** Signed once up front: a signature stays valid for five minutes, longer than any run. */
export function signedPayload(payload: Record<string, unknown>): SignedBody {
  return signedForm(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

/** A slash command as Slack posts it, form-encoded and signed. */
export function signedCommand(
  standIn: PayloadSource,
  text: string,
  user: string,
  channel: string,
): SignedBody {
  return signedForm(new URLSearchParams(slashCommandBody(standIn, { text, user, channel })).toString());
}

/** A form-encoded body with the headers Slack sends with it. */
function signedForm(body: string): SignedBody {
  const { timestamp, signature } = signRequest(testSigningSecret, body);
  return {
    body,
    headers: {
      // Exactly this: Bolt reads a body with any `; charset=…` as JSON and answers 400.
      'content-type': FORM_CONTENT_TYPE,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
  };
}

export interface HttpAnswer {
  /** 0 when the request failed without an answer. */
  status: number;
  text: string;
  /** From sending to the answer read. */
  ms: number;
  /** `Date.now()` when the answer was read, comparable with the stand-in's call times. */
  endedAt: number;
  /** Why there was no answer (e.g. `ECONNRESET`), when `status` is 0. */
  error?: string;
}

/**
 * One POST on a keep-alive `node:http` agent. Plain `node:http` rather than `fetch`: with `fetch` (Node 20)
 * the generator, which shares the machine's cores with Rally and Redis, drove only about 60% of the rate.
 */
export function post(url: string, agent: Agent, signed: SignedBody): Promise<HttpAnswer> {
  const started = performance.now();
  const done = (status: number, text: string, error?: Error): HttpAnswer => ({
    status,
    text,
    ms: performance.now() - started,
    endedAt: Date.now(),
    ...(error ? { error: (error as NodeJS.ErrnoException).code ?? error.message } : {}),
  });
  return new Promise((resolve) => {
    const headers = { ...signed.headers, 'content-length': String(Buffer.byteLength(signed.body)) };
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve(done(res.statusCode ?? 0, text)));
      res.on('error', (err) => resolve(done(0, '', err)));
    });
    req.on('error', (err) => resolve(done(0, '', err)));
    req.end(signed.body);
  });
}

/** Deterministic, so every run sends the same mix in the same order. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The nearest-rank percentile of an ascending list (0 for an empty one). */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** The most calls that fall within any 1-second window (times ascending, in ms). */
export function maxPerSecond(times: number[]): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= 1_000) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

/** The shortest gap between consecutive times (ascending, in ms); undefined with fewer than two. */
export function minGap(times: number[]): number | undefined {
  let min: number | undefined;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    min = min === undefined ? gap : Math.min(min, gap);
  }
  return min;
}

/**
 * Makes the stand-in answer HTTP 429 (`Retry-After: 1`) to a call of `method` when `perSecond` calls of it
 * were accepted within the last second: a workspace cap over a sliding second, which the stand-in's own
 * rules (per minute) do not express. The stand-in answers a call without yielding, so every earlier call
 * already has its status when this is asked.
 */
export function limitPerSecond(standIn: SlackStandIn, method: string, perSecond: number): void {
  standIn.failWhen(
    method,
    () => {
      const since = Date.now() - 1_000;
      const calls = standIn.calls(method);
      let accepted = 0;
      for (let i = calls.length - 1; i >= 0; i--) {
        const call = calls[i] as ApiCall;
        if (call.at <= since) break;
        if (call.status === 200) accepted++;
      }
      return accepted >= perSecond;
    },
    { kind: 'rate_limited', retryAfter: 1 },
    Number.POSITIVE_INFINITY,
  );
}

/** BullMQ's lists and sets of job IDs, by state. */
const jobStates = {
  list: ['wait', 'active', 'paused'],
  zset: ['delayed', 'prioritized', 'waiting-children', 'completed', 'failed'],
} as const;

/**
 * Watches the jobs of some queues while a benchmark runs and keeps, per job, the most starts seen: BullMQ's
 * `attemptsStarted` (the `ats` field of the job's hash), which each move to active increments, whether the
 * job was then parked (paced, rate limited), set aside for its children, or failed. Completed jobs are read
 * once more and then no longer; a queue keeps its last 1,000 completed jobs, which at the benchmarks' rates
 * leaves every job seconds in that set before it is trimmed.
 */
export class JobStarts {
  readonly #client: Redis;
  readonly #prefix: string;
  readonly #queues: readonly string[];
  readonly #starts = new Map<string, Map<string, number>>();
  readonly #finished = new Map<string, Set<string>>();
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();

  constructor(client: Redis, prefix: string, queues: readonly string[]) {
    this.#client = client;
    this.#prefix = prefix;
    this.#queues = queues;
    for (const queue of queues) {
      this.#starts.set(queue, new Map());
      this.#finished.set(queue, new Set());
    }
  }

  start(everyMs = 250): void {
    const loop = () => {
      this.#tick = this.sample().finally(() => {
        if (this.#timer) this.#timer = setTimeout(loop, everyMs);
      });
    };
    this.#timer = setTimeout(loop, 0);
  }

  /** Stops watching after one last look. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#tick;
    await this.sample();
  }

  async sample(): Promise<void> {
    for (const queue of this.#queues) {
      const base = `${this.#prefix}:${queue}`;
      const pipeline = this.#client.pipeline();
      for (const state of jobStates.list) pipeline.lrange(`${base}:${state}`, 0, -1);
      for (const state of jobStates.zset) pipeline.zrange(`${base}:${state}`, '0', '-1');
      const answers = (await pipeline.exec()) ?? [];
      const finished = this.#finished.get(queue) as Set<string>;
      const ids = new Set<string>();
      const done = new Set<string>();
      answers.forEach(([, value], i) => {
        const state = [...jobStates.list, ...jobStates.zset][i];
        for (const id of (value as string[] | null) ?? []) {
          if (finished.has(id)) continue;
          ids.add(id);
          if (state === 'completed' || state === 'failed') done.add(id);
        }
      });
      if (ids.size === 0) continue;
      const list = [...ids];
      const reads = this.#client.pipeline();
      for (const id of list) reads.hget(`${base}:${id}`, 'ats');
      const starts = this.#starts.get(queue) as Map<string, number>;
      ((await reads.exec()) ?? []).forEach(([, value], i) => {
        const id = list[i] as string;
        const seen = Number(value ?? 0);
        starts.set(id, Math.max(starts.get(id) ?? 0, seen));
        if (done.has(id)) finished.add(id);
      });
    }
  }

  /** How many distinct jobs of `queue` were seen. */
  jobs(queue: string): number {
    return this.#starts.get(queue)?.size ?? 0;
  }

  /** The most starts of any job of `queue` (0 when none was seen). */
  maxStarts(queue: string): number {
    return Math.max(0, ...(this.#starts.get(queue)?.values() ?? []));
  }

  /** How many jobs of `queue` started exactly `n` times, by `n`. */
  histogram(queue: string): Map<number, number> {
    const counts = new Map<number, number>();
    for (const n of this.#starts.get(queue)?.values() ?? []) counts.set(n, (counts.get(n) ?? 0) + 1);
    return new Map([...counts].sort((a, b) => a[0] - b[0]));
  }
}

/**
 * Rally's warnings and errors, counted by message, queue and (for a failed job) the error's message, e.g.
 * `job failed, will retry (poll-nudge: Command timed out) × 2`; not the start-up warning that Redis keeps
 * nothing on disk (the benchmarks' Redis does not).
 */
export function warningsOf(logs: Record<string, unknown>[]): string[] {
  const counts = new Map<string, number>();
  for (const entry of logs) {
    // The benchmarks' Redis keeps nothing on disk, which Rally warns about at start-up.
    if (!(Number(entry.level) >= 40) || String(entry.msg).startsWith('REDIS IS NOT SAFE')) continue;
    const err = (entry.err as { message?: string } | undefined)?.message;
    const where = [entry.queue, err?.slice(0, 80)].filter(Boolean).join(': ');
    const key = `${String(entry.msg)}${where ? ` (${where})` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} × ${n}`);
}

/**
 * Rally in its own process, against the stand-in and this Redis, logging at `info` (the benchmarks count
 * its log lines), with `env` on top of the tests' settings.
 */
export function spawnBenchRally(
  standIn: SlackStandIn,
  redis: TestRedis,
  env: Record<string, string> = {},
  script?: string,
): RallyChild {
  return spawnRally({ ...testEnv(standIn, redis.url), LOG_LEVEL: 'info', ...env }, script);
}

/** The URL Slack posts requests to, once Rally has started and said on which port. */
export async function slackEventsUrl(rally: RallyChild): Promise<string> {
  const port = Number((await rally.waitForLog('rally started')).port);
  return `http://127.0.0.1:${port}/slack/events`;
}

/**
 * Stops what a run started, in this order: the HTTP agent, the benchmark's own Redis connection, Rally
 * (waiting for it to exit), the stand-in, then Redis.
 */
export async function stopRun(run: {
  agent: Agent;
  client?: Redis;
  rally: RallyChild;
  standIn: SlackStandIn;
  redis: TestRedis;
}): Promise<void> {
  run.agent.destroy();
  run.client?.disconnect();
  run.rally.child.kill('SIGTERM');
  await run.rally.exited;
  await run.standIn.close();
  await run.redis.stop();
}

/** A member of the benchmark's workspace, in UTC, with no picture. */
export function benchPerson(id: string, name: string, realName: string): SlackUser {
  return {
    id,
    team_id: TEAM_ID,
    name,
    real_name: realName,
    profile: { display_name: '', real_name: realName, image_48: '' },
    tz: 'UTC',
    tz_label: 'Coordinated Universal Time',
    tz_offset: 0,
    is_bot: false,
    is_app_user: false,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    deleted: false,
  };
}

/** CPU seconds a process has used so far, from `/proc` (Linux); undefined elsewhere. */
export async function cpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Waits for the poll-creation job to add the reaction of each of the poll's `options` to its message `ts`
 * (its last step), so that a storm does not start while it still runs.
 */
export async function untilPollReactions(
  standIn: SlackStandIn,
  ts: string,
  options: number,
  pollMs: number,
): Promise<void> {
  await until(
    "the poll's option reactions",
    () => standIn.calls('reactions.add').filter((c) => c.args.timestamp === ts && c.status).length >= options,
    10_000,
    pollMs,
  );
}
