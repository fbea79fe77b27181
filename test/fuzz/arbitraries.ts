/**
 * What the fuzzers type: words a person might put after `/rally`, good and bad, mixed with text nobody
 * would type (unicode of every kind, lone surrogates, control characters, very long strings).
 */
import fc from 'fast-check';
import { subcommands } from '../../src/commands/catalog.js';

/** Whitespace as Slack may pass it on: spaces, tabs, line breaks and the unicode spaces `\s` matches. */
export const space = fc.constantFrom(
  ' ',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\u00A0',
  '\u2003',
  '\u3000',
  '\u2028',
  '\uFEFF',
  '\u200B', // zero-width space: not whitespace to `\s`
);

/** Every quote character the tokenizer knows, and some it does not. */
export const quoteChar = fc.constantFrom(
  '"',
  '"',
  '\u201C',
  '\u201D',
  '\u201E',
  '\u00AB',
  '\u00BB',
  "'",
  '\u2018',
  '\u2019',
  '`',
  '\u201A',
  '\u2039',
);

/** A word in random case: `poll`, `POLL`, `pOlL`. */
const anyCase = (words: readonly string[]) =>
  fc.constantFrom(...words).chain((word) => fc.mixedCase(fc.constant(word)));

export const subcommandWord = anyCase([...subcommands.map((s) => s.name), 'helps', 'remind-me', 'pol']);

export const flagWord = anyCase(['anonymous', 'multiple', 'hidden', 'closes', 'quiet', 'off', 'now', 'me']);

/** Words of times, once or repeating, and their neighbours. */
export const timeWord = anyCase([
  'in',
  'at',
  'on',
  'by',
  'the',
  'and',
  'of',
  'from',
  'to',
  'until',
  'every',
  'each',
  'daily',
  'weekly',
  'monthly',
  'hourly',
  'everyday',
  'yearly',
  'other',
  'half',
  'tomorrow',
  'today',
  'tonight',
  'yesterday',
  'next',
  'last',
  'this',
  'first',
  'noon',
  'midnight',
  'now',
  'morning',
  'evening',
  'am',
  'pm',
  'a.m.',
  'p.m.',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'mon',
  'tues',
  'weds',
  'thurs',
  'fri',
  'sat',
  'sun',
  'mondays',
  'weekday',
  'weekdays',
  'weekend',
  'weekends',
  'second',
  'seconds',
  'sec',
  'minute',
  'minutes',
  'min',
  'hour',
  'hours',
  'hr',
  'day',
  'days',
  'week',
  'weeks',
  'fortnight',
  'month',
  'months',
  'year',
  'years',
  'day',
  '1st',
  '2nd',
  '3rd',
  '15th',
  '28th',
  '29th',
  '31st',
  '32nd',
  '0th',
  'jan',
  'february',
  'mar',
  'dec',
  'december',
  'UTC',
  'GMT',
  'PST',
  'EST',
  'CET',
  'JST',
  'Z',
  '+05:30',
  '-0800',
  'GMT+2',
  'ago',
  'later',
  'after',
  'before',
  ',',
  '-',
  '.',
]);

const two = (n: number) => String(n).padStart(2, '0');

/** Numbers and clock times, in range and out of it. */
export const numberWord = fc.oneof(
  fc.nat(40).map(String),
  fc.integer({ min: -10, max: 100_000 }).map(String),
  fc.constantFrom(
    '0',
    '00',
    '007',
    '1e308',
    '1e3',
    '-1',
    '0x10',
    '99999999999999999999',
    '9007199254740993',
    '1.5',
    '½',
    '٣',
    '१२',
    'Infinity',
    'NaN',
  ),
  fc.tuple(fc.nat(30), fc.nat(99)).map(([h, m]) => `${h}:${two(m)}`),
  fc.tuple(fc.nat(30), fc.nat(99)).map(([h, m]) => `${h}.${two(m)}`),
  fc
    .tuple(fc.nat(15), fc.option(fc.nat(70)), fc.constantFrom('am', 'pm', 'AM', ' pm', 'a.m.', 'p.m'))
    .map(([h, m, suffix]) => `${h}${m === null ? '' : `:${two(m)}`}${suffix}`),
  fc
    .tuple(fc.integer({ min: 1900, max: 2300 }), fc.nat(14), fc.nat(33))
    .map(([y, m, d]) => `${y}-${two(m)}-${two(d)}`),
  fc.tuple(fc.nat(14), fc.nat(33)).map(([m, d]) => `${m}/${d}`),
  fc.tuple(fc.nat(33), fc.nat(14), fc.integer({ min: 0, max: 3000 })).map(([d, m, y]) => `${d}.${m}.${y}`),
);

/** Slack's escaped references: channels, people, groups, links, and broken ones. */
export const mention = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('C', 'G', 'D', 'c', 'U', 'X', ''),
      fc.stringMatching(/^[A-Z0-9]{0,12}$/),
      fc.option(fc.stringMatching(/^[a-z0-9_|>-]{0,21}$/)),
    )
    .map(([kind, id, name]) => `<#${kind}${id}${name === null ? '' : `|${name}`}>`),
  fc.constantFrom(
    '<#C0GENERAL1|general>',
    '<#C0ORGANIZE|organizing>',
    '<#C0NOTJOIN1|random>',
    '<#G0PRIVATE1|core-team>',
    '<#G0PRIVNOT1>',
    '<#C0ARCHIVE1|archived>',
    '<#C0SHARED01|partners>',
    '<#C0NOSUCH01|nowhere>',
    '<#C0GENERAL1|general',
    '#general',
    '<@U0ALICE01>',
    '<@U0BOB0001|bob>',
    '<!here>',
    '<!channel>',
    '<!subteam^S0123|@team>',
    '<https://example.org|a link>',
    '<mailto:a@example.org>',
    '<>',
    '<#>',
    '<#|>',
  ),
);

/** Words no parser expects: any unicode (emoji with modifiers, right-to-left, combining marks). */
export const strangeWord = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 6 }),
  // Lone surrogates and control characters.
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
  fc.constantFrom(
    '👍🏽',
    '👩‍👩‍👧',
    '🇫🇷',
    'é',
    'e\u0301',
    'שלום',
    'مرحبا',
    '\u202Eevil',
    '\u0000',
    '\u001B[31m',
    '&amp;',
    '<b>',
    '*bold*',
    '`code`',
    '```',
    ':warning:',
    '\\',
    '\\"',
    '$(id)',
    '%s',
    '{}',
    '[object Object]',
    '__proto__',
    'constructor',
    'toString',
  ),
);

export const asciiWord = fc.stringMatching(/^[A-Za-z0-9_.,!?:;@#/+-]{1,12}$/);

/** One word of a command, unquoted. */
export const word = fc.oneof(
  { arbitrary: subcommandWord, weight: 2 },
  { arbitrary: flagWord, weight: 3 },
  { arbitrary: timeWord, weight: 6 },
  { arbitrary: numberWord, weight: 4 },
  { arbitrary: mention, weight: 3 },
  { arbitrary: asciiWord, weight: 3 },
  { arbitrary: strangeWord, weight: 2 },
);

/** Text between quotes: a few words, sometimes with quotes inside, sometimes blank. */
export const phrase = fc.oneof(
  { arbitrary: fc.array(word, { maxLength: 8 }).map((words) => words.join(' ')), weight: 6 },
  { arbitrary: fc.string({ maxLength: 90 }), weight: 2 },
  { arbitrary: fc.constantFrom('', ' ', '\n', 'yes', 'Yes', 'YES', 'no', 'anonymous'), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }), weight: 1 },
);

/** A quoted phrase, its quotes matched or not, closed or not. */
export const quoted = fc
  .tuple(quoteChar, phrase, fc.oneof({ arbitrary: quoteChar, weight: 4 }, fc.constant('')))
  .map(([open, text, close]) => `${open}${text}${close}`);

const longUnits = ['x', 'é', '😀', ' ', '"', 'a ', '"a" ', 'in 2 days ', '<#C0GENERAL1> ', '\n'];

/** A long string of one unit repeated, of one of `lengths`. */
export const longText = (lengths: readonly number[], units: readonly string[] = longUnits) =>
  fc
    .tuple(fc.constantFrom(...lengths), fc.constantFrom(...units))
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** A very long string: what a paste can be, far beyond what Slack usually sends. */
export const huge = longText([1_000, 3_001, 20_000, 100_000]);

/** Pieces joined with random whitespace: the words after `/rally` or after a subcommand. */
export function textOf(piece: fc.Arbitrary<string>, maxPieces = 14): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(piece, space), { maxLength: maxPieces })
    .chain((parts) =>
      fc
        .tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.constantFrom('', ' ', '\n'))
        .map(([lead, tail]) => `${lead}${parts.map(([p, s]) => `${p}${s}`).join('')}${tail}`),
    );
}

const piece = fc.oneof({ arbitrary: word, weight: 5 }, { arbitrary: quoted, weight: 3 });

/** Arguments of a subcommand, as typed. */
export const argsText = fc.oneof(
  { arbitrary: textOf(piece), weight: 20 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 100 }), weight: 1 },
  { arbitrary: huge, weight: 1 },
  { arbitrary: fc.constant(''), weight: 1 },
);

/** Everything after `/rally`: mostly a subcommand (in any case) and random arguments. */
export const commandText = fc.oneof(
  { arbitrary: fc.tuple(subcommandWord, space, argsText).map(([s, sp, a]) => `${s}${sp}${a}`), weight: 12 },
  { arbitrary: fc.tuple(quoted, argsText).map(([q, a]) => `${q} ${a}`), weight: 1 },
  { arbitrary: argsText, weight: 3 },
);

/** The start of an IANA zone list, the zones this runtime knows, and names that are not zones. */
export const timeZone = fc.oneof(
  { arbitrary: fc.constantFrom(...Intl.supportedValuesOf('timeZone')), weight: 10 },
  {
    arbitrary: fc.constantFrom(
      'UTC',
      'Etc/GMT+12',
      'Etc/GMT-14',
      'Pacific/Kiritimati',
      'Pacific/Chatham',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'Antarctica/Troll',
      'Europe/Dublin',
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom('', 'Not/AZone', '+05:00', '-08:00', 'utc', 'local', 'Europe/Berlin ', 'Z'),
    weight: 1,
  },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
);

/** A current time anywhere from 1971 to 2200, with an even chance of lying near a daylight-saving change. */
export const now = fc.oneof(
  fc.date({
    min: new Date('1971-01-01T00:00:00Z'),
    max: new Date('2200-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  fc
    .tuple(
      fc.constantFrom(
        '2026-03-08T10:00:00Z',
        '2026-03-29T01:00:00Z',
        '2026-10-25T01:00:00Z',
        '2026-11-01T09:00:00Z',
        '2026-12-31T23:59:59Z',
        '2027-02-28T12:00:00Z',
        '2028-02-29T12:00:00Z',
      ),
      fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }),
    )
    .map(([iso, shift]) => new Date(Date.parse(iso) + shift)),
);

const shortWhen = textOf(
  fc.oneof(
    { arbitrary: timeWord, weight: 8 },
    { arbitrary: numberWord, weight: 6 },
    { arbitrary: word, weight: 1 },
  ),
  8,
);

/** Words of a time: mostly time words and numbers, sometimes anything, sometimes padded with small words. */
export const whenText = fc.oneof(
  { arbitrary: shortWhen, weight: 20 },
  {
    // "on on on … friday": words that say nothing about the time, so it still reads, but long.
    arbitrary: fc
      .tuple(
        fc.constantFrom('at ', 'on ', 'the ', 'by ', ', ', 'and '),
        fc.integer({ min: 20, max: 80 }),
        shortWhen,
      )
      .map(([filler, times, when]) => `${filler.repeat(times)}${when}`),
    weight: 1,
  },
  { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
  { arbitrary: huge, weight: 1 },
);

const quote = (text: string) => `"${text.replace(/["\u201C-\u201E\u00AB\u00BB]/g, '')}"`;
const optionText = fc.oneof(fc.constantFrom('Yes', 'No', 'Maybe', 'Pizza', 'Tacos', '👍', 'Later'), phrase);

/** Commands as people mean them, so that most of them are taken: polls, reminders, posts, schedules. */
export const meantCommand = fc.oneof(
  fc
    .tuple(
      phrase,
      fc.array(optionText, { minLength: 1, maxLength: 11 }),
      fc.subarray(['anonymous', 'multiple', 'hidden']),
      fc.option(
        fc.constantFrom('in 2 days', 'friday 17:00', 'tomorrow at 9am', 'in 3 seconds', 'in 13 months'),
      ),
    )
    .map(
      ([question, options, flags, closes]) =>
        `poll ${quote(question)} ${options.map(quote).join(' ')} ${flags.join(' ')}${closes ? ` closes ${closes}` : ''}`,
    ),
  fc
    .tuple(
      fc.oneof(fc.constant('me'), mention),
      phrase,
      fc.oneof(whenText, fc.constantFrom('in 2 seconds', 'every monday at 9am')),
    )
    .map(([who, what, when]) => `remind ${who} ${quote(what)} ${when}`),
  fc
    .tuple(
      fc.constantFrom('daily 09:00', 'weekly monday 09:00', 'every weekday at 8:30', 'off', 'now'),
      fc.boolean(),
    )
    .map(([when, quiet]) => `digest ${when}${quiet ? ' quiet' : ''}`),
  fc
    .tuple(
      fc.boolean(),
      fc.array(mention, { maxLength: 3 }),
      fc.option(fc.constantFrom('every friday 12:00', 'daily', 'each')),
    )
    .map(
      ([off, channels, when]) => `donate ${off ? 'off ' : ''}${channels.join(' ')}${when ? ` ${when}` : ''}`,
    ),
  fc
    .tuple(fc.constantFrom('article', 'letter'), fc.array(mention, { maxLength: 3 }))
    .map(([what, channels]) => `post ${what} ${channels.join(' ')}`),
  fc.constantFrom('sign', 'unsign', 'signatures', 'reminders', 'privacy', 'help', 'forget me', 'poll', ''),
);
