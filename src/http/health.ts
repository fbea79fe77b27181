import type { ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { QueueName } from '../queues/contracts.js';

/** A queue whose oldest waiting job has waited longer than allowed. */
export interface LateQueue {
  queue: QueueName;
  oldestWaitingSeconds: number;
}

export interface HealthReport {
  ok: boolean;
  redis: 'up' | 'down';
  /** Absent when this process runs no workers (ROLE=web). */
  workers?: 'running' | 'stopped';
  /**
   * Whether every queue's oldest waiting job is younger than `RALLY_MAX_QUEUE_AGE_SECONDS`. Absent when
   * this process runs no workers, or when Redis is down.
   */
  queues?: 'on-time' | 'late';
  /** The queues that are late, oldest first; only when `queues` is `late`. */
  lateQueues?: LateQueue[];
  uptimeSeconds: number;
}

export type HealthCheck = () => Promise<HealthReport>;

export interface HealthSources {
  redis: Redis;
  workers?: { isRunning(): boolean };
  /**
   * Only in a process that runs workers: a web-only process cannot tell whether any worker is running, and
   * restarting it would not move a queue. Deployments alert on `rally_queue_oldest_waiting_seconds` instead.
   */
  queues?: {
    /** Seconds each queue's oldest waiting job has been ready. */
    waiting: { all(): Promise<Map<QueueName, number>> };
    maxAgeSeconds: number;
  };
  /** Told each PING's round trip, in seconds. */
  observePing?: (seconds: number) => void;
}

async function lateQueues(queues: NonNullable<HealthSources['queues']>): Promise<LateQueue[]> {
  const ages = await queues.waiting.all();
  return [...ages]
    .filter(([, seconds]) => seconds > queues.maxAgeSeconds)
    .sort(([, a], [, b]) => b - a)
    .map(([queue, seconds]) => ({ queue, oldestWaitingSeconds: Math.floor(seconds) }));
}

export function createHealthCheck({ redis, workers, queues, observePing }: HealthSources): HealthCheck {
  return async () => {
    const started = performance.now();
    const redisUp = await redis.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    if (redisUp) observePing?.((performance.now() - started) / 1000);
    const workersRunning = workers?.isRunning();
    // Redis may go away between the PING and these reads: then `redis` says so on the next check.
    const late = redisUp && queues ? await lateQueues(queues).catch(() => undefined) : undefined;
    return {
      ok: redisUp && workersRunning !== false && (late === undefined || late.length === 0),
      redis: redisUp ? 'up' : 'down',
      ...(workersRunning === undefined ? {} : { workers: workersRunning ? 'running' : 'stopped' }),
      ...(late === undefined ? {} : { queues: late.length > 0 ? 'late' : 'on-time' }),
      ...(late && late.length > 0 ? { lateQueues: late } : {}),
      uptimeSeconds: Math.round(process.uptime()),
    };
  };
}

/** Writes a report as `GET /healthz` answers it: 200 when healthy, 503 otherwise, JSON either way. */
export async function respondWithHealth(res: ServerResponse, check: HealthCheck): Promise<void> {
  const report = await check();
  res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(report));
}
