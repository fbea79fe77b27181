import { parseChannelMentions } from '../commands/channel-mentions.js';
import type { Token } from '../commands/tokenize.js';
import { truncate } from '../text/cut.js';
import { isSlug } from '../text/slug.js';
import type { PostKind } from './model.js';

/** The most channels one `/rally post` may name. */
export const maxChannelsPerCommand = 100;

export type PostCommand =
  | { ok: true; kind: PostKind; name?: string; channels: string[] }
  | { ok: false; problem: string };

/**
 * `/rally post article|letter [name] [#channel ...]`: a short name may follow `article` or `letter` (else
 * the newest article, or the newest open letter, is meant); no channel means the one the command was
 * typed in.
 */
export function parsePostCommand(args: readonly Token[], currentChannel: string): PostCommand {
  const [what, ...afterKind] = args;
  if (!what) return { ok: false, problem: 'Say what to post: `article` or `letter`.' };
  const kind = what.text.toLowerCase();
  if (kind !== 'article' && kind !== 'letter') {
    const shown = truncate(what.text, 31);
    return { ok: false, problem: `I can post the \`article\` or the \`letter\`, not "${shown}".` };
  }
  const [maybeName] = afterKind;
  const name =
    maybeName && !maybeName.quoted && maybeName.slack === undefined && isSlug(maybeName.text.toLowerCase())
      ? maybeName.text
      : undefined;
  const rest = name ? afterKind.slice(1) : afterKind;
  const mentions = parseChannelMentions(rest);
  if (!mentions.ok) return mentions;
  if (mentions.channels.length > maxChannelsPerCommand) {
    return {
      ok: false,
      problem: `That is ${mentions.channels.length} channels; post to at most ${maxChannelsPerCommand} at once.`,
    };
  }
  return {
    ok: true,
    kind,
    ...(name ? { name: name.toLowerCase() } : {}),
    channels: mentions.channels.length > 0 ? mentions.channels : [currentChannel],
  };
}
