/**
 * Repeating times in plain words, turned into cron patterns for BullMQ Job Schedulers: the grammar
 * (`recurrence-grammar.ts`) reads a {@link Schedule}, which becomes a cron pattern (`cron.ts`) and a
 * sentence (`recurrence-description.ts`).
 */
import { assertCronPattern, cronPattern, followsClockChanges, type Recurrence } from './cron.js';
import { describeRecurrence } from './recurrence-description.js';
import { readSchedule } from './recurrence-grammar.js';
import type { Schedule } from './schedule.js';
import { knownTimeZone } from './zones.js';

export type RecurrenceResult = { ok: true; recurrence: Recurrence } | { ok: false; problem: string };

/**
 * The recurrence for `schedule` in `timeZone` (an unknown zone is UTC). The pattern is checked with
 * cron-parser in strict mode (six fields, not both day fields), which throws for a schedule that no
 * phrase produces, such as hour 25.
 */
export function recurrenceFor(schedule: Schedule, timeZone: string): Recurrence {
  const tz = knownTimeZone(timeZone);
  const pattern = cronPattern(schedule);
  assertCronPattern(pattern, tz);
  return { pattern, tz, description: describeRecurrence(schedule, tz) };
}

/**
 * Reads a repeating time in plain English, in the IANA zone `timeZone` (an unknown zone is UTC):
 * - `every day at 9am`, `daily 09:00`, `everyday at noon`;
 * - `every weekday at 8:30` (Monday to Friday), `every weekend at 10am`;
 * - `every monday at 9am`, `every mon, wed and fri at 17:00`, `every friday 12:00`, `each tuesday`;
 * - `every week` / `weekly` (on Monday unless days are named: `weekly monday 09:00`);
 * - `every month on the 1st at 10:00`, `monthly on the last day`, `every month` (on the 1st);
 * - `every hour` / `hourly`, `every 2 hours` (on the hour, every 1, 2, 3, 4, 6, 8 or 12 hours).
 *
 * Times are `9am`, `9:30am`, `09:00`, `17:00`, `noon` or `midnight`; with none, 09:00 (`defaultTimeOfDay`).
 * Anything more often than once an hour, days 29 to 31 of a month (not every month has them), times
 * such as `25:00` and words it cannot read are refused with a sentence saying why; so is a repeat the
 * scheduler cannot follow across the zone's clock changes after `now` (see `followsClockChanges`).
 */
export function parseRecurrence(words: string, timeZone: string, now: Date): RecurrenceResult {
  const text = words.replace(/\s+/g, ' ').trim();
  const read = readSchedule(text);
  if (!read.ok) return read;
  const recurrence = recurrenceFor(read.schedule, timeZone);
  if (!followsClockChanges(recurrence, now)) {
    return {
      ok: false,
      problem: `Rally cannot repeat times in ${recurrence.tz}: its scheduler cannot follow the clock changes there. Give one time instead, such as "sunday 9am".`,
    };
  }
  return { ok: true, recurrence };
}
