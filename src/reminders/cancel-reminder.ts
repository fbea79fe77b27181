import type { Queues } from '../queues/queues.js';
import type { Reminder, ReminderStore } from './store.js';

/** The BullMQ job (one-off) or job scheduler (series) that fires a reminder: one name for both. */
export const reminderJobId = (reminderId: string): string => `reminder-${reminderId}`;

/**
 * Cancels a reminder: its delayed job or its scheduler goes, then its record and text. A fire job that
 * starts in between finds no record and posts nothing, so a cancelled reminder never fires.
 */
export async function cancelReminder(
  queues: Queues,
  store: ReminderStore,
  reminder: Reminder,
): Promise<void> {
  await store.delete(reminder);
  const queue = queues.queue('reminder-fire');
  await Promise.all([
    queue.removeJobScheduler(reminderJobId(reminder.id)),
    queue.remove(reminderJobId(reminder.id)).catch(() => 0),
  ]);
}
