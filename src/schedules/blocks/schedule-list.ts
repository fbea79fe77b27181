import type { KnownBlock } from '@slack/types';
import type { Reminder } from '../../reminders/model.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { scheduleActions } from '../../slack/ids.js';
import { truncate } from '../../text/cut.js';

/** A scheduled donation prompt as the list shows it. */
export interface ScheduledPrompt {
  channel: string;
  description: string;
}

const cancelButton = (text: string, actionId: string, value: string) => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text },
  action_id: actionId,
  value,
});

/** A reminder, when and where it goes off, with **Cancel** (its creator or an organizer may press it). */
export function reminderBlock(r: Reminder): KnownBlock {
  const where = r.target === r.creator ? 'to you' : `in <#${r.target}>`;
  const when = r.description ?? escapeMrkdwn(r.when);
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `:alarm_clock: *${escapeMrkdwn(truncate(r.text, 200))}*\n${when}, ${where}`,
    },
    accessory: cancelButton('Cancel', scheduleActions.cancelReminder, r.id),
  };
}

/** A channel's recurring donation prompt, with **Stop** (organizers). */
export function donationScheduleBlock(p: ScheduledPrompt): KnownBlock {
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `:heart: Donation prompt in <#${p.channel}>, ${escapeMrkdwn(p.description)}`,
    },
    accessory: cancelButton('Stop', scheduleActions.stopDonation, p.channel),
  };
}

/** A channel's digest, with **Stop** (organizers). */
export function digestScheduleBlock(digest: ScheduledPrompt): KnownBlock {
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `:newspaper: Digest of <#${digest.channel}>, ${escapeMrkdwn(digest.description)}`,
    },
    accessory: cancelButton('Stop', scheduleActions.stopDigest, digest.channel),
  };
}

/**
 * The private answer to `/rally reminders`: the person's reminders and this channel's, each with when,
 * where and a Cancel button, then the channel's scheduled donation prompt and digest. At most 42 entries.
 */
export function buildScheduleList(
  reminders: readonly Reminder[],
  prompts: readonly ScheduledPrompt[],
  digest?: ScheduledPrompt,
): MessageContent {
  if (reminders.length === 0 && prompts.length === 0 && !digest) {
    const text =
      'No reminders or scheduled posts here. Set one with `/rally remind me "Sign the letter" in 2 hours`.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = reminders.slice(0, 40).map(reminderBlock);
  for (const p of prompts.slice(0, 40 - blocks.length)) blocks.push(donationScheduleBlock(p));
  if (digest) blocks.push(digestScheduleBlock(digest));
  const text = `${reminders.length} reminders, ${prompts.length} scheduled donation prompts${digest ? ', a digest' : ''}`;
  return { text, blocks };
}
