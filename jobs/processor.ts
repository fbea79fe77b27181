import type { Job } from 'bullmq';
import type { RallyContext } from '../src/context.js';
import type { Logger } from '../src/logger.js';
import type { JobData, QueueName } from '../src/queues/queues.js';

/** What a processor is given besides its job's data: the context, with a logger for this job. */
export interface JobDeps extends RallyContext {
  logger: Logger;
  job: Job;
}

export type Processor<Q extends QueueName> = (data: JobData<Q>, deps: JobDeps) => Promise<unknown>;

/** One processor for every queue: a queue without one does not compile. */
export type Processors = { [Q in QueueName]: Processor<Q> };
