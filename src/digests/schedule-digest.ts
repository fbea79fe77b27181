import { subcommand } from '../commands/catalog.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import { schedulerIds } from '../queues/job-ids.js';
import { buildCommandErrorMessage, buildNotice } from '../slack/blocks/messages.js';
import { userTimeZone } from '../slack/user-time-zone.js';
import { parseRecurrence } from '../time/when.js';
import type { DigestScheduleDeps } from './stop-digest.js';

/** Makes a channel's digest a job scheduler in the organizer's time zone, and confirms it privately. */
export async function scheduleDigest(
  deps: DeliveryDeps & DigestScheduleDeps,
  job: JobData<'digest-schedule'>,
  runId: string,
): Promise<void> {
  const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
  const noticeId = deliveryIds.notice(runId);
  const zone = await userTimeZone(deps.slack, job.requestedBy);
  const parsed = parseRecurrence(job.when, zone, new Date());
  if (!parsed.ok) {
    await notifyPrivately(deps, to, buildCommandErrorMessage(parsed.problem, subcommand('digest')), noticeId);
    return;
  }
  const { pattern, tz, description } = parsed.recurrence;
  await deps.queues
    .queue('digest-post')
    .upsertJobScheduler(
      schedulerIds.digest(job.channel),
      { pattern, tz },
      { name: 'digest-post', data: { channel: job.channel, teamId: job.teamId } },
    );
  await deps.digests.setSchedule(job.channel, description, job.quiet);
  const quiet = job.quiet ? ' When nothing is new it posts nothing.' : '';
  const confirmation = `The digest of <#${job.channel}> will be posted ${description}.${quiet}`;
  await notifyPrivately(deps, to, buildNotice(confirmation), noticeId);
}
