import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { JobData } from '../queues/contracts.js';
import { buildEventNotice } from './blocks/event-notices.js';
import type { EventJobDeps } from './deps.js';
import { personRef, reminderRecipient } from './person.js';

export type NoticeDeps = Pick<EventJobDeps, 'events' | 'seals' | 'anonymousIds'> &
  Pick<EventJobDeps, 'slack' | 'deliveries' | 'config' | 'logger' | 'metrics'>;

/**
 * One private notice about an event to one person (a child job of a reminder, a change or the
 * cancellation; or a named event's promotion). Their user ID is read from what the event keeps for their
 * reminders (sealed in a counts-only event), never from the job. A reminder goes only while the event is
 * open at the start it was set for, and only to someone who still holds Going, Maybe or a waitlist place.
 * Sent at least once (a lost answer may repeat it: a missed reminder is worse than two).
 */
export async function notifyEventPerson(
  deps: NoticeDeps,
  job: JobData<'event-notice'>,
): Promise<{ sent: boolean }> {
  const event = await deps.events.get(job.eventId);
  if (!event) return { sent: false };
  const reminder = job.notice === 'day-before' || job.notice === 'hour-before';
  if (reminder && (event.status !== 'open' || String(event.startsAt) !== job.version)) return { sent: false };
  if ((job.notice === 'changed' || job.notice === 'promoted') && event.status !== 'open')
    return { sent: false };
  const answer = await deps.events.answerOf(event.id, job.person);
  if (job.notice !== 'cancelled' && (!answer || answer === 'cant')) return { sent: false };
  if (job.notice === 'promoted' && (event.mode !== 'named' || answer !== 'going')) return { sent: false };
  const userId = job.notice === 'promoted' ? job.person : await reminderRecipient(deps, event, job.person);
  if (!userId) return { sent: false };
  const content = buildEventNotice(event, job.notice, answer);
  const id = deliveryIds.eventNotice(event.id, job.notice, job.version, personRef(deps, event, job.person));
  const sent = await deliver(deps, { id, channel: userId, ...content, ifUnsure: 'retry' });
  return { sent: sent.ok };
}
