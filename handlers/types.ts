import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  GlobalShortcut,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Token } from '../src/commands/tokenize.js';
import { campaignLetterId } from '../src/letters/model.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type ViewSubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type GlobalShortcutArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;
export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** A `/rally` subcommand's handler: given the words after the subcommand. */
export type SubcommandHandler = (args: readonly Token[], command: CommandArgs) => Promise<void>;

/** Answers only the person who typed the command, inside the acknowledgement itself. */
export const privately = (content: { text: string; blocks?: unknown[] }) => ({
  response_type: 'ephemeral' as const,
  ...content,
});

/** A reply to a button (through its response_url) that only the clicker sees, leaving the message as it is. */
export const ephemeralReply = (content: { text: string; blocks?: KnownBlock[] }) => ({
  response_type: 'ephemeral' as const,
  replace_original: false,
  ...content,
});

/** The workspace a payload came from. */
export const teamIdOf = (body: { team?: { id: string } | null; user: { team_id?: string } }): string =>
  body.team?.id ?? body.user.team_id ?? '';

/** An article's ID as a button value or modal metadata carries it; undefined when absent or unreadable. */
export const articleIdFrom = (value: string | undefined): string | undefined =>
  value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;

/** A letter ID as a button value or modal metadata carries it: the campaign's letter when absent (copies posted by the first version), none when unreadable. */
export const letterIdFrom = (value: string | undefined): string =>
  value === undefined || value === ''
    ? campaignLetterId
    : typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)
      ? value
      : '';

/**
 * Whether the person acting belongs to another organization (a Slack Connect channel): their payload names
 * their own team, which is not the workspace Rally is installed in. They may read, but not sign, vote or
 * pledge. https://docs.slack.dev/apis/slack-connect/
 */
export const fromAnotherOrganization = (
  body: { user: { team_id?: string } },
  context: { teamId?: string | undefined },
): boolean => Boolean(body.user.team_id && context.teamId && body.user.team_id !== context.teamId);
