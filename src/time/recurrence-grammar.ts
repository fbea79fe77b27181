/**
 * The grammar of repeating times in plain words ("every monday at 9am", "daily 09:00", "every 2 hours"),
 * read into a {@link Schedule}. chrono-node reads one-off times only, so these few phrases are read by a
 * small table-driven grammar.
 */
import { dayNames, hourIntervals, type Schedule } from './schedule.js';
import { clock, defaultTimeOfDay, looksLikeTime, parseTimeOfDay, type TimeOfDay } from './time-of-day.js';
import { ordinal, shown, wordsOf } from './words.js';

/** A schedule read from words, or why it cannot be read. */
export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; problem: string };

/** Examples of repeating times Rally reads, for messages that ask for one. */
export const recurrenceExamples =
  '"every monday at 9am", "every weekday at 8:30" or "every month on the 1st at 10:00"';

const everyDay = [0, 1, 2, 3, 4, 5, 6] as const;
const workDays = [1, 2, 3, 4, 5] as const;
const weekendDays = [0, 6] as const;

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

/** Whether `text` starts with a word that makes them a repeating time (`every`, `each`, `daily`, `weekly`…). */
export function isRecurringPhrase(text: string): boolean {
  const [first] = wordsOf(text);
  return first !== undefined && leadWords.has(first);
}

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

/**
 * Reads the words of a repeating time (see `parseRecurrence` for what it takes); `text` is the phrase
 * with its spaces already collapsed, as it is echoed in problems.
 */
export function readSchedule(text: string): ScheduleResult {
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
