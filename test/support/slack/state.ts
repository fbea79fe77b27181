import { randomBytes } from 'node:crypto';
import { dmChannelId, findChannel, type SlackChannel, type Workspace } from './workspace.js';

export type Block = Record<string, unknown>;

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

/** A version of a message before a `chat.update` (or `replace_original`) changed it. */
export interface MessageVersion {
  text: string;
  blocks: Block[];
  attachments?: unknown[];
  at: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  /** `thread_broadcast` for a thread reply also shown in the channel. */
  subtype?: string;
  text: string;
  /** Always an array; blocks sent without `block_id` get one, as Slack assigns them. */
  blocks: Block[];
  attachments?: unknown[];
  metadata?: unknown;
  /** Author: the bot user for everything the app posts. */
  user: string;
  /** IDs of the files shared with the message (files.completeUploadExternal). */
  files?: string[];
  bot_id?: string;
  reactions: Reaction[];
  /** How many times the message was updated. */
  updates: number;
  /** Earlier versions, oldest first. */
  history: MessageVersion[];
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: Block[];
  via: 'chat.postEphemeral' | 'response_url';
  at: number;
}

export interface StoredView {
  id: string;
  /** `modal` or `home`. */
  type: string;
  /** The user the modal was opened for (from its trigger) or the home tab belongs to. */
  user?: string;
  /** The view as the app last sent it. */
  view: Record<string, unknown>;
  external_id?: string;
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  via: 'views.open' | 'views.push' | 'views.publish';
  updates: number;
  /** Earlier versions of `view`, oldest first. */
  history: Record<string, unknown>[];
}

export interface IssuedResponseUrl {
  id: string;
  url: string;
  channel?: string;
  user?: string;
  /** Set for URLs of message interactions, so `replace_original` / `delete_original` find the message. */
  messageTs?: string;
  uses: number;
}

/**
 * A file uploaded through files.getUploadURLExternal, the POST to its upload URL and
 * files.completeUploadExternal (https://docs.slack.dev/messaging/working-with-files#uploading_files).
 */
export interface StoredFile {
  id: string;
  /** The file name given to files.getUploadURLExternal. */
  name: string;
  /** The title given to files.completeUploadExternal (the name without one). */
  title: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  /** The bytes POSTed to the upload URL; undefined until then. */
  bytes?: Buffer;
  /** Set by files.completeUploadExternal; a file never completed is discarded by Slack. */
  completed: boolean;
  /** Conversations the file was shared to, with the ts of the message that shares it. */
  shares: { channel: string; ts: string }[];
  user: string;
  created: number;
}

/** The first generated message ts is `1764400000.000100`; each next one is 100 µs later. */
const TS_BASE_MICROS = 1_764_400_000_000_000n;

/** Everything the stand-in remembers besides the workspace itself. */
export class SlackState {
  readonly workspace: Workspace;
  readonly #messages = new Map<string, StoredMessage>();
  readonly ephemerals: StoredEphemeral[] = [];
  readonly views = new Map<string, StoredView>();
  readonly homeViews = new Map<string, string>();
  readonly triggers = new Map<string, { user?: string; issuedAt: number; used: boolean }>();
  readonly responseUrls = new Map<string, IssuedResponseUrl>();
  readonly files = new Map<string, StoredFile>();
  /** Upload URL IDs, each for one file ID. */
  readonly uploadTickets = new Map<string, string>();
  #tsCounter = 0n;
  #idCounter = 0;

  constructor(workspace: Workspace) {
    this.workspace = workspace;
  }

  /** Strictly increasing, like real message timestamps: `1764400000.000100`, `1764400000.000200`, ... */
  nextTs(): string {
    this.#tsCounter += 1n;
    const micros = TS_BASE_MICROS + this.#tsCounter * 100n;
    const text = micros.toString();
    return `${text.slice(0, -6)}.${text.slice(-6)}`;
  }

  /** `prefix` + 10 upper-case base-36 characters, e.g. `V0000000007`. */
  nextId(prefix: string): string {
    this.#idCounter += 1;
    return `${prefix}${this.#idCounter.toString(36).toUpperCase().padStart(10, '0')}`;
  }

  nextBlockId(): string {
    this.#idCounter += 1;
    return `sb${this.#idCounter.toString(36)}`;
  }

  randomHex(bytes: number): string {
    return randomBytes(bytes).toString('hex');
  }

  insertMessage(message: Omit<StoredMessage, 'reactions' | 'updates' | 'history'>): StoredMessage {
    const stored: StoredMessage = { ...message, reactions: [], updates: 0, history: [] };
    this.#messages.set(key(stored.channel, stored.ts), stored);
    return stored;
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.#messages.get(key(channel, ts));
  }

  deleteMessage(channel: string, ts: string): boolean {
    return this.#messages.delete(key(channel, ts));
  }

  listMessages(channel?: string): StoredMessage[] {
    return [...this.#messages.values()]
      .filter((message) => channel === undefined || message.channel === channel)
      .sort((a, b) => compareTs(a.ts, b.ts));
  }

  /** Replaces the content of `message`, keeping the old version in its history. */
  replaceContent(
    message: StoredMessage,
    content: { text: string; blocks: Block[]; attachments?: unknown[]; metadata?: unknown },
  ): void {
    message.history.push({
      text: message.text,
      blocks: message.blocks,
      ...(message.attachments ? { attachments: message.attachments } : {}),
      at: Date.now(),
    });
    message.text = content.text;
    message.blocks = content.blocks;
    if (content.attachments) message.attachments = content.attachments;
    if (content.metadata !== undefined) message.metadata = content.metadata;
    message.updates += 1;
  }

  /** The bot's direct message channel with `userId`, created on first use (conversations.open does the same). */
  ensureDm(userId: string): SlackChannel {
    const id = dmChannelId(userId);
    const existing = findChannel(this.workspace, id);
    if (existing) return existing;
    const channel: SlackChannel = {
      id,
      name: id,
      is_channel: false,
      is_group: false,
      is_im: true,
      is_private: true,
      is_archived: false,
      is_general: false,
      is_ext_shared: false,
      is_member: true,
      members: [userId, this.workspace.botUserId],
      created: Math.floor(Date.now() / 1000),
      creator: this.workspace.botUserId,
      user: userId,
    };
    this.workspace.channels.push(channel);
    return channel;
  }

  /** Forgets messages, ephemerals, views and files; issued trigger ids and response URLs stay valid. */
  clear(): void {
    this.#messages.clear();
    this.files.clear();
    this.uploadTickets.clear();
    this.ephemerals.length = 0;
    this.views.clear();
    this.homeViews.clear();
  }
}

function key(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

export function compareTs(a: string, b: string): number {
  const [aSeconds = '0', aMicros = '0'] = a.split('.');
  const [bSeconds = '0', bMicros = '0'] = b.split('.');
  return (
    Number(aSeconds) - Number(bSeconds) || Number(aMicros.padEnd(6, '0')) - Number(bMicros.padEnd(6, '0'))
  );
}

/** Adds `user`'s `name` reaction; false when that user already reacted with it. */
export function addReaction(message: StoredMessage, name: string, user: string): boolean {
  const reaction = message.reactions.find((candidate) => candidate.name === name);
  if (reaction?.users.includes(user)) return false;
  if (reaction) {
    reaction.users.push(user);
    reaction.count += 1;
  } else {
    message.reactions.push({ name, users: [user], count: 1 });
  }
  return true;
}

/** Removes `user`'s `name` reaction; false when there was none. */
export function removeReaction(message: StoredMessage, name: string, user: string): boolean {
  const reaction = message.reactions.find((candidate) => candidate.name === name);
  if (!reaction?.users.includes(user)) return false;
  reaction.users = reaction.users.filter((id) => id !== user);
  reaction.count -= 1;
  if (reaction.count === 0)
    message.reactions = message.reactions.filter((candidate) => candidate !== reaction);
  return true;
}
