import type { StoredMessage, StoredView } from './state.js';
import type { SlackChannel, SlackUser, Workspace } from './workspace.js';

/** A stored message as the Web API returns it (chat.postMessage `message`, reactions.get, history). */
export function messageObject(workspace: Workspace, message: StoredMessage): Record<string, unknown> {
  const fromBot = message.bot_id !== undefined;
  const lastEdit = message.history.at(-1);
  return {
    type: 'message',
    ...(fromBot ? {} : { client_msg_id: `stand-in-${message.ts}` }),
    user: message.user,
    ...(fromBot
      ? {
          bot_id: message.bot_id,
          app_id: workspace.appId,
          bot_profile: {
            id: workspace.botId,
            app_id: workspace.appId,
            name: 'Rally',
            deleted: false,
            team_id: workspace.team.id,
            icons: { image_36: '', image_48: '', image_72: '' },
          },
        }
      : {}),
    text: message.text,
    ts: message.ts,
    team: workspace.team.id,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.metadata !== undefined ? { metadata: message.metadata } : {}),
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(lastEdit ? { edited: { user: message.user, ts: `${Math.floor(lastEdit.at / 1000)}.000000` } } : {}),
    ...(message.reactions.length > 0 ? { reactions: message.reactions } : {}),
  };
}

export function channelObject(
  workspace: Workspace,
  channel: SlackChannel,
  includeNumMembers = false,
): Record<string, unknown> {
  const { members, ...fields } = channel;
  if (channel.is_im) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: channel.user,
      is_user_deleted: false,
      priority: 0,
    };
  }
  return {
    ...fields,
    is_member: members.includes(workspace.botUserId),
    is_mpim: false,
    is_shared: channel.is_ext_shared,
    is_org_shared: false,
    is_pending_ext_shared: false,
    name_normalized: channel.name,
    context_team_id: workspace.team.id,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    ...(includeNumMembers ? { num_members: members.length } : {}),
  };
}

export function userObject(user: SlackUser): Record<string, unknown> {
  return {
    ...user,
    profile: { ...user.profile, team: user.team_id },
    color: '9f69e7',
    is_restricted: false,
    is_ultra_restricted: false,
    updated: 1_700_000_000,
  };
}

/** A stored view as views.open/update/push/publish return it. */
export function viewObject(workspace: Workspace, view: StoredView): Record<string, unknown> {
  const sent = view.view;
  return {
    id: view.id,
    team_id: workspace.team.id,
    type: view.type,
    blocks: [],
    private_metadata: '',
    callback_id: '',
    state: { values: {} },
    clear_on_close: false,
    notify_on_close: false,
    external_id: view.external_id ?? '',
    submit_disabled: false,
    ...sent,
    hash: view.hash,
    previous_view_id: view.previous_view_id,
    root_view_id: view.root_view_id,
    app_id: workspace.appId,
    app_installed_team_id: workspace.team.id,
    bot_id: workspace.botId,
  };
}
