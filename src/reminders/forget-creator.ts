import { cancelReminder, type ReminderDeps } from './cancel-reminder.js';

/** Cancels every reminder a person set, deleting their text; returns how many. */
export async function forgetReminders(deps: ReminderDeps, userId: string): Promise<number> {
  let count = 0;
  for (const reminder of await deps.reminders.listFor(userId, '')) {
    if (reminder.creator !== userId) continue;
    await cancelReminder(deps, reminder);
    count++;
  }
  return count;
}
