import { randomBytes } from 'node:crypto';
import { channelType, nowTs } from './payload-parts.js';
import { createWorkspace, dmChannelId, findChannel, type Workspace } from './workspace.js';

export type SlackEvent = Record<string, unknown> & { type: string };

export interface EventEnvelopeOptions {
  /** Stable across retries of one delivery; default: a fresh `Ev…` id. */
  eventId?: string;
  /** Default: the default workspace. */
  workspace?: Workspace;
  eventTime?: number;
}

const defaultWorkspace = createWorkspace();

export function newEventId(): string {
  return `Ev0${randomBytes(6).toString('hex').toUpperCase().slice(0, 9)}`;
}

function eventChannel(event: SlackEvent): string | undefined {
  if (typeof event.channel === 'string') return event.channel;
  const item = event.item;
  if (item && typeof item === 'object' && typeof (item as Record<string, unknown>).channel === 'string') {
    return (item as Record<string, unknown>).channel as string;
  }
  return undefined;
}

/** The Events API body (`type: 'event_callback'`) around `event`; also the Socket Mode `events_api` payload. */
export function eventEnvelope(
  event: SlackEvent,
  options: EventEnvelopeOptions = {},
): Record<string, unknown> {
  const workspace = options.workspace ?? defaultWorkspace;
  const channel = eventChannel(event);
  const context = {
    et: event.type,
    tid: workspace.team.id,
    aid: workspace.appId,
    ...(channel ? { cid: channel } : {}),
  };
  return {
    token: workspace.verificationToken,
    team_id: workspace.team.id,
    context_team_id: workspace.team.id,
    context_enterprise_id: null,
    api_app_id: workspace.appId,
    event,
    type: 'event_callback',
    event_id: options.eventId ?? newEventId(),
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: workspace.team.id,
        user_id: workspace.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: channel ? (findChannel(workspace, channel)?.is_ext_shared ?? false) : false,
    event_context: `4-${Buffer.from(JSON.stringify(context)).toString('base64url')}`,
  };
}

export interface ReactionEventOptions {
  user: string;
  /** Emoji name without colons. */
  reaction: string;
  channel: string;
  /** ts of the message reacted to. */
  ts: string;
  /** Author of that message; default: the bot (Rally's own posts). */
  itemUser?: string;
  workspace?: Workspace;
}

function reactionEvent(
  type: 'reaction_added' | 'reaction_removed',
  options: ReactionEventOptions,
): SlackEvent {
  return {
    type,
    user: options.user,
    reaction: options.reaction,
    item: { type: 'message', channel: options.channel, ts: options.ts },
    item_user: options.itemUser ?? (options.workspace ?? defaultWorkspace).botUserId,
    event_ts: nowTs(),
  };
}

export function reactionAddedEvent(options: ReactionEventOptions): SlackEvent {
  return reactionEvent('reaction_added', options);
}

export function reactionRemovedEvent(options: ReactionEventOptions): SlackEvent {
  return reactionEvent('reaction_removed', options);
}

export interface AppHomeOpenedOptions {
  user: string;
  tab?: 'home' | 'messages';
  /** The published home view, which Slack includes once the app has published one. */
  view?: Record<string, unknown>;
}

export function appHomeOpenedEvent(options: AppHomeOpenedOptions): SlackEvent {
  return {
    type: 'app_home_opened',
    user: options.user,
    channel: dmChannelId(options.user),
    tab: options.tab ?? 'home',
    event_ts: nowTs(),
    ...(options.view ? { view: options.view } : {}),
  };
}

export interface MessageEventOptions {
  channel: string;
  user: string;
  text: string;
  ts?: string;
  thread_ts?: string;
  workspace?: Workspace;
}

/** A person's message (`message` event without subtype). */
export function messageEvent(options: MessageEventOptions): SlackEvent {
  const workspace = options.workspace ?? defaultWorkspace;
  const ts = options.ts ?? nowTs();
  return {
    type: 'message',
    user: options.user,
    text: options.text,
    ts,
    team: workspace.team.id,
    client_msg_id: randomBytes(16).toString('hex'),
    channel: options.channel,
    event_ts: ts,
    channel_type: channelType(workspace, options.channel),
    ...(options.thread_ts ? { thread_ts: options.thread_ts } : {}),
  };
}

/** An `app_mention`; `text` should contain `<@BOT_USER_ID>`. Like a message, without `channel_type`. */
export function appMentionEvent(options: MessageEventOptions): SlackEvent {
  const { channel_type: _channelType, ...message } = messageEvent(options);
  return { ...message, type: 'app_mention' };
}

export interface MemberJoinedOptions {
  user: string;
  channel: string;
  inviter?: string;
  workspace?: Workspace;
}

export function memberJoinedChannelEvent(options: MemberJoinedOptions): SlackEvent {
  const workspace = options.workspace ?? defaultWorkspace;
  return {
    type: 'member_joined_channel',
    user: options.user,
    channel: options.channel,
    channel_type: findChannel(workspace, options.channel)?.is_private ? 'G' : 'C',
    team: workspace.team.id,
    ...(options.inviter ? { inviter: options.inviter } : {}),
    event_ts: nowTs(),
  };
}
