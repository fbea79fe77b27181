import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import type { ReminderKind, StoredEvent } from './model.js';

/** How long before the start each reminder goes off. */
export const reminderLeadMs: Record<ReminderKind, number> = {
  'day-before': 24 * 3_600_000,
  'hour-before': 3_600_000,
};

/**
 * Schedules an event's reminders (a day and an hour before its start, those still ahead) and its end, as
 * delayed jobs named by the times they are for: they survive restarts, and a move schedules new ones.
 */
export async function scheduleEventJobs(
  deps: { queues: Queues },
  event: Pick<StoredEvent, 'id' | 'startsAt' | 'endsAt'>,
  now = Date.now(),
): Promise<void> {
  for (const [kind, lead] of Object.entries(reminderLeadMs) as [ReminderKind, number][]) {
    const at = event.startsAt - lead;
    if (at <= now) continue;
    await deps.queues.enqueue(
      'event-remind',
      { eventId: event.id, kind, startsAt: event.startsAt },
      { jobId: jobIds.eventRemind(event.id, kind, event.startsAt), delay: at - now },
    );
  }
  await deps.queues.enqueue(
    'event-end',
    { eventId: event.id, endsAt: event.endsAt },
    { jobId: jobIds.eventEnd(event.id, event.endsAt), delay: Math.max(0, event.endsAt - now) },
  );
}

/** Removes the reminders and the end scheduled for an event's times (before a move, or when it is cancelled). */
export async function unscheduleEventJobs(
  deps: { queues: Queues },
  event: Pick<StoredEvent, 'id' | 'startsAt' | 'endsAt'>,
): Promise<void> {
  const remind = deps.queues.queue('event-remind');
  await Promise.all([
    ...Object.keys(reminderLeadMs).map((kind) =>
      remind.remove(jobIds.eventRemind(event.id, kind, event.startsAt)).catch(() => 0),
    ),
    deps.queues
      .queue('event-end')
      .remove(jobIds.eventEnd(event.id, event.endsAt))
      .catch(() => 0),
  ]);
}
