import type { Button, KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { parseArticleCommand } from '../../src/articles/article-command.js';
import { parseQuotes, readArticleForm } from '../../src/articles/article-form.js';
import { buildArticleForm, fitsForm, quoteLine } from '../../src/articles/blocks/article-form.js';
import { articlesListed, buildArticleList } from '../../src/articles/blocks/article-list.js';
import { buildArticlePreview } from '../../src/articles/blocks/article-preview.js';
import { buildPostArticleForm } from '../../src/articles/blocks/post-article-form.js';
import { guessSource } from '../../src/articles/guess-source.js';
import type { Article, ArticleText } from '../../src/articles/model.js';
import { newArticleForm } from '../../src/articles/new-article-form.js';
import { loadCampaign } from '../../src/campaign/load.js';
import { campaignLimits, defaultDiscussionPrompt } from '../../src/campaign/schema.js';
import { tokenize } from '../../src/commands/tokenize.js';
import { buildPostSummary, parseConfirmSharedValue } from '../../src/posting/blocks/post-summary.js';
import { parsePostCommand } from '../../src/posting/post-command.js';
import { articleActions, articleFormBlocks, articleViews } from '../../src/slack/ids.js';
import { slugFrom } from '../../src/text/slug.js';

const campaign = await loadCampaign();

const articleOf = (text: ArticleText, over: Partial<Article> = {}): Article => ({
  id: 'aTEST01',
  slug: slugFrom(text.headline, 'article'),
  text,
  createdAt: Date.UTC(2026, 0, 5),
  origin: 'slack',
  ...over,
});

type Element = Record<string, unknown> & { type: string; action_id?: string };
type InputBlock = { type: 'input'; block_id: string; optional?: boolean; element: Element };
const inputsOf = (view: ModalView) =>
  view.blocks.filter((b): b is InputBlock & KnownBlock => b.type === 'input');
const elementOf = (view: ModalView, blockId: string): Element | undefined =>
  inputsOf(view).find((b) => b.block_id === blockId)?.element;

/** What Slack would submit for a form left as it was opened: each input's initial value. */
function submittedAsOpened(view: ModalView): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    inputsOf(view).map((block) => {
      const { element } = block;
      const state =
        element.type === 'datepicker'
          ? { type: 'datepicker', selected_date: element.initial_date ?? null }
          : { type: element.type, value: element.initial_value ?? null };
      return [block.block_id, { [block.block_id]: state }];
    }),
  );
}

/** Form values as a person types them. */
function typed(values: Partial<Record<keyof typeof articleFormBlocks, string>>, date?: string) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [field, value] of Object.entries(values)) {
    const id = articleFormBlocks[field as keyof typeof articleFormBlocks];
    out[id] = { [id]: { type: 'plain_text_input', value } };
  }
  out[articleFormBlocks.published] = {
    [articleFormBlocks.published]: { type: 'datepicker', selected_date: date ?? null },
  };
  return out;
}

const valid = {
  headline: 'Tech workers walk out over cloud contract',
  source: 'The Example Times',
  url: 'https://example.org/news/walkout',
  summary: 'Hundreds walked out on Friday.\n\nThe company has not answered.\nIt said it would.',
  quotes: '"We build it, we have a say." — A platform engineer\n“It is only a contract” -- A spokesperson',
  framing: 'We share it because we are next.',
  prompt: 'Would you walk out?',
};

describe('the article form', () => {
  it('asks for the reporting, then, apart under a divider, the organizers own words and the prompt', () => {
    const view = buildArticleForm();
    expect(view.callback_id).toBe(articleViews.form);
    expect(view.private_metadata).toBe('');
    expect(view.title).toMatchObject({ text: 'New article' });
    const ids = view.blocks.map((b) => (b.type === 'input' ? b.block_id : b.type));
    expect(ids).toEqual([
      'section',
      articleFormBlocks.headline,
      articleFormBlocks.source,
      articleFormBlocks.url,
      articleFormBlocks.published,
      articleFormBlocks.summary,
      articleFormBlocks.quotes,
      'divider',
      'section',
      articleFormBlocks.framing,
      articleFormBlocks.prompt,
      'context',
    ]);
    expect(elementOf(view, articleFormBlocks.published)?.type).toBe('datepicker');
    expect(elementOf(view, articleFormBlocks.prompt)?.initial_value).toBe(defaultDiscussionPrompt);
    const required = inputsOf(view)
      .filter((b) => !b.optional)
      .map((b) => b.block_id);
    expect(required).toEqual([
      articleFormBlocks.headline,
      articleFormBlocks.source,
      articleFormBlocks.summary,
    ]);
  });

  it("stops each box where the campaign file stops, and at Slack's 3,000 characters for the long ones", () => {
    const view = buildArticleForm();
    const max = (id: string) => elementOf(view, id)?.max_length;
    expect(max(articleFormBlocks.headline)).toBe(campaignLimits.headline);
    expect(max(articleFormBlocks.source)).toBe(campaignLimits.source);
    expect(max(articleFormBlocks.url)).toBe(campaignLimits.url);
    expect(max(articleFormBlocks.framing)).toBe(campaignLimits.framing);
    expect(max(articleFormBlocks.prompt)).toBe(campaignLimits.discussionPrompt);
    expect(max(articleFormBlocks.summary)).toBe(3000);
    expect(max(articleFormBlocks.quotes)).toBe(3000);
    for (const block of inputsOf(view).filter((b) => b.element.type === 'plain_text_input'))
      expect(Number(block.element.max_length)).toBeLessThanOrEqual(3000);
  });

  it('starts from a link with the source guessed from its host', () => {
    const view = newArticleForm('https://www.theguardian.com/us-news/2018/jun/20/ice');
    expect(elementOf(view, articleFormBlocks.url)?.initial_value).toBe(
      'https://www.theguardian.com/us-news/2018/jun/20/ice',
    );
    expect(elementOf(view, articleFormBlocks.source)?.initial_value).toBe('The Guardian');
    expect(elementOf(view, articleFormBlocks.headline)?.initial_value).toBeUndefined();
  });

  it('opens an article filled in, and gives it back unchanged when submitted as it is', () => {
    const article = articleOf(campaign.article);
    const view = buildArticleForm({ article });
    expect(view.private_metadata).toBe('aTEST01');
    expect(view.title).toMatchObject({ text: 'Edit the article' });
    expect(elementOf(view, articleFormBlocks.published)?.initial_date).toBe('2018-06-20');
    expect(String(elementOf(view, articleFormBlocks.quotes)?.initial_value).split('\n')[0]).toBe(
      "“We believe that Microsoft must take an ethical stand, and put children and families above profits.” — The employees' open letter to Satya Nadella",
    );
    const read = readArticleForm(submittedAsOpened(view));
    expect(read).toEqual({ ok: true, text: campaign.article });
  });

  it('says when an article is longer than the form holds, so editing it there would cut it', () => {
    expect(fitsForm(campaign.article)).toBe(true);
    const long = { ...campaign.article, summary: ['a'.repeat(2000), 'b'.repeat(1000)] };
    expect(fitsForm(long)).toBe(false);
    const quotes = Array.from({ length: 4 }, () => ({ text: 'q'.repeat(1000), speaker: 'Someone' }));
    expect(fitsForm({ ...campaign.article, quotes })).toBe(false);
  });
});

describe('reading the article form', () => {
  it('reads the reporting, the paragraphs, the quotes in any quotation marks and the organizers words', () => {
    const read = readArticleForm(typed(valid, '2026-03-06'));
    expect(read).toEqual({
      ok: true,
      text: {
        headline: valid.headline,
        source: valid.source,
        url: valid.url,
        published: '2026-03-06',
        summary: ['Hundreds walked out on Friday.', 'The company has not answered.\nIt said it would.'],
        quotes: [
          { text: 'We build it, we have a say.', speaker: 'A platform engineer' },
          { text: 'It is only a contract', speaker: 'A spokesperson' },
        ],
        framing: valid.framing,
        discussionPrompt: valid.prompt,
      },
    });
  });

  it('leaves out what was left empty, and uses the default discussion prompt', () => {
    const read = readArticleForm(
      typed({ headline: valid.headline, source: valid.source, summary: 'One paragraph.' }),
    );
    expect(read).toEqual({
      ok: true,
      text: {
        headline: valid.headline,
        source: valid.source,
        summary: ['One paragraph.'],
        quotes: [],
        discussionPrompt: defaultDiscussionPrompt,
      },
    });
  });

  it('puts each problem on its own field, saying what is wrong', () => {
    const read = readArticleForm(
      typed({
        headline: '   ',
        source: valid.source,
        url: 'http://example.org/news',
        summary: '',
        quotes: '"Fine words." — Someone\nWords with nobody saying them',
      }),
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        [articleFormBlocks.headline]: 'Give the article its headline.',
        [articleFormBlocks.url]: 'The link must be an https:// URL, such as https://example.org/page.',
        [articleFormBlocks.summary]:
          'Write the summary: the reported facts, a blank line between paragraphs.',
        [articleFormBlocks.quotes]:
          'Line 2 needs a dash and who said it, as in: "We refuse to be complicit." — Microsoft workers',
      },
    });
  });

  it("applies the campaign file's limits, even to a form Slack did not stop", () => {
    const read = readArticleForm(
      typed({
        headline: 'H'.repeat(151),
        source: valid.source,
        summary: Array.from({ length: 21 }, (_, i) => `Paragraph ${i}.`).join('\n\n'),
        quotes: `"${'q'.repeat(1001)}" — Someone`,
        framing: 'f'.repeat(1501),
        prompt: 'p'.repeat(1001),
      }),
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        [articleFormBlocks.headline]: 'The headline must be at most 150 characters (got 151).',
        [articleFormBlocks.summary]: 'The summary must have at most 20 paragraphs.',
        [articleFormBlocks.quotes]: 'Quote 1: the words must be at most 1000 characters (got 1001).',
        [articleFormBlocks.framing]: 'Your words must be at most 1500 characters (got 1501).',
        [articleFormBlocks.prompt]: 'The discussion prompt must be at most 1000 characters (got 1001).',
      },
    });
    const many = Array.from({ length: 11 }, (_, i) => `"Quote ${i}" — Speaker ${i}`).join('\n');
    expect(readArticleForm(typed({ ...valid, quotes: many }))).toEqual({
      ok: false,
      errors: { [articleFormBlocks.quotes]: `At most ${campaignLimits.quotes} quotes, one a line.` },
    });
  });

  it('refuses a date that is not one, and a form with nothing in it', () => {
    expect(readArticleForm(typed(valid, '2026-02-30'))).toMatchObject({
      ok: false,
      errors: { [articleFormBlocks.published]: expect.stringMatching(/^The date must be a date/) },
    });
    expect(readArticleForm({})).toMatchObject({
      ok: false,
      errors: {
        [articleFormBlocks.headline]: 'Give the article its headline.',
        [articleFormBlocks.source]: 'Name the publication, such as The Source.',
      },
    });
  });
});

describe('quotes, one a line', () => {
  it('takes straight, curly and angle quotation marks, any dash, and quotes inside the words', () => {
    expect(
      parseQuotes(
        [
          '“He said “no” — and left” — Dana, a tester',
          '',
          '«Assez» – Someone',
          'No marks at all — The memo',
          "'Single marks' - Someone else",
        ].join('\r\n'),
      ),
    ).toEqual({
      ok: true,
      quotes: [
        { text: 'He said “no” — and left', speaker: 'Dana, a tester' },
        { text: 'Assez', speaker: 'Someone' },
        { text: 'No marks at all', speaker: 'The memo' },
        { text: "'Single marks'", speaker: 'Someone else' },
      ],
    });
  });

  it('writes a quote back on one line, as the box reads it', () => {
    const quote = { text: 'Two\nlines', speaker: 'A  speaker' };
    expect(quoteLine(quote)).toBe('“Two lines” — A speaker');
    expect(parseQuotes(quoteLine(quote))).toEqual({
      ok: true,
      quotes: [{ text: 'Two lines', speaker: 'A speaker' }],
    });
  });
});

describe('/rally article words', () => {
  const words = (text: string) => {
    const tokens = tokenize(text);
    if (!tokens.ok) throw new Error(tokens.error);
    return tokens.tokens;
  };

  it('takes `new`, a link Slack recognised, or both', () => {
    expect(parseArticleCommand(words('new'))).toEqual({ ok: true });
    expect(parseArticleCommand(words('<https://example.org/a?x=1&amp;y=2>'))).toEqual({
      ok: true,
      url: 'https://example.org/a?x=1&y=2',
    });
    expect(parseArticleCommand(words('new <https://example.org/a|example.org/a>'))).toEqual({
      ok: true,
      url: 'https://example.org/a',
    });
  });

  it('says what is wrong with anything else', () => {
    expect(parseArticleCommand([])).toEqual({
      ok: false,
      problem: 'Type `new` to write an article, or give its https:// link.',
    });
    expect(parseArticleCommand(words('<http://example.org/a>'))).toEqual({
      ok: false,
      problem: 'Rally links only to https:// pages, and "http://example.org/a" is not one.',
    });
    expect(parseArticleCommand(words('poem'))).toEqual({
      ok: false,
      problem: '"poem" is not a link. Type `new` to write an article, or give its https:// link.',
    });
    expect(parseArticleCommand(words('<https://a.org/1> <https://b.org/2>'))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('Give one link at most.'),
    });
  });
});

describe('guessing the source', () => {
  it('names known publications, subdomains included, and otherwise shows the host', () => {
    expect(guessSource('https://www.theguardian.com/x')).toBe('The Guardian');
    expect(guessSource('https://edition.cnn.com/2018/06/20/x')).toBe('CNN');
    expect(guessSource('https://www.bbc.co.uk/news/x')).toBe('BBC');
    expect(guessSource('https://thesource.com/2018/06/20/microsoft-protesting-ice/')).toBe('The Source');
    expect(guessSource('https://www.example.org/x')).toBe('example.org');
    expect(guessSource('https://m.news.example.net/x')).toBe('news.example.net');
    expect(guessSource('not a link')).toBeUndefined();
  });
});

describe('short names', () => {
  it('come from the headline, at most 40 characters cut at a word, with a fallback', () => {
    expect(slugFrom(campaign.article.headline, 'article')).toBe('over-100-microsoft-employees-call-on-ceo');
    expect(slugFrom('¡¿…?!', 'article')).toBe('article');
  });
});

const buttonsOf = (blocks: readonly KnownBlock[]): Button[] =>
  blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as Button[]) : []));

describe('the preview', () => {
  it('names the article, shows it as channels will, its thread, and its buttons carrying only its ID', () => {
    const preview = buildArticlePreview(articleOf(campaign.article));
    const [state] = preview.blocks;
    expect(state).toMatchObject({ type: 'section' });
    expect(JSON.stringify(state)).toContain('`over-100-microsoft-employees-call-on-ceo`');
    expect(JSON.stringify(state)).toContain(
      '/rally post article over-100-microsoft-employees-call-on-ceo #channel',
    );
    expect(preview.blocks.some((b) => b.type === 'header')).toBe(true);
    expect(JSON.stringify(preview.blocks)).toContain(
      'Its thread starts with: What do you think? Reply in this thread.',
    );
    const buttons = buttonsOf(preview.blocks).filter((b) => b.action_id !== articleActions.open);
    expect(buttons.map((b) => [b.action_id, b.value, b.text.text])).toEqual([
      [articleActions.post, 'aTEST01', 'Post to channels…'],
      [articleActions.edit, 'aTEST01', 'Edit'],
      [articleActions.delete, 'aTEST01', 'Delete'],
    ]);
    expect(buttons[2]?.confirm?.text.text).toContain('Copies already posted stay in their channels.');
  });

  it("stays within a message's 50 blocks for the longest article the schema allows", () => {
    const text: ArticleText = {
      ...campaign.article,
      summary: Array.from({ length: 20 }, (_, i) => `${i} ${'word '.repeat(590)}`),
      quotes: Array.from({ length: 10 }, (_, i) => ({ text: `${i} ${'q'.repeat(990)}`, speaker: 'S' })),
    };
    const preview = buildArticlePreview(articleOf(text));
    expect(preview.blocks.length).toBeLessThanOrEqual(50);
    expect(preview.blocks.at(-1)?.type).toBe('actions');
  });
});

describe('the list of articles', () => {
  it('tells organizers how to write the first one', () => {
    expect(buildArticleList([]).text).toBe(
      'No articles yet. Write one with `/rally article new`, or start from its link: `/rally article https://…`.',
    );
  });

  it('shows each with its short name, source, date and posting, the newest marked, and its buttons', () => {
    const older = articleOf(campaign.article, { id: 'aOLD', origin: 'file', postedAt: Date.UTC(2026, 0, 6) });
    const newer = articleOf(
      { ...campaign.article, headline: 'A newer one', published: undefined },
      { id: 'aNEW' },
    );
    const list = buildArticleList([newer, older]);
    const texts = list.blocks.flatMap((b) => (b.type === 'section' ? [b.text?.text ?? ''] : []));
    expect(texts[0]).toBe('*2 articles*, newest first. Write another with `/rally article new`.');
    expect(texts[1]).toBe(
      '*A newer one*\n`a-newer-one` · The Source · not posted yet\n_The newest: `/rally post article` posts this one unless you name another._',
    );
    expect(texts[2]).toMatch(
      /^\*Over 100 Microsoft employees .*\*\n`over-100-microsoft-employees-call-on-ceo` · The Source · June 20, 2018 · last posted <!date\^\d+\^.*> · from the campaign file$/,
    );
    expect(buttonsOf(list.blocks).map((b) => `${b.action_id}:${b.value}`)).toEqual([
      `${articleActions.post}:aNEW`,
      `${articleActions.edit}:aNEW`,
      `${articleActions.delete}:aNEW`,
      `${articleActions.post}:aOLD`,
      `${articleActions.edit}:aOLD`,
      `${articleActions.delete}:aOLD`,
    ]);
  });

  it(`shows the ${articlesListed} newest within a message's 50 blocks`, () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      articleOf({ ...campaign.article, headline: `Article ${i}` }, { id: `a${i}` }),
    );
    const list = buildArticleList(many);
    expect(list.blocks.length).toBeLessThanOrEqual(50);
    expect(buttonsOf(list.blocks)).toHaveLength(articlesListed * 3);
    expect(list.text).toBe(`25 articles (the ${articlesListed} newest shown)`);
  });
});

describe('posting an article', () => {
  it("picks channels in a form that carries the article's ID", () => {
    const view = buildPostArticleForm(articleOf(campaign.article));
    expect(view.callback_id).toBe(articleViews.post);
    expect(view.private_metadata).toBe('aTEST01');
    expect(elementOf(view, articleFormBlocks.channels)).toMatchObject({
      type: 'multi_conversations_select',
      max_selected_items: 50,
    });
  });

  it('reads a short name after `post article`, before the channels', () => {
    const tokens = tokenize('article walkout-coverage <#C0GENERAL1|general>');
    if (!tokens.ok) throw new Error(tokens.error);
    expect(parsePostCommand(tokens.tokens, 'C0HERE0001')).toEqual({
      ok: true,
      kind: 'article',
      name: 'walkout-coverage',
      channels: ['C0GENERAL1'],
    });
  });

  it('makes "post anyway" post the same article or letter, and still reads the buttons of earlier versions', () => {
    const summary = buildPostSummary(
      'article',
      [{ channel: 'C0SHARED01', outcome: { status: 'needs-confirmation', reason: 'shared' } }],
      'aTEST01',
    );
    const [button] = buttonsOf(summary.blocks);
    expect(button?.value).toBe('article:C0SHARED01:aTEST01');
    expect(parseConfirmSharedValue(button?.value)).toEqual({
      kind: 'article',
      channel: 'C0SHARED01',
      itemId: 'aTEST01',
    });
    expect(parseConfirmSharedValue('letter:C0SHARED01')).toEqual({ kind: 'letter', channel: 'C0SHARED01' });
    expect(parseConfirmSharedValue('letter:C0SHARED01:has:colons')).toBeUndefined();
  });
});
