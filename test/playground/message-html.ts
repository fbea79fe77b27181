/** One message of a channel as the page shows it: author, time, body, reactions and thread. */
import type { StoredMessage } from '../support/slack/index.js';
import { emojiName, escapeHtml, renderMessageBody } from './blocks.js';
import { firstSeen, type PlaygroundState, renderContextFor, userName, zoneOf } from './playground-state.js';

export interface EphemeralLike {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
}

function clock(state: PlaygroundState, at: number, user: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zoneOf(state, user),
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

function reactionsHtml(message: StoredMessage, user: string): string {
  const chips = message.reactions.map((r) => {
    const mine = r.users.includes(user) ? ' mine' : '';
    const glyph = emojiName(r.name) ?? `:${r.name}:`;
    return `<button type="button" class="reaction${mine}" data-name="${escapeHtml(r.name)}" title=":${escapeHtml(r.name)}:">${escapeHtml(glyph)} <span class="count">${r.count}</span></button>`;
  });
  return `<div class="reactions">${chips.join('')}<button type="button" class="add-reaction" title="Add a reaction">☺+</button></div>`;
}

export function messageHtml(
  state: PlaygroundState,
  message: StoredMessage,
  user: string,
  replies: string,
): string {
  const at = firstSeen(state, message.channel, message.ts);
  const isBot = message.user === state.standIn.workspace.botUserId;
  const author = isBot ? 'Rally' : (userName(state, message.user) ?? message.user);
  const edited = message.updates > 0 ? ' <span class="edited">(edited)</span>' : '';
  return `<div class="msg" data-channel="${escapeHtml(message.channel)}" data-ts="${escapeHtml(message.ts)}"><div class="msg-head"><b>${escapeHtml(author)}</b>${isBot ? ' <span class="app-tag">APP</span>' : ''} <time>${escapeHtml(clock(state, at, user))}</time>${edited}</div><div class="msg-body">${renderMessageBody(message, renderContextFor(state, user))}</div>${reactionsHtml(message, user)}${replies}</div>`;
}

export function ephemeralHtml(state: PlaygroundState, e: EphemeralLike, at: number, user: string): string {
  return `<div class="msg ephemeral" data-channel="${escapeHtml(e.channel)}" data-ts="${escapeHtml(e.ts)}" data-ephemeral="1"><div class="msg-head"><b>Rally</b> <span class="app-tag">APP</span> <time>${escapeHtml(clock(state, at, user))}</time> <span class="only-you">Only visible to you</span></div><div class="msg-body">${renderMessageBody(e, renderContextFor(state, user))}</div></div>`;
}
