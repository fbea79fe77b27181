import { parseChannelMentions } from '../commands/channel-mentions.js';
import type { Token } from '../commands/tokenize.js';
import { maxPostChannels } from '../queues/queues.js';

/** What `/rally post` posts; donation prompts come from `/rally donate`. */
export type PostKind = 'article' | 'letter';

/** Everything the posting job can post. */
export type PostedKind = PostKind | 'donation';

export const postUsage = '/rally post article|letter [#channel ...]';
export const postExample = '/rally post letter #general #organizing';

export type PostCommand = { ok: true; kind: PostKind; channels: string[] } | { ok: false; problem: string };

/** `/rally post article|letter [#channel ...]`; no channel means the one the command was typed in. */
export function parsePostCommand(args: readonly Token[], currentChannel: string): PostCommand {
  const [what, ...rest] = args;
  if (!what) return { ok: false, problem: 'Say what to post: `article` or `letter`.' };
  const kind = what.text.toLowerCase();
  if (kind !== 'article' && kind !== 'letter') {
    const shown = what.text.length > 30 ? `${what.text.slice(0, 30)}…` : what.text;
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
