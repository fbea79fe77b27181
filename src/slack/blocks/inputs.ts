import type { KnownBlock } from '@slack/types';
import { plainText as plain } from './text-blocks.js';

/** The most characters Slack lets a `plain_text_input` take (its `max_length`). */
export const textInputLimit = 3000;

export interface TextInputOptions {
  /** What Slack lets the person type at most (the client stops them there); at most 3,000. */
  maxLength: number;
  multiline?: boolean;
  optional?: boolean;
  initial?: string | undefined;
  hint?: string;
  placeholder?: string;
}

/** A form's text box, whose action ID is its block ID (so a reader finds its value under one name). */
export function textInput(blockId: string, label: string, options: TextInputOptions): KnownBlock {
  return {
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
  };
}

/** The most channels a form lets an organizer pick at once. */
export const maxChannelsPerForm = 50;

/**
 * A required picker of channels, public and private, shared ones included (Rally asks before posting
 * there); its action ID is its block ID.
 */
export function channelsInput(blockId: string, label = 'Channels'): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: {
      type: 'multi_conversations_select',
      action_id: blockId,
      max_selected_items: maxChannelsPerForm,
      filter: {
        include: ['public', 'private'],
        exclude_bot_users: true,
        exclude_external_shared_channels: false,
      },
    },
  };
}

/** The channels picked in a {@link channelsInput}, as a submitted form gives them; undefined when none. */
export function readPickedChannels(
  values: Record<string, Record<string, unknown>>,
  blockId: string,
): string[] | undefined {
  const element = values[blockId]?.[blockId] as { selected_conversations?: unknown } | undefined;
  const picked = element?.selected_conversations;
  if (!Array.isArray(picked) || picked.length === 0) return undefined;
  return picked.every((id) => typeof id === 'string' && /^[CG][A-Z0-9]+$/.test(id)) ? picked : undefined;
}
