import type { KnownBlock } from '@slack/types';
import type { SmallNumbersRule } from '../../privacy/small-numbers.js';
import { actionButton } from '../../slack/blocks/buttons.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { letterActions } from '../../slack/ids.js';
import type { Letter, SignatureTally } from '../model.js';
import { buildLetterMessage } from './letter-message.js';

/**
 * What an organizer receives privately after saving a letter: the letter as its copies will show it, a
 * line about its state, and its buttons (post, edit, discard a draft). `problem` says what was wrong with
 * the closing time they typed.
 */
export function buildLetterPreview(
  letter: Letter,
  tally: SignatureTally,
  rule: SmallNumbersRule,
  problem?: string,
): MessageContent {
  const state =
    letter.status === 'draft'
      ? `*Draft* \`${letter.slug}\`: only you see it. Post it to open it for signing.`
      : `*${letter.status === 'open' ? 'Open' : 'Closed'}* \`${letter.slug}\`: saved.`;
  const preview = buildLetterMessage(letter, tally, rule);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: state } },
    ...(problem
      ? [
          {
            type: 'section' as const,
            text: {
              type: 'mrkdwn' as const,
              text: `:warning: ${escapeMrkdwn(problem)} The letter has no closing time until you edit it.`,
            },
          },
        ]
      : []),
    { type: 'divider' },
    ...preview.blocks.filter((b) => b.type !== 'actions'),
    { type: 'divider' },
    {
      type: 'actions',
      elements: [
        ...(letter.status !== 'closed'
          ? [actionButton(letterActions.post, 'Post to channels…', letter.id, 'primary')]
          : []),
        ...(letter.status !== 'closed' ? [actionButton(letterActions.edit, 'Edit', letter.id)] : []),
        ...(letter.status === 'draft' ? [actionButton(letterActions.discard, 'Discard', letter.id)] : []),
      ],
    },
  ];
  return { text: `Preview of the letter ${letter.text.title}`.slice(0, 3000), blocks: blocks.slice(0, 50) };
}
