import type { ModalView } from '@slack/types';
import { channelsInput } from '../../slack/blocks/inputs.js';
import { formFrame } from '../../slack/blocks/modals.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { letterFormBlocks, letterViews } from '../../slack/ids.js';
import type { Letter } from '../model.js';

/** **Post to channels…**: pick the channels; `private_metadata` is the letter's ID. */
export function buildPostLetterForm(letter: Letter): ModalView {
  const opens = letter.status === 'draft' ? ' Posting opens it for signing.' : '';
  return {
    ...formFrame({
      callbackId: letterViews.post,
      metadata: letter.id,
      title: 'Post the letter',
      submit: 'Post',
    }),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${escapeMrkdwn(letter.text.title)}* (\`${letter.slug}\`).${opens}` },
      },
      channelsInput(letterFormBlocks.channels),
    ],
  };
}
