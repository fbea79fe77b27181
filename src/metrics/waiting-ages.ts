import type { Job } from 'bullmq';
import { type QueueName, queueNames } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';

/**
 * How long each queue's oldest waiting job has been ready to run, read from BullMQ's `wait` list (oldest
 * first). Shared by `GET /metrics` and `GET /healthz`, so that both say the same.
 *
 * A job that never ran has been ready since it was added plus its delay (`timestamp + opts.delay`),
 * which is exact. A job that already ran once (retried after a failure, parked for pacing or a 429, or
 * taken back from a stalled worker) keeps its first `timestamp`, and BullMQ zeroes its delay when it
 * leaves the delayed set: for it, the age counts from when this process first found it at the head of
 * the queue. That can only understate the age (by at most the time between two checks), never overstate
 * it, so a queue that moves is never reported late.
 */
export class WaitingAges {
  readonly #queues: Pick<Queues, 'queue'>;
  readonly #now: () => number;
  /** Per queue: the job that already ran which was last found oldest, and when it was first found so. */
  readonly #seen = new Map<QueueName, { jobId: string; since: number }>();

  constructor(queues: Pick<Queues, 'queue'>, now: () => number = Date.now) {
    this.#queues = queues;
    this.#now = now;
  }

  /** Seconds the oldest waiting job of `queue` has been ready; 0 when nothing waits. */
  async oldest(queue: QueueName): Promise<number> {
    const [job] = await this.#queues.queue(queue).getJobs(['wait'], 0, 0, true);
    const now = this.#now();
    if (!job?.id) {
      this.#seen.delete(queue);
      return 0;
    }
    return Math.max(0, now - this.#readySince(queue, job, now)) / 1000;
  }

  /** {@link oldest} for every queue. */
  async all(): Promise<Map<QueueName, number>> {
    const ages = await Promise.all(queueNames.map(async (q) => [q, await this.oldest(q)] as const));
    return new Map(ages);
  }

  #readySince(queue: QueueName, job: Job, now: number): number {
    const readyAt = job.timestamp + (job.opts.delay ?? 0);
    if (job.processedOn === undefined || job.processedOn === 0) return readyAt;
    const seen = this.#seen.get(queue);
    if (seen !== undefined && seen.jobId === job.id) return seen.since;
    this.#seen.set(queue, { jobId: job.id as string, since: now });
    return now;
  }
}
