import type { ModalView } from '@slack/types';
import { formFrame } from '../../slack/blocks/modals.js';
import { plainText as plain } from '../../slack/blocks/text-blocks.js';
import { reminderFormBlocks, reminderViews } from '../../slack/ids.js';
import { recurrenceExamples } from '../../time/when.js';

/** The longest reminder text, as `/rally remind` takes it. */
export const reminderTextMaxLength = 1_000;
const whenMaxLength = 200;

/**
 * What the **Remind…** shortcut opens, for people who never type a command: whom to remind (themselves,
 * or a channel they are in), what, and when in plain words, read in their Slack time zone as
 * `/rally remind` reads it.
 */
export function buildReminderForm(): ModalView {
  return {
    ...formFrame({ callbackId: reminderViews.create, title: 'Remind…', submit: 'Set reminder' }),
    blocks: [
      {
        type: 'input',
        block_id: reminderFormBlocks.who,
        label: plain('Remind'),
        element: {
          type: 'radio_buttons',
          action_id: reminderFormBlocks.who,
          initial_option: { text: plain('Me, in a message from Rally'), value: 'me' },
          options: [
            { text: plain('Me, in a message from Rally'), value: 'me' },
            { text: plain('A channel I am in'), value: 'channel' },
          ],
        },
      },
      {
        type: 'input',
        block_id: reminderFormBlocks.channel,
        optional: true,
        label: plain('Channel (when reminding a channel)'),
        element: {
          type: 'conversations_select',
          action_id: reminderFormBlocks.channel,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
        },
      },
      {
        type: 'input',
        block_id: reminderFormBlocks.text,
        label: plain('What'),
        element: {
          type: 'plain_text_input',
          action_id: reminderFormBlocks.text,
          multiline: true,
          max_length: reminderTextMaxLength,
          placeholder: plain('Sign the letter before Friday'),
        },
      },
      {
        type: 'input',
        block_id: reminderFormBlocks.when,
        label: plain('When'),
        hint: plain(
          `In plain words, in your time zone: "tomorrow at 9am", "in 2 hours", ${recurrenceExamples}.`,
        ),
        element: { type: 'plain_text_input', action_id: reminderFormBlocks.when, max_length: whenMaxLength },
      },
    ],
  };
}
