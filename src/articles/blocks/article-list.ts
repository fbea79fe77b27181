import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { slackDate } from '../../slack/blocks/slack-date.js';
import type { Article } from '../model.js';
import { articleButtons } from './article-actions.js';
import { formatPublished } from './article-message.js';

/** The most articles one list shows: two blocks each, and the heading, within a message's 50. */
export const articlesListed = 20;

function describe(article: Article, newest: boolean): string {
  const { text } = article;
  const facts = [
    `\`${article.slug}\``,
    escapeMrkdwn(text.source),
    ...(text.published ? [formatPublished(text.published)] : []),
    article.postedAt ? `last posted ${slackDate(article.postedAt)}` : 'not posted yet',
    ...(article.origin === 'file' ? ['from the campaign file'] : []),
  ];
  const mark = newest ? '\n_The newest: `/rally post article` posts this one unless you name another._' : '';
  return `*${escapeMrkdwn(text.headline)}*\n${facts.join(' · ')}${mark}`;
}

/**
 * The private answer to `/rally articles` (organizers): every article, newest first, with its short name,
 * source, date and when it was last posted, and its buttons: post, edit, delete.
 */
export function buildArticleList(articles: readonly Article[]): MessageContent {
  if (articles.length === 0) {
    const text =
      'No articles yet. Write one with `/rally article new`, or start from its link: `/rally article https://…`.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const shown = articles.slice(0, articlesListed);
  const more = articles.length > shown.length ? ` (the ${articlesListed} newest shown)` : '';
  const heading = `*${articles.length === 1 ? '1 article' : `${articles.length} articles`}*${more}, newest first. Write another with \`/rally article new\`.`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: heading } },
    ...shown.flatMap((article, i): KnownBlock[] => [
      { type: 'section', text: { type: 'mrkdwn', text: describe(article, i === 0) } },
      { type: 'actions', elements: articleButtons(article, 'Post…') },
    ]),
  ];
  return { text: `${articles.length === 1 ? '1 article' : `${articles.length} articles`}${more}`, blocks };
}
