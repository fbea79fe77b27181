import type { ModalView } from '@slack/types';
import { channelsInput } from '../../slack/blocks/inputs.js';
import { formFrame } from '../../slack/blocks/modals.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { articleFormBlocks, articleViews } from '../../slack/ids.js';
import type { Article } from '../model.js';

/** **Post to channels…**: pick the channels; `private_metadata` is the article's ID. */
export function buildPostArticleForm(article: Article): ModalView {
  return {
    ...formFrame({
      callbackId: articleViews.post,
      metadata: article.id,
      title: 'Post the article',
      submit: 'Post',
    }),
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
