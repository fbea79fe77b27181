import type { JobInput } from '../queues/contracts.js';
import { dedupIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';

/** At most one redraw of a public tally (a public poll) per this many milliseconds. */
export const redrawIntervalMs = 1_000;

/** What to redraw: every copy of a letter or an event, one poll, or one donation prompt. */
export type RedrawTarget = JobInput<'message-refresh'>;

/** The deduplication ID of a target's redraw job: one waiting redraw per message. */
export function redrawDedupId(target: RedrawTarget): string {
  switch (target.target) {
    case 'letter':
      return dedupIds.letterRedraw(target.letterId);
    case 'poll':
      return dedupIds.pollRedraw(target.pollId);
    case 'donation':
      return dedupIds.donationRedraw(target.promptId);
    case 'event':
      return dedupIds.eventRedraw(target.eventId);
  }
}

/**
 * Asks for a message to be redrawn with its current counts, after `delayMs`. Coalesced: however many
 * requests arrive meanwhile, one job runs; a request that arrives while that job is running leaves exactly
 * one more queued, so the last redraw always reads the final state. Public tallies use this on every act;
 * anonymous ones go through the redraw clock instead (`redraw-clock.ts`), and through this only when the
 * clock says so or when their scope ends.
 */
export async function requestRedraw(
  queues: Queues,
  target: RedrawTarget,
  delayMs = redrawIntervalMs,
): Promise<void> {
  await queues.enqueue('message-refresh', target, {
    delay: delayMs,
    deduplication: { id: redrawDedupId(target), keepLastIfActive: true },
  });
}
