import { describe, expect, it } from 'vitest';
import { parseChannelMentions } from '../../src/commands/channel-mentions.js';
import { routeCommand } from '../../src/commands/route.js';
import { decodeEntities, plainCommandText, slackTokenText } from '../../src/commands/slack-text.js';
import { tokenize } from '../../src/commands/tokenize.js';
import { pick, random } from '../support/random.js';

const texts = (input: string) => {
  const result = tokenize(input);
  if (!result.ok) throw new Error(result.error);
  return result.tokens.map((t) => t.text);
};

describe('tokenize', () => {
  it('splits words and keeps straight-quoted phrases together', () => {
    expect(texts('poll "Do we walk out?" "Yes" "No" anonymous')).toEqual([
      'poll',
      'Do we walk out?',
      'Yes',
      'No',
      'anonymous',
    ]);
  });

  it('reads curly double quotes as straight ones', () => {
    expect(texts('poll \u201CDo we walk out?\u201D \u201CYes\u201D \u201CNo\u201D')).toEqual([
      'poll',
      'Do we walk out?',
      'Yes',
      'No',
    ]);
  });

  it('reads curly single quotes as quotes at the start of a word, and as apostrophes inside one', () => {
    expect(texts('remind me \u2018Sign the letter\u2019 in 2 hours')).toEqual([
      'remind',
      'me',
      'Sign the letter',
      'in',
      '2',
      'hours',
    ]);
    expect(texts('poll "We don\u2019t agree" yes')).toEqual(['poll', "We don't agree", 'yes']);
    expect(texts("don't stop")).toEqual(["don't", 'stop']);
  });

  it('marks quoted tokens so a quoted flag word stays text', () => {
    const result = tokenize('"anonymous" anonymous');
    expect(result).toEqual({
      ok: true,
      tokens: [
        { text: 'anonymous', quoted: true },
        { text: 'anonymous', quoted: false },
      ],
    });
  });

  it('reports an unclosed quote with where it starts', () => {
    const unclosed = tokenize('poll "Do we walk out');
    expect(unclosed).toEqual({ ok: false, error: 'A quote is never closed: "Do we walk out' });
  });

  it('returns no tokens for blank text', () => {
    expect(texts('   ')).toEqual([]);
  });
});

describe('routeCommand', () => {
  it('treats empty text and help as help', () => {
    expect(routeCommand('')).toEqual({ kind: 'help' });
    expect(routeCommand('  HELP ')).toEqual({ kind: 'help' });
  });

  it('names an unknown subcommand', () => {
    expect(routeCommand('dance now')).toEqual({ kind: 'unknown', word: 'dance' });
    expect(routeCommand('"poll" a b')).toEqual({ kind: 'unknown', word: 'poll' });
  });

  it('hands a known subcommand its arguments', () => {
    const route = routeCommand('poll \u201CQ?\u201D A B');
    expect(route.kind).toBe('subcommand');
    if (route.kind !== 'subcommand') return;
    expect(route.subcommand.name).toBe('poll');
    expect(route.args.map((a) => a.text)).toEqual(['Q?', 'A', 'B']);
  });

  it('reports unreadable text', () => {
    expect(routeCommand('poll "Q')).toMatchObject({
      kind: 'unreadable',
      problem: 'A quote is never closed: "Q',
      subcommand: { name: 'poll' },
    });
    expect(routeCommand('"Q')).toEqual({ kind: 'unreadable', problem: 'A quote is never closed: "Q' });
  });
});

describe('command text as Slack sends it', () => {
  it("decodes Slack's escapes once, for quoted and plain words", () => {
    expect(texts('poll "Pizza &amp; beer?" "&lt;b&gt;Yes&lt;/b&gt;" "No" a&amp;b')).toEqual([
      'poll',
      'Pizza & beer?',
      '<b>Yes</b>',
      'No',
      'a&b',
    ]);
    expect(texts('"&amp;lt; stays &amp;amp;"')).toEqual(['&lt; stays &amp;']);
    expect(decodeEntities('&amp;gt; &lt;&gt; &quot;')).toBe('&gt; <> &quot;');
  });

  it("reads mentions and links as the text people saw, without Slack's tokens", () => {
    expect(
      texts(
        'remind <#C0GENERAL1|general> "<!channel>: <@U0BOB0001|bob> &amp; <!subteam^S0TEAM|@design> read <https://x.org/a?b=1&amp;c=2|the "big" plan>" tomorrow',
      ),
    ).toEqual([
      'remind',
      '#general',
      '@channel: @bob & @design read the "big" plan (https://x.org/a?b=1&c=2)',
      'tomorrow',
    ]);
  });

  it('keeps a word that is one Slack token as Slack sent it, and never a typed one', () => {
    const result = tokenize(
      '<#C0GENERAL1|general> &lt;#C0RANDOM1|random&gt; "<#C0ORGANIZE|organizing>" x<#C0GENERAL1>',
    );
    expect(result).toEqual({
      ok: true,
      tokens: [
        { text: '#general', quoted: false, slack: '<#C0GENERAL1|general>' },
        { text: '<#C0RANDOM1|random>', quoted: false },
        { text: '#organizing', quoted: true },
        { text: 'x#C0GENERAL1', quoted: false },
      ],
    });
    if (!result.ok) return;
    expect(parseChannelMentions(result.tokens.slice(0, 1))).toEqual({ ok: true, channels: ['C0GENERAL1'] });
    expect(parseChannelMentions(result.tokens.slice(1, 2))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"<#C0RANDOM1|random>"'),
    });
  });

  it('shows every kind of Slack token as plain text', () => {
    for (const [inner, shown] of [
      ['@U0BOB0001|bob', '@bob'],
      ['@U0BOB0001', '@U0BOB0001'],
      ['#C0GENERAL1|general', '#general'],
      ['#C0GENERAL1', '#C0GENERAL1'],
      ['#C0GENERAL1|', '#C0GENERAL1'],
      ['!here', '@here'],
      ['!channel', '@channel'],
      ['!everyone|everyone', '@everyone'],
      ['!subteam^S0TEAM|@design', '@design'],
      ['!subteam^S0TEAM', '@S0TEAM'],
      ['!date^1796432400^{date_short}|5 Dec 2026', '5 Dec 2026'],
      ['https://x.org', 'https://x.org'],
      ['http://x.org|x.org', 'x.org'],
      ['https://x.org|https://x.org', 'https://x.org'],
      ['https://x.org/?a=1&amp;b=2|a &amp; b', 'a & b (https://x.org/?a=1&b=2)'],
      ['mailto:bob@x.org|bob@x.org', 'bob@x.org'],
      ['mailto:bob@x.org|Bob', 'Bob (bob@x.org)'],
    ] as const) {
      expect(slackTokenText(inner), inner).toBe(shown);
    }
  });

  it('reads an unmatched < as a character, and reports an unclosed quote in plain text', () => {
    expect(texts('a <b')).toEqual(['a', '<b']);
    expect(tokenize('poll "Fish &amp; chips')).toEqual({
      ok: false,
      error: 'A quote is never closed: "Fish & chips',
    });
    expect(routeCommand('poll "Fish &amp; chips')).toMatchObject({
      kind: 'unreadable',
      subcommand: { name: 'poll' },
    });
  });

  it('gives back what was typed, for text Slack only escapes', () => {
    const alphabet = ['a', ' ', '&', '<', '>', ';', 'amp', 'lt', 'gt', '#', '|', 'é', '👍🏽', '"'];
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const typed = pick(next, alphabet, Math.floor(next() * 30));
      const escaped = typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(plainCommandText(escaped), JSON.stringify(typed)).toBe(typed);
    }
  });
});
