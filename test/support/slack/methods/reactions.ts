import { SlackApiError } from '../api-error.js';
import { optionalString, requireString } from '../args.js';
import { messageObject } from '../shapes.js';
import { addReaction, removeReaction, type StoredMessage } from '../state.js';
import { permalink } from './chat.js';
import { type MethodContext, type MethodHandler, requireScope, visibleConversation } from './context.js';

function targetMessage(ctx: MethodContext): StoredMessage {
  const channel = visibleConversation(ctx, optionalString(ctx.args, 'channel'));
  const ts = requireString(ctx.args, 'timestamp', 'no_item_specified');
  const message = ctx.state.findMessage(channel.id, ts);
  if (!message) throw new SlackApiError('message_not_found');
  return message;
}

function reactionName(ctx: MethodContext): string {
  const name = optionalString(ctx.args, 'name') ?? '';
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackApiError('invalid_name');
  return name;
}

const add: MethodHandler = (ctx) => {
  requireScope(ctx, 'reactions:write');
  const message = targetMessage(ctx);
  if (!addReaction(message, reactionName(ctx), ctx.workspace.botUserId))
    throw new SlackApiError('already_reacted');
  return {};
};

const remove: MethodHandler = (ctx) => {
  requireScope(ctx, 'reactions:write');
  const message = targetMessage(ctx);
  if (!removeReaction(message, reactionName(ctx), ctx.workspace.botUserId))
    throw new SlackApiError('no_reaction');
  return {};
};

/** Always the complete user lists (as with `full: true`). */
const get: MethodHandler = (ctx) => {
  requireScope(ctx, 'reactions:read');
  const message = targetMessage(ctx);
  return {
    type: 'message',
    channel: message.channel,
    message: { ...messageObject(ctx.workspace, message), permalink: permalink(ctx, message) },
  };
};

export const reactionMethods: Record<string, MethodHandler> = {
  'reactions.add': add,
  'reactions.remove': remove,
  'reactions.get': get,
};
