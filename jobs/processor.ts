import type { RallyContext } from '../src/context.js';
import type { Logger } from '../src/logger.js';
import type { JobData, QueueName } from '../src/queues/contracts.js';
import type { FanOut } from '../src/queues/fan-out.js';

/** What a processor is given besides its job's data: the context, a logger for this job, and its run ID. */
export interface JobDeps extends RallyContext {
  logger: Logger;
  /** The job's ID made safe for naming records (see `runIdOf`): what a retried run finds again. */
  runId: string;
  /** Adds child jobs under this one and reads their outcomes (see `src/queues/fan-out.ts`). */
  fanOut: FanOut;
}

export type Processor<Q extends QueueName> = (data: JobData<Q>, deps: JobDeps) => Promise<unknown>;

/** One processor for every queue: a queue without one does not compile. */
export type Processors = { [Q in QueueName]: Processor<Q> };
