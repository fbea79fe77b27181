import type { ModalView } from '@slack/types';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { letterFormBlocks, letterViews } from '../../slack/ids.js';
import type { Letter } from '../model.js';

/** The most channels the form lets an organizer pick at once. */
export const maxChannelsPerForm = 50;

/** **Post to channels…**: pick the channels; `private_metadata` is the letter's ID. */
export function buildPostLetterForm(letter: Letter): ModalView {
  const opens = letter.status === 'draft' ? ' Posting opens it for signing.' : '';
  return {
    type: 'modal',
    callback_id: letterViews.post,
    private_metadata: letter.id,
    title: { type: 'plain_text', text: 'Post the letter' },
    submit: { type: 'plain_text', text: 'Post' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${escapeMrkdwn(letter.text.title)}* (\`${letter.slug}\`).${opens}` },
      },
      {
        type: 'input',
        block_id: letterFormBlocks.channels,
        label: { type: 'plain_text', text: 'Channels' },
        element: {
          type: 'multi_conversations_select',
          action_id: letterFormBlocks.channels,
          max_selected_items: maxChannelsPerForm,
          filter: {
            include: ['public', 'private'],
            exclude_bot_users: true,
            exclude_external_shared_channels: false,
          },
        },
      },
    ],
  };
}
