import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { updateMessage } from '../delivery/update.js';
import type { JobData } from '../queues/contracts.js';
import { dedupIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { buildNotice } from '../slack/blocks/messages.js';
import { escapeMrkdwn } from '../slack/blocks/mrkdwn.js';
import { truncate } from '../slack/blocks/text-blocks.js';
import { profileNames } from '../slack/profile-names.js';
import type { EventStore } from './store.js';

/**
 * **Who's going** on a named event: a job posts the list in that copy's thread, or updates the one it
 * posted before. Refused (false) for a counts-only event, which keeps no list.
 */
export async function requestAttendeeList(
  deps: { events: EventStore; queues: Queues },
  copy: { eventId: string; channel: string; ts: string },
): Promise<boolean> {
  const event = await deps.events.get(copy.eventId);
  if (event?.mode !== 'named') return false;
  await deps.queues.enqueue('event-attendees', copy, {
    deduplication: {
      id: dedupIds.eventAttendees(copy.eventId, copy.channel, copy.ts),
      keepLastIfActive: true,
    },
  });
  return true;
}

const names = (people: string[], named: Map<string, string>): string =>
  people.map((id) => escapeMrkdwn(named.get(id) ?? 'someone without a Slack name')).join(', ');

/**
 * The list of who is going (and who waits, in order) in a named event's thread, with the names people
 * have in their Slack profiles (read now, never stored, never a mention that would notify them).
 */
export async function postAttendeeList(
  deps: DeliveryDeps & { events: EventStore },
  job: JobData<'event-attendees'>,
  runId: string,
): Promise<void> {
  const event = await deps.events.get(job.eventId);
  if (event?.mode !== 'named') return;
  const { going, waitlist } = await deps.events.attendees(event.id);
  const named = await profileNames(deps.slack, [...going, ...waitlist]);
  const lines = [`*Who’s going to ${escapeMrkdwn(event.title)}* (${going.length})`];
  lines.push(going.length > 0 ? names(going, named) : 'Nobody yet.');
  if (waitlist.length > 0)
    lines.push(`*On the waitlist, in order* (${waitlist.length}): ${names(waitlist, named)}`);
  const content = buildNotice(truncate(lines.join('\n'), 2_900));
  const copy = { channel: job.channel, ts: job.ts };
  const posted = await deps.events.attendeeList(event.id, copy);
  if (posted) {
    const updated = await updateMessage(deps, { channel: job.channel, ts: posted, ...content });
    if (updated.ok) return;
  }
  const sent = await deliver(deps, {
    id: `${deliveryIds.eventAttendees(event.id, job.channel, job.ts)}-${runId}`,
    channel: job.channel,
    threadTs: job.ts,
    ...content,
    ifUnsure: 'retry',
  });
  if (sent.ok) await deps.events.setAttendeeList(event.id, copy, sent.ts);
}
