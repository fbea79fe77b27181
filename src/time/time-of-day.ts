/** A time on the clock with no date: reading `9am` or `17:00`, and writing `09:00`. */
import { shown, wordsOf } from './words.js';

/** A time on the clock, 00:00 to 23:59. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

export type TimeOfDayResult = { ok: true; time: TimeOfDay } | { ok: false; problem: string };

/** The time used when a phrase names days but no time ("every monday", "daily"): 09:00 in the person's zone. */
export const defaultTimeOfDay: TimeOfDay = { hour: 9, minute: 0 };

const timeFormats = '9am, 9:30am, 17:00, noon or midnight';
const two = (n: number): string => String(n).padStart(2, '0');

/** `09:00`, as Rally writes a time of day. */
export const clock = (time: TimeOfDay): string => `${two(time.hour)}:${two(time.minute)}`;

/**
 * A time of day written `9am`, `9:30am`, `9:30 pm`, `09:00`, `17:00`, `noon` or `midnight`. A bare
 * number such as `9` is refused, since it could be morning or evening.
 */
export function parseTimeOfDay(word: string): TimeOfDayResult {
  const text = wordsOf(word).join('');
  if (text === 'noon') return { ok: true, time: { hour: 12, minute: 0 } };
  if (text === 'midnight') return { ok: true, time: { hour: 0, minute: 0 } };
  const notATime = {
    ok: false,
    problem: `"${shown(word.trim())}" is not a time of day; write it like ${timeFormats}.`,
  } as const;
  const twelve = /^(\d{1,2})(?::(\d{2}))?([ap]m)$/.exec(text);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = Number(twelve[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) return notATime;
    return { ok: true, time: { hour: (hour % 12) + (twelve[3] === 'pm' ? 12 : 0), minute } };
  }
  const day = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (day) {
    const hour = Number(day[1]);
    const minute = Number(day[2]);
    if (hour > 23 || minute > 59) return notATime;
    return { ok: true, time: { hour, minute } };
  }
  if (/^\d{1,2}$/.test(text)) {
    const hour = Number(text);
    if (hour >= 1 && hour <= 11) {
      return { ok: false, problem: `"${hour}" could be morning or evening; write ${hour}am or ${hour}pm.` };
    }
    if (hour === 12) return { ok: false, problem: '"12" could be noon or midnight; write noon or midnight.' };
    if (hour <= 23) return { ok: false, problem: `"${text}" needs minutes; write ${two(hour)}:00.` };
  }
  return notATime;
}

/** Whether a word (from `wordsOf`) is meant as a time of day, even a wrong one ("25:00", "13pm"). */
export const looksLikeTime = (word: string): boolean =>
  word === 'noon' || word === 'midnight' || /^\d{1,2}(?::\d+)?[ap]m$/.test(word) || /^\d+:\d+$/.test(word);
