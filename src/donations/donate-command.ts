import { parseChannelMentions } from '../commands/channel-mentions.js';
import type { Token } from '../commands/tokenize.js';
import { maxWhenLength } from '../queues/contracts.js';

export type DonateCommand =
  | { ok: true; action: 'post'; channels: string[] }
  | { ok: true; action: 'schedule'; channels: string[]; when: string }
  | { ok: true; action: 'off'; channels: string[] }
  | { ok: false; problem: string };

const recurrenceWords = new Set(['every', 'daily', 'weekly', 'each']);

/**
 * `/rally donate [#channel ...]` posts now; `... every friday 12:00` posts on that schedule (read later in
 * the organizer's time zone); `/rally donate off [#channel ...]` stops the schedule. No channel means the
 * current one.
 */
export function parseDonateCommand(args: readonly Token[], currentChannel: string): DonateCommand {
  const off = args[0] && !args[0].quoted && args[0].text.toLowerCase() === 'off';
  const rest = off ? args.slice(1) : args;
  const at = rest.findIndex((t) => !t.quoted && recurrenceWords.has(t.text.toLowerCase()));
  const channelTokens = at < 0 ? rest : rest.slice(0, at);
  const mentions = parseChannelMentions(channelTokens);
  if (!mentions.ok) return mentions;
  const channels = mentions.channels.length > 0 ? mentions.channels : [currentChannel];
  if (off) {
    if (at >= 0) return { ok: false, problem: '`off` stops a schedule; it takes channels, not a time.' };
    return { ok: true, action: 'off', channels };
  }
  if (at < 0) return { ok: true, action: 'post', channels };
  const when = rest
    .slice(at)
    .map((t) => t.text)
    .join(' ');
  if (rest.slice(at).length < 2 && !['daily', 'weekly'].includes(when.toLowerCase())) {
    return { ok: false, problem: `Say when it repeats, such as "every friday 12:00".` };
  }
  if (when.length > maxWhenLength) {
    return {
      ok: false,
      problem: `Say when it repeats in at most ${maxWhenLength} characters, such as "every friday 12:00".`,
    };
  }
  return { ok: true, action: 'schedule', channels, when };
}
