import type { Queues } from './queues.js';

/** At most one redraw of a tally message per this many milliseconds. */
export const refreshIntervalMs = 1_000;

/**
 * Asks for the letter's copies to be redrawn with the current counts. Coalesced: however many people
 * sign in a second, one job runs; a request that arrives while that job is running leaves exactly one
 * more queued, so the last redraw always reads the final state.
 */
export async function requestLetterRefresh(queues: Queues): Promise<void> {
  await queues.enqueue(
    'message-refresh',
    { target: 'letter' },
    { delay: refreshIntervalMs, deduplication: { id: 'refresh-letter', keepLastIfActive: true } },
  );
}
