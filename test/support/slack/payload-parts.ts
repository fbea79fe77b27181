import type { ResponseUrlTarget } from './stand-in.js';
import type { StoredMessage, StoredView } from './state.js';
import { findChannel, findUser, type Workspace } from './workspace.js';

/** What payload builders need from the stand-in (`SlackStandIn` is one). */
export interface PayloadSource {
  readonly workspace: Workspace;
  newTriggerId(user?: string): string;
  newResponseUrl(target?: ResponseUrlTarget): string;
  message(channel: string, ts: string): StoredMessage | undefined;
  view(id: string): StoredView | undefined;
}

/** `{ id, username, name, team_id }` as in interaction payloads. */
export function userRef(workspace: Workspace, userId: string): Record<string, string> {
  const user = findUser(workspace, userId);
  return {
    id: userId,
    username: user?.name ?? userId,
    name: user?.name ?? userId,
    team_id: user?.team_id ?? workspace.team.id,
  };
}

/** The `channel_name` Slack sends: `privategroup` for private channels and `directmessage` for DMs. */
export function channelName(workspace: Workspace, channelId: string): string {
  const channel = findChannel(workspace, channelId);
  if (channelId.startsWith('D') || channel?.is_im) return 'directmessage';
  if (!channel) return channelId;
  return channel.is_private ? 'privategroup' : channel.name;
}

/** A `ts`-shaped string for now, e.g. `1764401234.567890`. */
export function nowTs(): string {
  const micros = BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000));
  const text = micros.toString();
  return `${text.slice(0, -6)}.${text.slice(-6)}`;
}

/** `channel_type` of message events: `channel`, `group` (private) or `im`. */
export function channelType(workspace: Workspace, channelId: string): string {
  const channel = findChannel(workspace, channelId);
  if (channelId.startsWith('D') || channel?.is_im) return 'im';
  return channel?.is_private ? 'group' : 'channel';
}
