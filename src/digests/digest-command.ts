import type { Token } from '../commands/tokenize.js';
import { maxWhenLength } from '../queues/contracts.js';
import { truncate } from '../text/cut.js';

export type DigestCommand =
  | { ok: true; action: 'now' | 'off' }
  | { ok: true; action: 'schedule'; when: string; quiet: boolean }
  | { ok: false; problem: string };

/**
 * `/rally digest daily 09:00`, `weekly monday 09:00` (or any repeat such as `every weekday at 8:30`),
 * with `quiet` to post nothing when nothing is new; `off`; `now`.
 */
export function parseDigestCommand(args: readonly Token[]): DigestCommand {
  const words = args.map((t) => t.text.toLowerCase());
  if (words.length === 0)
    return { ok: false, problem: 'Say when: `daily 09:00`, `weekly monday 09:00`, `off` or `now`.' };
  if (words.length === 1 && (words[0] === 'now' || words[0] === 'off')) return { ok: true, action: words[0] };
  const quiet = words.at(-1) === 'quiet';
  const when = (quiet ? words.slice(0, -1) : words).join(' ');
  if (!when) return { ok: false, problem: 'Say when before `quiet`, for example `daily 09:00 quiet`.' };
  if (when.length > maxWhenLength) {
    return {
      ok: false,
      problem: `Say when in at most ${maxWhenLength} characters, such as \`weekly monday 09:00\`.`,
    };
  }
  if (!/^(daily|weekly|monthly|hourly|every|each)\b/.test(when)) {
    return {
      ok: false,
      problem: `I can't read "${truncate(when, 41)}" as a schedule. Start with daily, weekly or every.`,
    };
  }
  return { ok: true, action: 'schedule', when, quiet };
}
