import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { splitText } from '../../slack/blocks/split-text.js';
import {
  blockquote,
  fitBlocks,
  header,
  messageBlockLimit,
  mrkdwnContext,
  mrkdwnSections,
} from '../../slack/blocks/text-blocks.js';
import { articleActions } from '../../slack/ids.js';
import type { ArticleText, Quote } from '../model.js';

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2018-06-20` becomes `June 20, 2018`; anything else is returned as it is. */
export function formatPublished(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? months[Number(match[2]) - 1] : undefined;
  if (!match || !month) return isoDate;
  return `${month} ${Number(match[3])}, ${match[1]}`;
}

/** The article's source and date, as mrkdwn: `*The Source* · June 20, 2018`. */
function byline(article: ArticleText): string {
  const date = article.published ? ` · ${formatPublished(article.published)}` : '';
  return `*${escapeMrkdwn(article.source)}*${date}`;
}

/** A quote as blockquote paragraphs, `> “words”` then `> — speaker`; a very long quote spans several. */
function quoteParagraphs(quote: Quote): string[] {
  const pieces = splitText(escapeMrkdwn(quote.text), 2500);
  return pieces.map((piece, index) => {
    const open = index === 0 ? '“' : '';
    const close = index === pieces.length - 1 ? `”\n— ${escapeMrkdwn(quote.speaker)}` : '';
    return blockquote(`${open}${piece}${close}`);
  });
}

/**
 * The article as a channel message: headline, source and date, the reported summary and quotes, the
 * organizers' note kept apart below a divider, and a link button to the article when it has a URL.
 * Stays within `maxBlocks` (a message's 50 unless a preview needs room) and 3,000 characters a section
 * however long the article is.
 */
export function buildArticleMessage(
  article: ArticleText,
  maxBlocks: number = messageBlockLimit,
): MessageContent {
  const head: KnownBlock[] = [header(article.headline), mrkdwnContext(byline(article))];
  const reporting: KnownBlock[] = [
    ...mrkdwnSections(article.summary.map(escapeMrkdwn)),
    ...mrkdwnSections(article.quotes.flatMap(quoteParagraphs)),
  ];
  const organizers: KnownBlock[] = article.framing
    ? [{ type: 'divider' }, mrkdwnContext(`:mega: *From the organizers:* ${escapeMrkdwn(article.framing)}`)]
    : [];
  const link: KnownBlock[] = article.url
    ? [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: articleActions.open,
              text: { type: 'plain_text', text: 'Read the article' },
              url: article.url,
            },
          ],
        },
      ]
    : [];
  const notice = mrkdwnContext(
    article.url
      ? '_The rest of the summary does not fit in one message: read it in the article._'
      : '_The rest of the summary does not fit in one message._',
  );
  const room = maxBlocks - head.length - organizers.length - link.length;
  const blocks = [...head, ...fitBlocks(reporting, room, notice), ...organizers, ...link];
  const date = article.published ? `, ${formatPublished(article.published)}` : '';
  const text = escapeMrkdwn(`${article.headline} (${article.source}${date})`);
  return { text, blocks };
}

/** The first reply in the article's thread, inviting discussion. */
export function buildDiscussionPrompt(article: ArticleText): MessageContent {
  const prompt = escapeMrkdwn(article.discussionPrompt);
  return { text: prompt, blocks: mrkdwnSections([prompt]).slice(0, messageBlockLimit) };
}
