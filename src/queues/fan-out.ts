import type { JobInput, QueueName } from './contracts.js';

/** One child job: its ID (so adding it twice adds it once) and its data. */
export interface FanOutChild<Q extends QueueName> {
  id: string;
  data: JobInput<Q>;
}

/** How a child ended: with its return value, or failed for good (after its retries) with a reason. */
export type ChildOutcome = { done: true; value: unknown } | { done: false; reason: string };

/**
 * Fan-out as many small jobs: a job that writes to many channels or people adds one child job per target
 * and is run again once they have all ended, to report one result. Each child is paced, parked and
 * retried on its own, so no job approaches BullMQ's limit on starts, and a crash resumes where it stopped.
 * Given to job use cases by the worker (see `jobs/fan-out.ts`).
 */
export interface FanOut {
  /** Adds children under the running job; a child whose ID exists already is not added again. */
  add<Q extends QueueName>(queue: Q, children: readonly FanOutChild<Q>[]): Promise<void>;
  /**
   * The outcome of each child (by ID) once all have ended. While some are still to run, the running job
   * is set aside until they are done (this call then ends the run; the job starts again later).
   */
  collect(queue: QueueName, ids: readonly string[]): Promise<Map<string, ChildOutcome>>;
  /** Like `collect`, for children the caller does not list: every return value, and every failure. */
  collectAll(): Promise<{ values: unknown[]; failures: string[] }>;
}
