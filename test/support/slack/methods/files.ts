import { SlackApiError } from '../api-error.js';
import { isRecord, optionalInt, optionalString } from '../args.js';
import { fileObject } from '../shapes.js';
import type { StoredFile } from '../state.js';
import {
  isBotMember,
  lookupConversation,
  type MethodContext,
  type MethodHandler,
  requireScope,
} from './context.js';

// Slack's upload flow (https://docs.slack.dev/messaging/working-with-files#uploading_files):
// files.getUploadURLExternal gives an upload URL and a file ID, the app POSTs the bytes to that URL
// (`file-uploads.ts`), then files.completeUploadExternal shares the files in a conversation.

/**
 * https://docs.slack.dev/reference/methods/files.getUploadURLExternal: `filename` and `length` (bytes)
 * are required; Slack answers `missing_argument` for a length of 0.
 */
const getUploadURLExternal: MethodHandler = (ctx) => {
  requireScope(ctx, 'files:write');
  const filename = optionalString(ctx.args, 'filename');
  const length = optionalInt(ctx.args, 'length');
  if (!filename || length === undefined || length < 0) throw new SlackApiError('invalid_arguments');
  if (length === 0) throw new SlackApiError('missing_argument');
  const id = ctx.state.nextId('F');
  const ticket = ctx.state.randomHex(16);
  ctx.state.files.set(id, {
    id,
    name: filename,
    title: filename,
    length,
    completed: false,
    shares: [],
    user: ctx.workspace.botUserId,
    created: Math.floor(Date.now() / 1000),
  });
  ctx.state.uploadTickets.set(ticket, id);
  return { upload_url: ctx.uploadUrl(ticket), file_id: id };
};

/** The `files` argument: a JSON array of `{ id, title? }`, sent as a string in a form body. */
function filesArgument(ctx: MethodContext): { id: string; title?: string }[] {
  let value = ctx.args.files;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new SlackApiError('invalid_arguments');
    }
  }
  if (!Array.isArray(value) || value.length === 0) throw new SlackApiError('invalid_arguments');
  return value.map((entry) => {
    if (!isRecord(entry) || typeof entry.id !== 'string') throw new SlackApiError('invalid_arguments');
    return { id: entry.id, ...(typeof entry.title === 'string' ? { title: entry.title } : {}) };
  });
}

/**
 * https://docs.slack.dev/reference/methods/files.completeUploadExternal: finishes the uploads and, with
 * `channel_id` (or one channel in `channels`), shares the files there as one message, with
 * `initial_comment` as its text. Without a channel the files stay private. A file ID that was never
 * issued, whose bytes never arrived, or that was already completed (Slack: "This method can only be
 * called once") answers `file_not_found`; a conversation the bot cannot see `channel_not_found`; one it is
 * not in `not_in_channel`.
 */
const completeUploadExternal: MethodHandler = (ctx) => {
  requireScope(ctx, 'files:write');
  const wanted = filesArgument(ctx);
  const files: StoredFile[] = wanted.map(({ id }) => {
    const file = ctx.state.files.get(id);
    if (!file || file.completed || file.bytes === undefined) throw new SlackApiError('file_not_found');
    return file;
  });
  const channels = (optionalString(ctx.args, 'channel_id') || optionalString(ctx.args, 'channels') || '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (channels.length > 1) throw new SlackApiError('invalid_arguments');
  const target = channels[0];
  const channel = target === undefined ? undefined : lookupConversation(ctx, target);
  if (target !== undefined) {
    if (!channel || (channel.is_private && !isBotMember(ctx, channel)))
      throw new SlackApiError('channel_not_found');
    if (channel.is_archived) throw new SlackApiError('is_archived');
    if (!isBotMember(ctx, channel)) throw new SlackApiError('not_in_channel');
  }
  wanted.forEach(({ title }, index) => {
    const file = files[index] as StoredFile;
    file.completed = true;
    if (title) file.title = title;
  });
  if (channel) {
    const threadTs = optionalString(ctx.args, 'thread_ts') || undefined;
    const message = ctx.state.insertMessage({
      channel: channel.id,
      ts: ctx.state.nextTs(),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: optionalString(ctx.args, 'initial_comment') ?? '',
      blocks: [],
      user: ctx.workspace.botUserId,
      bot_id: ctx.workspace.botId,
      files: files.map((f) => f.id),
    });
    for (const file of files) file.shares.push({ channel: channel.id, ts: message.ts });
  }
  return { files: files.map((file) => fileObject(ctx.workspace, file)) };
};

export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
