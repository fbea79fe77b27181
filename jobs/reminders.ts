import { requestOwnHomeRefresh } from '../src/home/publish-home.js';
import { fireReminder } from '../src/reminders/fire-reminder.js';
import { scheduleReminder } from '../src/reminders/schedule-reminder.js';
import type { Processor } from './processor.js';

/** `reminder-schedule`: read a reminder's time in its creator's zone and schedule it; it shows on their Home tab. */
export const processReminderSchedule: Processor<'reminder-schedule'> = async (data, deps) => {
  await scheduleReminder(deps, data, deps.runId);
  const reminder = await deps.reminders.get(data.reminderId);
  if (reminder) await requestOwnHomeRefresh(deps, reminder.teamId, reminder.creator);
};

/** `reminder-fire`: post a reminder, once; one that went off for the last time leaves its creator's Home tab. */
export const processReminderFire: Processor<'reminder-fire'> = async (data, deps) => {
  const reminder = await deps.reminders.get(data.reminderId);
  await fireReminder(deps, data.reminderId, deps.runId);
  if (reminder) await requestOwnHomeRefresh(deps, reminder.teamId, reminder.creator);
};
