import { subcommand } from '../commands/catalog.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import { jobIds, schedulerIds } from '../queues/job-ids.js';
import { buildCommandErrorMessage, buildNotice } from '../slack/blocks/messages.js';
import { userTimeZone } from '../slack/user-time-zone.js';
import { parseWhen } from '../time/when.js';
import type { ReminderDeps } from './cancel-reminder.js';

/**
 * Reads a reminder's "when" in its creator's Slack time zone and schedules it: a delayed job for a
 * one-off, a job scheduler in that zone for a series (so "every monday at 9am" stays at 09:00 across
 * daylight-saving changes). Tells the creator privately the exact time and zone, or what was wrong.
 */
export async function scheduleReminder(
  deps: DeliveryDeps & ReminderDeps,
  job: JobData<'reminder-schedule'>,
  runId: string,
): Promise<void> {
  const { reminders, queues, slack } = deps;
  const reminder = await reminders.get(job.reminderId);
  if (!reminder) return;
  const to = { userId: reminder.creator, responseUrl: job.responseUrl };
  const noticeId = deliveryIds.notice(runId);
  const zone = await userTimeZone(slack, reminder.creator);
  const when = parseWhen(reminder.when, new Date(), zone);
  if (!when.ok) {
    await reminders.delete(reminder);
    await notifyPrivately(deps, to, buildCommandErrorMessage(when.problem, subcommand('remind')), noticeId);
    return;
  }
  if (when.kind === 'once') {
    await reminders.update(reminder.id, { at: when.at.getTime(), tz: zone, description: when.description });
    await queues.enqueue(
      'reminder-fire',
      { reminderId: reminder.id },
      { jobId: jobIds.reminderFire(reminder.id), delay: Math.max(0, when.at.getTime() - Date.now()) },
    );
  } else {
    const { pattern, tz } = when.recurrence;
    await reminders.update(reminder.id, { pattern, tz, description: when.description });
    await queues
      .queue('reminder-fire')
      .upsertJobScheduler(
        schedulerIds.reminder(reminder.id),
        { pattern, tz },
        { name: 'reminder-fire', data: { reminderId: reminder.id } },
      );
  }
  const who = reminder.target === reminder.creator ? 'you' : `<#${reminder.target}>`;
  const confirmation = `I'll remind ${who} ${when.kind === 'once' ? 'on ' : ''}${when.description}.`;
  await notifyPrivately(deps, to, buildNotice(confirmation), noticeId);
}
