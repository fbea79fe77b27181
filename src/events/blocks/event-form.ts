import type { KnownBlock, ModalView } from '@slack/types';
import { textInput } from '../../slack/blocks/inputs.js';
import { formFrame } from '../../slack/blocks/modals.js';
import { plainText as plain } from '../../slack/blocks/text-blocks.js';
import { eventFormBlocks, eventViews } from '../../slack/ids.js';
import type { StoredEvent } from '../model.js';
import { timeWords } from '../times.js';
import { eventLimits } from '../validate.js';

/** The sentences of the form that say how answers are kept. */
export const answerModeNotes = {
  named:
    'Named: Rally keeps who answered what; anyone can ask for the list of who is going, which Rally posts in the thread.',
  counts:
    'Counts only: answers are kept under a code for this event only, never a Slack ID; counts show once enough people answered; when the event is over the code’s key is erased and nobody can tell who answered what. Reminders are off by default: a reminder is a direct message, which the workspace owner can export.',
} as const;

function placeForInput(initial: StoredEvent['placeFor']): KnownBlock {
  const option = {
    text: plain('Show the place only to people who answer Going'),
    description: plain('Everyone else sees "shown to people who are going".'),
    value: 'going',
  };
  return {
    type: 'input',
    block_id: eventFormBlocks.placeFor,
    optional: true,
    label: plain('Who sees the place'),
    element: {
      type: 'checkboxes',
      action_id: eventFormBlocks.placeFor,
      options: [option],
      ...(initial === 'going' ? { initial_options: [option] } : {}),
    },
  };
}

function answersInput(): KnownBlock {
  const named = {
    text: plain('Named'),
    description: plain('Who answered is kept; anyone can ask who is going.'),
    value: 'named',
  };
  return {
    type: 'input',
    block_id: eventFormBlocks.answers,
    label: plain('How answers are kept'),
    element: {
      type: 'radio_buttons',
      action_id: eventFormBlocks.answers,
      initial_option: named,
      options: [
        named,
        {
          text: plain('Counts only'),
          description: plain('A code per person for this event only, erased after it.'),
          value: 'counts',
        },
      ],
    },
  };
}

function channelsInput(): KnownBlock {
  return {
    type: 'input',
    block_id: eventFormBlocks.channels,
    optional: true,
    label: plain('Post it in'),
    hint: plain('Leave empty to post it in the channel where you typed the command.'),
    element: {
      type: 'multi_conversations_select',
      action_id: eventFormBlocks.channels,
      max_selected_items: 20,
      filter: { include: ['public', 'private'], exclude_bot_users: true },
    },
  };
}

/**
 * The event form: `/rally event` opens it empty (`zone`, when known, is named in the time hints), **Edit**
 * opens it filled in with the event (its times in the event's zone, read back there). How answers are kept
 * and where it is posted are chosen only when it is created.
 */
export function buildEventForm(metadata: string, options: { zone?: string; event?: StoredEvent }): ModalView {
  const { event } = options;
  const zone = event?.zone ?? options.zone;
  const inZone = zone ? ` Read in ${event ? 'the event’s time zone' : 'your Slack time zone'}, ${zone}.` : '';
  const blocks: KnownBlock[] = [
    textInput(eventFormBlocks.title, 'Title', {
      maxLength: eventLimits.title,
      initial: event?.title,
      placeholder: 'Walkout for families',
    }),
    textInput(eventFormBlocks.starts, 'Starts', {
      maxLength: 100,
      initial: event ? timeWords(event.startsAt, event.zone) : undefined,
      placeholder: 'friday 12:00',
      hint: `In plain words: "friday 12:00", "dec 4 17:30", "tomorrow at 9am".${inZone}`,
    }),
    textInput(eventFormBlocks.ends, 'Ends', {
      maxLength: 100,
      optional: true,
      initial: event?.endGiven ? timeWords(event.endsAt, event.zone) : undefined,
      placeholder: '13:30',
      hint: 'Optional: a time on the same day ("13:30") or a date and time. Without one, calendars show an hour.',
    }),
    textInput(eventFormBlocks.place, 'Place or link', {
      maxLength: eventLimits.place,
      optional: true,
      initial: event?.place,
      placeholder: 'Building 92 lobby',
    }),
    placeForInput(event?.placeFor ?? 'everyone'),
    textInput(eventFormBlocks.description, 'Description', {
      maxLength: eventLimits.description,
      multiline: true,
      optional: true,
      initial: event?.description,
    }),
  ];
  if (!event) {
    blocks.push(
      textInput(eventFormBlocks.capacity, 'Capacity', {
        maxLength: 6,
        optional: true,
        hint: 'Optional: the most people who can come. Once it is reached, more Going answers wait on a waitlist and move up in order as places free up.',
      }),
      answersInput(),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${answerModeNotes.named}\n${answerModeNotes.counts}` }],
      },
      channelsInput(),
    );
  }
  return {
    ...formFrame({
      callbackId: event ? eventViews.edit : eventViews.create,
      metadata: metadata,
      title: event ? 'Edit the event' : 'New event',
      submit: event ? 'Save and tell people' : 'Post',
    }),
    blocks,
  };
}
