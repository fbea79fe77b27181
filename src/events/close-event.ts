import type { DeliveryDeps } from '../delivery/deps.js';
import { type CompactionRequestDeps, requestCompaction } from '../privacy/compaction.js';
import type { EventDeps } from './deps.js';
import type { StoredEvent } from './model.js';
import { redrawEventCopies } from './redraw.js';

const daySeconds = 24 * 3_600;

export type CloseEventDeps = Pick<EventDeps, 'events' | 'queues' | 'pendingRedraws' | 'config'> &
  CompactionRequestDeps &
  Pick<DeliveryDeps, 'logger'>;

/**
 * Stops answers and draws the final counts at once (no redraw clock: the scope ends), on every copy.
 * Returns the event as closed, or undefined when it is gone.
 */
export async function stopAnswers(
  deps: CloseEventDeps,
  eventId: string,
  status: 'cancelled' | 'ended',
): Promise<StoredEvent | undefined> {
  await deps.events.close(eventId, status);
  await deps.pendingRedraws.clear({ target: 'event', eventId });
  await redrawEventCopies(deps, eventId);
  return deps.events.get(eventId);
}

/**
 * Erases what a closed event holds about people, in one step: its reminders, and for a counts-only event
 * its key, its answer records and the records of the notices sent about it (named by hashes nobody can
 * recompute once the key is gone, but linkable until then); then asks Redis to rewrite its files. The
 * rest (the event, its counts, a named event's answers) expires after `RALLY_RETENTION_DAYS`.
 */
export async function eraseEvent(deps: CloseEventDeps, event: StoredEvent): Promise<void> {
  await deps.events.erase(event, deps.config.retentionDays * daySeconds);
  if (event.mode !== 'counts') return;
  await deps.events.deleteDeliveryRecords(`event-notice-${event.id}-*`);
  await requestCompaction(deps);
}
