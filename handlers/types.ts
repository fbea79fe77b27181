import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Token } from '../src/commands/tokenize.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type ViewSubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

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
