import { buildCommandErrorMessage, buildNotice } from '../src/commands/blocks/help.js';
import { notifyPrivately } from '../src/delivery/notify.js';
import type { JobData } from '../src/queues/queues.js';
import { reminderJobId } from '../src/reminders/cancel-reminder.js';
import { remindExample } from '../src/reminders/remind-command.js';
import { userTimeZone } from '../src/slack/user-time-zone.js';
import { parseWhen } from '../src/time/when.js';
import type { JobDeps } from './processor.js';

/**
 * Reads a reminder's "when" in its creator's Slack time zone and schedules it: a delayed job for a
 * one-off, a job scheduler in that zone for a series (so "every monday at 9am" stays at 09:00 across
 * daylight-saving changes). Tells the creator privately the exact time and zone, or what was wrong.
 */
export async function processReminderSchedule(
  job: JobData<'reminder-schedule'>,
  deps: JobDeps,
): Promise<void> {
  const { reminders, queues, slack } = deps;
  const reminder = await reminders.get(job.reminderId);
  if (!reminder) return;
  const to = { userId: reminder.creator, responseUrl: job.responseUrl };
  const zone = await userTimeZone(slack, reminder.creator);
  const when = parseWhen(reminder.when, new Date(), zone);
  if (!when.ok) {
    await reminders.delete(reminder);
    await notifyPrivately(to, buildCommandErrorMessage(when.problem, remindExample), deps);
    return;
  }
  const queue = queues.queue('reminder-fire');
  if (when.kind === 'once') {
    await reminders.update(reminder.id, { at: when.at.getTime(), tz: zone, description: when.description });
    await queues.enqueue(
      'reminder-fire',
      { reminderId: reminder.id },
      { jobId: reminderJobId(reminder.id), delay: Math.max(0, when.at.getTime() - Date.now()) },
    );
  } else {
    const { pattern, tz } = when.recurrence;
    await reminders.update(reminder.id, { pattern, tz, description: when.description });
    await queue.upsertJobScheduler(
      reminderJobId(reminder.id),
      { pattern, tz },
      { name: 'reminder-fire', data: { reminderId: reminder.id } },
    );
  }
  const who = reminder.target === reminder.creator ? 'you' : `<#${reminder.target}>`;
  await notifyPrivately(
    to,
    buildNotice(`I'll remind ${who} ${when.kind === 'once' ? 'on ' : ''}${when.description}.`),
    deps,
  );
}
