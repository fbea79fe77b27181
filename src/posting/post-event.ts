import type { AuditDeps } from '../audit/record-action.js';
import { type CreateEventDeps, createEvent } from '../events/create-event.js';
import type { JobData } from '../queues/contracts.js';
import { requestPost } from './request-post.js';

/**
 * Creates a requested event (its times read in the organizer's zone, see `events/create-event.ts`) and
 * posts it to its channels through the posting path: public channels are joined, private ones explained,
 * shared ones asked about, and the organizer gets one summary. The post is named by the event, so a
 * retried job posts it once.
 */
export async function createAndPostEvent(
  deps: CreateEventDeps & AuditDeps,
  job: JobData<'event-create'>,
  runId: string,
): Promise<void> {
  const event = await createEvent(deps, job, runId);
  if (!event) return;
  await requestPost(deps, {
    kind: 'event',
    eventId: event.id,
    postId: `event-${event.id}`,
    subject: `the event “${event.title}”`,
    teamId: job.teamId,
    requestedBy: job.requestedBy,
    channels: job.channels,
    ...(job.responseUrl ? { responseUrl: job.responseUrl } : {}),
  });
}
