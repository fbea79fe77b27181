/**
 * One time in plain words ("in 2 days", "friday 17:00", "tomorrow at 9am"), read with chrono-node in
 * the asker's zone: when a poll closes, when a reminder is due, when something starts. Repeating times
 * are in `recurrence.ts`; `when.ts` tells the two apart.
 */
import * as chrono from 'chrono-node';
import { shown } from './words.js';
import {
  instantFromWallClock,
  knownTimeZone,
  utcFromWallClock,
  type WallClock,
  wallClockAt,
  weekdayOf,
} from './zones.js';

const dayMs = 24 * 60 * 60 * 1000;

/** The furthest ahead a time may be: a year, counted as 366 days so "in 1 year" always fits. */
export const maxAheadMs = 366 * dayMs;

/** Examples of times Rally reads, for messages that ask for one. */
export const timeExamples = '"in 2 days", "friday 17:00" or "tomorrow at 9am"';

/** A time read from words: the instant, or why it cannot be one. */
export type InstantResult = { ok: true; at: Date } | { ok: false; problem: string };

/** A time read from words, saying whether they gave a time of day ("march 1" does not; "march 1 5pm" does). */
export type DetailedInstantResult =
  | { ok: true; at: Date; timeOfDay: boolean }
  | { ok: false; problem: string };

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * An instant as people in `timeZone` read it: `Fri 4 Dec, 17:00 (America/Los_Angeles)`. Given `now`,
 * the year is added when it is not the current one there: `Mon 4 Jan 2027, 09:00 (Europe/Berlin)`.
 */
export function describeInstant(at: Date, timeZone: string, now?: Date): string {
  const zone = knownTimeZone(timeZone);
  const wall = wallClockAt(at.getTime(), zone);
  const weekday = weekdays[weekdayOf(wall)] ?? '';
  const month = months[wall.month - 1] ?? '';
  const year = now && wallClockAt(now.getTime(), zone).year !== wall.year ? ` ${wall.year}` : '';
  return `${weekday} ${wall.day} ${month}${year}, ${two(wall.hour)}:${two(wall.minute)} (${zone})`;
}

/**
 * Why `at` cannot be the time something happens (unreadable, already past, or more than a year away:
 * see {@link maxAheadMs}), or undefined when it can. `described` is how the time reads to the person,
 * when there is one to echo back.
 */
export function checkFutureInstant(at: Date, now: Date, described?: string): string | undefined {
  const subject = described ? `That time, ${described},` : 'That time';
  if (Number.isNaN(at.getTime())) return `That time cannot be read. Try ${timeExamples}.`;
  if (at.getTime() <= now.getTime()) return `${subject} has already passed; pick a time in the future.`;
  if (at.getTime() - now.getTime() > maxAheadMs) {
    return `${subject} is more than a year away; pick a time within a year.`;
  }
  return undefined;
}

// Words around a time that say nothing about it: "closes *on* friday", "closes *by* 5pm".
const fillers = /^(?:at|on|by|in|until|till|til|before|the|and|of|[,.;:!-])$/i;

/** Words of `text` that the parsed part does not cover, other than fillers. */
function leftover(text: string, index: number, matched: string): string {
  const rest = `${text.slice(0, index)} ${text.slice(index + matched.length)}`;
  return rest
    .split(/\s+/)
    .map((word) => word.replace(/^[,.;:!?]+|[,.;:!?]+$/g, ''))
    .filter((word) => word && !fillers.test(word))
    .join(' ');
}

/** The instant a chrono result stands for; see {@link parseInstant} for the three cases. */
function resultInstant(
  result: chrono.ParsedResult,
  reference: WallClock,
  now: Date,
  timeZone: string,
): number {
  const { start } = result;
  const wall: WallClock = {
    year: start.get('year') ?? reference.year,
    month: start.get('month') ?? reference.month,
    day: start.get('day') ?? reference.day,
    hour: start.get('hour') ?? 0,
    minute: start.get('minute') ?? 0,
    second: start.get('second') ?? 0,
    millisecond: start.get('millisecond') ?? 0,
  };
  const tags = result.tags();
  if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
    return now.getTime() + (utcFromWallClock(wall) - utcFromWallClock(reference));
  }
  const offset = start.isCertain('timezoneOffset') ? start.get('timezoneOffset') : null;
  if (offset !== null) {
    const at = utcFromWallClock(wall) - offset * 60_000;
    // chrono's forward step compares in the machine's zone; redo it for a time of day given with its own zone.
    const timeOnly = !(['year', 'month', 'day', 'weekday'] as const).some((c) => start.isCertain(c));
    return at <= now.getTime() && timeOnly ? at + dayMs : at;
  }
  return instantFromWallClock(wall, timeZone);
}

/**
 * Reads a time in plain English ("in 2 days", "friday 17:00", "tomorrow at 9am", "in 3 seconds",
 * "dec 24 noon") as an instant, relative to `now` as seen in the IANA zone `timeZone` (an unknown zone
 * is read as UTC). A time of day alone, or a weekday alone, means the next one (chrono's `forwardDate`).
 *
 * chrono-node takes a reference zone only as a fixed offset, and its forward-date step mixes that offset
 * with the machine's own zone, so it is given neither: it reads the text against a reference whose
 * machine-local clock shows the wall clock of `timeZone` at `now`, and the date and time it returns are
 * turned into an instant here:
 * - a duration with a time part ("in 3 seconds", "in 2 hours") or "now" is added to `now` as elapsed time;
 * - a time written with its own zone ("17:00 UTC", "5pm PST") uses that zone's offset;
 * - anything else is a wall-clock time in `timeZone`, resolved with that zone's offset on that date,
 *   so "monday 9:00" after clocks change is 09:00 in the new offset.
 *
 * Every word must be part of the time (apart from small words such as "on" or "at"), it must be one time
 * rather than a range, in the future, and at most a year ahead (see {@link maxAheadMs}).
 */
export function parseInstant(words: string, now: Date, timeZone: string): InstantResult {
  const read = parseInstantDetailed(words, now, timeZone);
  return read.ok ? { ok: true, at: read.at } : read;
}

/**
 * {@link parseInstant}, also saying whether the words gave a time of day, or a duration with a time part
 * ("in 3 hours"). Without one, a date stands for the time chrono implies (noon, or the time now).
 */
export function parseInstantDetailed(words: string, now: Date, timeZone: string): DetailedInstantResult {
  const text = words.replace(/\s+/g, ' ').trim();
  if (!text) return { ok: false, problem: `Say when, for example ${timeExamples}.` };
  const zone = knownTimeZone(timeZone);
  const reference = wallClockAt(now.getTime(), zone);
  const localReference = new Date(
    reference.year,
    reference.month - 1,
    reference.day,
    reference.hour,
    reference.minute,
    reference.second,
    reference.millisecond,
  );
  localReference.setFullYear(reference.year);
  const unreadable = `I can't read "${shown(text)}" as a time. Try ${timeExamples}.`;
  const [result] = chrono.casual.parse(text, localReference, { forwardDate: true });
  if (!result) return { ok: false, problem: unreadable };
  const extra = leftover(text, result.index, result.text);
  if (extra) {
    return {
      ok: false,
      problem: `I can read "${shown(result.text)}" as a time, but not "${shown(extra)}". Try ${timeExamples}.`,
    };
  }
  if (result.end) {
    return {
      ok: false,
      problem: `"${shown(result.text)}" is a range; give one time, for example "friday 17:00".`,
    };
  }
  const at = new Date(resultInstant(result, reference, now, zone));
  if (Number.isNaN(at.getTime())) return { ok: false, problem: unreadable };
  const problem = checkFutureInstant(at, now, describeInstant(at, zone, now));
  const timeOfDay = result.start.isCertain('hour') || result.tags().has('result/relativeDateAndTime');
  return problem ? { ok: false, problem } : { ok: true, at, timeOfDay };
}
