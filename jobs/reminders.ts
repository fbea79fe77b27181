import { fireReminder } from '../src/reminders/fire-reminder.js';
import { scheduleReminder } from '../src/reminders/schedule-reminder.js';
import type { Processor } from './processor.js';

/** `reminder-schedule`: read a reminder's time in its creator's zone and schedule it. */
export const processReminderSchedule: Processor<'reminder-schedule'> = (data, deps) =>
  scheduleReminder(deps, data, deps.runId);

/** `reminder-fire`: post a reminder, once. */
export const processReminderFire: Processor<'reminder-fire'> = (data, deps) =>
  fireReminder(deps, data.reminderId, deps.runId);
