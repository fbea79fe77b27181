import { buildCommandErrorMessage, buildNotice } from '../src/commands/blocks/help.js';
import { notifyPrivately } from '../src/delivery/notify.js';
import { digestUsage } from '../src/digests/digest-command.js';
import { digestSchedulerId } from '../src/digests/stop-digest.js';
import type { JobData } from '../src/queues/queues.js';
import { userTimeZone } from '../src/slack/user-time-zone.js';
import { parseRecurrence } from '../src/time/when.js';
import type { JobDeps } from './processor.js';

/** Makes a channel's digest a job scheduler in the organizer's time zone, and confirms it privately. */
export async function processDigestSchedule(job: JobData<'digest-schedule'>, deps: JobDeps): Promise<void> {
  const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
  const zone = await userTimeZone(deps.slack, job.requestedBy);
  const parsed = parseRecurrence(job.when, zone);
  if (!parsed.ok) {
    await notifyPrivately(to, buildCommandErrorMessage(parsed.problem, digestUsage), deps);
    return;
  }
  const { pattern, tz, description } = parsed.recurrence;
  await deps.queues
    .queue('digest-post')
    .upsertJobScheduler(
      digestSchedulerId(job.channel),
      { pattern, tz },
      { name: 'digest-post', data: { channel: job.channel, teamId: job.teamId } },
    );
  await deps.digests.setSchedule(job.channel, description, job.quiet);
  const quiet = job.quiet ? ' When nothing is new it posts nothing.' : '';
  await notifyPrivately(
    to,
    buildNotice(`The digest of <#${job.channel}> will be posted ${description}.${quiet}`),
    deps,
  );
}
