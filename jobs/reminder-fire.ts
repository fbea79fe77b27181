import { deliver } from '../src/delivery/deliver.js';
import type { JobData } from '../src/queues/queues.js';
import { cancelReminder } from '../src/reminders/cancel-reminder.js';
import { escapeMrkdwn } from '../src/slack/blocks/mrkdwn.js';
import type { JobDeps } from './processor.js';

/**
 * Posts a reminder, once: a one-off's delivery is named by the reminder, each run of a series by its
 * job. A one-off's record and text are deleted once it went out; a series whose channel is gone stops.
 */
export async function processReminderFire(
  { reminderId }: JobData<'reminder-fire'>,
  deps: JobDeps,
): Promise<void> {
  const { reminders, logger } = deps;
  const reminder = await reminders.get(reminderId);
  if (!reminder) return; // cancelled
  const series = reminder.pattern !== undefined;
  const forMe = reminder.target === reminder.creator;
  const text = forMe
    ? `:alarm_clock: Reminder: ${escapeMrkdwn(reminder.text)}`
    : `:alarm_clock: Reminder from <@${reminder.creator}>: ${escapeMrkdwn(reminder.text)}`;
  const id = series
    ? `reminder-${reminderId}-${String(deps.job.id).replace(/[^A-Za-z0-9_-]/g, '-')}`
    : `reminder-${reminderId}`;
  const sent = await deliver({ id, channel: reminder.target, text }, deps);
  if (!sent.ok) logger.warn({ reason: sent.reason, series }, 'reminder could not be posted');
  if (!series || !sent.ok) await cancelReminder(deps.queues, reminders, reminder);
}
