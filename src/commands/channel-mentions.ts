import type { Token } from './tokenize.js';

// With `should_escape`, Slack sends a channel picked from its list as `<#C123|name>` (or `<#C123>`).
const mention = /^<#([CGD][A-Z0-9]{2,})(?:\|([^>]*))?>$/;

export type ChannelMentions = { ok: true; channels: string[] } | { ok: false; problem: string };

/** Reads channel mentions; anything else (a plain `#name` Slack did not recognise) is named as the problem. */
export function parseChannelMentions(tokens: readonly Token[]): ChannelMentions {
  const channels: string[] = [];
  for (const token of tokens) {
    const match = token.quoted ? null : mention.exec(token.text);
    if (!match?.[1]) {
      const shown =
        token.text.length > 40 ? `${token.text.slice(0, 40).replace(/[\uD800-\uDBFF]$/, '')}…` : token.text;
      return {
        ok: false,
        problem: `I can't find a channel called "${shown}". Pick channels from Slack's list as you type # so they become links.`,
      };
    }
    if (!channels.includes(match[1])) channels.push(match[1]);
  }
  return { ok: true, channels };
}
