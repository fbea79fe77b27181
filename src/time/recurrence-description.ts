/** How a repeating time reads to people: `every weekday at 08:30 (UTC)`. */
import { dayField } from './cron.js';
import { dayNames, type Schedule } from './schedule.js';
import { clock } from './time-of-day.js';
import { ordinal } from './words.js';
import { knownTimeZone } from './zones.js';

/** Monday first, as people list days. */
const readingOrder = [1, 2, 3, 4, 5, 6, 0] as const;

// en-GB writes "Monday, Wednesday and Friday", without the serial comma en-US adds.
const listFormat = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

/**
 * How people read `schedule` in `timeZone` (an unknown zone reads as UTC): `every Monday at 09:00
 * (America/Los_Angeles)`, `every weekday at 08:30 (UTC)`, `every 2 hours, on the hour (Europe/Berlin)`.
 */
export function describeRecurrence(schedule: Schedule, timeZone: string): string {
  const zone = `(${knownTimeZone(timeZone)})`;
  switch (schedule.every) {
    case 'hours': {
      const often = schedule.hours === 1 ? 'every hour' : `every ${schedule.hours} hours`;
      return `${often}, on the hour ${zone}`;
    }
    case 'week': {
      const days = new Set(schedule.days);
      const field = dayField(schedule.days);
      const which =
        field === '*'
          ? 'day'
          : field === '1-5'
            ? 'weekday'
            : listFormat.format(readingOrder.filter((day) => days.has(day)).map((day) => dayNames[day]));
      return `every ${which} at ${clock(schedule.time)} ${zone}`;
    }
    case 'month': {
      const day = schedule.day === 'last' ? 'the last day' : `the ${ordinal(schedule.day)}`;
      return `every month on ${day} at ${clock(schedule.time)} ${zone}`;
    }
  }
}
