/**
 * Wall clocks in IANA time zones and the instants they stand for, computed with Temporal (the
 * `temporal-polyfill` package until Node ships it), so the result never depends on the zone of the
 * machine Rally runs on.
 */
import { Temporal } from 'temporal-polyfill';

/**
 * A date and time as a clock on the wall shows it; `month` is 1 to 12. The fields are those of
 * `Temporal.PlainDateTime`.
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Whether `timeZone` is an IANA zone name (or `UTC`) this runtime knows. Offsets such as `+05:00`,
 * which Temporal also takes as zones, are refused: Slack profiles and cron schedules use names.
 */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone || /^[+-]/.test(timeZone)) return false;
  try {
    // The constructor takes a zone identifier only, unlike `from`, which also reads a whole ISO string.
    new Temporal.ZonedDateTime(0n, timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `timeZone` when this runtime knows it, else `UTC`. */
export function knownTimeZone(timeZone: string): string {
  return isTimeZone(timeZone) ? timeZone : 'UTC';
}

function zonedAt(at: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone);
}

/** The wall clock in `timeZone` at the instant `at` (milliseconds since the epoch). */
export function wallClockAt(at: number, timeZone: string): WallClock {
  const { year, month, day, hour, minute, second, millisecond } = zonedAt(at, timeZone);
  return { year, month, day, hour, minute, second, millisecond };
}

/**
 * The instant at which clocks in `timeZone` show `wall`. A time that happens twice (when clocks go
 * back) is the first of the two; a time that never happens (when clocks go forward) is moved forward by
 * the jump, so 02:30 on the night clocks jump from 02:00 to 03:00 is 03:30: Temporal's
 * `disambiguation: 'compatible'`. A field out of range is brought into it (day 31 of a 30-day month is
 * the 30th).
 */
export function instantFromWallClock(wall: WallClock, timeZone: string): number {
  return Temporal.PlainDateTime.from(wall).toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .epochMilliseconds;
}

/** The instant at which a UTC clock shows `wall`. */
export function utcFromWallClock(wall: WallClock): number {
  return instantFromWallClock(wall, 'UTC');
}

/** How far `timeZone` is ahead of UTC at the instant `at`, in milliseconds. */
export function offsetAt(at: number, timeZone: string): number {
  return zonedAt(at, timeZone).offsetNanoseconds / 1_000_000;
}

/** The instants (ms) of the next `count` times after `at` that the clocks of `timeZone` change. */
export function nextClockChanges(at: number, timeZone: string, count: number): number[] {
  const changes: number[] = [];
  let from = zonedAt(at, timeZone);
  while (changes.length < count) {
    const next = from.getTimeZoneTransition('next');
    if (!next) break;
    changes.push(next.epochMilliseconds);
    from = next;
  }
  return changes;
}

/** The day of the week of `wall`'s date: 0 is Sunday and 6 Saturday, as in cron and `Date#getDay`. */
export function weekdayOf(wall: WallClock): number {
  return Temporal.PlainDate.from(wall).dayOfWeek % 7;
}
