/**
 * Wall clocks in IANA time zones, computed with `Intl.DateTimeFormat` so the result never depends on
 * the zone of the machine Rally runs on.
 */

/** A date and time as a clock on the wall shows it; `month` is 1 to 12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const dayMs = 24 * 60 * 60 * 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` is an IANA zone name (or `UTC`) this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `timeZone` when this runtime knows it, else `UTC`. */
export function knownTimeZone(timeZone: string): string {
  return isTimeZone(timeZone) ? timeZone : 'UTC';
}

/** The wall clock in `timeZone` at the instant `at` (milliseconds since the epoch). */
export function wallClockAt(at: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(at))) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((at % 1000) + 1000) % 1000,
  };
}

/** The instant at which a UTC clock shows `wall`. */
export function utcFromWallClock(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** How far `timeZone` is ahead of UTC at the instant `at`, in milliseconds. */
export function offsetAt(at: number, timeZone: string): number {
  return utcFromWallClock(wallClockAt(at, timeZone)) - at;
}

/**
 * The instant at which clocks in `timeZone` show `wall`. A time that happens twice (when clocks go
 * back) is the first of the two; a time that never happens (when clocks go forward) is moved forward by
 * the jump, so 02:30 on the night clocks jump from 02:00 to 03:00 is 03:30: the same rule as Temporal's
 * `disambiguation: 'compatible'`.
 */
export function instantFromWallClock(wall: WallClock, timeZone: string): number {
  const asUtc = utcFromWallClock(wall);
  const before = offsetAt(asUtc - dayMs, timeZone);
  const after = offsetAt(asUtc + dayMs, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((at) => offsetAt(at, timeZone) === asUtc - at);
  if (valid.length > 0) return Math.min(...valid);
  return asUtc - before;
}
