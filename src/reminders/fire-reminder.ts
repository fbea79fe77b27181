import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { escapeMrkdwn } from '../slack/blocks/mrkdwn.js';
import { cancelReminder, type ReminderDeps } from './cancel-reminder.js';

/**
 * Posts a reminder, once: a one-off's delivery is named by the reminder, each run of a series by its
 * run. A one-off's record and text are deleted once it went out; a series whose channel is gone stops.
 */
export async function fireReminder(
  deps: DeliveryDeps & ReminderDeps,
  reminderId: string,
  runId: string,
): Promise<void> {
  const reminder = await deps.reminders.get(reminderId);
  if (!reminder) return; // cancelled
  const series = reminder.pattern !== undefined;
  const forMe = reminder.target === reminder.creator;
  const text = forMe
    ? `:alarm_clock: Reminder: ${escapeMrkdwn(reminder.text)}`
    : `:alarm_clock: Reminder from <@${reminder.creator}>: ${escapeMrkdwn(reminder.text)}`;
  const id = deliveryIds.reminder(reminderId, series ? runId : undefined);
  const sent = await deliver(deps, { id, channel: reminder.target, text, ifUnsure: 'retry' });
  if (!sent.ok) deps.logger.warn({ reason: sent.reason, series }, 'reminder could not be posted');
  if (!series || !sent.ok) await cancelReminder(deps, reminder);
}
