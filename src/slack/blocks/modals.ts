import type { ModalView } from '@slack/types';
import { plainText as plain, truncate } from './text-blocks.js';

/** A form's frame: its callback, the ID it carries, and its three labels (titles cut at Slack's 24 characters). */
export function formFrame(frame: {
  callbackId: string;
  title: string;
  submit: string;
  close?: string;
  metadata?: string | undefined;
}): Omit<ModalView, 'blocks'> {
  return {
    type: 'modal',
    callback_id: frame.callbackId,
    ...(frame.metadata !== undefined ? { private_metadata: frame.metadata } : {}),
    title: plain(truncate(frame.title, 24)),
    submit: plain(frame.submit),
    close: plain(frame.close ?? 'Cancel'),
  };
}

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
