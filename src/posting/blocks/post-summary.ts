import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { sectionTextLimit } from '../../slack/blocks/split-text.js';
import { truncate } from '../../slack/blocks/text-blocks.js';
import { postConfirmSharedActionId } from '../../slack/ids.js';
import type { ChannelResult, PostedKind } from '../model.js';

const what: Record<PostedKind, string> = {
  article: 'the article',
  letter: 'the letter',
  donation: 'the donation prompt',
  event: 'the event',
};

/** The value of the "post anyway" button: what (the kind, and which letter or article) and where, never who. */
export const confirmSharedValue = (kind: PostedKind, channel: string, itemId?: string) =>
  itemId ? `${kind}:${channel}:${itemId}` : `${kind}:${channel}`;

// Buttons made before letters and articles had IDs carry no third part.
const confirmValuePattern = /^(article|letter|donation|event):([CG][A-Z0-9]+)(?::([A-Za-z0-9_-]{1,64}))?$/;

/** Reads a "post anyway" button's value; undefined when it is not one Rally made. */
export function parseConfirmSharedValue(
  value: string | undefined,
): { kind: PostedKind; channel: string; itemId?: string } | undefined {
  const match = confirmValuePattern.exec(typeof value === 'string' ? value : '');
  if (!match?.[1] || !match[2]) return undefined;
  return { kind: match[1] as PostedKind, channel: match[2], ...(match[3] ? { itemId: match[3] } : {}) };
}

function line({ channel, outcome }: ChannelResult): string {
  switch (outcome.status) {
    case 'posted':
      return `:white_check_mark: <#${channel}>: posted${outcome.permalink ? ` (<${outcome.permalink}|open>)` : ''}`;
    case 'failed':
      return `:x: <#${channel}>: not posted. ${escapeMrkdwn(outcome.reason)}`;
    case 'needs-confirmation':
      return `:warning: <#${channel}>: not posted yet. ${escapeMrkdwn(outcome.reason)}`;
  }
}

/** Slack's limit on a message's text. */
const messageTextLimit = 40_000;

/** Lines packed in order into as few sections as fit Slack's 3,000 characters; a line is never split. */
function lineSections(lines: readonly string[]): KnownBlock[] {
  const chunks: string[] = [];
  let current = '';
  for (const next of lines) {
    if (current && current.length + 1 + next.length > sectionTextLimit) {
      chunks.push(current);
      current = next;
    } else current = current ? `${current}\n${next}` : next;
  }
  if (current) chunks.push(current);
  return chunks.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

/**
 * The organizer's private summary of a post request: one line per channel, and a way past each warning.
 * `itemId` is the letter, article or event posted, which "post anyway" posts. A request names up to 500
 * channels: the lines fill as many sections as Slack's limits ask.
 */
export function buildPostSummary(
  kind: PostedKind,
  results: readonly ChannelResult[],
  itemId?: string,
): MessageContent {
  const posted = results.filter((r) => r.outcome.status === 'posted').length;
  const heading = `Posting ${what[kind]}: ${posted} of ${results.length} ${results.length === 1 ? 'channel' : 'channels'} done.`;
  const lines = results.map(line);
  const blocks: KnownBlock[] = lineSections([`*${heading}*`, ...lines]);
  const toConfirm = results.filter((r) => r.outcome.status === 'needs-confirmation').slice(0, 25);
  if (toConfirm.length > 0) {
    blocks.push({
      type: 'actions',
      elements: toConfirm.map((r) => ({
        type: 'button',
        action_id: postConfirmSharedActionId(r.channel),
        text: { type: 'plain_text', text: `Post anyway to this shared channel (${r.channel})` },
        value: confirmSharedValue(kind, r.channel, itemId),
      })),
    });
  }
  return { text: truncate([heading, ...lines].join('\n'), messageTextLimit), blocks };
}
