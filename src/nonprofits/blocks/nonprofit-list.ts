import type { Button, KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { plainText as plain } from '../../slack/blocks/text-blocks.js';
import { nonprofitActions } from '../../slack/ids.js';
import type { Nonprofit } from '../model.js';

const addButton: Button = {
  type: 'button',
  action_id: nonprofitActions.add,
  text: plain('Add a nonprofit'),
  style: 'primary',
  value: 'add',
};

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/**
 * The organizers' private answer to `/rally nonprofits`: each nonprofit with its link, its line and a
 * **Remove** button (its value is the nonprofit's ID), then **Add a nonprofit** while there is room.
 * `note` leads the list, such as the confirmation of a removal.
 */
export function buildNonprofitList(
  nonprofits: readonly Nonprofit[],
  max: number,
  note?: string,
): MessageContent {
  const blocks: KnownBlock[] = note ? [section(note), { type: 'divider' }] : [];
  if (nonprofits.length === 0) {
    const empty =
      'No nonprofits are listed, so `/rally donate` has nothing to post. Add one, with its https link and a line on what it does.';
    blocks.push(section(empty), { type: 'actions', elements: [addButton] });
    return { text: [note, empty].filter(Boolean).join('\n'), blocks };
  }
  blocks.push(
    section(`*Nonprofits that donation prompts link to* (${nonprofits.length} of at most ${max})`),
    ...nonprofits.map(
      (n): KnownBlock => ({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${escapeMrkdwn(n.name)}*\n${escapeMrkdwn(n.description)}\n${escapeMrkdwn(n.url)}`,
        },
        accessory: { type: 'button', action_id: nonprofitActions.remove, text: plain('Remove'), value: n.id },
      }),
    ),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'New donation prompts list these, in this order; prompts already posted keep the list they were posted with. Check a nonprofit before you add it: coworkers will give to it.',
        },
      ],
    },
    nonprofits.length < max
      ? { type: 'actions', elements: [addButton] }
      : section(`The list is full (${max}): remove one to add another.`),
  );
  const names = nonprofits.map((n) => n.name).join(', ');
  return {
    text: [note, `Nonprofits that donation prompts link to: ${names}`].filter(Boolean).join('\n'),
    blocks,
  };
}
