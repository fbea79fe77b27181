/**
 * Repeating times in plain words ("every monday at 9am", "daily 09:00", "every 2 hours"), turned into
 * cron patterns for BullMQ Job Schedulers (`queue.upsertJobScheduler(id, { pattern, tz })`).
 *
 * chrono-node reads one-off times only, so the few phrases below are read by a small table-driven
 * grammar. Every pattern it builds is checked with cron-parser, the same library (and major version)
 * BullMQ uses to compute the next run, so what Rally shows and what BullMQ runs agree.
 */
import { CronExpressionParser } from 'cron-parser';
import { knownTimeZone } from './zones.js';

/** A repeating time as BullMQ takes it: a six-field cron `pattern` (seconds first) read in the IANA zone `tz`. */
export interface Recurrence {
  /** Cron with a seconds field, e.g. `0 0 9 * * 1` for Mondays at 09:00. */
  pattern: string;
  tz: string;
  /** How people read it, e.g. `every Monday at 09:00 (America/Los_Angeles)`. */
  description: string;
}

/** A time on the clock, 00:00 to 23:59. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * What a phrase means, before it becomes a cron pattern:
 * - `hours`: every `hours` hours on the hour, counted from midnight in the zone (one of {@link hourIntervals});
 * - `week`: on the given weekdays (0 = Sunday … 6 = Saturday; all seven is every day) at `time`;
 * - `month`: on day `day` of each month (1 to 28) or its last day, at `time`.
 */
export type Schedule =
  | { every: 'hours'; hours: number }
  | { every: 'week'; days: readonly number[]; time: TimeOfDay }
  | { every: 'month'; day: number | 'last'; time: TimeOfDay };

export type RecurrenceResult = { ok: true; recurrence: Recurrence } | { ok: false; problem: string };
export type TimeOfDayResult = { ok: true; time: TimeOfDay } | { ok: false; problem: string };

/** The time used when a phrase names days but no time ("every monday", "daily"): 09:00 in the person's zone. */
export const defaultTimeOfDay: TimeOfDay = { hour: 9, minute: 0 };

/** Hour steps that fit evenly into a day, so "every N hours" keeps the same rhythm across midnight. */
export const hourIntervals = [1, 2, 3, 4, 6, 8, 12] as const;

/** Examples of repeating times Rally reads, for messages that ask for one. */
export const recurrenceExamples =
  '"every monday at 9am", "every weekday at 8:30" or "every month on the 1st at 10:00"';

const timeFormats = '9am, 9:30am, 17:00, noon or midnight';
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const everyDay = [0, 1, 2, 3, 4, 5, 6] as const;
const workDays = [1, 2, 3, 4, 5] as const;
const weekendDays = [0, 6] as const;
/** Monday first, as people list days. */
const readingOrder = [1, 2, 3, 4, 5, 6, 0] as const;

/** Day names, their plurals, three-letter forms and common short forms. */
const dayWords = new Map<string, number>([
  ...dayNames.flatMap((name, day) => {
    const lower = name.toLowerCase();
    return [lower, `${lower}s`, lower.slice(0, 3)].map((word) => [word, day] as [string, number]);
  }),
  ['tues', 2],
  ['weds', 3],
  ['thur', 4],
  ['thurs', 4],
]);

/** How often, as read from the first words: on some days of each week, each week, each month, or every N hours. */
type Start = { days: readonly number[] } | 'week' | 'month' | { hours: number };

/** Words a phrase may start with; `every` and `each` need a word saying how often after them. */
const leadWords = new Map<string, Start | 'every'>(
  Object.entries({
    every: 'every',
    each: 'every',
    everyday: { days: everyDay },
    daily: { days: everyDay },
    weekly: 'week',
    monthly: 'month',
    hourly: { hours: 1 },
  }),
);

/** Words after `every` that say how often, apart from day names and numbers. */
const unitWords = new Map<string, Start>(
  Object.entries({
    day: { days: everyDay },
    weekday: { days: workDays },
    weekdays: { days: workDays },
    weekend: { days: weekendDays },
    weekends: { days: weekendDays },
    week: 'week',
    month: 'month',
    hour: { hours: 1 },
  }),
);

/** Units after a number ("every 2 hours"); minutes and seconds are refused as too often. */
const durationUnits = new Map<string, 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month'>(
  Object.entries({
    second: 'second',
    seconds: 'second',
    sec: 'second',
    secs: 'second',
    minute: 'minute',
    minutes: 'minute',
    min: 'minute',
    mins: 'minute',
    hour: 'hour',
    hours: 'hour',
    hr: 'hour',
    hrs: 'hour',
    day: 'day',
    days: 'day',
    week: 'week',
    weeks: 'week',
    month: 'month',
    months: 'month',
  } as const),
);

/** Words for a day of the month other than "1st", "15th"… */
const dayOfMonthWords = new Map<string, number | 'last'>([
  ['first', 1],
  ['last', 'last'],
]);

/** Small words that say nothing about the time: "every month *on the* 1st *at* 10:00". */
const fillers = new Set(['and', 'at', 'on', 'the']);

const two = (n: number): string => String(n).padStart(2, '0');
const shown = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const clock = (time: TimeOfDay): string => `${two(time.hour)}:${two(time.minute)}`;

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function listed(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Lower-cased words with `9 am` joined to `9am`, `a.m.` read as `am`, `9.30` as `9:30`, and list marks dropped. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([ap])\.m\.?(?=\s|$|,)/g, '$1m')
    .replace(/(\d)\s+([ap]m)\b/g, '$1$2')
    .replace(/(\d)\.(\d{2})(?!\d)/g, '$1:$2')
    .replace(/[,;&]/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^[.!?]+|[.!?]+$/g, ''))
    .filter(Boolean);
}

/** Whether `text` starts with a word that makes them a repeating time (`every`, `each`, `daily`, `weekly`…). */
export function isRecurringPhrase(text: string): boolean {
  const [first] = wordsOf(text);
  return first !== undefined && leadWords.has(first);
}

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

/** Whether a word is meant as a time of day, even a wrong one ("25:00", "13pm"). */
const looksLikeTime = (word: string): boolean =>
  word === 'noon' || word === 'midnight' || /^\d{1,2}(?::\d+)?[ap]m$/.test(word) || /^\d+:\d+$/.test(word);

/** Days as a cron day-of-week field: `*` for all seven, runs of three or more as ranges (`1-5`). */
function dayField(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return '*';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    const first = sorted[i] as number;
    const last = sorted[j] as number;
    if (j - i >= 2) parts.push(`${first}-${last}`);
    else parts.push(...sorted.slice(i, j + 1).map(String));
    i = j + 1;
  }
  return parts.join(',');
}

/** The six-field cron pattern (seconds first) for `schedule`, e.g. `0 30 8 * * 1-5`. */
export function cronPattern(schedule: Schedule): string {
  switch (schedule.every) {
    case 'hours':
      return `0 0 ${schedule.hours === 1 ? '*' : `*/${schedule.hours}`} * * *`;
    case 'week':
      return `0 ${schedule.time.minute} ${schedule.time.hour} * * ${dayField(schedule.days)}`;
    case 'month':
      return `0 ${schedule.time.minute} ${schedule.time.hour} ${schedule.day === 'last' ? 'L' : schedule.day} * *`;
  }
}

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
            : listed(readingOrder.filter((day) => days.has(day)).map((day) => dayNames[day]));
      return `every ${which} at ${clock(schedule.time)} ${zone}`;
    }
    case 'month': {
      const day = schedule.day === 'last' ? 'the last day' : `the ${ordinal(schedule.day)}`;
      return `every month on ${day} at ${clock(schedule.time)} ${zone}`;
    }
  }
}

/**
 * The recurrence for `schedule` in `timeZone` (an unknown zone is UTC). The pattern is checked with
 * cron-parser in strict mode (six fields, not both day fields), which throws for a schedule that no
 * phrase produces, such as hour 25.
 */
export function recurrenceFor(schedule: Schedule, timeZone: string): Recurrence {
  const tz = knownTimeZone(timeZone);
  const pattern = cronPattern(schedule);
  CronExpressionParser.parse(pattern, { tz, strict: true });
  return { pattern, tz, description: describeRecurrence(schedule, tz) };
}

/**
 * The next `count` times `recurrence` happens strictly after `from`, as BullMQ computes them (same
 * library): wall-clock times in `recurrence.tz`, so "every monday at 9am" stays at 09:00 there across
 * daylight-saving changes. A time skipped when clocks go forward runs just after the jump (02:30 → 03:30);
 * a time that happens twice when clocks go back runs once, the first time.
 */
export function nextOccurrences(recurrence: Recurrence, from: Date, count: number): Date[] {
  if (!(count >= 1)) return [];
  const expression = CronExpressionParser.parse(recurrence.pattern, {
    tz: recurrence.tz,
    currentDate: from,
    strict: true,
  });
  return expression.take(Math.floor(count)).map((date) => date.toDate());
}

type Read = { ok: true; schedule: Schedule } | { ok: false; problem: string };

const refuse = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });
const unreadable = (text: string) =>
  refuse(`I can't read "${shown(text)}" as a repeating time. Try ${recurrenceExamples}.`);
const tooOften = (text: string) =>
  refuse(
    `Rally repeats things at most once an hour, so "${shown(text)}" is too often. Try "every hour" or "every day at 9am".`,
  );

/** How often, from the words after the lead word; `used` is how many of them it took. */
function readStart(
  lead: Start | 'every',
  rest: readonly string[],
  text: string,
): { ok: false; problem: string } | { ok: true; start: Start; used: number } {
  if (lead !== 'every') return { ok: true, start: lead, used: 0 };
  const [first, second] = rest;
  if (first === undefined) return refuse(`Say how often after "every", for example ${recurrenceExamples}.`);
  if (dayWords.has(first)) return { ok: true, start: 'week', used: 0 };
  if (first === 'half' || first === 'minute' || first === 'second') return tooOften(text);
  const unit = unitWords.get(first);
  if (unit !== undefined) return { ok: true, start: unit, used: 1 };
  const count = first === 'other' ? 2 : /^\d+$/.test(first) ? Number(first) : undefined;
  const per = second === undefined ? undefined : durationUnits.get(second);
  if (count === undefined || count === 0 || per === undefined) return unreadable(text);
  if (per === 'second' || (per === 'minute' && count < 60)) return tooOften(text);
  if (per === 'minute' || per === 'hour') {
    const hours = per === 'minute' ? count / 60 : count;
    if (!(hourIntervals as readonly number[]).includes(hours)) {
      const steps = `${hourIntervals.slice(0, -1).join(', ')} or ${hourIntervals[hourIntervals.length - 1]}`;
      return refuse(
        `"${shown(text)}" does not fit evenly into a day; repeat every ${steps} hours, or every day at a set time.`,
      );
    }
    return { ok: true, start: { hours }, used: 2 };
  }
  if (count === 1) return { ok: true, start: per === 'day' ? { days: everyDay } : per, used: 2 };
  return refuse(
    `Rally can repeat every day, on chosen weekdays, every week or every month, but not every ${count} ${per}s. Try ${recurrenceExamples}.`,
  );
}

/** The day of the month a word names ("1st", "15th", "first", "last"), a problem, or undefined for another word. */
function readDayOfMonth(word: string): number | 'last' | { problem: string } | undefined {
  const numbered = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(word);
  const day = numbered ? Number(numbered[1]) : dayOfMonthWords.get(word);
  if (day === undefined || day === 'last') return day;
  if (day < 1 || day > 31) {
    return {
      problem: `"${word}" is not a day of the month; pick one from the 1st to the 28th, or "the last day".`,
    };
  }
  if (day > 28) {
    return {
      problem: `Not every month has a ${ordinal(day)}; pick a day from the 1st to the 28th, or "the last day".`,
    };
  }
  return day;
}

/** Reads the words of a repeating time; see {@link parseRecurrence}. */
function readSchedule(text: string): Read {
  const [lead, ...rest] = wordsOf(text);
  const leadMeaning = lead === undefined ? undefined : leadWords.get(lead);
  if (leadMeaning === undefined) {
    return refuse(`Start a repeating time with how often, for example ${recurrenceExamples}.`);
  }
  const started = readStart(leadMeaning, rest, text);
  if (!started.ok) return started;
  const { start } = started;

  const days = new Set<number>();
  let dayOfMonth: number | 'last' | undefined;
  let time: TimeOfDay | undefined;
  const extra: string[] = [];
  for (const word of rest.slice(started.used)) {
    if (fillers.has(word)) continue;
    const day = dayWords.get(word);
    if (start === 'week' && day !== undefined) {
      days.add(day);
      continue;
    }
    if (start === 'month') {
      const dom = readDayOfMonth(word);
      if (typeof dom === 'object') return refuse(dom.problem);
      if (dom !== undefined) {
        if (dayOfMonth !== undefined) return refuse('Give one day of the month, for example "on the 1st".');
        dayOfMonth = dom;
        continue;
      }
      if (word === 'day' && dayOfMonth !== undefined) continue; // "the last day"
      if (/^\d{1,2}$/.test(word)) {
        return refuse(
          `"${word}" could be a day or a time; write "the ${ordinal(Number(word))}" or ${word}:00.`,
        );
      }
    }
    if (looksLikeTime(word) || /^\d{1,2}$/.test(word)) {
      const read = parseTimeOfDay(word);
      if (!read.ok) return refuse(read.problem);
      if (time !== undefined) {
        return refuse('Give one time of day; to repeat at two times, set up two schedules.');
      }
      time = read.time;
      continue;
    }
    extra.push(word);
  }
  if (extra.length > 0) {
    return refuse(
      `I don't understand "${shown(extra.join(' '))}" in "${shown(text)}". Try ${recurrenceExamples}.`,
    );
  }
  if (typeof start === 'object' && 'hours' in start) {
    if (time !== undefined) {
      return refuse(
        `"${shown(text)}" runs on the hour, so it takes no time of day; to pick one, say "every day at ${clock(time)}".`,
      );
    }
    return { ok: true, schedule: { every: 'hours', hours: start.hours } };
  }
  const at = time ?? defaultTimeOfDay;
  if (start === 'month') return { ok: true, schedule: { every: 'month', day: dayOfMonth ?? 1, time: at } };
  if (start === 'week') {
    // "every week" and "weekly" with no day named are on Monday.
    return { ok: true, schedule: { every: 'week', days: days.size ? [...days] : [1], time: at } };
  }
  return { ok: true, schedule: { every: 'week', days: start.days, time: at } };
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
 * Times are `9am`, `9:30am`, `09:00`, `17:00`, `noon` or `midnight`; with none, {@link defaultTimeOfDay}
 * (09:00). Anything more often than once an hour, days 29 to 31 of a month (not every month has them),
 * times such as `25:00` and words it cannot read are refused with a sentence saying why.
 */
export function parseRecurrence(words: string, timeZone: string): RecurrenceResult {
  const text = words.replace(/\s+/g, ' ').trim();
  const read = readSchedule(text);
  if (!read.ok) return read;
  return { ok: true, recurrence: recurrenceFor(read.schedule, timeZone) };
}
