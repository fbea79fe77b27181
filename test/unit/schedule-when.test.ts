import { getNextMillis } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { timeExamples } from '../../src/time/instant-words.js';
import {
  cronPattern,
  describeRecurrence,
  nextOccurrences,
  parseRecurrence,
  parseTimeOfDay,
  parseWhen,
  type Recurrence,
  recurrenceExamples,
  recurrenceFor,
  type WhenResult,
} from '../../src/time/when.js';
import { wallClockAt, weekdayOf } from '../../src/time/zones.js';

const LA = 'America/Los_Angeles';
// Tuesday 20 October 2026, 11:00 in Los Angeles (PDT, UTC-7).
const tuesdayLA = new Date('2026-10-20T18:00:00Z');

function recurring(result: WhenResult): Recurrence {
  if (!result.ok) throw new Error(`expected a recurrence, got: ${result.problem}`);
  if (result.kind !== 'recurring')
    throw new Error(`expected a recurrence, got one time: ${result.description}`);
  expect(result.description).toBe(result.recurrence.description);
  return result.recurrence;
}
function problem(result: WhenResult): string {
  if (result.ok) throw new Error(`expected a problem, got: ${result.description}`);
  return result.problem;
}
const when = (words: string, now = tuesdayLA, timeZone = LA) => parseWhen(words, now, timeZone);
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
const local = (date: Date, timeZone = LA) => {
  const wall = wallClockAt(date.getTime(), timeZone);
  return {
    weekday: weekdayOf(wall),
    time: `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`,
  };
};

describe('parseWhen: repeating times', () => {
  it.each([
    ['every day at 9am', '0 0 9 * * *', 'every day at 09:00'],
    ['daily 09:00', '0 0 9 * * *', 'every day at 09:00'],
    ['everyday at noon', '0 0 12 * * *', 'every day at 12:00'],
    ['every weekday at 8:30', '0 30 8 * * 1-5', 'every weekday at 08:30'],
    ['every monday at 9am', '0 0 9 * * 1', 'every Monday at 09:00'],
    ['every mon, wed and fri at 17:00', '0 0 17 * * 1,3,5', 'every Monday, Wednesday and Friday at 17:00'],
    ['every friday and monday at 5pm', '0 0 17 * * 1,5', 'every Monday and Friday at 17:00'],
    ['weekly monday 09:00', '0 0 9 * * 1', 'every Monday at 09:00'],
    ['every friday 12:00', '0 0 12 * * 5', 'every Friday at 12:00'],
    ['Each Tuesday at 9:30 p.m.', '0 30 21 * * 2', 'every Tuesday at 21:30'],
    ['every sunday at midnight', '0 0 0 * * 0', 'every Sunday at 00:00'],
    ['every weekend at 10am', '0 0 10 * * 0,6', 'every Saturday and Sunday at 10:00'],
    ['every hour', '0 0 * * * *', 'every hour, on the hour'],
    ['hourly', '0 0 * * * *', 'every hour, on the hour'],
    ['every 2 hours', '0 0 */2 * * *', 'every 2 hours, on the hour'],
    ['every 120 minutes', '0 0 */2 * * *', 'every 2 hours, on the hour'],
    ['every 12 hours', '0 0 */12 * * *', 'every 12 hours, on the hour'],
    ['every month on the 1st at 10:00', '0 0 10 1 * *', 'every month on the 1st at 10:00'],
    ['monthly on the 22nd at 6:05pm', '0 5 18 22 * *', 'every month on the 22nd at 18:05'],
    ['every month on the last day at 17:00', '0 0 17 L * *', 'every month on the last day at 17:00'],
  ])('%s → %s', (words, pattern, description) => {
    const recurrence = recurring(when(words));
    expect(recurrence).toEqual({ pattern, tz: LA, description: `${description} (${LA})` });
  });

  it('uses 09:00 when no time is given, Monday for a week and the 1st for a month', () => {
    expect(recurring(when('every monday')).pattern).toBe('0 0 9 * * 1');
    expect(recurring(when('daily')).pattern).toBe('0 0 9 * * *');
    expect(recurring(when('weekly')).description).toBe(`every Monday at 09:00 (${LA})`);
    expect(recurring(when('every week on thursday at 14:00')).pattern).toBe('0 0 14 * * 4');
    expect(recurring(when('monthly')).description).toBe(`every month on the 1st at 09:00 (${LA})`);
  });

  it('reads the time zone it is given, and an unknown one as UTC', () => {
    expect(recurring(when('every monday at 9am', tuesdayLA, 'Europe/Berlin')).description).toBe(
      'every Monday at 09:00 (Europe/Berlin)',
    );
    const unknown = recurring(when('every monday at 9am', tuesdayLA, 'Mars/Olympus'));
    expect(unknown.tz).toBe('UTC');
    expect(unknown.description).toBe('every Monday at 09:00 (UTC)');
  });

  it('gives the pattern BullMQ computes the same next run from', () => {
    for (const words of [
      'every monday at 9am',
      'every weekday at 8:30',
      'every 2 hours',
      'monthly on the last day',
    ]) {
      const recurrence = recurring(when(words));
      const [next] = nextOccurrences(recurrence, tuesdayLA, 1);
      expect(getNextMillis(tuesdayLA.getTime(), { pattern: recurrence.pattern, tz: recurrence.tz })).toBe(
        next?.getTime(),
      );
    }
  });
});

describe('parseWhen: problems', () => {
  it('cannot read every blue moon', () => {
    expect(problem(when('every blue moon'))).toBe(
      `I can't read "every blue moon" as a repeating time. Try ${recurrenceExamples}.`,
    );
  });

  it.each(['every 30 minutes', 'every minute', 'every half hour', 'every 10 seconds', 'every 59 mins'])(
    'refuses %s as more often than once an hour',
    (words) => {
      expect(problem(when(words))).toBe(
        `Rally repeats things at most once an hour, so "${words}" is too often. Try "every hour" or "every day at 9am".`,
      );
    },
  );

  it.each(['25:00', '24:00', '9:60', '13pm', '0am'])('refuses the time %s', (time) => {
    expect(problem(when(`every day at ${time}`))).toBe(
      `"${time}" is not a time of day; write it like 9am, 9:30am, 17:00, noon or midnight.`,
    );
  });

  it('asks whether a bare hour is morning or evening', () => {
    expect(problem(when('every friday at 9'))).toBe('"9" could be morning or evening; write 9am or 9pm.');
    expect(problem(when('every friday at 17'))).toBe('"17" needs minutes; write 17:00.');
  });

  it('refuses hour steps that do not fit evenly into a day', () => {
    expect(problem(when('every 5 hours'))).toBe(
      '"every 5 hours" does not fit evenly into a day; repeat every 1, 2, 3, 4, 6, 8 or 12 hours, or every day at a set time.',
    );
    expect(problem(when('every 24 hours'))).toContain('does not fit evenly into a day');
  });

  it('refuses days of the month that some months lack', () => {
    expect(problem(when('every month on the 31st'))).toBe(
      'Not every month has a 31st; pick a day from the 1st to the 28th, or "the last day".',
    );
    expect(problem(when('every month on the 32nd'))).toBe(
      '"32nd" is not a day of the month; pick one from the 1st to the 28th, or "the last day".',
    );
    expect(problem(when('every month on the 15 at 10:00'))).toBe(
      '"15" could be a day or a time; write "the 15th" or 15:00.',
    );
  });

  it('names the words it does not understand', () => {
    expect(problem(when('every monday at 9am sharp'))).toBe(
      `I don't understand "sharp" in "every monday at 9am sharp". Try ${recurrenceExamples}.`,
    );
    expect(problem(when('every'))).toBe(`Say how often after "every", for example ${recurrenceExamples}.`);
  });

  it('takes one time of day, and none for hourly repeats', () => {
    expect(problem(when('every day at 9am and 5pm'))).toBe(
      'Give one time of day; to repeat at two times, set up two schedules.',
    );
    expect(problem(when('every hour at 9am'))).toBe(
      '"every hour at 9am" runs on the hour, so it takes no time of day; to pick one, say "every day at 09:00".',
    );
  });

  it('refuses steps of days, weeks or months it cannot keep evenly', () => {
    expect(problem(when('every 2 weeks'))).toBe(
      `Rally can repeat every day, on chosen weekdays, every week or every month, but not every 2 weeks. Try ${recurrenceExamples}.`,
    );
    expect(problem(when('every other day'))).toContain('but not every 2 days');
  });

  it('asks for how often first when a repeat comes after the time', () => {
    expect(problem(when('at 9am every monday'))).toBe(
      `To repeat something, start with how often, for example ${recurrenceExamples}.`,
    );
  });

  it('parseRecurrence refuses a one-off time', () => {
    const result = parseRecurrence('tomorrow at 9am', LA, tuesdayLA);
    expect(result).toEqual({
      ok: false,
      problem: `Start a repeating time with how often, for example ${recurrenceExamples}.`,
    });
  });
});

describe('parseWhen: one time', () => {
  it('reads "tomorrow at 9am" as 09:00 in the asker\'s zone', () => {
    const result = when('tomorrow at 9am');
    expect(result).toEqual({
      ok: true,
      kind: 'once',
      at: new Date('2026-10-21T16:00:00Z'),
      description: `Wed 21 Oct, 09:00 (${LA})`,
    });
  });

  it('reads "tomorrow at 9am" the day clocks go back as 09:00 PST', () => {
    // Saturday 31 October 2026, 11:00 PDT; clocks go back at 02:00 on Sunday 1 November.
    const result = when('tomorrow at 9am', new Date('2026-10-31T18:00:00Z'));
    if (!result.ok || result.kind !== 'once') throw new Error('expected one time');
    expect(result.at.toISOString()).toBe('2026-11-01T17:00:00.000Z');
    expect(local(result.at).time).toBe('09:00');
  });

  it('reads "in 2 hours" as elapsed time from now', () => {
    const result = when('in 2 hours');
    if (!result.ok || result.kind !== 'once') throw new Error('expected one time');
    expect(result.at.getTime() - tuesdayLA.getTime()).toBe(2 * 60 * 60 * 1000);
    expect(result.description).toBe(`Tue 20 Oct, 13:00 (${LA})`);
  });

  it('refuses past, far-off and unreadable times', () => {
    expect(problem(when('yesterday at 9am'))).toBe(
      `That time, Mon 19 Oct, 09:00 (${LA}), has already passed; pick a time in the future.`,
    );
    expect(problem(when('in 2 years'))).toContain('is more than a year away; pick a time within a year.');
    expect(problem(when('blue moon'))).toBe(`I can't read "blue moon" as a time. Try ${timeExamples}.`);
  });
});

describe('nextOccurrences', () => {
  it('keeps "every monday at 9am" at 09:00 in Los Angeles across the November 2026 clock change', () => {
    const recurrence = recurring(when('every monday at 9am'));
    const next = nextOccurrences(recurrence, tuesdayLA, 4);
    expect(iso(next)).toEqual([
      '2026-10-26T16:00:00.000Z', // PDT, UTC-7
      '2026-11-02T17:00:00.000Z', // PST, UTC-8, after 1 November
      '2026-11-09T17:00:00.000Z',
      '2026-11-16T17:00:00.000Z',
    ]);
    for (const date of next) expect(local(date)).toEqual({ weekday: 1, time: '09:00' });
  });

  it('keeps 09:00 when clocks go forward in March 2026 too', () => {
    const recurrence = recurring(when('every monday at 9am'));
    expect(iso(nextOccurrences(recurrence, new Date('2026-02-25T00:00:00Z'), 2))).toEqual([
      '2026-03-02T17:00:00.000Z',
      '2026-03-09T16:00:00.000Z',
    ]);
  });

  it('counts strictly after `from`, and returns nothing for a count below one', () => {
    const recurrence = recurring(when('every monday at 9am'));
    const monday = new Date('2026-10-26T16:00:00Z');
    expect(iso(nextOccurrences(recurrence, monday, 1))).toEqual(['2026-11-02T17:00:00.000Z']);
    expect(nextOccurrences(recurrence, monday, 0)).toEqual([]);
    expect(nextOccurrences(recurrence, monday, 2.7)).toHaveLength(2);
  });

  it('skips Saturday and Sunday for every weekday', () => {
    const recurrence = recurring(when('every weekday at 8:30'));
    // Thursday 22 October 2026, 13:00 PDT.
    const next = nextOccurrences(recurrence, new Date('2026-10-22T20:00:00Z'), 4);
    expect(next.map((date) => local(date))).toEqual([
      { weekday: 5, time: '08:30' },
      { weekday: 1, time: '08:30' },
      { weekday: 2, time: '08:30' },
      { weekday: 3, time: '08:30' },
    ]);
    expect(iso(next)[0]).toBe('2026-10-23T15:30:00.000Z');
  });

  it('runs every 2 hours on even local hours, on the hour', () => {
    const recurrence = recurring(when('every 2 hours'));
    // 11:10 PDT.
    const next = nextOccurrences(recurrence, new Date('2026-10-20T18:10:00Z'), 3);
    expect(iso(next)).toEqual([
      '2026-10-20T19:00:00.000Z',
      '2026-10-20T21:00:00.000Z',
      '2026-10-20T23:00:00.000Z',
    ]);
    expect(next.map((date) => local(date).time)).toEqual(['12:00', '14:00', '16:00']);
  });

  it('finds the last day of each month', () => {
    const recurrence = recurring(when('every month on the last day at 17:00', tuesdayLA, 'UTC'));
    expect(iso(nextOccurrences(recurrence, new Date('2027-01-15T00:00:00Z'), 3))).toEqual([
      '2027-01-31T17:00:00.000Z',
      '2027-02-28T17:00:00.000Z',
      '2027-03-31T17:00:00.000Z',
    ]);
  });

  it('runs a time skipped by the clock change just after the jump', () => {
    const recurrence = recurring(when('every day at 2:30am'));
    expect(iso(nextOccurrences(recurrence, new Date('2026-03-07T12:00:00Z'), 2))).toEqual([
      '2026-03-08T10:30:00.000Z', // 03:30 PDT: 02:30 never happens that night
      '2026-03-09T09:30:00.000Z',
    ]);
  });
});

describe('building blocks', () => {
  it('parseTimeOfDay reads the written forms of a time', () => {
    expect(
      ['9am', '9:30am', '9:30 pm', '09:00', '17:00', 'noon', 'midnight', '12am', '12pm', '9.45'].map(
        (word) => {
          const read = parseTimeOfDay(word);
          return read.ok ? [read.time.hour, read.time.minute] : read.problem;
        },
      ),
    ).toEqual([
      [9, 0],
      [9, 30],
      [21, 30],
      [9, 0],
      [17, 0],
      [12, 0],
      [0, 0],
      [0, 0],
      [12, 0],
      [9, 45],
    ]);
  });

  it('cronPattern writes all seven days as * and runs of days as ranges', () => {
    const time = { hour: 7, minute: 5 };
    expect(cronPattern({ every: 'week', days: [6, 0, 1, 2, 3, 4, 5], time })).toBe('0 5 7 * * *');
    expect(cronPattern({ every: 'week', days: [0, 1, 2, 3, 5, 5], time })).toBe('0 5 7 * * 0-3,5');
    expect(cronPattern({ every: 'week', days: [2, 1], time })).toBe('0 5 7 * * 1,2');
    expect(describeRecurrence({ every: 'week', days: [0, 1, 2, 3, 5], time }, 'UTC')).toBe(
      'every Monday, Tuesday, Wednesday, Friday and Sunday at 07:05 (UTC)',
    );
  });

  it('recurrenceFor validates the pattern with cron-parser', () => {
    expect(() => recurrenceFor({ every: 'week', days: [1], time: { hour: 25, minute: 0 } }, LA)).toThrow();
    expect(() => recurrenceFor({ every: 'week', days: [], time: { hour: 9, minute: 0 } }, LA)).toThrow();
    expect(recurrenceFor({ every: 'hours', hours: 3 }, LA)).toEqual({
      pattern: '0 0 */3 * * *',
      tz: LA,
      description: `every 3 hours, on the hour (${LA})`,
    });
  });
});
