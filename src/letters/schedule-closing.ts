import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import type { Letter } from './model.js';

/** Schedules an open letter's closing at its closing time (a delayed job, which survives restarts). */
export async function scheduleLetterClosing(
  deps: { queues: Queues },
  letter: Pick<Letter, 'id' | 'closesAt'>,
): Promise<void> {
  if (!letter.closesAt) return;
  await deps.queues.enqueue(
    'letter-close',
    { letterId: letter.id },
    { jobId: jobIds.letterCloseAt(letter.id), delay: Math.max(0, letter.closesAt - Date.now()) },
  );
}

/** Drops a letter's scheduled closing (it closed earlier, or its time changed). */
export async function unscheduleLetterClosing(deps: { queues: Queues }, letterId: string): Promise<void> {
  await deps.queues
    .queue('letter-close')
    .remove(jobIds.letterCloseAt(letterId))
    .catch(() => 0);
}
