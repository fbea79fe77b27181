/** `/rally` text: the tokenizer, the router, channel mentions and each subcommand's own words. */
import fc from 'fast-check';
import { buildUnknownCommandMessage } from '../../../src/commands/blocks/help.js';
import { subcommands } from '../../../src/commands/catalog.js';
import { parseChannelMentions } from '../../../src/commands/channel-mentions.js';
import { routeCommand } from '../../../src/commands/route.js';
import { type Token, tokenize } from '../../../src/commands/tokenize.js';
import { parseDigestCommand } from '../../../src/digests/digest-command.js';
import { parseDonateCommand } from '../../../src/donations/donate-command.js';
import { closingWords, parsePollCommand } from '../../../src/polls/parse-command.js';
import { parsePostCommand } from '../../../src/posting/post-command.js';
import { jobSchemas, maxPostChannels } from '../../../src/queues/contracts.js';
import { parseRemindCommand } from '../../../src/reminders/remind-command.js';
import { buildCommandErrorMessage } from '../../../src/slack/blocks/messages.js';
import {
  argsText,
  commandText,
  flagWord,
  huge,
  mention,
  now,
  phrase,
  space,
  timeZone,
  whenText,
  word,
} from '../arbitraries.js';
import { expectRefusal, expectThat, noThrow } from '../checks.js';
import { type FuzzTarget, fuzzTarget } from '../run.js';
import { expectValidPoll } from './expect-poll.js';

const doubleQuotes = ['"', '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB'];
const singleQuotes = ["'", '\u2018', '\u2019'];
const allQuotes = [...doubleQuotes, ...singleQuotes];
const isSpace = (ch: string) => /\s/.test(ch);
const channelId = /^[CGD][A-Z0-9]{2,}$/;

/** What a person types for a list of tokens: quoted ones in straight quotes, the others as they are. */
const typed = (list: readonly Token[]) => list.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');

/**
 * `list` as the handlers would receive it: typed, then read by the tokenizer (a quoted phrase loses its
 * double quotes first, so it stays one quoted token). Handlers only ever get the tokenizer's tokens.
 */
function retyped(list: readonly Token[]): Token[] {
  const unquotable = /["\u201C-\u201E\u00AB\u00BB]/g;
  const text = typed(list.map((t) => (t.quoted ? { ...t, text: t.text.replace(unquotable, '') } : t)));
  const result = tokenize(text);
  return result.ok ? result.tokens : [];
}

/** The words after a subcommand: from typed text, or from words and phrases of any text. */
const tokens: fc.Arbitrary<Token[]> = fc.oneof(
  argsText.map((text) => {
    const result = tokenize(text);
    return result.ok ? result.tokens : [];
  }),
  fc
    .array(
      fc.record({
        text: fc.oneof(word, phrase, fc.constant(''), { arbitrary: huge, weight: 1 }),
        quoted: fc.boolean(),
      }),
      { maxLength: 16 },
    )
    .map(retyped),
);

/**
 * A command's text for the round trip: words with no space and no leading quote, and quoted phrases with
 * no quote inside. Neither holds a backslash, so the property does not depend on how one is read.
 */
const plainWord = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
  .filter(
    (w) => [...w].every((ch) => !isSpace(ch) && ch !== '\\') && !allQuotes.includes([...w][0] as string),
  );
const quotedPhrase = fc.tuple(
  fc
    .string({ unit: 'grapheme', maxLength: 30 })
    .filter((p) => [...p].every((ch) => !allQuotes.includes(ch) && ch !== '\\')),
  fc.constantFrom(...doubleQuotes),
  fc.constantFrom(...doubleQuotes),
);
const roundTripTokens = fc.array(
  fc.oneof(
    plainWord.map((text) => ({ typed: text, token: { text, quoted: false } })),
    quotedPhrase.map(([text, open, close]) => ({
      typed: `${open}${text}${close}`,
      token: { text: text.trim(), quoted: true },
    })),
  ),
  { maxLength: 12 },
);

const tokenizer = fuzzTarget(
  'tokenize',
  'src/commands/tokenize.ts',
  fc.property(fc.oneof({ arbitrary: commandText, weight: 4 }, fc.string({ unit: 'binary' })), (text) => {
    const result = noThrow(() => tokenize(text), 'tokenize');
    if (!result.ok) {
      expectThat(
        result.error.startsWith('A quote is never closed: '),
        'an error other than an unclosed quote',
      );
      expectRefusal(result.error, text);
      return;
    }
    for (const token of result.tokens) {
      expectThat(!/[\u2018\u2019]/.test(token.text), 'a curly apostrophe was left in a token');
      if (token.quoted) expectThat(token.text === token.text.trim(), 'a quoted token is not trimmed');
      else {
        expectThat(token.text.length > 0, 'an empty unquoted token');
        // A Slack link reads as its words and address ("a link (https://...)"): spaces it brought are its own.
        if (!text.includes('<'))
          expectThat(![...token.text].some(isSpace), 'an unquoted token holds whitespace');
      }
    }
  }),
);

const tokenizerRoundTrip = fuzzTarget(
  'tokenize round trip',
  'src/commands/tokenize.ts',
  fc.property(roundTripTokens, fc.array(space, { minLength: 12, maxLength: 12 }), (parts, gaps) => {
    const text = parts.map((p, i) => `${p.typed}${isSpace(gaps[i] ?? ' ') ? gaps[i] : ' '}`).join('');
    const result = noThrow(() => tokenize(text), 'tokenize');
    expectThat(result.ok, `refused ${JSON.stringify(text)}`);
    const expected = parts.map((p) => ({ ...p.token, text: p.token.text.replace(/[\u2018\u2019]/g, "'") }));
    expectThat(
      JSON.stringify(result.tokens) === JSON.stringify(expected),
      `read ${JSON.stringify(result.tokens)}, typed ${JSON.stringify(expected)}`,
    );
  }),
);

const router = fuzzTarget(
  'routeCommand',
  'src/commands/route.ts, commands/blocks/help.ts',
  fc.property(fc.oneof({ arbitrary: commandText, weight: 5 }, fc.string({ unit: 'binary' })), (text) => {
    const route = noThrow(() => routeCommand(text), 'routeCommand');
    switch (route.kind) {
      case 'help':
        return;
      case 'unknown': {
        const note = buildUnknownCommandMessage(route.word, subcommands).blocks?.[0];
        const noteText = (note as { text?: { text?: string } } | undefined)?.text?.text;
        expectRefusal(noteText, text, 'the note on an unknown command');
        return;
      }
      case 'unreadable':
        expectRefusal(route.problem, text);
        expectThat(
          buildCommandErrorMessage(route.problem, route.subcommand ?? { usage: '/rally' }).text.length <=
            3000,
          'the answer is longer than a section block holds',
        );
        return;
      case 'subcommand': {
        const read = tokenize(text);
        expectThat(read.ok, 'a subcommand was found in text the tokenizer refuses');
        const [first, ...args] = read.tokens;
        expectThat(
          first && !first.quoted && first.text.toLowerCase() === route.subcommand.name,
          'the subcommand is not the first word',
        );
        expectThat(
          JSON.stringify(args) === JSON.stringify(route.args),
          'the arguments are not the other words',
        );
      }
    }
  }),
);

const channelMentions = fuzzTarget(
  'parseChannelMentions',
  'src/commands/channel-mentions.ts',
  fc.property(
    fc.oneof(
      tokens,
      fc.array(fc.record({ text: fc.oneof({ arbitrary: mention, weight: 4 }, word), quoted: fc.boolean() }), {
        maxLength: 25,
      }),
    ),
    (list) => {
      const result = noThrow(() => parseChannelMentions(list), 'parseChannelMentions');
      if (!result.ok) {
        expectRefusal(result.problem, typed(list));
        return;
      }
      expectThat(
        result.channels.every((c) => channelId.test(c)),
        'a channel is not a channel ID',
      );
      expectThat(new Set(result.channels).size === result.channels.length, 'a channel is listed twice');
      expectThat(result.channels.length <= list.length, 'more channels than words');
      const expected = [
        ...new Set(list.map((t) => /^<#([A-Z0-9]+)/.exec((t as { slack?: string }).slack ?? '')?.[1])),
      ];
      expectThat(JSON.stringify(expected) === JSON.stringify(result.channels), 'channels out of order');
    },
  ),
);

const quotedToken = (text: string): Token => ({ text, quoted: true });
const plainToken = (text: string): Token => ({ text, quoted: false });

/** `/rally poll` arguments, mostly shaped like a poll: a question, options, flags, `closes` and a time. */
const pollArgs: fc.Arbitrary<Token[]> = fc.oneof(
  { arbitrary: tokens, weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.option(phrase, { freq: 8 }),
        fc.array(fc.oneof({ arbitrary: phrase, weight: 6 }, fc.constantFrom('Yes', 'yes', 'No', ' no ')), {
          maxLength: 12,
        }),
        fc.array(flagWord, { maxLength: 4 }),
        fc.option(whenText, { freq: 2 }),
        fc.option(fc.string({ maxLength: 400 }), { freq: 20 }),
      )
      .chain(([question, options, flags, when, extra]) => {
        const list = [
          ...(question === null ? [] : [quotedToken(question)]),
          ...options.map(quotedToken),
          ...flags.map(plainToken),
          ...(extra === null ? [] : [quotedToken(extra)]),
        ];
        const closes = when === null ? [] : [plainToken('closes'), plainToken(when)];
        return fc
          .shuffledSubarray(list, { minLength: list.length })
          .map((shuffled) => retyped([...shuffled, ...closes]));
      }),
    weight: 8,
  },
);

const pollCommand = fuzzTarget(
  'parsePollCommand',
  'src/polls/parse-command.ts, polls/validate.ts',
  fc.property(pollArgs, now, timeZone, (args, at, zone) => {
    const result = noThrow(() => parsePollCommand(args, at, zone), 'parsePollCommand');
    if (!result.ok) {
      expectRefusal(result.problem, typed(args));
      return;
    }
    const { poll } = result;
    expectValidPoll(poll, at);
    const closes = args.findIndex((t) => !t.quoted && t.text.toLowerCase() === 'closes');
    const beforeCloses = closes < 0 ? args : args.slice(0, closes);
    for (const flag of ['anonymous', 'multiple', 'hidden'] as const) {
      const given = beforeCloses.some((t) => !t.quoted && t.text.toLowerCase() === flag);
      expectThat(poll[flag] === given, `${flag} is ${poll[flag]} though it was ${given ? '' : 'not '}given`);
    }
    // What the handler queues must be what the job accepts.
    const words = closingWords(args);
    const job = jobSchemas['poll-create'].safeParse({
      pollId: 'fuzz0001',
      teamId: 'T0RALLY01',
      channel: 'C0ORGANIZE',
      creatorId: 'U0ALICE01',
      question: poll.question,
      options: poll.options,
      anonymous: poll.anonymous,
      multiple: poll.multiple,
      hidden: poll.hidden,
      ...(words ? { closesWords: words } : {}),
    });
    expectThat(job.success, `the poll-create job refuses the poll: ${job.error?.issues[0]?.message}`);
  }),
);

/** `/rally remind` arguments: who, what in quotes, when. */
const remindArgs: fc.Arbitrary<Token[]> = fc.oneof(
  { arbitrary: tokens, weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.oneof(fc.constantFrom('me', 'ME', 'Me'), mention, word),
        fc.boolean(),
        fc.oneof({ arbitrary: phrase, weight: 8 }, huge, fc.string({ minLength: 990, maxLength: 1010 })),
        fc.oneof({ arbitrary: whenText, weight: 6 }, argsText),
      )
      .map(([who, whoQuoted, what, when]) =>
        retyped([{ text: who, quoted: whoQuoted }, quotedToken(what), plainToken(when)]),
      ),
    weight: 6,
  },
);

const remindCommand = fuzzTarget(
  'parseRemindCommand',
  'src/reminders/remind-command.ts',
  fc.property(remindArgs, (args) => {
    const result = noThrow(() => parseRemindCommand(args), 'parseRemindCommand');
    if (!result.ok) {
      expectRefusal(result.problem, typed(args));
      return;
    }
    if (result.target.kind === 'channel') {
      expectThat(channelId.test(result.target.channel), 'the channel is not a channel ID');
    }
    expectThat(result.text.length >= 1 && result.text.length <= 1_000, `text of ${result.text.length}`);
    expectThat(result.text === result.text.trim(), 'the text is not trimmed');
    expectThat(result.when.length > 0 && result.when === result.when.trim(), 'when is empty or not trimmed');
  }),
);

const digestArgs: fc.Arbitrary<Token[]> = fc.oneof(
  tokens,
  fc
    .tuple(
      fc.constantFrom(
        'daily',
        'weekly',
        'every',
        'each',
        'monthly',
        'hourly',
        'now',
        'off',
        'quiet',
        'Daily',
      ),
      whenText,
      fc.option(fc.constantFrom('quiet', 'QUIET', 'loud'), { freq: 2 }),
    )
    .map(([lead, when, last]) => retyped([lead, when, ...(last === null ? [] : [last])].map(plainToken))),
);

const digestCommand = fuzzTarget(
  'parseDigestCommand',
  'src/digests/digest-command.ts',
  fc.property(digestArgs, (args) => {
    const result = noThrow(() => parseDigestCommand(args), 'parseDigestCommand');
    if (!result.ok) {
      expectRefusal(result.problem, typed(args));
      return;
    }
    if (result.action !== 'schedule') {
      expectThat(args.length === 1, `${result.action} with other words`);
      return;
    }
    expectThat(
      /^(?:daily|weekly|monthly|hourly|every|each)\b/.test(result.when),
      'a schedule of other words',
    );
    const job = jobSchemas['digest-schedule'].safeParse({
      channel: 'C0ORGANIZE',
      teamId: 'T0RALLY01',
      requestedBy: 'U0ALICE01',
      when: result.when,
      quiet: result.quiet,
    });
    expectThat(job.success, `the digest-schedule job refuses it: ${job.error?.issues[0]?.message}`);
  }),
);

const donateArgs: fc.Arbitrary<Token[]> = fc.oneof(
  tokens,
  fc
    .tuple(
      fc.boolean(),
      fc.array(fc.oneof({ arbitrary: mention, weight: 5 }, word), { maxLength: 25 }),
      fc.option(whenText),
    )
    .map(([off, channels, when]) =>
      retyped([...(off ? ['off'] : []), ...channels, ...(when === null ? [] : [when])].map(plainToken)),
    ),
);

const donateCommand = fuzzTarget(
  'parseDonateCommand',
  'src/donations/donate-command.ts',
  fc.property(donateArgs, (args) => {
    const result = noThrow(() => parseDonateCommand(args, 'C0ORGANIZE'), 'parseDonateCommand');
    if (!result.ok) {
      expectRefusal(result.problem, typed(args));
      return;
    }
    expectThat(result.channels.length >= 1, 'no channel');
    expectThat(
      result.channels.every((c) => channelId.test(c)),
      'a channel is not a channel ID',
    );
    if (result.action !== 'schedule') return;
    const job = jobSchemas['donation-schedule'].safeParse({
      teamId: 'T0RALLY01',
      requestedBy: 'U0ALICE01',
      channels: result.channels,
      when: result.when,
    });
    expectThat(job.success, `the donation-schedule job refuses it: ${job.error?.issues[0]?.message}`);
  }),
);

const postArgs: fc.Arbitrary<Token[]> = fc.oneof(
  tokens,
  fc
    .tuple(
      fc.oneof(fc.constantFrom('article', 'letter', 'LETTER', 'donation'), word),
      fc.array(fc.oneof({ arbitrary: mention, weight: 6 }, word), { maxLength: 30 }),
    )
    .map(([what, channels]) => retyped([what, ...channels].map(plainToken))),
);

const postCommand = fuzzTarget(
  'parsePostCommand',
  'src/posting/post-command.ts',
  fc.property(postArgs, (args) => {
    const result = noThrow(() => parsePostCommand(args, 'C0ORGANIZE'), 'parsePostCommand');
    if (!result.ok) {
      expectRefusal(result.problem, typed(args));
      return;
    }
    expectThat(result.kind === 'article' || result.kind === 'letter', `kind ${result.kind}`);
    expectThat(result.channels.length >= 1 && result.channels.length <= maxPostChannels, 'channel count');
    const job = jobSchemas['campaign-post'].safeParse({
      kind: result.kind,
      teamId: 'T0RALLY01',
      requestedBy: 'U0ALICE01',
      channels: result.channels,
      confirmShared: false,
    });
    expectThat(job.success, `the campaign-post job refuses it: ${job.error?.issues[0]?.message}`);
  }),
);

export const commandTargets: FuzzTarget[] = [
  tokenizer,
  tokenizerRoundTrip,
  router,
  channelMentions,
  pollCommand,
  remindCommand,
  digestCommand,
  donateCommand,
  postCommand,
];
