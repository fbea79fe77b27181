import type { StoredFile, StoredMessage, StoredView } from './state.js';
import { findChannel, type SlackChannel, type SlackUser, type Workspace } from './workspace.js';

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
    ...(message.files ? { files: message.files.map((id) => ({ id })), upload: true } : {}),
  };
}

const fileTypes: Record<string, { mimetype: string; filetype: string; pretty_type: string }> = {
  pdf: { mimetype: 'application/pdf', filetype: 'pdf', pretty_type: 'PDF' },
  csv: { mimetype: 'text/csv', filetype: 'csv', pretty_type: 'CSV' },
  txt: { mimetype: 'text/plain', filetype: 'text', pretty_type: 'Plain Text' },
  png: { mimetype: 'image/png', filetype: 'png', pretty_type: 'PNG' },
};

/**
 * A stored file as the Web API returns it (https://docs.slack.dev/reference/objects/file-object): its type
 * read from the name's extension, as Slack does, and where it was shared.
 */
export function fileObject(workspace: Workspace, file: StoredFile): Record<string, unknown> {
  const extension = file.name.split('.').at(-1)?.toLowerCase() ?? '';
  const type = fileTypes[extension] ?? {
    mimetype: 'application/octet-stream',
    filetype: 'binary',
    pretty_type: 'Binary',
  };
  const base = `https://files.slack.com/files-pri/${workspace.team.id}-${file.id}`;
  const where = file.shares
    .map((share) => findChannel(workspace, share.channel))
    .filter((c): c is SlackChannel => c !== undefined);
  const shares: Record<'public' | 'private', Record<string, { ts: string; channel_name: string }[]>> = {
    public: {},
    private: {},
  };
  for (const share of file.shares) {
    const channel = findChannel(workspace, share.channel);
    const kind = channel && !channel.is_private ? 'public' : 'private';
    shares[kind][share.channel] = [{ ts: share.ts, channel_name: channel?.name ?? share.channel }];
  }
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    ...type,
    user: file.user,
    user_team: workspace.team.id,
    editable: false,
    size: file.bytes?.length ?? file.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: where.some((c) => !c.is_private),
    public_url_shared: false,
    display_as_bot: false,
    url_private: `${base}/${encodeURIComponent(file.name)}`,
    url_private_download: `${base}/download/${encodeURIComponent(file.name)}`,
    permalink: `https://${workspace.team.domain}.slack.com/files/${workspace.botUserId}/${file.id}/${encodeURIComponent(file.name)}`,
    channels: where.filter((c) => !c.is_private).map((c) => c.id),
    groups: where.filter((c) => c.is_private && !c.is_im).map((c) => c.id),
    ims: where.filter((c) => c.is_im).map((c) => c.id),
    ...(file.shares.length > 0 ? { shares } : {}),
    has_rich_preview: false,
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
