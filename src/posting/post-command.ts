import { parseChannelMentions } from '../commands/channel-mentions.js';
import type { Token } from '../commands/tokenize.js';
import { maxPostChannels } from '../queues/contracts.js';
import type { PostKind } from './model.js';

export type PostCommand = { ok: true; kind: PostKind; channels: string[] } | { ok: false; problem: string };

/** `/rally post article|letter [#channel ...]`; no channel means the one the command was typed in. */
export function parsePostCommand(args: readonly Token[], currentChannel: string): PostCommand {
  const [what, ...rest] = args;
  if (!what) return { ok: false, problem: 'Say what to post: `article` or `letter`.' };
  const kind = what.text.toLowerCase();
  if (kind !== 'article' && kind !== 'letter') {
    const shown =
      what.text.length > 30 ? `${what.text.slice(0, 30).replace(/[\uD800-\uDBFF]$/, '')}…` : what.text;
    return { ok: false, problem: `I can post the \`article\` or the \`letter\`, not "${shown}".` };
  }
  const mentions = parseChannelMentions(rest);
  if (!mentions.ok) return mentions;
  if (mentions.channels.length > maxPostChannels) {
    return {
      ok: false,
      problem: `That is ${mentions.channels.length} channels; post to at most ${maxPostChannels} at once.`,
    };
  }
  return { ok: true, kind, channels: mentions.channels.length > 0 ? mentions.channels : [currentChannel] };
}
