import type { KnownBlock, ModalView } from '@slack/types';
import { campaignLimits, defaultDiscussionPrompt } from '../../campaign/schema.js';
import { textInput, textInputLimit } from '../../slack/blocks/inputs.js';
import { formFrame } from '../../slack/blocks/modals.js';
import { plainText as plain } from '../../slack/blocks/text-blocks.js';
import { articleFormBlocks, articleViews } from '../../slack/ids.js';
import type { Article, ArticleText, Quote } from '../model.js';

/**
 * What each box of the form takes: the campaign file's limits where one field is one box, and Slack's
 * 3,000 characters for the summary and the quotes, which hold several paragraphs or quotes each.
 */
export const articleFormLimits = {
  headline: campaignLimits.headline,
  source: campaignLimits.source,
  url: campaignLimits.url,
  summary: textInputLimit,
  quotes: textInputLimit,
  framing: campaignLimits.framing,
  prompt: campaignLimits.discussionPrompt,
} as const;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A quote as the quotes box shows it: `“What was said” — who said it`, on one line. */
export const quoteLine = (quote: Quote): string => `“${oneLine(quote.text)}” — ${oneLine(quote.speaker)}`;

/** The summary and quotes as their boxes show them. */
export function formBoxes(text: ArticleText): { summary: string; quotes: string } {
  return { summary: text.summary.join('\n\n'), quotes: text.quotes.map(quoteLine).join('\n') };
}

/**
 * Whether an article fits the form: one imported from the campaign file may have a longer summary or more
 * quotes than a box holds, and editing it there would cut them.
 */
export function fitsForm(text: ArticleText): boolean {
  const boxes = formBoxes(text);
  return boxes.summary.length <= articleFormLimits.summary && boxes.quotes.length <= articleFormLimits.quotes;
}

/** What the form starts with: an article to edit, or a link (and the source guessed from it) for a new one. */
export type ArticleFormStart = { article: Article } | { url?: string; source?: string };

/**
 * The form organizers write an article in (`/rally article new`, `/rally article <link>`, or **Edit**):
 * the reporting first (headline, source, link, date, summary paragraphs, quotes one a line), then, under a
 * divider, their own words (the framing, shown apart and labelled on the post) and the discussion prompt.
 * Each box stops at the length the campaign file allows. `private_metadata` holds the ID of the article
 * being edited, empty for a new one.
 */
export function buildArticleForm(start: ArticleFormStart = {}): ModalView {
  const article = 'article' in start ? start.article : undefined;
  const text = article?.text;
  const boxes = text ? formBoxes(text) : undefined;
  const url = text ? text.url : 'url' in start ? start.url : undefined;
  const source = text ? text.source : 'source' in start ? start.source : undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*The reporting*, as it was published: Rally posts it as you write it here.',
      },
    },
    textInput(articleFormBlocks.headline, 'Headline', {
      maxLength: articleFormLimits.headline,
      initial: text?.headline,
      placeholder: 'Microsoft employees ask their CEO to end the contract with ICE',
    }),
    textInput(articleFormBlocks.source, 'Source', {
      maxLength: articleFormLimits.source,
      initial: source,
      placeholder: 'The publication, such as The Source',
    }),
    textInput(articleFormBlocks.url, 'Link (optional)', {
      maxLength: articleFormLimits.url,
      optional: true,
      initial: url,
      placeholder: 'https://…',
      hint: 'https:// only. The post gets a Read the article button.',
    }),
    {
      type: 'input',
      block_id: articleFormBlocks.published,
      optional: true,
      label: plain('Published on (optional)'),
      element: {
        type: 'datepicker',
        action_id: articleFormBlocks.published,
        ...(text?.published ? { initial_date: text.published } : {}),
        placeholder: plain('Pick the day'),
      },
    },
    textInput(articleFormBlocks.summary, 'Summary', {
      maxLength: articleFormLimits.summary,
      multiline: true,
      initial: boxes?.summary,
      hint: `The reported facts, as the article tells them. Leave a blank line between paragraphs (at most ${campaignLimits.summaryParagraphs}). *bold* and _italics_ work.`,
    }),
    textInput(articleFormBlocks.quotes, 'Quotes (optional)', {
      maxLength: articleFormLimits.quotes,
      multiline: true,
      optional: true,
      initial: boxes?.quotes,
      placeholder: '"We refuse to be complicit." — Microsoft workers',
      hint: `One a line: the words in quotation marks, a dash, then who said them. At most ${campaignLimits.quotes}.`,
    }),
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*Your words*, kept apart from the reporting: the post shows them under a line, labelled _From the organizers_.',
      },
    },
    textInput(articleFormBlocks.framing, 'From the organizers (optional)', {
      maxLength: articleFormLimits.framing,
      multiline: true,
      optional: true,
      initial: text?.framing,
      placeholder: 'Why you are sharing it, and what you ask of coworkers',
    }),
    textInput(articleFormBlocks.prompt, 'Discussion prompt', {
      maxLength: articleFormLimits.prompt,
      multiline: true,
      optional: true,
      initial: text?.discussionPrompt ?? defaultDiscussionPrompt,
      hint: `The first reply in the article's thread. Left empty: "${defaultDiscussionPrompt}"`,
    }),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Only organizers see it until you post it. Editing it later changes what you post next, not the copies already posted.',
        },
      ],
    },
  ];
  return {
    ...formFrame({
      callbackId: articleViews.form,
      metadata: article?.id ?? '',
      title: article ? 'Edit the article' : 'New article',
      submit: 'Save',
    }),
    blocks,
  };
}
