/** The state sent to a page: the channels a person sees, each channel's timeline, the open modal and Home. */
import { dmChannelId, findChannel } from '../support/slack/index.js';
import { renderBlocks, renderModal } from './blocks.js';
import { ephemeralHtml, messageHtml } from './message-html.js';
import { firstSeen, type PlaygroundState, renderContextFor } from './playground-state.js';
import { playgroundChannels } from './roster.js';

function ephemeralsFor(state: PlaygroundState, user: string) {
  const stored = state.standIn.ephemerals(user).map((e) => ({ ...e, blocks: e.blocks as unknown[] }));
  return [...stored, ...state.localEphemerals.filter((e) => e.user === user)];
}

function timeline(state: PlaygroundState, channel: string, user: string): string {
  const all = state.standIn.messages(channel);
  const ephemerals = ephemeralsFor(state, user).filter((e) => e.channel === channel);
  const items: { at: number; html: string }[] = [];
  for (const message of all) {
    if (message.thread_ts && message.thread_ts !== message.ts) continue;
    const replies = all
      .filter((r) => r.thread_ts === message.ts && r.ts !== message.ts)
      .map((r) => ({ at: firstSeen(state, r.channel, r.ts), html: messageHtml(state, r, user, '') }));
    for (const e of ephemerals.filter((x) => x.thread_ts === message.ts)) {
      replies.push({ at: e.at, html: ephemeralHtml(state, e, e.at, user) });
    }
    replies.sort((a, b) => a.at - b.at);
    const thread = replies.length
      ? `<div class="thread"><div class="thread-count">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</div>${replies.map((r) => r.html).join('')}</div>`
      : '';
    items.push({
      at: firstSeen(state, channel, message.ts),
      html: messageHtml(state, message, user, thread),
    });
  }
  for (const e of ephemerals) {
    if (e.thread_ts && all.some((m) => m.ts === e.thread_ts)) continue;
    items.push({ at: e.at, html: ephemeralHtml(state, e, e.at, user) });
  }
  items.sort((a, b) => a.at - b.at);
  return items.map((i) => i.html).join('') || '<div class="empty">No messages yet.</div>';
}

function channelsFor(state: PlaygroundState, user: string) {
  const { standIn } = state;
  const rooms = playgroundChannels
    .map((id) => findChannel(standIn.workspace, id))
    .filter((c) => c !== undefined);
  const listed = rooms
    .filter((c) => !c.is_private || c.members.includes(user))
    .map((c) => ({ id: c.id, name: c.name, private: c.is_private, shared: c.is_ext_shared }));
  const dm = dmChannelId(user);
  if (standIn.messages(dm).length > 0 || ephemeralsFor(state, user).some((e) => e.channel === dm)) {
    listed.push({ id: dm, name: 'Rally', private: true, shared: false });
  }
  return listed;
}

function openModal(state: PlaygroundState, user: string) {
  const modals = state.standIn
    .views()
    .filter((v) => v.type === 'modal' && v.user === user && !state.closedViews.has(v.id));
  const view = modals.at(-1);
  if (!view) return null;
  const ctx = renderContextFor(state, user, state.viewErrors.get(view.id));
  return { id: view.id, html: renderModal(view.view, view.id, ctx) };
}

/** Everything `user`'s page shows, as the JSON sent on the event stream. */
export function snapshot(state: PlaygroundState, user: string): string {
  const channels = channelsFor(state, user);
  const home = state.standIn.homeView(user);
  return JSON.stringify({
    user,
    channels,
    timelines: Object.fromEntries(channels.map((c) => [c.id, timeline(state, c.id, user)])),
    modal: openModal(state, user),
    home: home ? { id: home.id, html: renderBlocks(home.view.blocks, renderContextFor(state, user)) } : null,
  });
}
