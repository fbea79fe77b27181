import type { JobInput } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';

/** At most one redraw of a tally message per this many milliseconds. */
export const redrawIntervalMs = 1_000;

/**
 * Messages with anonymous counts are redrawn at most every 10 s: a count that moves right after a click
 * tells a colleague watching the screen what someone did.
 */
export const anonymousRedrawIntervalMs = 10_000;

/** What to redraw: every copy of the letter, one poll, or one donation prompt. */
export type RedrawTarget = JobInput<'message-refresh'>;

/**
 * Asks for a message that shows a tally to be redrawn with the current counts. Coalesced: however many
 * acts arrive in the interval, one job runs; a request that arrives while that job is running leaves
 * exactly one more queued, so the last redraw always reads the final state.
 */
export async function requestRedraw(
  queues: Queues,
  target: RedrawTarget,
  { dedupId, anonymous }: { dedupId: string; anonymous: boolean },
): Promise<void> {
  await queues.enqueue('message-refresh', target, {
    delay: anonymous ? anonymousRedrawIntervalMs : redrawIntervalMs,
    deduplication: { id: dedupId, keepLastIfActive: true },
  });
}
