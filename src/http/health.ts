import type { ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';

export interface HealthReport {
  ok: boolean;
  redis: 'up' | 'down';
  /** Absent when this process runs no workers (ROLE=web). */
  workers?: 'running' | 'stopped';
  uptimeSeconds: number;
}

export type HealthCheck = () => Promise<HealthReport>;

export interface HealthSources {
  redis: Redis;
  workers?: { isRunning(): boolean };
  /** Told each PING's round trip, in seconds. */
  observePing?: (seconds: number) => void;
}

export function createHealthCheck({ redis, workers, observePing }: HealthSources): HealthCheck {
  return async () => {
    const started = performance.now();
    const redisUp = await redis.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    if (redisUp) observePing?.((performance.now() - started) / 1000);
    const workersRunning = workers?.isRunning();
    return {
      ok: redisUp && workersRunning !== false,
      redis: redisUp ? 'up' : 'down',
      ...(workersRunning === undefined ? {} : { workers: workersRunning ? 'running' : 'stopped' }),
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
