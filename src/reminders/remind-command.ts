import { parseChannelMentions } from '../commands/channel-mentions.js';
import type { Token } from '../commands/tokenize.js';

export type RemindCommand =
  | { ok: true; target: { kind: 'me' } | { kind: 'channel'; channel: string }; text: string; when: string }
  | { ok: false; problem: string };

/** `/rally remind me|#channel "What" <when>`: who, what (in quotes) and when (plain words, read later). */
export function parseRemindCommand(args: readonly Token[]): RemindCommand {
  const [who, what, ...rest] = args;
  if (!who) return { ok: false, problem: 'Say who to remind (`me` or a #channel), what, and when.' };
  let target: { kind: 'me' } | { kind: 'channel'; channel: string };
  if (!who.quoted && who.text.toLowerCase() === 'me') target = { kind: 'me' };
  else {
    const mention = parseChannelMentions([who]);
    if (!mention.ok) return { ok: false, problem: `Start with \`me\` or a #channel. ${mention.problem}` };
    target = { kind: 'channel', channel: mention.channels[0] as string };
  }
  if (!what?.quoted || !what.text.trim()) {
    return { ok: false, problem: 'Put what to remind about in quotes, after who.' };
  }
  if (what.text.length > 1_000) return { ok: false, problem: 'Keep the reminder under 1,000 characters.' };
  const when = rest
    .map((t) => t.text)
    .join(' ')
    .trim();
  if (!when)
    return {
      ok: false,
      problem: 'Say when, such as "tomorrow at 11:30", "in 2 hours" or "every monday at 9am".',
    };
  return { ok: true, target, text: what.text.trim(), when };
}
