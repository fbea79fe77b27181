import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { isConnectionError } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { type JobInput, parseJobData, type QueueName, queueNames } from './contracts.js';

/**
 * Retries with backoff belong to BullMQ, not to the Slack client: a job that fails is tried again later
 * without holding a worker. Eight attempts, 1, 2, 4 ... 64 s apart: a job rides out about two minutes of
 * Slack (or Redis) failing before it fails for good. Completed jobs are kept briefly for debugging, failed
 * ones a week.
 */
export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.2 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

/**
 * Events each queue's stream keeps (BullMQ's default is 10,000). Rally reads none of them; kept short so
 * that they hold no long history of when things happened. (BullMQ trims approximately: a stream may hold
 * up to about a hundred more.)
 */
const eventsKept = 50;

export interface Queues {
  /** Validates `data` against the queue's schema and adds the job. */
  enqueue<Q extends QueueName>(
    queue: Q,
    data: JobInput<Q>,
    options?: JobsOptions,
  ): Promise<string | undefined>;
  queue(name: QueueName): Queue;
  close(): Promise<void>;
}

/**
 * One BullMQ queue per job kind, on the given connection. A queue's errors go to `logger`, except the
 * connection's own (Redis away), which the connection reports once per outage: without a listener, BullMQ
 * would print each of them, on every reconnect attempt, to the console around the logger.
 */
export function createQueues(connection: Redis, keys: Keys, logger: Logger): Queues {
  const queues = new Map<QueueName, Queue>(
    queueNames.map((name) => {
      const queue = new Queue(name, {
        connection,
        prefix: keys.prefix,
        defaultJobOptions,
        streams: { events: { maxLen: eventsKept } },
      });
      queue.on('error', (err) => {
        if (!isConnectionError(err)) logger.error({ err, queue: name }, 'queue error');
      });
      return [name, queue];
    }),
  );
  const queue = (name: QueueName): Queue => {
    const found = queues.get(name);
    if (!found) throw new Error(`unknown queue ${name}`);
    return found;
  };
  return {
    queue,
    async enqueue(name, data, options) {
      const job = await queue(name).add(name, parseJobData(name, data), options);
      return job.id;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
