import { SlackApiError } from '../api-error.js';
import { optionalString, requireString } from '../args.js';
import { messageObject } from '../shapes.js';
import type { StoredMessage } from '../state.js';
import { findUser } from '../workspace.js';
import {
  type MethodContext,
  type MethodHandler,
  messageContent,
  postTarget,
  requireScope,
  requireSomeContent,
  visibleConversation,
} from './context.js';

function findOwnMessage(ctx: MethodContext, forbidden: string): StoredMessage {
  const channel = visibleConversation(ctx, optionalString(ctx.args, 'channel'));
  const message = ctx.state.findMessage(channel.id, requireString(ctx.args, 'ts', 'message_not_found'));
  if (!message) throw new SlackApiError('message_not_found');
  if (message.user !== ctx.workspace.botUserId) throw new SlackApiError(forbidden);
  return message;
}

const postMessage: MethodHandler = (ctx) => {
  requireScope(ctx, 'chat:write');
  const channel = postTarget(ctx, optionalString(ctx.args, 'channel'));
  const content = messageContent(ctx);
  requireSomeContent(content);
  const threadTs = optionalString(ctx.args, 'thread_ts') || undefined;
  // A thread reply with reply_broadcast is also shown in the channel; Slack marks it `thread_broadcast`.
  // https://docs.slack.dev/reference/methods/chat.postMessage#arg_reply_broadcast
  const broadcast =
    threadTs !== undefined && (ctx.args.reply_broadcast === true || ctx.args.reply_broadcast === 'true');
  const stored = ctx.state.insertMessage({
    channel: channel.id,
    ts: ctx.state.nextTs(),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(broadcast ? { subtype: 'thread_broadcast' } : {}),
    text: content.text ?? '',
    blocks: content.blocks ?? [],
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...(content.metadata !== undefined ? { metadata: content.metadata } : {}),
    user: ctx.workspace.botUserId,
    bot_id: ctx.workspace.botId,
  });
  return { channel: channel.id, ts: stored.ts, message: messageObject(ctx.workspace, stored) };
};

/** Fields left out of the call are kept (Slack: "if you don't include this field, the previous ... will be retained"). */
const update: MethodHandler = (ctx) => {
  requireScope(ctx, 'chat:write');
  const message = findOwnMessage(ctx, 'cant_update_message');
  const content = messageContent(ctx);
  requireSomeContent(content);
  ctx.state.replaceContent(message, {
    text: content.text ?? message.text,
    blocks: content.blocks ?? message.blocks,
    ...(content.attachments ? { attachments: content.attachments } : {}),
    metadata: content.metadata,
  });
  return {
    channel: message.channel,
    ts: message.ts,
    text: message.text,
    message: messageObject(ctx.workspace, message),
  };
};

const postEphemeral: MethodHandler = (ctx) => {
  requireScope(ctx, 'chat:write');
  const channel = postTarget(ctx, optionalString(ctx.args, 'channel'));
  const user = findUser(ctx.workspace, requireString(ctx.args, 'user', 'user_not_found'));
  if (!user) throw new SlackApiError('user_not_found');
  if (!channel.members.includes(user.id)) throw new SlackApiError('user_not_in_channel');
  const content = messageContent(ctx);
  requireSomeContent(content);
  const threadTs = optionalString(ctx.args, 'thread_ts') || undefined;
  const ts = ctx.state.nextTs();
  ctx.state.ephemerals.push({
    channel: channel.id,
    user: user.id,
    ts,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    text: content.text ?? '',
    blocks: content.blocks ?? [],
    via: 'chat.postEphemeral',
    at: Date.now(),
  });
  return { message_ts: ts };
};

const deleteMessage: MethodHandler = (ctx) => {
  requireScope(ctx, 'chat:write');
  const message = findOwnMessage(ctx, 'cant_delete_message');
  ctx.state.deleteMessage(message.channel, message.ts);
  return { channel: message.channel, ts: message.ts };
};

export function permalink(ctx: MethodContext, message: StoredMessage): string {
  const base = `https://${ctx.workspace.team.domain}.slack.com/archives/${message.channel}/p${message.ts.replace('.', '')}`;
  return message.thread_ts && message.thread_ts !== message.ts
    ? `${base}?thread_ts=${message.thread_ts}&cid=${message.channel}`
    : base;
}

const getPermalink: MethodHandler = (ctx) => {
  const channel = visibleConversation(ctx, optionalString(ctx.args, 'channel'));
  const message = ctx.state.findMessage(
    channel.id,
    requireString(ctx.args, 'message_ts', 'message_not_found'),
  );
  if (!message) throw new SlackApiError('message_not_found');
  return { channel: channel.id, permalink: permalink(ctx, message) };
};

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.delete': deleteMessage,
  'chat.getPermalink': getPermalink,
};
