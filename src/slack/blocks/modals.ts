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
