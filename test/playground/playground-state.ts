/**
 * What the playground keeps beside the stand-in: when each message was first seen, replies Slack shows only
 * to one person, modals the page closed and a submitted view's errors.
 */
import { findChannel, findUser, type SlackStandIn } from '../support/slack/index.js';
import type { RenderContext } from './blocks.js';

export interface LocalEphemeral {
  channel: string;
  user: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: unknown[];
  at: number;
}

export interface PlaygroundState {
  standIn: SlackStandIn;
  seenAt: Map<string, number>;
  localEphemerals: LocalEphemeral[];
  closedViews: Set<string>;
  viewErrors: Map<string, Record<string, string>>;
  localTs: number;
}

export function createPlaygroundState(standIn: SlackStandIn): PlaygroundState {
  return {
    standIn,
    seenAt: new Map(),
    localEphemerals: [],
    closedViews: new Set(),
    viewErrors: new Map(),
    localTs: 0,
  };
}

/** Keeps a reply that only `user` sees, as Slack does with a slash command's ephemeral answer. */
export function addLocalEphemeral(
  state: PlaygroundState,
  message: { channel: string; user: string; text: string; blocks: unknown[] },
): void {
  state.localTs += 1;
  state.localEphemerals.push({ ...message, ts: `local.${state.localTs}`, at: Date.now() });
}

export function userName(state: PlaygroundState, id: string): string | undefined {
  const user = findUser(state.standIn.workspace, id);
  return user ? user.profile.display_name || user.real_name : undefined;
}

export function zoneOf(state: PlaygroundState, user: string): string {
  return findUser(state.standIn.workspace, user)?.tz ?? 'UTC';
}

export function renderContextFor(
  state: PlaygroundState,
  user: string,
  errors?: Record<string, string>,
): RenderContext {
  return {
    userName: (id) => userName(state, id),
    channelName: (id) => findChannel(state.standIn.workspace, id)?.name,
    timeZone: zoneOf(state, user),
    people: () =>
      state.standIn.workspace.users
        .filter((u) => !u.deleted)
        .map((u) => ({ id: u.id, name: u.profile.display_name || u.real_name })),
    ...(errors ? { errors } : {}),
  };
}

/** When the playground first saw a message; the stand-in's `ts` values are not wall-clock times. */
export function firstSeen(state: PlaygroundState, channel: string, ts: string, at = Date.now()): number {
  const key = `${channel}/${ts}`;
  const known = state.seenAt.get(key);
  if (known !== undefined) return known;
  state.seenAt.set(key, at);
  return at;
}
