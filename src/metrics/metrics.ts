import type { JobType } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type QueueName, queueNames } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';
import type { AckKind } from './slack-acks.js';
import { countingFetch, type SlackCallOutcome } from './slack-calls.js';
import { WaitingAges } from './waiting-ages.js';

/** What became of a job's run: done, failed for good, failed to be retried, or parked (pacing or a 429). */
export type JobOutcome = 'completed' | 'failed' | 'retried' | 'paced' | 'rate_limited';

/** What `deliver` did with a message: posted it, found it posted, had it refused, or parked its job. */
export type DeliveryOutcome = 'posted' | 'repeated' | 'refused' | 'paced';

/** The Web API clients Rally makes: Bolt's, for listeners, and the workers'. */
export type SlackClientName = 'listener' | 'jobs';

/**
 * Rally's metrics for one process: a registry of its own (never prom-client's global one), and one
 * method per thing that is counted. Label values are bounded by construction (queue names, method names,
 * kinds, outcomes): never a user, a channel or any text.
 */
export interface RallyMetrics {
  /** Everything `GET /metrics` serves. */
  readonly registry: Registry;
  /** How long each queue's oldest waiting job has been ready; `/healthz` reads the same. */
  readonly waiting: WaitingAges;
  /** The time from a Slack request's arrival to its ack. */
  acked(kind: AckKind, seconds: number): void;
  jobOutcome(queue: QueueName, outcome: JobOutcome): void;
  delivered(outcome: DeliveryOutcome): void;
  /** A Redis PING's round trip. */
  redisRoundTrip(seconds: number): void;
  /** A `fetch` for a Web API client that counts its calls under `client`. */
  slackFetch(client: SlackClientName): ReturnType<typeof countingFetch>;
}

export interface MetricSources {
  redis: Redis;
  queues: Pick<Queues, 'queue'>;
}

/** Bucket bounds for acks, in seconds: fine below 1 s, then around Slack's 3 s limit. */
const ackBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5];
const slackCallBuckets = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const redisBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** The states `getJobCounts` reports, as BullMQ names them. */
const jobStates: JobType[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
];

interface Snapshot {
  /** Undefined when Redis did not answer; nothing else is read then. */
  pingSeconds: number | undefined;
  counts: Map<QueueName, Record<string, number>>;
  oldest: Map<QueueName, number>;
}

export function createMetrics({ redis, queues }: MetricSources): RallyMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'rally_' });
  const waiting = new WaitingAges(queues);

  const acks = new Histogram({
    name: 'rally_slack_ack_seconds',
    help: 'Time from a Slack request reaching Rally to its ack, by kind of request',
    labelNames: ['kind'] as const,
    buckets: ackBuckets,
    registers,
  });
  const jobOutcomes = new Counter({
    name: 'rally_job_outcomes_total',
    help: 'Job runs by queue and outcome (completed, failed, retried, paced, rate_limited)',
    labelNames: ['queue', 'outcome'] as const,
    registers,
  });
  const deliveries = new Counter({
    name: 'rally_deliveries_total',
    help: 'Messages jobs asked to post, by outcome (posted, repeated, refused, paced)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const slackCalls = new Counter({
    name: 'rally_slack_api_calls_total',
    help: 'Slack Web API calls by client, method and outcome (ok, ratelimited, refused, server_error, timeout, network_error)',
    labelNames: ['client', 'method', 'outcome'] as const,
    registers,
  });
  const slackCallSeconds = new Histogram({
    name: 'rally_slack_api_call_seconds',
    help: 'Time until Slack answered a Web API call, by method',
    labelNames: ['method'] as const,
    buckets: slackCallBuckets,
    registers,
  });

  // Redis and the queues are read once per scrape, shared by every metric that shows them.
  let scraping: Promise<Snapshot> | undefined;
  const snapshot = (): Promise<Snapshot> => {
    scraping ??= takeSnapshot().finally(() => {
      scraping = undefined;
    });
    return scraping;
  };
  const takeSnapshot = async (): Promise<Snapshot> => {
    const started = performance.now();
    const pong = await redis.ping().catch(() => undefined);
    const pingSeconds = pong === 'PONG' ? (performance.now() - started) / 1000 : undefined;
    if (pingSeconds === undefined) return { pingSeconds, counts: new Map(), oldest: new Map() };
    try {
      const [counts, oldest] = await Promise.all([
        Promise.all(
          queueNames.map(async (q) => [q, await queues.queue(q).getJobCounts(...jobStates)] as const),
        ).then((entries) => new Map(entries)),
        waiting.all(),
      ]);
      return { pingSeconds, counts, oldest };
    } catch {
      // Redis went away mid-scrape: the queue series are left out of this one.
      return { pingSeconds, counts: new Map(), oldest: new Map() };
    }
  };

  const redisSeconds = new Histogram({
    name: 'rally_redis_ping_seconds',
    help: 'Round trip of a Redis PING, measured on each scrape and each /healthz',
    buckets: redisBuckets,
    registers,
    async collect() {
      const { pingSeconds } = await snapshot();
      if (pingSeconds !== undefined) this.observe(pingSeconds);
    },
  });
  new Gauge({
    name: 'rally_redis_up',
    help: '1 when Redis answered PING during this scrape, 0 otherwise',
    registers,
    async collect() {
      this.set((await snapshot()).pingSeconds === undefined ? 0 : 1);
    },
  });
  new Gauge({
    name: 'rally_queue_jobs',
    help: 'Jobs in each queue by state, read from BullMQ on each scrape (the same in every process)',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      const { counts } = await snapshot();
      this.reset();
      for (const [queue, byState] of counts)
        for (const state of jobStates) this.set({ queue, state }, byState[state] ?? 0);
    },
  });
  new Gauge({
    name: 'rally_queue_oldest_waiting_seconds',
    help: 'How long the oldest waiting job of each queue has been ready to run; 0 when none waits',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      const { oldest } = await snapshot();
      this.reset();
      for (const [queue, seconds] of oldest) this.set({ queue }, seconds);
    },
  });

  return {
    registry,
    waiting,
    acked: (kind, seconds) => acks.observe({ kind }, seconds),
    jobOutcome: (queue, outcome) => jobOutcomes.inc({ queue, outcome }),
    delivered: (outcome) => deliveries.inc({ outcome }),
    redisRoundTrip: (seconds) => redisSeconds.observe(seconds),
    slackFetch: (client) =>
      countingFetch((method: string, outcome: SlackCallOutcome, seconds: number) => {
        slackCalls.inc({ client, method, outcome });
        slackCallSeconds.observe({ method }, seconds);
      }),
  };
}
