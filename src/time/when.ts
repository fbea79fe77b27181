/** When something happens, once or repeating: the entry point for times people type. */
import type { Recurrence } from './cron.js';
import { describeInstant, parseInstant } from './instant-words.js';
import { parseRecurrence } from './recurrence.js';
import { isRecurringPhrase, recurrenceExamples } from './recurrence-grammar.js';
import { knownTimeZone } from './zones.js';

export { cronPattern, nextOccurrences, type Recurrence } from './cron.js';
export { parseRecurrence, type RecurrenceResult, recurrenceFor } from './recurrence.js';
export { describeRecurrence } from './recurrence-description.js';
export { isRecurringPhrase, recurrenceExamples } from './recurrence-grammar.js';
export { hourIntervals, type Schedule } from './schedule.js';
export { defaultTimeOfDay, parseTimeOfDay, type TimeOfDay, type TimeOfDayResult } from './time-of-day.js';

/** One time or a repeating one, each with how it reads, or why the words cannot be read. */
export type WhenResult =
  | { ok: true; kind: 'once'; at: Date; description: string }
  | { ok: true; kind: 'recurring'; recurrence: Recurrence; description: string }
  | { ok: false; problem: string };

const repeatHint = /\b(?:every|each|daily|weekly|monthly|hourly|everyday)\b/i;

/**
 * When something should happen, in plain English, read in the IANA zone `timeZone` relative to `now`
 * (an unknown zone is read as UTC):
 * - words starting with `every`, `each`, `daily`, `weekly`, `monthly` or `hourly` repeat, read by
 *   {@link parseRecurrence} ("every monday at 9am", "daily 09:00", "every 2 hours");
 * - anything else is one time, read by {@link parseInstant} ("tomorrow at 11:30", "in 2 hours",
 *   "friday 17:00"): it must be in the future and at most a year ahead.
 *
 * `description` is how the person reads it: `every Monday at 09:00 (America/Los_Angeles)` or
 * `Tue 2 Dec, 09:00 (America/Los_Angeles)`.
 */
export function parseWhen(words: string, now: Date, timeZone: string): WhenResult {
  const zone = knownTimeZone(timeZone);
  if (isRecurringPhrase(words)) {
    const read = parseRecurrence(words, zone, now);
    if (!read.ok) return read;
    return {
      ok: true,
      kind: 'recurring',
      recurrence: read.recurrence,
      description: read.recurrence.description,
    };
  }
  const once = parseInstant(words, now, zone);
  if (!once.ok) {
    if (repeatHint.test(words)) {
      return {
        ok: false,
        problem: `To repeat something, start with how often, for example ${recurrenceExamples}.`,
      };
    }
    return once;
  }
  return { ok: true, kind: 'once', at: once.at, description: describeInstant(once.at, zone, now) };
}
