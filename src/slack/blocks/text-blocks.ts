import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { truncate } from '../../text/cut.js';
import { packParagraphs, sectionTextLimit, splitText } from './split-text.js';

/** The most blocks Slack accepts in a message. */
export const messageBlockLimit = 50;
/** The most blocks Slack accepts in a modal. */
export const modalBlockLimit = 100;
/** The most characters in a header block's text. */
export const headerTextLimit = 150;
/** The most elements in a context block. */
const contextElementLimit = 10;

/**
 * Cuts text to at most `max` characters, ending with an ellipsis when something was cut; never inside a
 * grapheme, an escape or a Slack `<…>` token.
 */
export { truncate };

/** A header block; plain text, so nothing to escape. */
/** Plain text as Slack's labels, titles and buttons take it, with emoji shortcodes shown as emoji. */
export const plainText = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, headerTextLimit) } };
}

/** Section blocks holding mrkdwn paragraphs, packed into as few sections as fit Slack's 3,000 characters. */
export function mrkdwnSections(paragraphs: readonly string[]): SectionBlock[] {
  return packParagraphs(paragraphs, sectionTextLimit).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
}

/** A context block of mrkdwn, split over its elements when long; what does not fit in ten is cut. */
export function mrkdwnContext(mrkdwn: string, blockId?: string): ContextBlock {
  const chunks = splitText(mrkdwn, sectionTextLimit);
  const shown = chunks.slice(0, contextElementLimit);
  if (chunks.length > contextElementLimit) shown[shown.length - 1] = truncate(shown.at(-1) ?? '', 2999);
  return {
    type: 'context',
    ...(blockId ? { block_id: blockId } : {}),
    elements: shown.map((text) => ({ type: 'mrkdwn', text })),
  };
}

/** Quotes mrkdwn as a Slack blockquote: every line starts with `>`. */
export function blockquote(mrkdwn: string): string {
  return mrkdwn
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * Keeps `content` within `room` blocks: when it has more, the last block that fits is replaced by
 * `notice`, which says where to read the rest.
 */
export function fitBlocks(content: readonly KnownBlock[], room: number, notice: KnownBlock): KnownBlock[] {
  if (content.length <= room) return [...content];
  return [...content.slice(0, Math.max(0, room - 1)), notice];
}
