import { SlackApiError } from '../api-error.js';
import { optionalBool, optionalString, requireString } from '../args.js';
import { channelObject, messageObject } from '../shapes.js';
import { compareTs } from '../state.js';
import { findUser } from '../workspace.js';
import {
  isBotMember,
  lookupConversation,
  type MethodContext,
  type MethodHandler,
  readScopeFor,
  requireScope,
  visibleConversation,
} from './context.js';
import { paginate } from './pagination.js';

const info: MethodHandler = (ctx) => {
  const channel = visibleConversation(ctx, optionalString(ctx.args, 'channel'));
  requireScope(ctx, readScopeFor(channel));
  return { channel: channelObject(ctx.workspace, channel, optionalBool(ctx.args, 'include_num_members')) };
};

const join: MethodHandler = (ctx) => {
  requireScope(ctx, 'channels:join');
  const channel = lookupConversation(ctx, optionalString(ctx.args, 'channel') ?? '');
  if (!channel || (channel.is_private && !isBotMember(ctx, channel)))
    throw new SlackApiError('channel_not_found');
  if (channel.is_private || channel.is_im) throw new SlackApiError('method_not_supported_for_channel_type');
  if (channel.is_archived) throw new SlackApiError('is_archived');
  if (isBotMember(ctx, channel)) {
    return {
      channel: channelObject(ctx.workspace, channel),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    };
  }
  channel.members.push(ctx.workspace.botUserId);
  channel.is_member = true;
  return { channel: channelObject(ctx.workspace, channel) };
};

const members: MethodHandler = (ctx) => {
  const channel = visibleConversation(ctx, optionalString(ctx.args, 'channel'));
  requireScope(ctx, readScopeFor(channel));
  const page = paginate(ctx.args, channel.members, (id) => id, 'user');
  return { members: page.items, response_metadata: page.response_metadata };
};

/** Only one-to-one DMs with the bot; group DMs are not modelled. */
const open: MethodHandler = (ctx) => {
  requireScope(ctx, 'im:write');
  const users = (optionalString(ctx.args, 'users') ?? '').split(',').filter(Boolean);
  if (users.length === 0) {
    const channel = visibleConversation(ctx, optionalString(ctx.args, 'channel'));
    return { no_op: true, already_open: true, channel: { id: channel.id } };
  }
  if (users.length > 1) throw new SlackApiError('not_supported_by_stand_in', { detail: 'group DMs' });
  const user = findUser(ctx.workspace, users[0] ?? '');
  if (!user) throw new SlackApiError('user_not_found');
  if (user.deleted) throw new SlackApiError('user_disabled');
  if (user.id === ctx.workspace.botUserId) throw new SlackApiError('cannot_dm_bot');
  const existed = ctx.workspace.channels.some((channel) => channel.is_im && channel.user === user.id);
  const channel = ctx.state.ensureDm(user.id);
  const shape = optionalBool(ctx.args, 'return_im')
    ? channelObject(ctx.workspace, channel)
    : { id: channel.id };
  return existed ? { no_op: true, already_open: true, channel: shape } : { channel: shape };
};

/** Public channels, and private ones only when the bot is a member (as Slack shows them to a bot). */
const list: MethodHandler = (ctx) => {
  const types = (optionalString(ctx.args, 'types') || 'public_channel').split(',');
  requireScope(ctx, types.includes('public_channel') ? 'channels:read' : 'groups:read');
  const excludeArchived = optionalBool(ctx.args, 'exclude_archived');
  const matches = ctx.workspace.channels.filter((channel) => {
    if (excludeArchived && channel.is_archived) return false;
    if (channel.is_im) return types.includes('im');
    if (channel.is_private) return types.includes('private_channel') && isBotMember(ctx, channel);
    return types.includes('public_channel');
  });
  const page = paginate(ctx.args, matches, (channel) => channel.id, 'channel');
  return {
    channels: page.items.map((channel) => channelObject(ctx.workspace, channel)),
    response_metadata: page.response_metadata,
  };
};

function requireHistoryAccess(ctx: MethodContext): string {
  const channel = visibleConversation(ctx, optionalString(ctx.args, 'channel'));
  requireScope(
    ctx,
    channel.is_im ? 'im:history' : channel.is_private ? 'groups:history' : 'channels:history',
  );
  if (!isBotMember(ctx, channel)) throw new SlackApiError('not_in_channel');
  return channel.id;
}

/** Top-level messages (and thread parents), newest first, filtered by `oldest`/`latest`. */
const history: MethodHandler = (ctx) => {
  const channelId = requireHistoryAccess(ctx);
  const oldest = optionalString(ctx.args, 'oldest');
  const latest = optionalString(ctx.args, 'latest');
  const inclusive = optionalBool(ctx.args, 'inclusive');
  const messages = ctx.state
    .listMessages(channelId)
    .filter((message) => !message.thread_ts || message.thread_ts === message.ts)
    .filter((message) => !oldest || compareTs(message.ts, oldest) > (inclusive ? -1 : 0))
    .filter((message) => !latest || compareTs(message.ts, latest) < (inclusive ? 1 : 0))
    .reverse();
  const page = paginate(ctx.args, messages, (message) => message.ts, 'ts');
  return {
    messages: page.items.map((message) => messageObject(ctx.workspace, message)),
    has_more: page.response_metadata.next_cursor !== '',
    response_metadata: page.response_metadata,
  };
};

/** The parent followed by its replies, oldest first. */
const replies: MethodHandler = (ctx) => {
  const channelId = requireHistoryAccess(ctx);
  const ts = requireString(ctx.args, 'ts', 'thread_not_found');
  const parent = ctx.state.findMessage(channelId, ts);
  if (!parent) throw new SlackApiError('thread_not_found');
  const thread = [
    parent,
    ...ctx.state.listMessages(channelId).filter((m) => m.thread_ts === ts && m.ts !== ts),
  ];
  const page = paginate(ctx.args, thread, (message) => message.ts, 'ts');
  return {
    messages: page.items.map((message) => messageObject(ctx.workspace, message)),
    has_more: page.response_metadata.next_cursor !== '',
    response_metadata: page.response_metadata,
  };
};

export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.info': info,
  'conversations.join': join,
  'conversations.members': members,
  'conversations.open': open,
  'conversations.list': list,
  'conversations.history': history,
  'conversations.replies': replies,
};
