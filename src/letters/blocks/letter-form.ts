import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { textInput } from '../../slack/blocks/inputs.js';
import { formFrame } from '../../slack/blocks/modals.js';
import { plainText as plain } from '../../slack/blocks/text-blocks.js';
import { letterFormBlocks, letterViews } from '../../slack/ids.js';
import type { Letter } from '../model.js';

/**
 * Slack's limits on a form's text boxes: 3,000 characters a box, 150 for a single line. A letter's text
 * takes up to `bodyBoxes` boxes (the campaign file's longest letter needs 53), inside a modal's 100 blocks.
 */
export const letterFormLimits = {
  title: 150,
  addressee: 150,
  body: 3000,
  bodyBoxes: 60,
  closes: 200,
} as const;

/** The block (and action) ID of the letter's text box number `index`, from 0. */
export const bodyBoxId = (index: number): string =>
  index === 0 ? letterFormBlocks.body : `${letterFormBlocks.body}_${index + 1}`;

/** The ways of signing other than with a name, which a letter may take (both by default). */
export const signingWays = {
  anonymous: 'Anonymous signatures',
  conditional: 'Names shown once enough coworkers sign with theirs',
} as const;

const way = (value: keyof typeof signingWays): PlainTextOption => ({
  text: plain(signingWays[value]),
  value,
});

/**
 * Fills the text boxes with the letter's paragraphs in order, each box as full as whole paragraphs allow
 * (a paragraph never takes more than one box), plus one empty box to go on in: at least two boxes.
 */
export function bodyBoxes(paragraphs: readonly string[]): string[] {
  const boxes: string[] = [];
  let box = '';
  for (const paragraph of paragraphs) {
    const joined = box ? `${box}\n\n${paragraph}` : paragraph;
    if (joined.length <= letterFormLimits.body) box = joined;
    else {
      boxes.push(box);
      box = paragraph;
    }
  }
  if (box) boxes.push(box);
  if (boxes.length < letterFormLimits.bodyBoxes) boxes.push('');
  while (boxes.length < 2) boxes.push('');
  return boxes;
}

/**
 * The form organizers write a letter in (`/rally letter new`, or **Edit** on a draft): title, addressee,
 * the text in up to two boxes (Slack takes 3,000 characters a box, and the form says so), an optional goal
 * and closing time in plain words, and which ways of signing it takes. `private_metadata` holds the ID of
 * the letter being edited, empty for a new one.
 */
export function buildLetterForm(letter?: Letter): ModalView {
  const boxes = bodyBoxes(letter?.text.paragraphs ?? []);
  const ways = [
    ...(letter?.allowAnonymous === false ? [] : [way('anonymous')]),
    ...(letter?.allowConditional === false ? [] : [way('conditional')]),
  ];
  const blocks: KnownBlock[] = [
    textInput(letterFormBlocks.title, 'Title', {
      maxLength: letterFormLimits.title,
      initial: letter?.text.title,
      placeholder: 'End the contract with ICE',
    }),
    textInput(letterFormBlocks.addressee, 'Addressed to', {
      maxLength: letterFormLimits.addressee,
      initial: letter?.text.addressee,
      placeholder: 'Satya Nadella, chief executive',
    }),
    ...boxes.map((initial, index) =>
      textInput(bodyBoxId(index), index === 0 ? 'The letter' : 'The letter, continued', {
        maxLength: letterFormLimits.body,
        multiline: true,
        initial,
        ...(index === 0
          ? {
              hint: 'Paragraphs separated by a blank line. *bold* and _italics_ work. Slack takes 3,000 characters a box: go on in the next one.',
            }
          : { optional: true }),
      }),
    ),
    {
      type: 'input',
      block_id: letterFormBlocks.goal,
      optional: true,
      label: plain('Goal: number of signatures'),
      element: {
        type: 'number_input',
        action_id: letterFormBlocks.goal,
        is_decimal_allowed: false,
        min_value: '1',
        max_value: '1000000',
        ...(letter?.goal ? { initial_value: String(letter.goal) } : {}),
      },
    },
    textInput(letterFormBlocks.closes, 'Signing closes (optional)', {
      maxLength: letterFormLimits.closes,
      optional: true,
      initial: letter?.closesWords,
      hint: 'In plain words, read in your time zone: "in 2 weeks", "dec 15 17:00", "friday 9am".',
    }),
    {
      type: 'input',
      block_id: letterFormBlocks.ways,
      optional: true,
      label: plain('Besides signing with a name, people may sign'),
      element: {
        type: 'checkboxes',
        action_id: letterFormBlocks.ways,
        options: [way('anonymous'), way('conditional')],
        ...(ways.length > 0 ? { initial_options: ways } : {}),
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'It is saved as a draft, shown only to you, until you post it. Once anyone signs, its text is frozen: to change it, revise it into a new letter.',
        },
      ],
    },
  ];
  return {
    ...formFrame({
      callbackId: letterViews.form,
      metadata: letter?.id ?? '',
      title: letter ? 'Edit the letter' : 'New letter',
      submit: 'Save draft',
    }),
    blocks,
  };
}
