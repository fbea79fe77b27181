import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from './mrkdwn.js';

/** A message body Rally sends: blocks, and the plain text Slack shows in notifications and screen readers. */
export interface MessageContent {
  text: string;
  blocks: KnownBlock[];
}

/** A one-section message of mrkdwn, for short notices. */
export function buildNotice(mrkdwn: string): MessageContent {
  return { text: mrkdwn, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } }] };
}

/** How a command is written, to show after a mistake: its usage and, when given, an example. */
export interface CommandForm {
  usage: string;
  example?: string;
}

/** The private answer to command text Rally could not use: what was wrong, and the right form. */
export function buildCommandErrorMessage(problem: string, form: CommandForm): MessageContent {
  const example = form.example ? `\nFor example: \`${escapeMrkdwn(form.example)}\`` : '';
  const text = `:warning: ${escapeMrkdwn(problem)}\nThe right form is: \`${escapeMrkdwn(form.usage)}\`${example}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Told to someone from another organization (a Slack Connect channel) who tries to sign, vote or pledge. */
export const otherOrganizationMessage =
  'This is for members of the workspace where Rally runs. People from another organization in a shared channel can read it, but cannot sign, vote or pledge, and are not counted.';

/**
 * The private answer to a button, shortcut or form whose listener failed with no answer of its own (Redis
 * away or refusing writes, Slack failing a call). Rally cannot know how far it got, so it promises nothing.
 */
export const interactionFailedMessage: MessageContent = buildNotice(
  ':warning: Rally could not finish that just now, and cannot tell whether it took effect. Please check in a moment before trying again.',
);
