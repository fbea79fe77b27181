import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestData, digestPollResult } from '../../src/digests/blocks/digest.js';
import type { PollView } from '../../src/polls/model.js';
import { buildScheduleList } from '../../src/schedules/blocks/schedule-list.js';
import { packParagraphs, splitText } from '../../src/slack/blocks/split-text.js';
import { mrkdwnContext, truncate } from '../../src/slack/blocks/text-blocks.js';
import { cutText } from '../../src/text/cut.js';
import { pick, random } from '../support/random.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

// Graphemes of more than one code unit or code point: a letter with a combining accent, emoji with a skin
// tone, a ZWJ family (11 code units), flags, a keycap, an emoji with its variation selector.
const graphemes = ['e\u0301', 'n\u0303', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '🇩🇪', '1️⃣', '❤️', '😀', 'ü'];
const plain = [...graphemes, 'a', 'b', 'c', ' ', ' ', '.', '\n', '&', '<'];
// Mrkdwn as Rally writes it: Slack's escapes and tokens, whose insides are no place for a cut.
const atoms = ['&amp;', '&lt;', '&gt;', '<@U0BOB0001>', '<#C0GENERAL1>', '<https://x.org/a|the big plan>'];
const mrkdwn = [...graphemes, ...atoms, 'a', 'b', ' ', ' ', '.', '\n'];
const atomPattern = /&(?:amp|lt|gt);|<(?:[@#!]|https?:)[^<>]*>/g;

/** Offsets of `text` where a cut may fall: grapheme boundaries that are not inside an escape or a token. */
function safeOffsets(text: string): Set<number> {
  const offsets = new Set([...segmenter.segment(text)].map((s) => s.index));
  offsets.add(text.length);
  for (const match of text.matchAll(atomPattern)) {
    for (let i = match.index + 1; i < match.index + match[0].length; i++) offsets.delete(i);
  }
  return offsets;
}

function generated(alphabet: readonly string[], seed: number, most: number): string {
  const next = random(seed);
  return pick(next, alphabet, Math.floor(next() * most));
}

/** What is wrong with `chunks` as pieces of `text`: each must be one, in order, cut where a cut may fall. */
function piecesProblem(text: string, chunks: readonly string[]): string | undefined {
  const safe = safeOffsets(text);
  let from = 0;
  for (const chunk of chunks) {
    const at = text.indexOf(chunk, from);
    if (at < 0) return `${JSON.stringify(chunk)} is not in the text after ${from}`;
    if (!safe.has(at) || !safe.has(at + chunk.length))
      return `${JSON.stringify(chunk)} is cut inside something`;
    from = at + chunk.length;
  }
  return undefined;
}

describe('truncate', () => {
  it('cuts between graphemes and outside escapes and tokens, within the limit, on generated text', () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= 400; seed++) {
      const text = generated(seed % 2 ? plain : mrkdwn, seed, 40);
      for (const max of [1, 2, 3, 5, 8, 12, 20, 33, 60]) {
        const cut = truncate(text, max);
        const problem =
          cut.length > max
            ? 'too long'
            : loneSurrogate.test(cut)
              ? 'lone surrogate'
              : text.length <= max
                ? cut === text
                  ? undefined
                  : 'cut though it fits'
                : !cut.endsWith('…') || !text.startsWith(cut.slice(0, -1))
                  ? 'not a prefix and an ellipsis'
                  : safeOffsets(text).has(cut.length - 1)
                    ? undefined
                    : 'cut inside something';
        if (problem) problems.push(`${problem}: ${JSON.stringify({ text, max, cut })}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps as much as fits', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab👍🏽cd', 5)).toBe('ab…');
    expect(truncate('ab👍🏽cd', 7)).toBe('ab👍🏽…');
    expect(truncate('🇫🇷🇩🇪🇫🇷', 7)).toBe('🇫🇷…');
    expect(truncate('Fish &amp; chips', 9)).toBe('Fish…');
    expect(truncate('Fish &amp; chips', 11)).toBe('Fish &amp;…');
    expect(truncate('see <https://x.org|the big plan> now', 20)).toBe('see…');
    expect(truncate('e\u0301e\u0301e\u0301', 4)).toBe('e\u0301…');
    expect(truncate('👨‍👩‍👧‍👦', 5)).toBe('…');
    expect(cutText('ab👍🏽', 3)).toBe('ab');
  });
});

describe('splitText', () => {
  it('never splits a grapheme, an escape or a token, and keeps every character, on generated text', () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const text = generated(seed % 2 ? plain : mrkdwn, seed, 200).trim();
      for (const limit of [32, 45, 80, 200]) {
        const chunks = splitText(text, limit);
        const problem =
          chunks.find((c) => c.length > limit || c.length === 0) !== undefined
            ? 'a chunk too long or empty'
            : chunks.some((c) => loneSurrogate.test(c))
              ? 'lone surrogate'
              : chunks.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')
                ? 'characters lost'
                : piecesProblem(text, chunks);
        if (problem) problems.push(`${problem}: ${JSON.stringify({ text, limit, chunks })}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('cuts a run of long graphemes between them, and one grapheme longer than the limit between code points', () => {
    const flags = '🇫🇷'.repeat(20);
    const chunks = splitText(flags, 10);
    expect(chunks.every((c) => c.length <= 10 && /^(🇫🇷)+$/u.test(c))).toBe(true);
    expect(chunks.join('')).toBe(flags);
    const family = '👨‍👩‍👧‍👦'.repeat(3);
    expect(splitText(family, 15)).toEqual(['👨‍👩‍👧‍👦', '👨‍👩‍👧‍👦', '👨‍👩‍👧‍👦']);
    // A letter under 20 accents is one grapheme of 21 code units: it has to be cut, but never mid-pair.
    const zalgo = `a${'\u0301'.repeat(20)}`;
    expect(splitText(zalgo, 8).join('')).toBe(zalgo);
    const family8 = splitText(family, 8);
    expect(family8.join('')).toBe(family);
    for (const chunk of family8) expect(chunk).not.toMatch(loneSurrogate);
  });

  it('packs paragraphs of emoji within the limit', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const paragraphs = Array.from({ length: 6 }, (_, i) => generated(mrkdwn, seed * 10 + i, 120).trim());
      for (const chunk of packParagraphs(paragraphs, 64)) {
        expect(chunk.length).toBeLessThanOrEqual(64);
        expect(chunk).not.toMatch(loneSurrogate);
      }
    }
  });
});

const textsIn = (blocks: readonly KnownBlock[]): string[] => {
  const all: string[] = [];
  JSON.stringify(blocks, (key, value) => {
    if (key === 'text' && typeof value === 'string') all.push(value);
    return value;
  });
  return all;
};

describe('what Rally posts, cut to fit', () => {
  const emojiText = (length: number) => '👍🏽'.repeat(length);

  it('a digest with long emoji questions, options and reminders holds no broken emoji', () => {
    const data: DigestData = {
      channel: 'C0GENERAL1',
      letters: [],
      polls: Array.from({ length: 12 }, (_, i) => ({
        question: `${'x'.repeat(i)}${emojiText(80)}`,
        state: 'open' as const,
        result: 'no votes yet',
      })),
      donations: [],
      upcoming: Array.from({ length: 12 }, (_, i) => ({
        what: `${'y'.repeat(i)}${emojiText(120)}`,
        when: 'soon',
      })),
    };
    const { text, blocks } = buildDigest(data);
    for (const shown of [text, ...textsIn(blocks)]) {
      expect(shown).not.toMatch(loneSurrogate);
      expect(shown.length).toBeLessThanOrEqual(3000);
    }
    const view: PollView = {
      id: 'p1',
      question: 'Q?',
      options: [`a${emojiText(30)}`, `${emojiText(30)}`],
      emojis: ['one', 'two'],
      anonymous: false,
      multiple: false,
      hidden: false,
      closed: true,
      counts: [1, 1],
      voters: 2,
      minAnonymous: 5,
      reactionsEnabled: false,
    };
    expect(digestPollResult(view)).not.toMatch(loneSurrogate);
  });

  it('the list of reminders cuts long emoji text between graphemes', () => {
    for (let extra = 0; extra < 4; extra++) {
      const { blocks } = buildScheduleList(
        [
          {
            id: 'rem1',
            teamId: 'T1',
            creator: 'U0ALICE01',
            target: 'C0GENERAL1',
            text: `${'z'.repeat(extra)}${'👨‍👩‍👧‍👦'.repeat(40)}`,
            when: 'tomorrow',
            at: 1,
          },
        ],
        [],
      );
      for (const shown of textsIn(blocks)) expect(shown).not.toMatch(loneSurrogate);
    }
  });

  it('a context block cut to ten elements ends on a whole grapheme', () => {
    const context = mrkdwnContext(emojiText(20_000));
    for (const element of context.elements as { text: string }[]) {
      expect(element.text.length).toBeLessThanOrEqual(3000);
      expect(element.text).not.toMatch(loneSurrogate);
    }
  });
});
