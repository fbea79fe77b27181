import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { EventStore } from './store.js';
import type { EventDraft } from './validate.js';

/** An event an organizer asked for, from the command or the form, checked but for its times. */
export interface EventRequest {
  teamId: string;
  requestedBy: string;
  channels: string[];
  draft: EventDraft;
  startWords: string;
  endWords?: string | undefined;
  /** The organizer's zone, when the form knew it; else the job reads it from their Slack profile. */
  zone?: string | undefined;
  responseUrl?: string | undefined;
}

/**
 * Asks for an event: a job reads its times in the organizer's zone, stores it, schedules its reminders and
 * end, and posts it. Nothing is stored here, so the request is acknowledged at once.
 */
export async function requestEvent(deps: { queues: Queues }, request: EventRequest): Promise<string> {
  const eventId = EventStore.newId();
  const { draft } = request;
  await deps.queues.enqueue(
    'event-create',
    {
      eventId,
      teamId: request.teamId,
      requestedBy: request.requestedBy,
      channels: request.channels,
      title: draft.title,
      description: draft.description,
      place: draft.place,
      placeFor: draft.placeFor,
      ...(draft.capacity !== undefined ? { capacity: draft.capacity } : {}),
      mode: draft.mode,
      startWords: request.startWords,
      ...(request.endWords ? { endWords: request.endWords } : {}),
      ...(request.zone ? { zone: request.zone } : {}),
      ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
    },
    { jobId: jobIds.eventCreate(eventId) },
  );
  return eventId;
}
