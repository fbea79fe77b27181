import type { JobData } from '../queues/contracts.js';
import type { FanOut } from '../queues/fan-out.js';
import type { RunSteps } from '../queues/run-steps.js';
import type { EventDeps } from './deps.js';
import { noticeEveryoneReminded } from './fan-out-notices.js';

/**
 * An event's reminder, a day or an hour before the start it was set for: one private notice per person who
 * asked (see `notifyEventPerson`). Nothing when the event was cancelled, is over, or moved (the move
 * scheduled new reminders).
 */
export async function remindEvent(
  deps: Pick<EventDeps, 'events' | 'anonymousIds'> & { runSteps: RunSteps; fanOut: FanOut },
  job: JobData<'event-remind'>,
): Promise<{ reminded: number }> {
  const event = await deps.events.get(job.eventId);
  if (event?.status !== 'open' || event.startsAt !== job.startsAt) return { reminded: 0 };
  return { reminded: await noticeEveryoneReminded(deps, event, job.kind, String(job.startsAt)) };
}
