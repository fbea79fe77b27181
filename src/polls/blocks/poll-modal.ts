import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { formFrame } from '../../slack/blocks/modals.js';
import { plainText as plain } from '../../slack/blocks/text-blocks.js';
import { pollBlocks, pollViews } from '../../slack/ids.js';
import { maxOptions, optionMaxLength, questionMaxLength } from '../validate.js';
import { pollNotes } from './poll-message.js';

/** The most characters the options box takes: ten options of 75 characters, with room for blank lines. */
export const optionsInputMaxLength = 1000;

/** The poll settings a creator can tick in the form, by the value of their checkbox. */
export const pollSettings = {
  anonymous: {
    label: 'Anonymous',
    description: 'Coworkers and organizers never see votes; after closing, nobody can.',
  },
  multiple: { label: 'Several choices', description: 'People can choose more than one option.' },
  hidden: { label: 'Hide results until it closes', description: 'No numbers are shown before then.' },
} as const;

export type PollSetting = keyof typeof pollSettings;

function settingOption(setting: PollSetting): PlainTextOption {
  return {
    text: plain(pollSettings[setting].label),
    description: plain(pollSettings[setting].description),
    value: setting,
  };
}

/** What a shortcut fills in: the question (from a message), or a channel to pick (from anywhere). */
export interface PollModalPrefill {
  question?: string;
  /** The form was opened outside a channel (a global shortcut): it asks where to post. */
  pickChannel?: boolean;
}

/**
 * The form `/rally poll` alone (or a shortcut) opens: the question, the options in one box, one per line, the settings
 * as checkboxes with what each means, and an optional closing date and time (without one, the poll
 * closes by itself after `maxPollDays`, `RALLY_MAX_POLL_DAYS`).
 *
 * One box with an option per line, rather than ten separate fields: it keeps the form short on phones,
 * a list can be pasted in one go from a doc or a chat, and reordering is editing text. Slack modals
 * cannot add fields as one types, so separate fields would mean ten boxes, eight of them usually empty.
 * A mistake is still pinned to the box and names the option ("Option 3 ...").
 */
export function buildPollModal(
  privateMetadata?: string,
  maxPollDays = 30,
  prefill: PollModalPrefill = {},
): ModalView {
  const channelPicker: KnownBlock = {
    type: 'input',
    block_id: pollBlocks.channel,
    label: plain('Post it in'),
    element: {
      type: 'conversations_select',
      action_id: pollBlocks.channel,
      default_to_current_conversation: true,
      filter: { include: ['public', 'private'], exclude_bot_users: true },
    },
  };
  const blocks: KnownBlock[] = [
    ...(prefill.pickChannel ? [channelPicker] : []),
    {
      type: 'input',
      block_id: pollBlocks.question,
      label: plain('Question'),
      element: {
        type: 'plain_text_input',
        action_id: pollBlocks.question,
        max_length: questionMaxLength,
        placeholder: plain('Do we join the walkout on Friday?'),
        ...(prefill.question ? { initial_value: prefill.question } : {}),
      },
    },
    {
      type: 'input',
      block_id: pollBlocks.options,
      label: plain('Options, one per line'),
      hint: plain(`2 to ${maxOptions} options, each up to ${optionMaxLength} characters.`),
      element: {
        type: 'plain_text_input',
        action_id: pollBlocks.options,
        multiline: true,
        max_length: optionsInputMaxLength,
        placeholder: plain('Yes\nNo\nNeed more info'),
      },
    },
    {
      type: 'input',
      block_id: pollBlocks.settings,
      optional: true,
      label: plain('Settings'),
      element: {
        type: 'checkboxes',
        action_id: pollBlocks.settings,
        options: [settingOption('anonymous'), settingOption('multiple'), settingOption('hidden')],
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${pollNotes.anonymous}\nWithout it: ${pollNotes.public} ${pollNotes.reactions}`,
        },
      ],
    },
    {
      type: 'input',
      block_id: pollBlocks.closes,
      optional: true,
      label: plain('Closes at'),
      hint: plain(
        `Leave it empty to close the poll yourself with Close poll; it then closes by itself after ${maxPollDays} days. At most a year ahead.`,
      ),
      element: { type: 'datetimepicker', action_id: pollBlocks.closes },
    },
  ];
  return {
    ...formFrame({
      callbackId: pollViews.create,
      metadata: privateMetadata,
      title: 'New poll',
      submit: 'Post poll',
    }),
    blocks,
  };
}
