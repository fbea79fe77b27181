import type { Queues } from '../queues/queues.js';

/** At most one redraw of a tally message per this many milliseconds. */
export const refreshIntervalMs = 1_000;

/**
 * Anonymous polls are redrawn at most every 10 s: a count that moves right after a click tells a
 * colleague watching the screen how someone voted.
 */
export const anonymousRefreshIntervalMs = 10_000;

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

/** Asks for a poll's message to be redrawn; coalesced like the letter's, and slower for anonymous polls. */
export async function requestPollRefresh(queues: Queues, pollId: string, anonymous: boolean): Promise<void> {
  await queues.enqueue(
    'message-refresh',
    { target: 'poll', pollId },
    {
      delay: anonymous ? anonymousRefreshIntervalMs : refreshIntervalMs,
      deduplication: { id: `refresh-poll-${pollId}`, keepLastIfActive: true },
    },
  );
}

/**
 * Asks for a donation prompt to be redrawn. As slow as an anonymous poll: a click count that moves right
 * after someone clicks tells a colleague watching who it was.
 */
export async function requestDonationRefresh(queues: Queues, promptId: string): Promise<void> {
  await queues.enqueue(
    'message-refresh',
    { target: 'donation', promptId },
    {
      delay: anonymousRefreshIntervalMs,
      deduplication: { id: `refresh-donation-${promptId}`, keepLastIfActive: true },
    },
  );
}
