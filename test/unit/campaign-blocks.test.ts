import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildArticleMessage, buildDiscussionPrompt } from '../../src/articles/blocks/article-message.js';
import { campaignLetterText } from '../../src/campaign/letter-text.js';
import { loadCampaign, parseCampaign } from '../../src/campaign/load.js';
import type { Campaign } from '../../src/campaign/schema.js';
import { buildLetterMessage, signatureLine } from '../../src/letters/blocks/letter-message.js';
import { buildLetterModal } from '../../src/letters/blocks/letter-modal.js';
import type { Letter } from '../../src/letters/model.js';
import { packParagraphs, splitText } from '../../src/slack/blocks/split-text.js';
import { articleActions, letterActions, letterBlocks } from '../../src/slack/ids.js';

const defaultCampaign = await loadCampaign();
const noSignatures = { named: 0, anonymous: 0, waiting: 0 };

/** A deterministic pseudo-random generator (mulberry32), so generated inputs are the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Text of `length` characters or a little more: words, sentences, some `<` and `&`, some paragraphs. */
function prose(length: number, seed: number): string {
  const next = random(seed);
  let text = '';
  while (text.length < length) {
    const word = 'abcdefghij'.slice(0, 1 + Math.floor(next() * 10));
    const roll = next();
    const mark = roll < 0.05 ? ' <&>' : roll < 0.15 ? '.' : roll < 0.2 ? '!\n\n' : '';
    text += `${text ? ' ' : ''}${word}${mark}`;
  }
  return text;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

type AnyText = { type: string; text: string };
/** Every text object in the blocks, with the block it is in. */
function textsOf(blocks: readonly KnownBlock[]): { block: string; text: AnyText }[] {
  return blocks.flatMap((block) => {
    if (block.type === 'section' && block.text) return [{ block: 'section', text: block.text as AnyText }];
    if (block.type === 'header') return [{ block: 'header', text: block.text as AnyText }];
    if (block.type === 'context')
      return block.elements.map((e) => ({ block: 'context', text: e as AnyText }));
    return [];
  });
}

function expectWithinLimits(blocks: readonly KnownBlock[], maxBlocks: number): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const { block, text } of textsOf(blocks)) {
    expect(text.text.length).toBeGreaterThan(0);
    expect(text.text.length).toBeLessThanOrEqual(block === 'header' ? 150 : 3000);
  }
  for (const block of blocks) {
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
  }
}

const mrkdwnOf = (blocks: readonly KnownBlock[]) =>
  textsOf(blocks)
    .filter(({ text }) => text.type === 'mrkdwn')
    .map(({ text }) => text.text);

const buttonsOf = (blocks: readonly KnownBlock[]) =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])) as {
    action_id?: string;
    style?: string;
    url?: string;
    text: { text: string };
    value?: string;
  }[];

/** A campaign as big as the schema allows, and a letter body of 40 paragraphs of 2,500 characters. */
function hugeCampaign(): Campaign {
  const data = {
    article: {
      headline: 'H'.repeat(150),
      source: 'S'.repeat(100),
      url: `https://example.org/${'p'.repeat(2000)}`,
      published: '2024-02-29',
      summary: Array.from({ length: 20 }, (_, i) => prose(2990, i).slice(0, 3000)),
      quotes: Array.from({ length: 10 }, (_, i) => ({
        text: prose(990, 100 + i).slice(0, 1000),
        speaker: 'Q'.repeat(150),
      })),
      framing: prose(1490, 200).slice(0, 1500),
      discussionPrompt: prose(990, 201).slice(0, 1000),
    },
    letter: {
      title: 'T'.repeat(150),
      addressee: 'A'.repeat(150),
      opening: prose(1490, 300).slice(0, 1500),
      body: Array.from({ length: 40 }, (_, i) =>
        prose(2500, 400 + i)
          .slice(0, 2500)
          .trim(),
      ),
      ask: prose(1490, 500).slice(0, 1500),
      closing: 'C'.repeat(500),
    },
    donations: [],
  };
  // Through the schema, so the test also shows the schema's limits and the builders' agree.
  return parseCampaign(stringify(data, { lineWidth: 0 }), 'huge.yml');
}

describe('splitText', () => {
  it('returns short text as one chunk, and nothing for blank text', () => {
    expect(splitText('  Hello there.  ')).toEqual(['Hello there.']);
    expect(splitText(' \n ')).toEqual([]);
  });

  it('cuts at a paragraph break before a sentence end, and at a sentence end before a space', () => {
    expect(splitText('One. Two.\n\nThree. Four five.', 20)).toEqual(['One. Two.', 'Three. Four five.']);
    expect(splitText('One two. Three four five six.', 20)).toEqual(['One two.', 'Three four five six.']);
    expect(splitText('alpha beta gamma delta epsilon', 12)).toEqual(['alpha beta', 'gamma delta', 'epsilon']);
  });

  it('cuts inside a word only when the word alone is too long, and never inside an escape', () => {
    expect(splitText('abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
    expect(splitText('xxxxxxx&amp;yyyy', 10)).toEqual(['xxxxxxx', '&amp;yyyy']);
    expect(splitText('😀😀😀😀😀', 9).join('')).toBe('😀😀😀😀😀');
  });

  it('keeps every chunk within the limit and every word in order, on generated text', () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      const text = prose(500 + seed * 300, seed);
      for (const limit of [40, 300, 3000]) {
        const chunks = splitText(text, limit);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(limit);
          expect(chunk).toBe(chunk.trim());
          expect(chunk.length).toBeGreaterThan(0);
        }
        expect(words(chunks.join(' '))).toEqual(words(text));
      }
    }
  });

  it('packs paragraphs into as few chunks as fit, in order', () => {
    expect(packParagraphs(['aaa', 'bbb', 'ccc'], 10)).toEqual(['aaa\n\nbbb', 'ccc']);
    const paragraphs = Array.from({ length: 12 }, (_, i) => prose(900, i));
    const packed = packParagraphs(paragraphs, 3000);
    expect(packed.length).toBeLessThan(paragraphs.length);
    expect(words(packed.join(' '))).toEqual(words(paragraphs.join(' ')));
  });
});

describe('article message', () => {
  const message = buildArticleMessage(defaultCampaign.article);

  it('has the headline, the byline, the reporting, the organizers note apart, and the link', () => {
    expect(message.blocks.map((b) => b.type)).toEqual([
      'header',
      'context',
      'section',
      'section',
      'divider',
      'context',
      'actions',
    ]);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: defaultCampaign.article.headline },
    });
    expect(mrkdwnOf(message.blocks)[0]).toBe('*The Source* · June 20, 2018');
    expect(message.text).toContain('The Source, June 20, 2018');
  });

  it('shows the reported facts and quotes the speakers', () => {
    const [summary, quotes] = mrkdwnOf(message.blocks).slice(1);
    expect(summary).toContain('$19.4 million');
    expect(quotes).toMatch(/^> “We believe that Microsoft must take an ethical stand/);
    expect(quotes).toContain('\n> — Satya Nadella, in an internal memo to all employees');
  });

  it('labels the organizers words and keeps them out of the reporting', () => {
    const framing = defaultCampaign.article.framing ?? '';
    const note = message.blocks[5];
    expect(message.blocks[4]?.type).toBe('divider');
    expect(note?.type === 'context' && (note.elements[0] as AnyText).text).toMatch(
      /^:mega: \*From the organizers:\* We are sharing/,
    );
    const sections = message.blocks.filter((b) => b.type === 'section');
    expect(mrkdwnOf(sections).join('\n')).not.toContain(framing);
  });

  it('links to the article with a button, and has no button without a URL', () => {
    expect(buttonsOf(message.blocks)).toEqual([
      {
        type: 'button',
        action_id: articleActions.open,
        text: { type: 'plain_text', text: 'Read the article' },
        url: defaultCampaign.article.url,
      },
    ]);
    const { url: _, framing: __, ...article } = defaultCampaign.article;
    const bare = buildArticleMessage(article);
    expect(bare.blocks.map((b) => b.type)).toEqual(['header', 'context', 'section', 'section']);
  });

  it('escapes campaign text for mrkdwn, but not in the plain-text header', () => {
    const article = {
      ...defaultCampaign.article,
      headline: 'Ads & <Ops>',
      source: 'A <b> & C',
      published: undefined,
      summary: ['<!channel> & <https://evil.example|click>'],
      quotes: [{ text: '<@U123>', speaker: 'R&D' }],
      framing: '<!here>',
    };
    const escaped = buildArticleMessage(article);
    const texts = mrkdwnOf(escaped.blocks);
    expect(escaped.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Ads & <Ops>' } });
    expect(texts[0]).toBe('*A &lt;b&gt; &amp; C*');
    expect(texts[1]).toBe('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
    expect(texts[2]).toBe('> “&lt;@U123&gt;”\n> — R&amp;D');
    expect(texts[3]).toContain('&lt;!here&gt;');
    expect(escaped.text).toBe('Ads &amp; &lt;Ops&gt; (A &lt;b&gt; &amp; C)');
  });

  it('asks for discussion in the thread, with the default prompt', () => {
    expect(buildDiscussionPrompt(defaultCampaign.article)).toEqual({
      text: 'What do you think? Reply in this thread.',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'What do you think? Reply in this thread.' } },
      ],
    });
  });
});

/** The campaign's letter as Rally stores it once imported. */
const letterOf = (campaign: Campaign, over: Partial<Letter> = {}): Letter => ({
  id: 'campaign',
  slug: 'end-microsofts-contract-with-ice',
  status: 'open',
  text: campaignLetterText(campaign),
  allowAnonymous: true,
  allowConditional: true,
  createdAt: 0,
  origin: 'file',
  textVersion: 1,
  ...over,
});

describe('letter message', () => {
  const anyCount = { minAnonymous: 1 };
  const message = buildLetterMessage(
    letterOf(defaultCampaign),
    { named: 5, anonymous: 6, waiting: 1 },
    anyCount,
  );

  it('has the title, the addressee, the whole short letter, the buttons and the signature line', () => {
    expect(message.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'actions',
      'context',
      'context',
    ]);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: "End Microsoft's contract with ICE" },
    });
    const [to, letter] = mrkdwnOf(message.blocks);
    expect(to).toBe('*To:* Satya Nadella, chief executive of Microsoft');
    expect(letter).toContain(defaultCampaign.letter.opening);
    expect(letter).toContain(defaultCampaign.letter.ask);
    expect(letter).toContain('as reported by The Source');
  });

  it('has a primary Sign button and a Read button', () => {
    const buttons = buttonsOf(message.blocks);
    expect(buttons.map((b) => [b.action_id, b.text.text, b.style])).toEqual([
      [letterActions.sign, 'Sign the letter', 'primary'],
      [letterActions.read, 'Read the full letter', undefined],
    ]);
    expect(buttons[0]?.value).toBe('campaign');
    expect(letterActions).toMatchObject({ sign: 'letter_sign', read: 'letter_read', close: 'letter_close' });
    expect(new Set(Object.values(letterActions)).size).toBe(Object.keys(letterActions).length);
  });

  it('has no Sign button once closed, and says the count is final', () => {
    const closed = buildLetterMessage(
      letterOf(defaultCampaign, { status: 'closed' }),
      { named: 5, anonymous: 6, waiting: 0 },
      anyCount,
    );
    expect(buttonsOf(closed.blocks).map((b) => b.action_id)).toEqual([letterActions.read]);
    expect(JSON.stringify(closed.blocks.at(-1))).toContain(
      '*Signing is closed.* Final count: *11 signatures*',
    );
  });

  it('shows the live count in the letter_signatures block', () => {
    const line = message.blocks.at(-1);
    expect(line).toEqual({
      type: 'context',
      block_id: letterBlocks.signatures,
      elements: [
        { type: 'mrkdwn', text: '*12 signatures*: 5 named, 6 anonymous, 1 waiting to show their name' },
      ],
    });
    expect(letterBlocks.signatures).toBe('letter_signatures');
    expect(message.text).toContain('12 signatures: 5 named');
  });

  it('words the signature line for none, one and many', () => {
    expect(signatureLine(noSignatures, anyCount)).toBe('*No signatures yet.* Be the first to sign.');
    expect(signatureLine({ named: 1, anonymous: 0, waiting: 0 }, anyCount)).toBe('*1 signature*: 1 named');
    expect(signatureLine({ named: 0, anonymous: 0, waiting: 1 }, anyCount)).toBe(
      '*1 signature*: 1 waiting to show their name',
    );
    expect(signatureLine({ named: 0, anonymous: 2, waiting: 3 }, anyCount)).toBe(
      '*5 signatures*: 2 anonymous, 3 waiting to show their names',
    );
    expect(signatureLine({ named: 1200, anonymous: 34, waiting: 0 }, anyCount)).toBe(
      '*1,234 signatures*: 1,200 named, 34 anonymous',
    );
    expect(signatureLine({ named: -3, anonymous: Number.NaN, waiting: 0 }, anyCount)).toBe(
      signatureLine(noSignatures, anyCount),
    );
  });

  it('keeps small anonymous counts hidden, and shows the kinds apart only when each may be shown', () => {
    const rule = { minAnonymous: 5 };
    expect(signatureLine({ named: 3, anonymous: 2, waiting: 1 }, rule)).toBe(
      '*3 named*, and a few without names (their number shows once at least 5 people sign that way)',
    );
    expect(signatureLine({ named: 0, anonymous: 9, waiting: 1 }, rule)).toBe(
      '*10 signatures*: 10 without names shown',
    );
    expect(signatureLine({ named: 1, anonymous: 6, waiting: 5 }, rule)).toBe(
      '*12 signatures*: 1 named, 6 anonymous, 5 waiting to show their names',
    );
  });

  it('shows only the opening of a long letter, and points to the modal', () => {
    const long = buildLetterMessage(letterOf(hugeCampaign()), noSignatures, anyCount);
    const texts = mrkdwnOf(long.blocks);
    expect(texts.some((t) => t.includes('Press *Read the full letter*'))).toBe(true);
    expect(long.blocks.length).toBeLessThan(10);
  });

  it('escapes the letter', () => {
    const letter = { ...defaultCampaign.letter, addressee: '<@U1> & co', opening: '<!channel>' };
    const texts = mrkdwnOf(
      buildLetterMessage(letterOf({ ...defaultCampaign, letter }), noSignatures, anyCount).blocks,
    );
    expect(texts[0]).toBe('*To:* &lt;@U1&gt; &amp; co');
    expect(texts[1]).toMatch(/^&lt;!channel&gt;\n\n/);
  });
});

describe('letter modal', () => {
  it('shows the whole letter, with Close and nothing to submit', () => {
    const modal = buildLetterModal(campaignLetterText(defaultCampaign));
    expect(modal.type).toBe('modal');
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.close).toEqual({ type: 'plain_text', text: 'Close' });
    expect(modal.submit).toBeUndefined();
    const text = mrkdwnOf(modal.blocks as KnownBlock[]).join('\n');
    for (const paragraph of defaultCampaign.letter.body) expect(text).toContain(paragraph);
    expect(text).toContain(defaultCampaign.letter.closing);
  });
});

describe('a campaign as large as the schema allows', () => {
  const campaign = hugeCampaign();

  it('stays within Block Kit limits in every message and the modal', () => {
    expectWithinLimits(buildArticleMessage(campaign.article).blocks, 50);
    expectWithinLimits(buildDiscussionPrompt(campaign.article).blocks, 50);
    expectWithinLimits(
      buildLetterMessage(
        letterOf(campaign, { goal: 1000, closesAt: Date.now() + 86_400_000 }),
        { named: 3, anonymous: 4, waiting: 5 },
        { minAnonymous: 5 },
      ).blocks,
      50,
    );
    expectWithinLimits(buildLetterModal(campaignLetterText(campaign)).blocks as KnownBlock[], 100);
  });

  it('keeps every word of the letter, escaped and in order, in the modal', () => {
    const modal = buildLetterModal(campaignLetterText(campaign));
    const shown = mrkdwnOf(modal.blocks as KnownBlock[])
      .slice(1)
      .join('\n');
    const { opening, body, ask, closing } = campaign.letter;
    const expected = [opening, ...body, ask, closing ?? '']
      .join('\n')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
    expect(words(shown)).toEqual(words(expected));
  });

  it('keeps the header, the byline and the link button of a long article', () => {
    const blocks = buildArticleMessage(campaign.article).blocks;
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(blocks.some((b) => b.type === 'divider')).toBe(true);
  });

  it('cuts an even longer article with a notice, keeping the organizers note and the link', () => {
    const article = { ...campaign.article, summary: Array.from({ length: 120 }, (_, i) => prose(2990, i)) };
    const blocks = buildArticleMessage(article).blocks;
    expectWithinLimits(blocks, 50);
    expect(blocks).toHaveLength(50);
    expect(blocks.slice(-4).map((b) => b.type)).toEqual(['context', 'divider', 'context', 'actions']);
    expect(mrkdwnOf(blocks.slice(-4, -3))).toEqual([
      '_The rest of the summary does not fit in one message: read it in the article._',
    ]);
  });

  it('cuts an even longer letter with a notice rather than break the modal', () => {
    const letter = {
      ...campaign.letter,
      body: Array.from({ length: 150 }, (_, i) => prose(2990, i).slice(0, 3000)),
    };
    const modal = buildLetterModal(campaignLetterText({ ...campaign, letter }));
    expectWithinLimits(modal.blocks as KnownBlock[], 100);
    expect(modal.blocks).toHaveLength(100);
    expect(mrkdwnOf(modal.blocks as KnownBlock[]).at(-1)).toBe(
      '_The letter is too long to show all of it here._',
    );
  });
});
