import type { Button, KnownBlock } from '@slack/types';
import type { SmallNumbersRule } from '../../privacy/small-numbers.js';
import { actionButton } from '../../slack/blocks/buttons.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { slackDate } from '../../slack/blocks/slack-date.js';
import { letterActions } from '../../slack/ids.js';
import type { Letter, SignatureTally } from '../model.js';
import { closeLetterButton } from './letter-actions.js';
import { goalLine, signatureLine } from './letter-message.js';

/** A letter and its counts, as a list shows it. */
export interface ListedLetter {
  letter: Letter;
  tally: SignatureTally;
}

/** The most letters one list shows: two blocks each, within a message's 50. */
const listed = 20;

const statusLabel: Record<Letter['status'], string> = {
  draft: ':pencil2: Draft',
  open: ':large_green_circle: Open',
  closed: ':lock: Closed',
};

function organizerButtons(letter: Letter): Button[] {
  const { id } = letter;
  switch (letter.status) {
    case 'draft':
      return [
        actionButton(letterActions.post, 'Post…', id, 'primary'),
        actionButton(letterActions.edit, 'Edit', id),
        actionButton(letterActions.discard, 'Discard', id),
      ];
    case 'open':
      return [
        actionButton(letterActions.post, 'Post…', id),
        actionButton(letterActions.edit, 'Edit', id),
        actionButton(letterActions.export, 'Export', id),
        actionButton(letterActions.revise, 'Revise', id),
        closeLetterButton(letterActions.close, id),
      ];
    case 'closed':
      return [
        actionButton(letterActions.export, 'Export', id),
        actionButton(letterActions.revise, 'Revise', id),
      ];
  }
}

/** How organizers see one letter (its state, counts, goal and closing time) and the buttons it allows. */
export function organizerLetterBlocks(entry: ListedLetter, rule: SmallNumbersRule): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: organizerLine(entry, rule) } },
    { type: 'actions', elements: organizerButtons(entry.letter) },
  ];
}

function organizerLine({ letter, tally }: ListedLetter, rule: SmallNumbersRule): string {
  const facts = [
    `${statusLabel[letter.status]} · \`${letter.slug}\``,
    ...(letter.status !== 'draft' ? [signatureLine(tally, rule)] : []),
    ...(letter.goal ? [goalLine(letter.goal, tally, rule)] : []),
    ...(letter.status === 'open' && letter.closesAt ? [`Closes ${slackDate(letter.closesAt)}`] : []),
    ...(letter.replacedBy ? ['Replaced by a revision'] : []),
  ];
  return `*${escapeMrkdwn(letter.text.title)}*\n${facts.join('\n')}`;
}

/**
 * The private answer to `/rally letters`. Participants see the open letters, each with its count and a
 * Sign button. Organizers see every letter (drafts included) with its state, counts, goal and closing
 * time, and the actions it allows: post, edit or discard a draft; export, revise or close an open letter.
 */
export function buildLetterList(
  letters: readonly ListedLetter[],
  rule: SmallNumbersRule,
  viewer: 'organizer' | 'participant',
): MessageContent {
  const shown = (viewer === 'organizer' ? letters : letters.filter((l) => l.letter.status === 'open')).slice(
    0,
    listed,
  );
  if (shown.length === 0) {
    const text =
      viewer === 'organizer'
        ? 'No letters yet. Write one with `/rally letter new`.'
        : 'No letter is open for signing right now.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = shown.flatMap((entry): KnownBlock[] => {
    const { letter } = entry;
    if (viewer === 'participant') {
      return [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `*${escapeMrkdwn(letter.text.title)}* · \`${letter.slug}\`\n${signatureLine(entry.tally, rule)}`,
          },
          accessory: actionButton(letterActions.sign, 'Sign', letter.id, 'primary'),
        },
      ];
    }
    return organizerLetterBlocks(entry, rule);
  });
  const more = letters.length > shown.length && viewer === 'organizer' ? ` (the ${listed} newest shown)` : '';
  return { text: `${shown.length} letters${more}`, blocks };
}
