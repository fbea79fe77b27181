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
 * was away): nothing changed, and trying again later is the way out. `subject` is what was not recorded,
 * e.g. `Your signature`.
 */
export function buildNotRecordedModal(title: string, subject: string): ModalView {
  return buildNoticeModal(
    title,
    `:warning: ${subject} could not be recorded just now, so nothing changed. Please try again in a moment.`,
  );
}
