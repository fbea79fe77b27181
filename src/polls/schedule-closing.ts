import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';

/** How long before closing the poll's thread is reminded. */
export const reminderLeadMs = 60 * 60 * 1000;

/**
 * Schedules a poll's closing (and the reminder an hour before) as delayed jobs, which survive restarts.
 * Job IDs are per poll, so scheduling twice (a retried job) adds nothing.
 */
export async function schedulePollClosing(queues: Queues, pollId: string, closesAt: number): Promise<void> {
  const now = Date.now();
  await queues.enqueue(
    'poll-close',
    { pollId },
    { jobId: jobIds.pollClose(pollId), delay: Math.max(0, closesAt - now) },
  );
  if (closesAt - now > reminderLeadMs) {
    await queues.enqueue(
      'poll-reminder',
      { pollId },
      { jobId: jobIds.pollReminder(pollId), delay: closesAt - reminderLeadMs - now },
    );
  }
}
