import { buildCommandErrorMessage, buildNotice } from '../src/commands/blocks/help.js';
import { notifyPrivately } from '../src/delivery/notify.js';
import { donateUsage } from '../src/donations/donate-command.js';
import { scheduleDonationPrompt } from '../src/donations/schedule.js';
import type { JobData } from '../src/queues/queues.js';
import { userTimeZone } from '../src/slack/user-time-zone.js';
import { parseWhen } from '../src/time/when.js';
import type { JobDeps } from './processor.js';

/**
 * Reads an organizer's "every friday 12:00" in their time zone and makes it a BullMQ job scheduler per
 * channel on the posting queue, so the prompt is posted on time in that zone, across restarts and
 * daylight-saving changes. Setting a channel's schedule again replaces it.
 */
export async function processDonationSchedule(
  job: JobData<'donation-schedule'>,
  deps: JobDeps,
): Promise<void> {
  const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
  const zone = await userTimeZone(deps.slack, job.requestedBy);
  const when = parseWhen(job.when, new Date(), zone);
  if (!when.ok || when.kind !== 'recurring') {
    const problem = when.ok
      ? 'That is a single time; a schedule needs a repeat, such as "every friday 12:00".'
      : when.problem;
    await notifyPrivately(to, buildCommandErrorMessage(problem, donateUsage), deps);
    return;
  }
  for (const channel of job.channels) {
    await scheduleDonationPrompt(deps, {
      teamId: job.teamId,
      requestedBy: job.requestedBy,
      channel,
      pattern: when.recurrence.pattern,
      tz: when.recurrence.tz,
      description: when.description,
    });
  }
  const where = job.channels.map((c) => `<#${c}>`).join(', ');
  await notifyPrivately(
    to,
    buildNotice(
      `The donation prompt will be posted in ${where} ${when.description}. Stop it with \`/rally donate off\` there.`,
    ),
    deps,
  );
}
