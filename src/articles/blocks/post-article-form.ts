import type { ModalView } from '@slack/types';
import { channelsInput } from '../../slack/blocks/inputs.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { articleFormBlocks, articleViews } from '../../slack/ids.js';
import type { Article } from '../model.js';

/** **Post to channels…**: pick the channels; `private_metadata` is the article's ID. */
export function buildPostArticleForm(article: Article): ModalView {
  return {
    type: 'modal',
    callback_id: articleViews.post,
    private_metadata: article.id,
    title: { type: 'plain_text', text: 'Post the article' },
    submit: { type: 'plain_text', text: 'Post' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${escapeMrkdwn(article.text.headline)}* (\`${article.slug}\`). Each copy opens its own discussion thread.`,
        },
      },
      channelsInput(articleFormBlocks.channels),
    ],
  };
}
