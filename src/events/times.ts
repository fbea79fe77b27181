import { parseInstant } from '../time/instant-words.js';
import { knownTimeZone, wallClockAt } from '../time/zones.js';
import { defaultLengthMs } from './model.js';
import { endProblem } from './validate.js';

/** When an event starts and ends, read from words. */
export type EventTimes =
  | { ok: true; startsAt: number; endsAt: number; endGiven: boolean }
  | { ok: false; field: 'starts' | 'ends'; problem: string };

/**
 * Reads an event's start, and its end when given, in the IANA zone `zone` (the organizer's Slack zone):
 * the start relative to `now`, the end relative to the start, so "14:00" after a start on Friday at 12:00
 * is that Friday at 14:00. Without an end the event is taken to last an hour.
 */
export function readEventTimes(
  startWords: string,
  endWords: string | undefined,
  now: Date,
  zone: string,
): EventTimes {
  const start = parseInstant(startWords, now, zone);
  if (!start.ok) return { ok: false, field: 'starts', problem: start.problem };
  const startsAt = start.at.getTime();
  if (!endWords?.trim()) return { ok: true, startsAt, endsAt: startsAt + defaultLengthMs, endGiven: false };
  const end = parseInstant(endWords, start.at, zone);
  if (!end.ok) return { ok: false, field: 'ends', problem: end.problem };
  const problem = endProblem(startsAt, end.at.getTime());
  if (problem) return { ok: false, field: 'ends', problem };
  return { ok: true, startsAt, endsAt: end.at.getTime(), endGiven: true };
}

/**
 * The zone whose clocks are furthest behind (UTC-12; IANA writes it with the sign reversed): a wall-clock
 * time that has passed there has passed everywhere.
 */
const latestZone = 'Etc/GMT+12';

/**
 * Why words cannot be a time in any zone, before the organizer's zone is known (the command is read at
 * once; its job reads the words again in their zone), or undefined. Read where clocks are furthest behind,
 * so that a time still ahead in the organizer's zone is never refused here.
 */
export function unreadableTime(words: string, now: Date): string | undefined {
  const read = parseInstant(words, now, latestZone);
  return read.ok ? undefined : read.problem;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** An instant as words the form shows and reads back in `zone`: `2026-12-04 12:00`. */
export function timeWords(at: number, zone: string): string {
  const wall = wallClockAt(at, knownTimeZone(zone));
  return `${wall.year}-${two(wall.month)}-${two(wall.day)} ${two(wall.hour)}:${two(wall.minute)}`;
}
