import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import type { FanOut } from '../queues/fan-out.js';
import { jobIds } from '../queues/job-ids.js';
import type { RunSteps } from '../queues/run-steps.js';
import { buildNotice } from '../slack/blocks/messages.js';
import { eventFormBlocks } from '../slack/ids.js';
import { buildChangeThreadNotice, type Change } from './blocks/event-notices.js';
import type { EventDeps } from './deps.js';
import type { EventFormInput } from './event-form.js';
import { noticeEveryoneReminded } from './fan-out-notices.js';
import { redrawEventCopies } from './redraw.js';
import { scheduleEventJobs, unscheduleEventJobs } from './schedule.js';
import { readEventTimes, timeWords } from './times.js';

export type ChangeOutcome = { ok: true; changed: Change[] } | { ok: false; errors: Record<string, string> };

/**
 * Saves an organizer's edit of an open event: its title, description and place as given, its times read
 * in the event's zone when the words differ from those the form showed. A move reschedules its reminders
 * and its end. Then a job redraws its copies, posts a notice in each thread and tells the people who asked
 * for reminders. Mistakes go back into the form.
 */
export async function changeEvent(
  deps: Pick<EventDeps, 'events' | 'queues'> & AuditDeps,
  request: { eventId: string; requestedBy: string; input: EventFormInput; now: Date },
): Promise<ChangeOutcome> {
  const event = await deps.events.get(request.eventId);
  if (event?.status !== 'open') {
    return {
      ok: false,
      errors: { [eventFormBlocks.title]: 'This event is over or cancelled: it cannot change.' },
    };
  }
  const { draft, startWords, endWords } = request.input;
  const changed: Change[] = [];
  if (draft.title !== event.title) changed.push('title');
  const shownStart = timeWords(event.startsAt, event.zone);
  const shownEnd = event.endGiven ? timeWords(event.endsAt, event.zone) : '';
  let times = { startsAt: event.startsAt, endsAt: event.endsAt, endGiven: event.endGiven };
  if (startWords !== shownStart || endWords !== shownEnd) {
    const read = readEventTimes(startWords, endWords, request.now, event.zone);
    if (!read.ok) {
      const block = read.field === 'starts' ? eventFormBlocks.starts : eventFormBlocks.ends;
      return { ok: false, errors: { [block]: read.problem } };
    }
    times = read;
    if (read.startsAt !== event.startsAt || read.endsAt !== event.endsAt) changed.push('time');
  }
  if (draft.place !== event.place || draft.placeFor !== event.placeFor) changed.push('place');
  if (draft.description !== event.description) changed.push('description');
  if (changed.length === 0) return { ok: true, changed };
  if (changed.includes('time')) await unscheduleEventJobs(deps, event);
  await deps.events.update(event.id, {
    title: draft.title,
    description: draft.description,
    place: draft.place,
    placeFor: draft.placeFor,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
  });
  await deps.events.setEndGiven(event.id, times.endGiven);
  const revision = event.revision + 1;
  if (changed.includes('time')) await scheduleEventJobs(deps, { ...event, ...times });
  await recordOrganizerAction(deps, {
    actor: request.requestedBy,
    action: 'edited-event',
    subject: `“${draft.title}” (${changed.join(', ')})`,
  });
  await deps.queues.enqueue(
    'event-change',
    { eventId: event.id, revision, changed, requestedBy: request.requestedBy },
    { jobId: jobIds.eventChange(event.id, revision) },
  );
  return { ok: true, changed };
}

export type AnnounceDeps = DeliveryDeps &
  Pick<EventDeps, 'events' | 'queues' | 'anonymousIds'> & { runSteps: RunSteps; fanOut: FanOut };

/**
 * After a change: every copy is redrawn and gets a notice in its thread (never a place kept for people
 * going), everyone who asked for reminders is told privately (one job each), and the organizer hears
 * that it is done.
 */
export async function announceEventChange(
  deps: AnnounceDeps,
  job: JobData<'event-change'>,
  runId: string,
): Promise<void> {
  const event = await deps.events.get(job.eventId);
  if (event?.status !== 'open') return;
  const step = `event-change-${event.id}-${job.revision}`;
  if (!(await deps.runSteps.isDone(step, 'redrawn'))) {
    await redrawEventCopies(deps, event.id);
    await deps.runSteps.markDone(step, 'redrawn');
  }
  for (const copy of await deps.events.copies(event.id)) {
    await deliver(deps, {
      id: deliveryIds.eventThread(event.id, copy.channel, `change-${job.revision}`),
      channel: copy.channel,
      threadTs: copy.ts,
      ...buildChangeThreadNotice(event, job.changed),
      ifUnsure: 'retry',
    });
  }
  await noticeEveryoneReminded(deps, event, 'changed', String(job.revision));
  if (await deps.runSteps.isDone(step, 'told')) return;
  const told = buildNotice(
    'Saved: every copy of the event shows the change, its threads say what changed, and people who asked for reminders were told privately.',
  );
  await notifyPrivately(
    deps,
    { userId: job.requestedBy, responseUrl: job.responseUrl },
    told,
    deliveryIds.notice(runId),
  );
  await deps.runSteps.markDone(step, 'told');
}
