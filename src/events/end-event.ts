import type { JobData } from '../queues/contracts.js';
import { type CloseEventDeps, eraseEvent, stopAnswers } from './close-event.js';

/**
 * At an event's end (the end it was set for; a move scheduled a new one): answers close, every copy says
 * it took place with the final count (within the small-numbers rule), and what it held about people is
 * erased (see `eraseEvent`). Safe to run twice.
 */
export async function endEvent(deps: CloseEventDeps, job: JobData<'event-end'>): Promise<void> {
  const event = await deps.events.get(job.eventId);
  if (!event || event.endsAt !== job.endsAt || event.status !== 'open') return;
  const closed = await stopAnswers(deps, event.id, 'ended');
  if (closed) await eraseEvent(deps, closed);
}
