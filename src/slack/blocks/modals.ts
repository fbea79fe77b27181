import type { ModalView } from '@slack/types';
import { truncate } from './text-blocks.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** A one-message modal that replaces the form after it was submitted. */
export function buildNoticeModal(title: string, message: string): ModalView {
  return {
    type: 'modal',
    title: plain(truncate(title, 24)),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: message } }],
  };
}

/**
 * The modal that replaces a submitted form whose answer Rally could not store (Redis refused the write or
 * was away). It does not say that nothing changed: when Redis goes away with the write on its way, Rally
 * cannot know. Trying again is safe and tells what Rally holds. `subject` is what was not confirmed, e.g.
 * `Your signature`.
 */
export function buildNotRecordedModal(title: string, subject: string): ModalView {
  return buildNoticeModal(
    title,
    `:warning: ${subject} could not be confirmed just now. Please try again in a moment: Rally will then tell you what it holds.`,
  );
}
