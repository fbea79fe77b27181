import type { Button } from '@slack/types';
import { articleActions } from '../../slack/ids.js';
import type { Article } from '../model.js';

/** A button on an organizer's view of an article: its value is the article's ID, never who pressed it. */
function articleButton(
  actionId: string,
  text: string,
  articleId: string,
  style?: 'primary' | 'danger',
): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value: articleId,
    ...(style ? { style } : {}),
  };
}

/** **Post to channels…**, **Edit** and **Delete** (which Slack asks to confirm), for one article. */
export function articleButtons(article: Article, postLabel = 'Post to channels…'): Button[] {
  return [
    articleButton(articleActions.post, postLabel, article.id, 'primary'),
    articleButton(articleActions.edit, 'Edit', article.id),
    {
      ...articleButton(articleActions.delete, 'Delete', article.id, 'danger'),
      confirm: {
        title: { type: 'plain_text', text: 'Delete the article?' },
        text: {
          type: 'mrkdwn',
          text: `\`${article.slug}\` goes from Rally and its name is freed. Copies already posted stay in their channels.`,
        },
        confirm: { type: 'plain_text', text: 'Delete' },
        deny: { type: 'plain_text', text: 'Keep it' },
      },
    },
  ];
}
