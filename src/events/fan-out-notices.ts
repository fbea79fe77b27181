import type { FanOut } from '../queues/fan-out.js';
import { jobIds } from '../queues/job-ids.js';
import type { RunSteps } from '../queues/run-steps.js';
import type { EventDeps } from './deps.js';
import type { NoticeKind, StoredEvent } from './model.js';
import { personRef } from './person.js';

/**
 * Sends a notice to every person who asked for the event's reminders: one small `event-notice` job each
 * (named by a hash of the person, never their ID; carrying a counts-only event's hash, never a user ID),
 * added once per occasion, then waits for them all and returns how many were sent.
 */
export async function noticeEveryoneReminded(
  deps: Pick<EventDeps, 'events' | 'anonymousIds'> & { runSteps: RunSteps; fanOut: FanOut },
  event: StoredEvent,
  notice: NoticeKind,
  version: string,
): Promise<number> {
  const step = `event-${notice}-${event.id}-${version}`;
  if (!(await deps.runSteps.isDone(step, 'fan-out'))) {
    const people = [...(await deps.events.reminders(event.id)).keys()];
    await deps.fanOut.add(
      'event-notice',
      people.map((person) => ({
        id: jobIds.eventNotice(event.id, notice, version, personRef(deps, event, person)),
        data: { eventId: event.id, notice, version, person },
      })),
    );
    await deps.runSteps.markDone(step, 'fan-out');
  }
  const { values } = await deps.fanOut.collectAll();
  return values.filter((value) => (value as { sent?: boolean } | null)?.sent === true).length;
}
