import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import type { FanOut } from '../queues/fan-out.js';
import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import type { RunSteps } from '../queues/run-steps.js';
import { buildNotice } from '../slack/blocks/messages.js';
import { escapeMrkdwn } from '../slack/blocks/mrkdwn.js';
import { cancelThreadNotice } from './blocks/event-notices.js';
import { type CloseEventDeps, eraseEvent, stopAnswers } from './close-event.js';
import type { EventDeps } from './deps.js';
import { noticeEveryoneReminded } from './fan-out-notices.js';
import { unscheduleEventJobs } from './schedule.js';
import type { EventStore } from './store.js';

/** Asks for an event to be cancelled (an organizer pressed **Cancel event**). */
export async function requestEventCancel(
  deps: { queues: Queues; events: EventStore } & AuditDeps,
  request: { eventId: string; requestedBy: string; responseUrl?: string | undefined },
): Promise<void> {
  const event = await deps.events.get(request.eventId);
  if (event?.status === 'open') {
    await recordOrganizerAction(deps, {
      actor: request.requestedBy,
      action: 'cancelled-event',
      subject: `“${event.title}”`,
    });
  }
  await deps.queues.enqueue(
    'event-cancel',
    {
      eventId: request.eventId,
      requestedBy: request.requestedBy,
      ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
    },
    { jobId: jobIds.eventCancel(request.eventId) },
  );
}

export type CancelEventDeps = CloseEventDeps &
  DeliveryDeps &
  Pick<EventDeps, 'anonymousIds' | 'seals'> & { runSteps: RunSteps; fanOut: FanOut; queues: Queues };

/**
 * Cancels an event: answers stop, its reminders and end are unscheduled, every copy says it is cancelled
 * and gets a notice in its thread, and everyone who asked for reminders is told privately (one job each);
 * only then is what it held about people erased (a counts-only event's key opens their sealed IDs until
 * this point). Run again after its notices went out, it finds its steps done and finishes.
 */
export async function cancelEvent(
  deps: CancelEventDeps,
  job: JobData<'event-cancel'>,
  runId: string,
): Promise<void> {
  const event = await deps.events.get(job.eventId);
  if (!event) return;
  const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
  if (event.status === 'ended') {
    await notifyPrivately(deps, to, buildNotice('That event is over already.'), deliveryIds.notice(runId));
    return;
  }
  const step = `event-cancel-${event.id}`;
  if (!(await deps.runSteps.isDone(step, 'closed'))) {
    await stopAnswers(deps, event.id, 'cancelled');
    await unscheduleEventJobs(deps, event);
    await deps.runSteps.markDone(step, 'closed');
  }
  const cancelled = (await deps.events.get(event.id)) ?? event;
  for (const copy of await deps.events.copies(event.id)) {
    await deliver(deps, {
      id: deliveryIds.eventThread(event.id, copy.channel, 'cancelled'),
      channel: copy.channel,
      threadTs: copy.ts,
      ...cancelThreadNotice(cancelled),
      ifUnsure: 'retry',
    });
  }
  await noticeEveryoneReminded(deps, cancelled, 'cancelled', 'cancel');
  if (!(await deps.runSteps.isDone(step, 'erased'))) {
    await eraseEvent(deps, cancelled);
    await deps.runSteps.markDone(step, 'erased');
    const done = buildNotice(
      `*${escapeMrkdwn(event.title)}* is cancelled: every copy says so, and people who asked for reminders were told privately.`,
    );
    await notifyPrivately(deps, to, done, deliveryIds.notice(runId));
  }
}
