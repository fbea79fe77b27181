import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import { buildReminderNotPostedNotice } from './blocks/reminder-not-posted.js';
import { cancelReminder, type ReminderDeps } from './cancel-reminder.js';

/**
 * A reminder's run failed for good (its job's retries spent): its creator is told in a direct message
 * (a reminder to themselves is given to them in it, late), then a one-off is removed, its text with it; a
 * series keeps its next runs. Nothing for a reminder cancelled meanwhile.
 */
export async function tellReminderNotPosted(
  deps: DeliveryDeps & ReminderDeps,
  reminderId: string,
  slackRefusal: string | undefined,
  deliveryId: string,
): Promise<void> {
  const reminder = await deps.reminders.get(reminderId);
  if (!reminder) return;
  const series = reminder.pattern !== undefined;
  const notice = buildReminderNotPostedNotice(reminder, series, slackRefusal);
  await notifyPrivately(deps, { userId: reminder.creator }, notice, deliveryId);
  if (!series || slackRefusal) await cancelReminder(deps, reminder);
}
