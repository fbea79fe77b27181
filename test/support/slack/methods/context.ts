import { SlackApiError } from '../api-error.js';
import { type Args, isRecord, optionalString } from '../args.js';
import type { Block, SlackState } from '../state.js';
import { findChannel, findUser, type SlackChannel, type Workspace } from '../workspace.js';

export interface MethodContext {
  args: Args;
  state: SlackState;
  workspace: Workspace;
  /** How long a trigger id stays usable (Slack: 3 s). */
  triggerTtlMs: number;
  /** Issues a one-time Socket Mode URL (for apps.connections.open). */
  socketModeUrl: () => string;
  /** The stand-in's address for uploading a file's bytes (for files.getUploadURLExternal). */
  uploadUrl: (ticket: string) => string;
}

/** Answers one Web API method: the fields of an `ok: true` answer, or throws `SlackApiError`. */
export type MethodHandler = (ctx: MethodContext) => Record<string, unknown>;

/** Throws `missing_scope` unless the bot token has one of `anyOf`. */
export function requireScope(ctx: MethodContext, ...anyOf: string[]): void {
  const granted = ctx.workspace.botScopes;
  if (anyOf.some((scope) => granted.includes(scope))) return;
  throw new SlackApiError('missing_scope', { needed: anyOf.join(','), provided: granted.join(',') });
}

export function isBotMember(ctx: MethodContext, channel: SlackChannel): boolean {
  return channel.members.includes(ctx.workspace.botUserId);
}

/** A channel, group or DM by id (a `D` id of a known user is opened on first use). */
export function lookupConversation(ctx: MethodContext, id: string): SlackChannel | undefined {
  const channel = findChannel(ctx.workspace, id);
  if (channel) return channel;
  const dmUser = ctx.workspace.users.find((user) => `D${user.id.slice(1)}` === id && !user.is_bot);
  return dmUser ? ctx.state.ensureDm(dmUser.id) : undefined;
}

/** A conversation the bot can see: private ones it is not in do not exist for it, as in Slack. */
export function visibleConversation(ctx: MethodContext, id: string | undefined): SlackChannel {
  const channel = id ? lookupConversation(ctx, id) : undefined;
  if (!channel || (channel.is_private && !isBotMember(ctx, channel)))
    throw new SlackApiError('channel_not_found');
  return channel;
}

/** The scope that lets the bot read `channel`'s details. */
export function readScopeFor(channel: SlackChannel): string {
  if (channel.is_im) return 'im:read';
  return channel.is_private ? 'groups:read' : 'channels:read';
}

/**
 * Where a message to `channelArg` goes: an id, a `#name`, or a user id (then the bot's DM with that user).
 * Errors follow Slack: `channel_not_found`, `is_archived`, `not_in_channel`. Unlike Slack with
 * `chat:write.public`, posting to a public channel the bot has not joined is refused.
 */
export function postTarget(ctx: MethodContext, channelArg: string | undefined): SlackChannel {
  if (!channelArg) throw new SlackApiError('channel_not_found');
  if (/^[UW]/.test(channelArg)) {
    const user = findUser(ctx.workspace, channelArg);
    if (!user || user.is_bot) throw new SlackApiError('channel_not_found');
    if (user.deleted) throw new SlackApiError('user_disabled');
    return ctx.state.ensureDm(user.id);
  }
  const byName = channelArg.replace(/^#/, '');
  const channel =
    lookupConversation(ctx, channelArg) ??
    ctx.workspace.channels.find((candidate) => candidate.name === byName);
  if (!channel) throw new SlackApiError('channel_not_found');
  if (channel.is_archived) throw new SlackApiError('is_archived');
  if (!isBotMember(ctx, channel)) throw new SlackApiError('not_in_channel');
  return channel;
}

export interface MessageContent {
  text: string | undefined;
  blocks: Block[] | undefined;
  attachments: unknown[] | undefined;
  metadata: unknown;
}

/** Reads and validates `text`, `blocks`, `attachments` and `metadata` as Slack does. */
export function messageContent(ctx: MethodContext, maxBlocks = 50): MessageContent {
  const text = optionalString(ctx.args, 'text');
  const blocks = readBlocks(ctx.state, ctx.args.blocks, maxBlocks);
  const attachments = ctx.args.attachments;
  if (attachments !== undefined && attachments !== '' && !Array.isArray(attachments)) {
    throw new SlackApiError('invalid_attachments');
  }
  if (text !== undefined && text.length > 40_000) throw new SlackApiError('msg_too_long');
  const metadata = ctx.args.metadata;
  return {
    text,
    blocks,
    attachments: Array.isArray(attachments) ? structuredClone(attachments) : undefined,
    metadata: isRecord(metadata) ? structuredClone(metadata) : undefined,
  };
}

/** Throws `no_text` when a new message would be empty. */
export function requireSomeContent(content: MessageContent): void {
  if (!content.text && !content.blocks?.length && !content.attachments?.length)
    throw new SlackApiError('no_text');
}

/** Slack's limit on a section block's text. https://docs.slack.dev/reference/block-kit/blocks/section-block */
const maxSectionText = 3_000;

/**
 * Validates Block Kit blocks (their number, each one's type, a section's text length) and gives each a
 * `block_id` when it has none, as Slack does.
 */
export function readBlocks(state: SlackState, value: unknown, maxBlocks: number): Block[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (!Array.isArray(value)) throw new SlackApiError('invalid_blocks_format');
  if (value.length > maxBlocks) {
    throw new SlackApiError('invalid_blocks', { errors: [`must provide no more than ${maxBlocks} items`] });
  }
  return value.map((block: unknown, index) => {
    if (!isRecord(block) || typeof block.type !== 'string') {
      throw new SlackApiError('invalid_blocks', {
        errors: [`missing required field: type [json-pointer:/blocks/${index}]`],
      });
    }
    const text = block.type === 'section' && isRecord(block.text) ? block.text.text : undefined;
    if (typeof text === 'string' && text.length > maxSectionText) {
      throw new SlackApiError('invalid_blocks', {
        errors: [
          `must be less than ${maxSectionText + 1} characters [json-pointer:/blocks/${index}/text/text]`,
        ],
      });
    }
    const copy = structuredClone(block);
    if (typeof copy.block_id !== 'string') copy.block_id = state.nextBlockId();
    return copy;
  });
}
