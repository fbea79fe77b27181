/**
 * How a repeating time ends: after a number of times ("every monday at 9am 10 times") or on a date
 * ("every day at 9am until march 1"), and never later than a most allowed number of times.
 */
import type { Recurrence } from './cron.js';
import { nextOccurrences } from './cron.js';
import { describeInstant, parseInstantDetailed } from './instant-words.js';
import { shown } from './words.js';
import { instantFromWallClock, knownTimeZone, wallClockAt } from './zones.js';

/** The end of a repeating time as typed, before it is read. */
export type SeriesEndWords = { kind: 'times'; count: number } | { kind: 'until'; words: string };

/** How long a series runs: how many times, when the last one is, and whether the most allowed cut it. */
export interface SeriesLength {
  runs: number;
  last: Date;
  /** True when it stops after the most allowed number of times rather than at the end that was asked for. */
  capped: boolean;
}

const timesEnd = /^(.*?[^\s,])\s*,?\s+(?:for\s+)?(\d{1,6})\s+times?$/i;
const untilEnd = /^(.*[^\s,])\s*,?\s+(?:until|till)\s+(\S.*)$/i;

/**
 * Splits a repeating time from how it ends: `every monday at 9am 10 times` (or `for 10 times`), `every
 * day at 9am until march 1` (or `till`). Without either, the words come back whole.
 */
export function splitSeriesEnd(words: string): { words: string; end?: SeriesEndWords } {
  const text = words.replace(/\s+/g, ' ').trim();
  const times = timesEnd.exec(text);
  if (times) return { words: times[1] as string, end: { kind: 'times', count: Number(times[2]) } };
  const until = untilEnd.exec(text);
  if (until) return { words: until[1] as string, end: { kind: 'until', words: until[2] as string } };
  return { words: text };
}

/** The end of the day of `at` in `timeZone`: its last millisecond, so "until march 1" includes March 1. */
function endOfDay(at: Date, timeZone: string): Date {
  const wall = wallClockAt(at.getTime(), timeZone);
  const midnight = { ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 };
  return new Date(instantFromWallClock({ ...midnight, day: wall.day + 1 }, timeZone) - 1);
}

/**
 * How many times `recurrence` runs after `now`: the number asked for, or as many as fit before the end
 * date (read in `timeZone`), never more than `max`; with no end, `max`. A problem when the end cannot
 * be read, or leaves no run at all.
 */
export function seriesLength(
  recurrence: Recurrence,
  end: SeriesEndWords | undefined,
  now: Date,
  timeZone: string,
  max: number,
): ({ ok: true } & SeriesLength) | { ok: false; problem: string } {
  const zone = knownTimeZone(timeZone);
  const upcoming = nextOccurrences(recurrence, now, max + 1);
  let wanted: number;
  if (!end) wanted = Number.POSITIVE_INFINITY;
  else if (end.kind === 'times') {
    if (end.count < 1) return { ok: false, problem: 'Say how many times, at least once: "... 10 times".' };
    wanted = end.count;
  } else {
    const until = parseInstantDetailed(end.words, now, zone);
    if (!until.ok) return { ok: false, problem: `Read as the end, "${shown(end.words)}": ${until.problem}` };
    // A date alone ("until march 1") runs to the end of that day; with a time, to that time.
    const last = until.timeOfDay ? until.at : endOfDay(until.at, zone);
    wanted = upcoming.filter((at) => at.getTime() <= last.getTime()).length;
    if (wanted === 0) {
      const first = upcoming[0];
      const firstWords = first ? `, ${describeInstant(first, zone, now)},` : '';
      return {
        ok: false,
        problem: `It would first go off after that end${firstWords} so it would never go off; pick a later end.`,
      };
    }
  }
  const runs = Math.min(wanted, max, upcoming.length);
  const last = upcoming[runs - 1];
  if (!last || runs < 1) return { ok: false, problem: 'That repeating time never comes.' };
  return { ok: true, runs, last, capped: wanted > max };
}
