import { buildCommandErrorMessage, buildNotice } from '../src/blocks/help.js';
import { digestUsage } from '../src/commands/digest-command.js';
import { digestSchedulerId } from '../src/digest/scheduler.js';
import type { JobData } from '../src/queues.js';
import { parseRecurrence } from '../src/schedule/when.js';
import { userTimeZone } from '../src/slack/time-zone.js';
import { notifyPrivately } from './notify.js';
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
