import { subcommand } from '../commands/catalog.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import { newScopeKey } from '../privacy/sealed-box.js';
import type { JobData } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';
import { buildCommandErrorMessage } from '../slack/blocks/messages.js';
import { userTimeZone } from '../slack/user-time-zone.js';
import { knownTimeZone } from '../time/zones.js';
import type { StoredEvent } from './model.js';
import { scheduleEventJobs } from './schedule.js';
import type { EventStore } from './store.js';
import { readEventTimes } from './times.js';

export type CreateEventDeps = DeliveryDeps & { events: EventStore; queues: Queues };

/**
 * Reads a requested event's times in its organizer's zone and stores it, open for answers, with its
 * reminders and end scheduled; a counts-only event gets its random key. A time that cannot be read there
 * is told to the organizer privately, with the right form. Safe to run again (a retried job): an event
 * stored already is returned as it is. Undefined when it was refused.
 */
export async function createEvent(
  deps: CreateEventDeps,
  job: JobData<'event-create'>,
  runId: string,
): Promise<StoredEvent | undefined> {
  const existing = await deps.events.get(job.eventId);
  if (existing) return existing;
  const zone = job.zone ? knownTimeZone(job.zone) : await userTimeZone(deps.slack, job.requestedBy);
  const times = readEventTimes(job.startWords, job.endWords, new Date(), zone);
  if (!times.ok) {
    const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
    const refusal = buildCommandErrorMessage(
      `The event was not posted. ${times.problem}`,
      subcommand('event'),
    );
    await notifyPrivately(deps, to, refusal, deliveryIds.notice(runId));
    return undefined;
  }
  const event = {
    id: job.eventId,
    teamId: job.teamId,
    title: job.title,
    description: job.description,
    place: job.place,
    placeFor: job.placeFor,
    ...(job.capacity ? { capacity: job.capacity } : {}),
    mode: job.mode,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    endGiven: times.endGiven,
    zone,
  };
  await deps.events.create(event, job.mode === 'counts' ? newScopeKey() : undefined);
  const stored = await deps.events.get(job.eventId);
  if (!stored) throw new Error('event vanished after being stored');
  await scheduleEventJobs(deps, stored);
  return stored;
}
