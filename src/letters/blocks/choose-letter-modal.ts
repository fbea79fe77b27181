import type { ModalView } from '@slack/types';
import { formFrame } from '../../slack/blocks/modals.js';
import { letterChoiceBlock, letterViews } from '../../slack/ids.js';
import { truncate } from '../../text/cut.js';
import type { Letter } from '../model.js';

/** The most letters a select menu lists (Slack's limit on a static select's options). */
const maxListed = 100;

/**
 * What **Sign a letter** opens when several letters are open: a choice of one (newest first, by title and
 * short name), then its signing form.
 */
export function buildChooseLetterModal(letters: readonly Letter[]): ModalView {
  return {
    ...formFrame({ callbackId: letterViews.choose, title: 'Sign a letter', submit: 'Next' }),
    blocks: [
      {
        type: 'input',
        block_id: letterChoiceBlock,
        label: { type: 'plain_text', text: 'Which letter?' },
        element: {
          type: 'static_select',
          action_id: letterChoiceBlock,
          options: letters.slice(0, maxListed).map((letter) => ({
            // An option's text holds 75 characters.
            text: {
              type: 'plain_text' as const,
              text: truncate(`${letter.text.title} (${letter.slug})`, 75),
            },
            value: letter.id,
          })),
        },
      },
    ],
  };
}
