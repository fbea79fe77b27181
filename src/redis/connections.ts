import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/** How long a command from a request handler may wait before it fails (the request must ack in 3 s). */
const producerCommandTimeoutMs = 1_000;

const reconnectDelay = (attempt: number): number => Math.min(100 * 2 ** attempt, 2_000);

function watchConnection(redis: Redis, logger: Logger, name: string): Redis {
  let lastState = 'ready';
  redis.on('ready', () => {
    if (lastState !== 'ready') logger.info({ connection: name }, 'redis connection is back');
    lastState = 'ready';
  });
  redis.on('error', (err: Error) => {
    // ioredis repeats the error on every reconnect attempt: log the first of each outage only.
    if (lastState === 'ready') logger.error({ err, connection: name }, 'redis connection lost');
    lastState = 'error';
  });
  return redis;
}

/**
 * For request handlers and producers: fails fast instead of queueing commands while Redis is away,
 * so a request is answered with an error rather than left to time out.
 */
export function createProducerRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: producerCommandTimeoutMs,
    connectTimeout: 5_000,
    retryStrategy: reconnectDelay,
    lazyConnect: true,
  });
  return watchConnection(redis, logger, 'producer');
}

/** For BullMQ workers, whose blocking commands must wait for Redis to come back (BullMQ requires `null`). */
export function createWorkerRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    retryStrategy: reconnectDelay,
    lazyConnect: true,
  });
  return watchConnection(redis, logger, 'worker');
}

/** Connects, retrying until `timeoutMs`; the error names the Redis without its password. */
export async function connectRedis(redis: Redis, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
      else if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        const { host, port } = redis.options;
        throw new Error(`Redis at ${host}:${port} did not answer within ${timeoutMs / 1000} s`, {
          cause: err,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * BullMQ loses jobs silently when Redis evicts keys under memory pressure, so anything but
 * `noeviction` is worth a loud warning. https://docs.bullmq.io/guide/going-to-production#max-memory-policy
 */
export async function warnUnlessNoEviction(redis: Redis, logger: Logger): Promise<void> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy !== 'noeviction') {
      logger.warn(
        { maxmemoryPolicy: policy },
        'REDIS IS NOT SAFE FOR RALLY: maxmemory-policy is not noeviction, so Redis may delete queued reminders, polls and signatures under memory pressure. Set maxmemory-policy noeviction.',
      );
    }
  } catch (err) {
    logger.warn({ err }, 'could not read maxmemory-policy (CONFIG GET refused); make sure it is noeviction');
  }
}
