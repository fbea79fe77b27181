import { slackCommandText } from './command-text.js';
import { channelName, nowTs, type PayloadSource, userRef } from './payload-parts.js';
import { messageObject, viewObject } from './shapes.js';
import type { Block } from './state.js';
import { CHANNELS, USERS } from './workspace.js';

export interface SlashCommandOptions {
  /** What the person typed; sent as Slack sends it (see `command-text.ts`) unless `raw` is set. */
  text: string;
  /** Send `text` exactly as given, as if Slack had already escaped it. */
  raw?: boolean;
  /** Default: Alice. */
  user?: string;
  /** Default: #organizing. */
  channel?: string;
  command?: string;
}

/** The form fields Slack posts for a slash command (also the Socket Mode `slash_commands` payload). */
export function slashCommandBody(
  source: PayloadSource,
  options: SlashCommandOptions,
): Record<string, string> {
  const { workspace } = source;
  const user = options.user ?? USERS.alice;
  const channel = options.channel ?? CHANNELS.organizing;
  return {
    token: workspace.verificationToken,
    team_id: workspace.team.id,
    team_domain: workspace.team.domain,
    channel_id: channel,
    channel_name: channelName(workspace, channel),
    user_id: user,
    user_name: userRef(workspace, user).name ?? user,
    command: options.command ?? '/rally',
    text: options.raw ? options.text : slackCommandText(workspace, options.text),
    api_app_id: workspace.appId,
    is_enterprise_install: 'false',
    response_url: source.newResponseUrl({ channel, user }),
    trigger_id: source.newTriggerId(user),
  };
}

export interface BlockActionOptions {
  actionId: string;
  /** Default: Alice. */
  user?: string;
  /** Channel of the message clicked on. Default: #organizing. */
  channel?: string;
  /** The message clicked on; its stored blocks supply `block_id`, button text and value when not given. */
  messageTs?: string;
  /** Set instead of `messageTs` for an action inside a modal or home tab. */
  viewId?: string;
  blockId?: string;
  value?: string;
  /** For selects, overflow menus and radio buttons. */
  selectedOption?: { value: string; text?: string };
  /** For a `users_select`: the person picked. */
  selectedUser?: string;
  /** Element type; default: the type of the element found in the blocks, else `button`. */
  actionType?: string;
  isEphemeral?: boolean;
}

interface FoundElement {
  blockId: string;
  element: Record<string, unknown>;
}

/** Finds the interactive element with `actionId` in actions, section (accessory) and input blocks. */
export function findElement(blocks: unknown, actionId: string): FoundElement | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as Block[]) {
    const candidates = [
      ...(Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.element,
    ] as unknown[];
    for (const candidate of candidates) {
      if (candidate && typeof candidate === 'object' && (candidate as Block).action_id === actionId) {
        return { blockId: String(block.block_id ?? ''), element: candidate as Block };
      }
    }
  }
  return undefined;
}

function actionFor(options: BlockActionOptions, found: FoundElement | undefined): Record<string, unknown> {
  const element = found?.element ?? {};
  const type = options.actionType ?? (typeof element.type === 'string' ? element.type : 'button');
  const action: Record<string, unknown> = {
    type,
    action_id: options.actionId,
    block_id: options.blockId ?? found?.blockId ?? 'stand-in-block',
    action_ts: nowTs(),
  };
  if (type === 'button') {
    action.text = element.text ?? { type: 'plain_text', text: 'Button', emoji: true };
    const value = options.value ?? element.value;
    if (value !== undefined) action.value = value;
    if (element.style !== undefined) action.style = element.style;
  }
  if (options.selectedOption) {
    const { value, text } = options.selectedOption;
    const listed = Array.isArray(element.options)
      ? (element.options as Block[]).find((option) => option.value === value)
      : undefined;
    action.selected_option = listed ?? {
      text: { type: 'plain_text', text: text ?? value, emoji: true },
      value,
    };
  }
  // A users_select sends the person picked as `selected_user`, and no value.
  // https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element#users_select
  if (options.selectedUser !== undefined) action.selected_user = options.selectedUser;
  return action;
}

/** A `block_actions` payload as Slack sends it for a click on a message or inside a view. */
export function blockActionsPayload(
  source: PayloadSource,
  options: BlockActionOptions,
): Record<string, unknown> {
  const { workspace } = source;
  const user = options.user ?? USERS.alice;
  const common = {
    type: 'block_actions',
    user: userRef(workspace, user),
    api_app_id: workspace.appId,
    token: workspace.verificationToken,
    trigger_id: source.newTriggerId(user),
    team: { id: workspace.team.id, domain: workspace.team.domain },
    enterprise: null,
    is_enterprise_install: false,
  };
  if (options.viewId) {
    const stored = source.view(options.viewId);
    const view = stored
      ? viewObject(workspace, stored)
      : { id: options.viewId, type: 'modal', blocks: [], state: { values: {} } };
    return {
      ...common,
      container: { type: 'view', view_id: options.viewId },
      view,
      actions: [actionFor(options, findElement(view.blocks, options.actionId))],
    };
  }
  const channel = options.channel ?? CHANNELS.organizing;
  const messageTs = options.messageTs ?? nowTs();
  const stored = source.message(channel, messageTs);
  const message = stored ? messageObject(workspace, stored) : { type: 'message', ts: messageTs, text: '' };
  return {
    ...common,
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: options.isEphemeral ?? false,
    },
    channel: { id: channel, name: channelName(workspace, channel) },
    message,
    state: { values: {} },
    response_url: source.newResponseUrl({ channel, user, messageTs }),
    actions: [actionFor(options, findElement(stored?.blocks, options.actionId))],
  };
}

/** `view.state.values`: block_id → action_id → element state. */
export type ViewStateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface ViewSubmissionOptions {
  /** Default: Alice. */
  user?: string;
  /** A view the app opened; its callback_id, private_metadata and blocks are used unless overridden. */
  viewId?: string;
  callbackId?: string;
  privateMetadata?: string;
  values?: ViewStateValues;
}

/** A `view_submission` payload. */
export function viewSubmissionPayload(
  source: PayloadSource,
  options: ViewSubmissionOptions,
): Record<string, unknown> {
  const { workspace } = source;
  const user = options.user ?? USERS.alice;
  const stored = options.viewId ? source.view(options.viewId) : undefined;
  const base = stored
    ? viewObject(workspace, stored)
    : {
        id: options.viewId ?? 'V0STANDIN01',
        team_id: workspace.team.id,
        type: 'modal',
        blocks: [],
        private_metadata: '',
        callback_id: '',
        hash: `${Math.floor(Date.now() / 1000)}.stand-in`,
        previous_view_id: null,
        root_view_id: options.viewId ?? 'V0STANDIN01',
        app_id: workspace.appId,
        bot_id: workspace.botId,
      };
  const view = {
    ...base,
    ...(options.callbackId !== undefined ? { callback_id: options.callbackId } : {}),
    ...(options.privateMetadata !== undefined ? { private_metadata: options.privateMetadata } : {}),
    state: { values: options.values ?? {} },
  };
  return {
    type: 'view_submission',
    team: { id: workspace.team.id, domain: workspace.team.domain },
    user: userRef(workspace, user),
    api_app_id: workspace.appId,
    token: workspace.verificationToken,
    trigger_id: source.newTriggerId(user),
    view,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** State of a `plain_text_input` in `view.state.values`. */
export function plainTextValue(value: string | null): Record<string, unknown> {
  return { type: 'plain_text_input', value };
}

/** State of a `static_select` (or `radio_buttons` with `type`) in `view.state.values`. */
export function selectedOptionValue(
  value: string,
  text = value,
  type = 'static_select',
): Record<string, unknown> {
  return { type, selected_option: { text: { type: 'plain_text', text, emoji: true }, value } };
}

export interface GlobalShortcutOptions {
  /** The shortcut's `callback_id`, as the manifest declares it. */
  callbackId: string;
  /** Default: Alice. */
  user?: string;
}

/**
 * A global shortcut, run from the shortcuts menu or the search bar: no channel and no `response_url`
 * (https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload#global_shortcut).
 */
export function globalShortcutPayload(
  source: PayloadSource,
  options: GlobalShortcutOptions,
): Record<string, unknown> {
  const { workspace } = source;
  const user = options.user ?? USERS.alice;
  return {
    type: 'shortcut',
    token: workspace.verificationToken,
    action_ts: nowTs(),
    team: { id: workspace.team.id, domain: workspace.team.domain },
    user: userRef(workspace, user),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: options.callbackId,
    trigger_id: source.newTriggerId(user),
  };
}

export interface MessageShortcutOptions extends GlobalShortcutOptions {
  channel: string;
  /** The message the shortcut was run on; it must exist in the stand-in. */
  messageTs: string;
}

/**
 * A message shortcut, run from a message's menu: the message, its channel and a `response_url`
 * (https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload#message_shortcut).
 */
export function messageShortcutPayload(
  source: PayloadSource,
  options: MessageShortcutOptions,
): Record<string, unknown> {
  const { workspace } = source;
  const user = options.user ?? USERS.alice;
  const stored = source.message(options.channel, options.messageTs);
  if (!stored) throw new Error(`no message ${options.messageTs} in ${options.channel}`);
  return {
    type: 'message_action',
    token: workspace.verificationToken,
    action_ts: nowTs(),
    team: { id: workspace.team.id, domain: workspace.team.domain },
    user: { id: user, name: userRef(workspace, user).username, team_id: workspace.team.id },
    channel: { id: options.channel, name: channelName(workspace, options.channel) },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: options.callbackId,
    trigger_id: source.newTriggerId(user),
    message_ts: options.messageTs,
    message: messageObject(workspace, stored),
    response_url: source.newResponseUrl({ channel: options.channel, user }),
  };
}
