import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { messageBlockLimit, mrkdwnContext } from '../../slack/blocks/text-blocks.js';
import { truncate } from '../../text/cut.js';
import type { Article } from '../model.js';
import { articleButtons } from './article-actions.js';
import { buildArticleMessage } from './article-message.js';

/** Blocks of the preview around the article itself. */
const frame = 5;

/**
 * What an organizer receives privately after saving an article: its short name and how to post it, the
 * article as channels will show it, the first reply of its thread, and its buttons (post, edit, delete).
 */
export function buildArticlePreview(article: Article): MessageContent {
  const { slug, text } = article;
  const state = `*Saved* \`${slug}\`: only organizers see it until you post it. \`/rally post article ${slug} #channel\` posts it too.`;
  const message = buildArticleMessage(text, messageBlockLimit - frame);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: state } },
    { type: 'divider' },
    ...message.blocks,
    mrkdwnContext(`:speech_balloon: Its thread starts with: ${escapeMrkdwn(text.discussionPrompt)}`),
    { type: 'actions', elements: articleButtons(article) },
  ];
  return { text: truncate(`Preview of the article ${text.headline}`, 3000), blocks };
}
