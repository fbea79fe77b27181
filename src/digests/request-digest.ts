import { randomBytes } from 'node:crypto';
import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import type { JobData } from '../queues/contracts.js';
import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';

/** Posts the channel's digest now (`/rally digest now`). */
export async function requestDigestNow(
  deps: { queues: Queues } & AuditDeps,
  channel: string,
  teamId: string,
  actor: string,
): Promise<void> {
  await recordOrganizerAction(deps, { actor, action: 'posted', subject: 'the digest', channels: [channel] });
  await deps.queues.enqueue(
    'digest-post',
    { channel, teamId },
    { jobId: jobIds.digestNow(randomBytes(6).toString('hex')) },
  );
}

/** Asks for the channel's digest schedule to be set; the job reads the words in the organizer's zone. */
export async function requestDigestSchedule(
  deps: { queues: Queues } & AuditDeps,
  request: JobData<'digest-schedule'>,
): Promise<void> {
  await recordOrganizerAction(deps, {
    actor: request.requestedBy,
    action: 'set-digest',
    subject: request.when,
    channels: [request.channel],
  });
  await deps.queues.enqueue('digest-schedule', request);
}
