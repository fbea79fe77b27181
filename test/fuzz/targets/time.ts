/** Times in words, once or repeating, in any zone at any `now`. */
import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { type InstantResult, maxAheadMs, parseInstant } from '../../../src/time/instant-words.js';
import { parseTimeOfDay } from '../../../src/time/time-of-day.js';
import { nextOccurrences, parseRecurrence, parseWhen, type Recurrence } from '../../../src/time/when.js';
import { knownTimeZone, offsetAt, wallClockAt } from '../../../src/time/zones.js';
import { now, numberWord, space, textOf, timeWord, timeZone, whenText } from '../arbitraries.js';
import { expectRefusal, expectThat, noThrow } from '../checks.js';
import { type FuzzTarget, fuzzTarget } from '../run.js';

const dayMs = 86_400_000;

/** A time in the future and at most a year ahead, read back with its zone. */
function expectFutureInstant(at: Date, from: Date, description?: string, zone?: string): void {
  const ahead = at.getTime() - from.getTime();
  expectThat(Number.isFinite(ahead), 'the time is not a time');
  expectThat(ahead > 0, `the time is ${-ahead} ms in the past`);
  expectThat(ahead <= maxAheadMs, `the time is ${Math.round(ahead / dayMs)} days ahead`);
  if (description !== undefined && zone !== undefined) {
    expectThat(description.endsWith(`(${knownTimeZone(zone)})`), `"${description}" does not name its zone`);
  }
}

/** A repeating time BullMQ can run: a strict six-field cron pattern whose next runs are ahead, in order. */
function expectRunnable(recurrence: Recurrence, zone: string, from: Date): void {
  expectThat(recurrence.tz === knownTimeZone(zone), `zone ${recurrence.tz} for ${JSON.stringify(zone)}`);
  expectThat(recurrence.pattern.split(' ').length === 6, `pattern "${recurrence.pattern}" is not six fields`);
  noThrow(
    () => CronExpressionParser.parse(recurrence.pattern, { tz: recurrence.tz, strict: true }),
    `cron-parser on "${recurrence.pattern}"`,
  );
  const next = noThrow(() => nextOccurrences(recurrence, from, 3), 'nextOccurrences');
  expectThat(next.length === 3, `${next.length} next runs`);
  let previous = from.getTime();
  for (const at of next) {
    expectThat(at.getTime() > previous, `a next run (${at.toISOString()}) is not after the one before`);
    previous = at.getTime();
  }
  const first = next[0]?.getTime() ?? 0;
  expectThat(first - from.getTime() <= 32 * dayMs, 'the first run is more than a month away');
  expectThat(
    recurrence.description.endsWith(`(${recurrence.tz})`),
    `"${recurrence.description}" does not name its zone`,
  );
}

const when = fuzzTarget(
  'parseWhen',
  'src/time/when.ts',
  fc.property(whenText, now, timeZone, (words, from, zone) => {
    const result = noThrow(() => parseWhen(words, from, zone), 'parseWhen');
    if (!result.ok) expectRefusal(result.problem, words);
    else if (result.kind === 'once') expectFutureInstant(result.at, from, result.description, zone);
    else expectRunnable(result.recurrence, zone, from);
  }),
);

const instant = fuzzTarget(
  'parseInstant',
  'src/time/instant-words.ts',
  fc.property(whenText, now, timeZone, (words, from, zone) => {
    const result: InstantResult = noThrow(() => parseInstant(words, from, zone), 'parseInstant');
    if (!result.ok) expectRefusal(result.problem, words);
    else expectFutureInstant(result.at, from);
  }),
);

const units = {
  second: 1_000,
  seconds: 1_000,
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
};
const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const instantMeaning = fuzzTarget(
  'parseInstant meaning',
  'src/time/instant-words.ts',
  fc.property(
    fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom(...Object.keys(units)))
        .map(([n, unit]) => ({ kind: 'elapsed' as const, n, unit })),
      fc
        .tuple(fc.nat(6), fc.nat(23), fc.nat(59))
        .map(([day, hour, minute]) => ({ kind: 'weekday' as const, day, hour, minute })),
    ),
    now,
    timeZone,
    (meant, from, zone) => {
      if (meant.kind === 'elapsed') {
        const words = `in ${meant.n} ${meant.unit}`;
        const result = noThrow(() => parseInstant(words, from, zone), 'parseInstant');
        expectThat(result.ok, `"${words}" refused: ${result.ok ? '' : result.problem}`);
        const expected = from.getTime() + meant.n * (units[meant.unit as keyof typeof units] ?? 0);
        expectThat(
          result.at.getTime() === expected,
          `"${words}" is ${result.at.getTime() - expected} ms off`,
        );
        return;
      }
      const clock = `${String(meant.hour).padStart(2, '0')}:${String(meant.minute).padStart(2, '0')}`;
      const words = `${weekdays[meant.day]} ${clock}`;
      const result = noThrow(() => parseInstant(words, from, zone), 'parseInstant');
      expectThat(result.ok, `"${words}" refused: ${result.ok ? '' : result.problem}`);
      expectFutureInstant(result.at, from);
      expectThat(result.at.getTime() - from.getTime() <= 8 * dayMs, `"${words}" is more than a week away`);
      const tz = knownTimeZone(zone);
      const wall = wallClockAt(result.at.getTime(), tz);
      // A time skipped when clocks go forward is moved forward by the jump, which changes the clock.
      const jumped = offsetAt(result.at.getTime() - 3 * 3_600_000, tz) !== offsetAt(result.at.getTime(), tz);
      expectThat(
        jumped || (wall.hour === meant.hour && wall.minute === meant.minute),
        `"${words}" in ${tz} is ${wall.hour}:${wall.minute}`,
      );
    },
  ),
);

const leadWord = fc
  .constantFrom('every', 'each', 'daily', 'weekly', 'monthly', 'hourly', 'everyday', 'Every', 'EACH')
  .chain((lead) => fc.mixedCase(fc.constant(lead)));

/** Repeating phrases: a lead word and time words, numbers and clock times. */
const recurrenceText = fc.oneof(
  {
    arbitrary: fc
      .tuple(leadWord, space, textOf(fc.oneof({ arbitrary: timeWord, weight: 3 }, numberWord), 6))
      .map(([lead, sp, rest]) => `${lead}${sp}${rest}`),
    weight: 8,
  },
  { arbitrary: whenText, weight: 1 },
);

const recurrence = fuzzTarget(
  'parseRecurrence',
  'src/time/recurrence.ts, recurrence-grammar.ts, cron.ts',
  fc.property(recurrenceText, now, timeZone, (words, from, zone) => {
    const result = noThrow(() => parseRecurrence(words, zone, from), 'parseRecurrence');
    if (!result.ok) expectRefusal(result.problem, words);
    else expectRunnable(result.recurrence, zone, from);
  }),
);

const timeOfDay = fuzzTarget(
  'parseTimeOfDay',
  'src/time/time-of-day.ts',
  // Called on one word of a phrase, never on blank text.
  fc.property(fc.oneof(numberWord, timeWord, fc.string({ minLength: 1, maxLength: 12 })), (word) => {
    fc.pre(word.trim() !== '');
    const result = noThrow(() => parseTimeOfDay(word), 'parseTimeOfDay');
    if (!result.ok) {
      expectRefusal(result.problem, word);
      return;
    }
    const { hour, minute } = result.time;
    expectThat(Number.isInteger(hour) && hour >= 0 && hour <= 23, `hour ${hour}`);
    expectThat(Number.isInteger(minute) && minute >= 0 && minute <= 59, `minute ${minute}`);
  }),
);

export const timeTargets: FuzzTarget[] = [when, instant, instantMeaning, recurrence, timeOfDay];
