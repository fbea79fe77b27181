import type { Button } from '@slack/types';
import { actionButton } from '../../slack/blocks/buttons.js';
import { articleActions } from '../../slack/ids.js';
import type { Article } from '../model.js';

/** **Post to channels…**, **Edit** and **Delete** (which Slack asks to confirm), for one article. */
export function articleButtons(article: Article, postLabel = 'Post to channels…'): Button[] {
  return [
    actionButton(articleActions.post, postLabel, article.id, 'primary'),
    actionButton(articleActions.edit, 'Edit', article.id),
    {
      ...actionButton(articleActions.delete, 'Delete', article.id, 'danger'),
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
