import type { Config } from '../config.js';
import { requestRedraw } from '../delivery/redraw.js';
import type { PendingRedraws } from '../delivery/redraw-clock.js';
import { type UpdateDeps, updateMessage } from '../delivery/update.js';
import type { JobData } from '../queues/contracts.js';
import { dedupIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { buildEventMessage } from './blocks/event-message.js';
import { type EventCounts, noCounts, type StoredEvent } from './model.js';
import type { EventStore } from './store.js';

type MessageDeps = { events: EventStore; config: Pick<Config, 'minAnonymous'> };

/**
 * The counts an event's messages show: a named event's as they are now; a counts-only event's as last
 * taken by a redraw (`shown`), so that no copy, listing or digest shows a count the redraw clock has not.
 */
export async function drawnCounts(
  deps: { events: EventStore },
  event: Pick<StoredEvent, 'id' | 'mode' | 'shown'>,
): Promise<EventCounts> {
  if (event.mode === 'named') return deps.events.counts(event.id);
  return event.shown ?? noCounts;
}

/** An event's message as it stands now; undefined for an event that is gone. */
export async function eventMessageOf(
  deps: MessageDeps,
  eventId: string,
): Promise<MessageContent | undefined> {
  const event = await deps.events.get(eventId);
  if (!event) return undefined;
  return buildEventMessage(event, await drawnCounts(deps, event), deps.config);
}

/**
 * Counts an answer toward the event's next redraw: a named event's copies are redrawn within a second
 * (coalesced); a counts-only event's on the redraw clock, once at least two answers are pending, so a
 * moving count never points at whoever just answered.
 */
export async function markEventChanged(
  deps: { queues: Queues; pendingRedraws: PendingRedraws },
  event: Pick<StoredEvent, 'id' | 'mode'>,
): Promise<void> {
  const target = { target: 'event' as const, eventId: event.id };
  if (event.mode === 'counts') await deps.pendingRedraws.add(target);
  else await requestRedraw(deps.queues, target);
}

/**
 * Redraws every copy of the event: a counts-only event's counts are taken once, here, and every copy
 * draws those; then one small job per copy (coalesced per copy), each paced and retried on its own.
 */
export async function redrawEventCopies(
  deps: { events: EventStore; queues: Queues },
  eventId: string,
): Promise<void> {
  const event = await deps.events.get(eventId);
  if (!event) return;
  if (event.mode === 'counts') await deps.events.markShown(eventId, await deps.events.counts(eventId));
  for (const copy of await deps.events.copies(eventId)) {
    await deps.queues.enqueue(
      'event-copy-redraw',
      { eventId, ...copy },
      {
        deduplication: {
          id: dedupIds.eventCopyRedraw(eventId, copy.channel, copy.ts),
          keepLastIfActive: true,
        },
      },
    );
  }
}

/** Redraws one copy; a copy Slack says is gone (deleted, archived) is forgotten. */
export async function redrawEventCopy(
  deps: UpdateDeps & MessageDeps,
  job: JobData<'event-copy-redraw'>,
): Promise<void> {
  const content = await eventMessageOf(deps, job.eventId);
  if (!content) return;
  const copy = { channel: job.channel, ts: job.ts };
  const updated = await updateMessage(deps, { ...copy, ...content });
  if (!updated.ok) await deps.events.removeCopy(job.eventId, copy);
}
