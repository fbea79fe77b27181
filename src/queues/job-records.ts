import type { Job } from 'bullmq';
import { queueNames } from './contracts.js';
import type { Queues } from './queues.js';

/**
 * The records of finished jobs (completed or failed, kept a while for debugging) whose data carries `userId`:
 * a person's own recent requests. `/rally forget me` deletes them; the person's private view counts them.
 */
export async function finishedJobsNaming(queues: Queues, userId: string): Promise<Job[]> {
  const found: Job[] = [];
  for (const name of queueNames) {
    for (const job of await queues.queue(name).getJobs(['completed', 'failed'])) {
      if (JSON.stringify(job.data).includes(userId)) found.push(job);
    }
  }
  return found;
}
