import type { ModalView } from '@slack/types';
import { channelsInput } from '../../slack/blocks/inputs.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { letterFormBlocks, letterViews } from '../../slack/ids.js';
import type { Letter } from '../model.js';

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
      channelsInput(letterFormBlocks.channels),
    ],
  };
}
