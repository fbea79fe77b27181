import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { letterFormBlocks, letterViews } from '../../slack/ids.js';
import type { Letter } from '../model.js';

/** Slack's limits on a form's text boxes: 3,000 characters a box, 150 for a single line. */
export const letterFormLimits = { title: 150, addressee: 150, body: 3000, closes: 200 } as const;

/** The ways of signing other than with a name, which a letter may take (both by default). */
export const signingWays = {
  anonymous: 'Anonymous signatures',
  conditional: 'Names shown once enough coworkers sign with theirs',
} as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const way = (value: keyof typeof signingWays): PlainTextOption => ({
  text: plain(signingWays[value]),
  value,
});

const textInput = (
  blockId: string,
  label: string,
  options: {
    maxLength: number;
    multiline?: boolean;
    optional?: boolean;
    initial?: string;
    hint?: string;
    placeholder?: string;
  },
): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  ...(options.optional ? { optional: true } : {}),
  ...(options.hint ? { hint: plain(options.hint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: blockId,
    max_length: options.maxLength,
    ...(options.multiline ? { multiline: true } : {}),
    ...(options.initial ? { initial_value: options.initial } : {}),
    ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
  },
});

/** Splits a letter's text over the two body boxes: paragraphs in order, the second box taking what does not fit. */
function bodyBoxes(paragraphs: readonly string[]): [string, string] {
  let first = '';
  let rest = '';
  for (const paragraph of paragraphs) {
    const joined = first ? `${first}\n\n${paragraph}` : paragraph;
    if (!rest && joined.length <= letterFormLimits.body) first = joined;
    else rest = rest ? `${rest}\n\n${paragraph}` : paragraph;
  }
  return [first, rest.slice(0, letterFormLimits.body)];
}

/**
 * The form organizers write a letter in (`/rally letter new`, or **Edit** on a draft): title, addressee,
 * the text in up to two boxes (Slack takes 3,000 characters a box, and the form says so), an optional goal
 * and closing time in plain words, and which ways of signing it takes. `private_metadata` holds the ID of
 * the letter being edited, empty for a new one.
 */
export function buildLetterForm(letter?: Letter): ModalView {
  const [body, more] = bodyBoxes(letter?.text.paragraphs ?? []);
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
    textInput(letterFormBlocks.body, 'The letter', {
      maxLength: letterFormLimits.body,
      multiline: true,
      initial: body,
      hint: 'Paragraphs separated by a blank line. *bold* and _italics_ work. Slack takes 3,000 characters a box: go on in the next one.',
    }),
    textInput(letterFormBlocks.more, 'The letter, continued', {
      maxLength: letterFormLimits.body,
      multiline: true,
      optional: true,
      initial: more,
    }),
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
    type: 'modal',
    callback_id: letterViews.form,
    private_metadata: letter?.id ?? '',
    title: plain(letter ? 'Edit the letter' : 'New letter'),
    submit: plain('Save draft'),
    close: plain('Cancel'),
    blocks,
  };
}
