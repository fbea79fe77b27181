import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { subcommand } from '../commands/catalog.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';
import { buildCommandErrorMessage, buildNotice } from '../slack/blocks/messages.js';
import { userTimeZone } from '../slack/user-time-zone.js';
import { parseWhen } from '../time/when.js';
import { scheduleDonationPrompt } from './schedule.js';
import type { DonationStore } from './store.js';

/** Asks for a recurring donation prompt in some channels; the job reads `when` in the organizer's zone. */
export async function requestDonationSchedule(
  deps: { queues: Queues } & AuditDeps,
  request: JobData<'donation-schedule'>,
): Promise<void> {
  await recordOrganizerAction(deps, {
    actor: request.requestedBy,
    action: 'set-donation-schedule',
    subject: request.when,
    channels: request.channels,
  });
  await deps.queues.enqueue('donation-schedule', request);
}

/**
 * Reads an organizer's "every friday 12:00" in their time zone and makes it a BullMQ job scheduler per
 * channel on the posting queue, so the prompt is posted on time in that zone, across restarts and
 * daylight-saving changes. Setting a channel's schedule again replaces it. The organizer is told privately.
 */
export async function scheduleDonationPrompts(
  deps: DeliveryDeps & { queues: Queues; donations: DonationStore },
  job: JobData<'donation-schedule'>,
  runId: string,
): Promise<void> {
  const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
  const noticeId = deliveryIds.notice(runId);
  const zone = await userTimeZone(deps.slack, job.requestedBy);
  const when = parseWhen(job.when, new Date(), zone);
  if (!when.ok || when.kind !== 'recurring') {
    const problem = when.ok
      ? 'That is a single time; a schedule needs a repeat, such as "every friday 12:00".'
      : when.problem;
    await notifyPrivately(deps, to, buildCommandErrorMessage(problem, subcommand('donate')), noticeId);
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
  const confirmation = `The donation prompt will be posted in ${where} ${when.description}. Stop it with \`/rally donate off\` there.`;
  await notifyPrivately(deps, to, buildNotice(confirmation), noticeId);
}
