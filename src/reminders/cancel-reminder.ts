import { jobIds, schedulerIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import type { Roles } from '../roles/roles.js';
import type { Reminder } from './model.js';
import type { ReminderStore } from './store.js';

export interface ReminderDeps {
  queues: Queues;
  reminders: ReminderStore;
}

/**
 * Cancels a reminder: its record and text go, then its delayed job or its scheduler. A fire job that
 * starts in between finds no record and posts nothing, so a cancelled reminder never fires.
 */
export async function cancelReminder(deps: ReminderDeps, reminder: Reminder): Promise<void> {
  await deps.reminders.delete(reminder);
  const queue = deps.queues.queue('reminder-fire');
  await Promise.all([
    queue.removeJobScheduler(schedulerIds.reminder(reminder.id)),
    queue.remove(jobIds.reminderFire(reminder.id)).catch(() => 0),
  ]);
}

export type CancelOutcome = 'cancelled' | 'gone' | 'not-allowed';

/** **Cancel** pressed on a reminder: only its creator or an organizer may cancel it. */
export async function cancelReminderFor(
  deps: ReminderDeps & { roles: Pick<Roles, 'isOrganizer'> },
  reminderId: string,
  userId: string,
): Promise<CancelOutcome> {
  const reminder = await deps.reminders.get(reminderId);
  if (!reminder) return 'gone';
  if (reminder.creator !== userId && !(await deps.roles.isOrganizer(userId))) return 'not-allowed';
  await cancelReminder(deps, reminder);
  return 'cancelled';
}
