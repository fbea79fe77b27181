import { afterEach, describe, expect, it } from 'vitest';
import { subcommand } from '../../src/commands/catalog.js';
import { tokenize } from '../../src/commands/tokenize.js';
import { type PollCommandResult, parsePollCommand } from '../../src/polls/parse-command.js';
import { validatePollDraft } from '../../src/polls/validate.js';
import {
  checkFutureInstant,
  describeInstant,
  maxAheadMs,
  parseInstant,
} from '../../src/time/instant-words.js';
import { instantFromWallClock, offsetAt, wallClockAt } from '../../src/time/zones.js';

const LA = 'America/Los_Angeles';
const BERLIN = 'Europe/Berlin';
// Tuesday 1 December 2026, 10:00 in Los Angeles (PST, UTC-8).
const tuesdayLA = new Date('2026-12-01T18:00:00Z');

const tokens = (input: string) => {
  const result = tokenize(input);
  if (!result.ok) throw new Error(result.error);
  return result.tokens;
};
const parse = (input: string, now = tuesdayLA, timeZone = LA) =>
  parsePollCommand(tokens(input), now, timeZone);

function poll(result: PollCommandResult) {
  if (!result.ok) throw new Error(`expected a poll, got: ${result.problem}`);
  return result.poll;
}
function problem(result: PollCommandResult): string {
  if (result.ok) throw new Error('expected a problem, got a poll');
  return result.problem;
}
function closing(words: string, now: Date, timeZone: string): Date {
  const result = parseInstant(words, now, timeZone);
  if (!result.ok) throw new Error(`expected a time, got: ${result.problem}`);
  return result.at;
}

const flagList = '`anonymous`, `multiple`, `hidden` and `closes <when>`';
const examples = '"in 2 days", "friday 17:00" or "tomorrow at 9am"';

describe('parsePollCommand: the poll', () => {
  it('reads the question, the options and the flags', () => {
    expect(poll(parse('"Do we walk out?" "Yes" "No" "Need more info" anonymous multiple hidden'))).toEqual({
      question: 'Do we walk out?',
      options: ['Yes', 'No', 'Need more info'],
      anonymous: true,
      multiple: true,
      hidden: true,
    });
  });

  it('leaves every flag off when none is given, and has no closing time', () => {
    const result = poll(parse('"Lunch?" "Pizza" "Tacos"'));
    expect(result).toEqual({
      question: 'Lunch?',
      options: ['Pizza', 'Tacos'],
      anonymous: false,
      multiple: false,
      hidden: false,
    });
    expect('closesAt' in result).toBe(false);
  });

  it('reads curly quotes like straight ones', () => {
    const result = poll(parse('\u201CDo we walk out?\u201D \u201CYes\u201D \u201CNo\u201D anonymous'));
    expect(result.question).toBe('Do we walk out?');
    expect(result.options).toEqual(['Yes', 'No']);
    expect(result.anonymous).toBe(true);
  });

  it('reads flags in any case and in any place, and a flag given twice counts once', () => {
    const result = poll(parse('ANONYMOUS "Q?" "A" Hidden "B" anonymous'));
    expect(result).toMatchObject({ question: 'Q?', options: ['A', 'B'], anonymous: true, hidden: true });
    expect(result.multiple).toBe(false);
  });

  it('keeps a quoted flag word as text', () => {
    expect(poll(parse('"Q?" "anonymous" "hidden"')).options).toEqual(['anonymous', 'hidden']);
  });

  it('accepts the limits themselves: 10 options, 75-character options, a 300-character question', () => {
    const options = Array.from({ length: 10 }, (_, i) => `"${String(i).padEnd(75, 'x')}"`).join(' ');
    const result = poll(parse(`"${'q'.repeat(300)}" ${options}`));
    expect(result.options).toHaveLength(10);
    expect(result.options.every((o) => o.length === 75)).toBe(true);
    expect(result.question).toHaveLength(300);
  });

  it('parses its own example', () => {
    const result = poll(parse(subcommand('poll').example.replace('/rally poll ', '')));
    expect(result.options).toEqual(['Yes', 'No']);
    expect(result.closesAt?.getTime()).toBe(tuesdayLA.getTime() + 2 * 24 * 3600_000);
  });
});

describe('parsePollCommand: mistakes, each named plainly with an example', () => {
  const cases: [string, string, string][] = [
    [
      'only one option',
      '"Do we walk out?" "Yes"',
      'A poll needs at least 2 options; you gave one. Put each option in its own quotes.',
    ],
    [
      'no option',
      '"Do we walk out?" anonymous',
      'A poll needs at least 2 options; you gave none. Put each option in its own quotes.',
    ],
    [
      'eleven options',
      `"Q?" ${Array.from({ length: 11 }, (_, i) => `"o${i}"`).join(' ')}`,
      'A poll can have at most 10 options; you gave 11.',
    ],
    ['an empty question', '"" "Yes" "No"', 'The question is empty.'],
    ['a question of spaces', '"   " "Yes" "No"', 'The question is empty.'],
    [
      'a question over 300 characters',
      `"${'q'.repeat(301)}" "Yes" "No"`,
      'The question is 301 characters long; it can have at most 300.',
    ],
    [
      'an option over 75 characters',
      `"Q?" "Yes" "${'n'.repeat(76)}"`,
      `Option 2 ("${'n'.repeat(30)}…") is 76 characters long; an option can have at most 75, the most a Slack button shows.`,
    ],
    ['an empty option', '"Q?" "Yes" "" "No"', 'Option 2 is empty.'],
    [
      'the same option twice, in other case',
      '"Q?" "Yes" "No" "yes"',
      'Options 1 and 3 are the same ("yes"); give each option once.',
    ],
    [
      'an unknown flag',
      '"Q?" "Yes" "No" secret',
      `"secret" is not a flag; the flags are ${flagList}. If "secret" is an option, put it in quotes: "secret".`,
    ],
    [
      'an unquoted word where an option was expected',
      '"Do we walk out?" Yes No',
      `"Yes" is not a flag; the flags are ${flagList}. If "Yes" is an option, put it in quotes: "Yes".`,
    ],
    [
      'an unquoted question',
      'Do we walk out? "Yes" "No"',
      `"Do" is not a flag. Start with the question in quotes, then each option in quotes; the flags are ${flagList}.`,
    ],
    [
      'no question at all',
      'anonymous hidden',
      'Give the question in quotes, then at least two options, each in its own quotes.',
    ],
    ['nothing at all', '', 'Give the question in quotes, then at least two options, each in its own quotes.'],
    [
      '`closes` with no time',
      '"Q?" "Yes" "No" closes',
      `Say when the poll closes after \`closes\`, for example ${examples}.`,
    ],
    [
      'a closing time that cannot be read',
      '"Q?" "Yes" "No" closes whenever we feel like it',
      `I can't read "whenever we feel like it" as a time. Try ${examples}.`,
    ],
    [
      'a closing time with words that are not part of it',
      '"Q?" "Yes" "No" closes friday or so',
      `I can read "friday" as a time, but not "or so". Try ${examples}.`,
    ],
    [
      'a closing time in the past',
      '"Q?" "Yes" "No" closes yesterday at 9am',
      'That time, Mon 30 Nov, 09:00 (America/Los_Angeles), has already passed; pick a time in the future.',
    ],
    [
      'a closing time more than a year away',
      '"Q?" "Yes" "No" closes in 13 months',
      'That time, Sat 1 Jan 2028, 10:00 (America/Los_Angeles), is more than a year away; pick a time within a year.',
    ],
    [
      'a range as the closing time',
      '"Q?" "Yes" "No" closes friday 5-6pm',
      '"friday 5-6pm" is a range; give one time, for example "friday 17:00".',
    ],
    [
      'a flag after `closes`',
      '"Q?" "Yes" "No" closes friday 17:00 anonymous',
      'Put `anonymous` before `closes`: every word after `closes` is read as the closing time.',
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(problem(parse(input))).toBe(expected);
  });

  it('cuts a long unknown word when naming it', () => {
    const text = problem(parse(`"Q?" "A" "B" ${'x'.repeat(50)}`));
    expect(text.startsWith(`"${'x'.repeat(30)}…" is not a flag`)).toBe(true);
    expect(text).not.toContain('x'.repeat(31));
  });
});

describe('closing times', () => {
  it('reads "closes friday 17:00" as 17:00 in the creator\'s zone', () => {
    const at = poll(parse('"Q?" "A" "B" closes friday 17:00')).closesAt;
    expect(at?.toISOString()).toBe('2026-12-05T01:00:00.000Z');
    expect(describeInstant(at as Date, LA)).toBe('Fri 4 Dec, 17:00 (America/Los_Angeles)');
  });

  it('reads the same words in another zone as another instant', () => {
    expect(closing('friday 17:00', tuesdayLA, BERLIN).toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });

  it('takes the next friday 17:00 once this one has passed', () => {
    const fridayEvening = new Date('2026-12-05T02:00:00Z'); // Fri 4 Dec, 18:00 in Los Angeles
    expect(closing('friday 17:00', fridayEvening, LA).toISOString()).toBe('2026-12-12T01:00:00.000Z');
    expect(closing('friday 19:00', fridayEvening, LA).toISOString()).toBe('2026-12-05T03:00:00.000Z');
  });

  it('takes the next 17:00 when it already passed today there', () => {
    const eveningLA = new Date('2026-12-02T02:00:00Z'); // Tue 1 Dec, 18:00 in Los Angeles
    expect(closing('17:00', eveningLA, LA).toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(closing('17:00', tuesdayLA, LA).toISOString()).toBe('2026-12-02T01:00:00.000Z');
  });

  it('reads "in 3 seconds" as three seconds from now, to the millisecond', () => {
    const now = new Date('2026-12-01T18:00:00.250Z');
    expect(closing('in 3 seconds', now, LA).getTime()).toBe(now.getTime() + 3000);
    expect(poll(parse('"Q?" "A" "B" closes in 3 seconds', now)).closesAt?.getTime()).toBe(
      now.getTime() + 3000,
    );
  });

  it('reads "tomorrow at 9am" and "in 2 days" on the creator\'s calendar', () => {
    const lateLA = new Date('2026-12-02T07:30:00Z'); // Tue 1 Dec, 23:30 in LA, already Wed in UTC
    expect(closing('tomorrow at 9am', lateLA, LA).toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(closing('in 2 days', tuesdayLA, LA).toISOString()).toBe('2026-12-03T18:00:00.000Z');
  });

  it('uses the offset after a DST change: "monday 9:00" on the Friday before Europe leaves summer time', () => {
    // Fri 23 Oct 2026, 12:00 CEST (UTC+2); clocks go back on Sun 25 Oct; Monday 09:00 is CET (UTC+1).
    const friday = new Date('2026-10-23T10:00:00Z');
    const at = closing('monday 9:00', friday, BERLIN);
    expect(at.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(describeInstant(at, BERLIN)).toBe('Mon 26 Oct, 09:00 (Europe/Berlin)');
    expect(offsetAt(friday.getTime(), BERLIN)).toBe(2 * 3600_000);
    expect(offsetAt(at.getTime(), BERLIN)).toBe(3600_000);
  });

  it('reads "monday 9:00" on 30 Oct 2026, after the European switch, as 09:00 CET', () => {
    expect(closing('monday 9:00', new Date('2026-10-30T10:00:00Z'), BERLIN).toISOString()).toBe(
      '2026-11-02T08:00:00.000Z',
    );
  });

  it('uses the offset after the US change the same way', () => {
    // Fri 30 Oct 2026, 10:00 PDT (UTC-7); clocks go back on Sun 1 Nov; Monday 09:00 is PST (UTC-8).
    const at = closing('monday 9:00', new Date('2026-10-30T17:00:00Z'), LA);
    expect(at.toISOString()).toBe('2026-11-02T17:00:00.000Z');
  });

  it('moves a time that does not exist (clocks jump forward) forward by the jump', () => {
    // Berlin jumps from 02:00 to 03:00 on Sun 29 Mar 2026: 02:30 becomes 03:30 CEST.
    const at = closing('sunday 2:30', new Date('2026-03-27T10:00:00Z'), BERLIN);
    expect(at.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes a time given with its own zone in that zone, and the next one when it passed', () => {
    expect(closing('17:00 UTC', tuesdayLA, LA).toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(closing('19:00 UTC', tuesdayLA, LA).toISOString()).toBe('2026-12-01T19:00:00.000Z');
  });

  it('reads an unknown zone as UTC, and says so', () => {
    const at = closing('friday 17:00', tuesdayLA, 'Not/AZone');
    expect(at.toISOString()).toBe('2026-12-04T17:00:00.000Z');
    expect(describeInstant(at, 'Not/AZone')).toBe('Fri 4 Dec, 17:00 (UTC)');
  });

  it('accepts "in 1 year" but nothing further', () => {
    expect(parseInstant('in 1 year', tuesdayLA, LA).ok).toBe(true);
    expect(checkFutureInstant(new Date(tuesdayLA.getTime() + maxAheadMs), tuesdayLA)).toBeUndefined();
    expect(checkFutureInstant(new Date(tuesdayLA.getTime() + maxAheadMs + 1), tuesdayLA)).toBe(
      'That time is more than a year away; pick a time within a year.',
    );
  });

  it('refuses now itself, and asks for a time when given none', () => {
    expect(parseInstant('now', tuesdayLA, LA)).toEqual({
      ok: false,
      problem:
        'That time, Tue 1 Dec, 10:00 (America/Los_Angeles), has already passed; pick a time in the future.',
    });
    expect(parseInstant('  ', tuesdayLA, LA)).toEqual({
      ok: false,
      problem: `Say when, for example ${examples}.`,
    });
  });

  describe('whatever zone the machine runs in', () => {
    const machineZone = process.env.TZ;
    afterEach(() => {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    });

    // The machine's offset on 1 July 2026, in Date#getTimezoneOffset's sign, proves the switch took.
    it.each([
      ['UTC', 0],
      ['Europe/Berlin', -120],
      ['Asia/Kolkata', -330],
      ['America/New_York', 240],
      ['Pacific/Chatham', -765],
    ] as const)('gives the same instants with the machine in %s', (zone, julyOffset) => {
      process.env.TZ = zone;
      expect(new Date('2026-07-01T00:00:00Z').getTimezoneOffset()).toBe(julyOffset);
      expect(closing('friday 17:00', tuesdayLA, LA).toISOString()).toBe('2026-12-05T01:00:00.000Z');
      expect(closing('friday 17:00', new Date('2026-12-05T02:00:00Z'), LA).toISOString()).toBe(
        '2026-12-12T01:00:00.000Z',
      );
      expect(closing('monday 9:00', new Date('2026-10-23T10:00:00Z'), BERLIN).toISOString()).toBe(
        '2026-10-26T08:00:00.000Z',
      );
      expect(closing('tomorrow at 9am', tuesdayLA, 'Asia/Tokyo').toISOString()).toBe(
        '2026-12-03T00:00:00.000Z',
      );
      expect(closing('in 3 seconds', tuesdayLA, LA).getTime()).toBe(tuesdayLA.getTime() + 3000);
    });
  });
});

describe('describeInstant', () => {
  it('writes weekday, day, month and 24-hour time with the zone', () => {
    expect(describeInstant(new Date('2026-12-05T01:00:00Z'), LA)).toBe(
      'Fri 4 Dec, 17:00 (America/Los_Angeles)',
    );
    expect(describeInstant(new Date('2026-09-07T06:05:00Z'), 'Asia/Kolkata')).toBe(
      'Mon 7 Sep, 11:35 (Asia/Kolkata)',
    );
  });

  it('adds the year when it is not the current one there', () => {
    const newYear = new Date('2027-01-04T08:00:00Z');
    expect(describeInstant(newYear, BERLIN, tuesdayLA)).toBe('Mon 4 Jan 2027, 09:00 (Europe/Berlin)');
    expect(describeInstant(new Date('2026-12-05T01:00:00Z'), LA, tuesdayLA)).toBe(
      'Fri 4 Dec, 17:00 (America/Los_Angeles)',
    );
  });
});

describe('time zone arithmetic', () => {
  it('reads the wall clock of a zone', () => {
    expect(wallClockAt(Date.parse('2026-12-05T01:00:00.123Z'), LA)).toEqual({
      year: 2026,
      month: 12,
      day: 4,
      hour: 17,
      minute: 0,
      second: 0,
      millisecond: 123,
    });
  });

  it('takes the first of a time that happens twice (clocks go back)', () => {
    const wall = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(new Date(instantFromWallClock(wall, BERLIN)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('validatePollDraft', () => {
  it('cleans whitespace and reports every issue with its field', () => {
    const ok = validatePollDraft(
      {
        question: '  Do we\n walk out? ',
        options: [' Yes ', 'No'],
        anonymous: false,
        multiple: false,
        hidden: false,
      },
      tuesdayLA,
    );
    expect(ok).toEqual({
      ok: true,
      poll: {
        question: 'Do we walk out?',
        options: ['Yes', 'No'],
        anonymous: false,
        multiple: false,
        hidden: false,
      },
    });
    const bad = validatePollDraft(
      {
        question: '',
        options: ['Yes'],
        anonymous: false,
        multiple: false,
        hidden: false,
        closesAt: new Date(tuesdayLA.getTime() - 1),
      },
      tuesdayLA,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.field)).toEqual(['question', 'options', 'closesAt']);
  });
});
