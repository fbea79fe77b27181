/**
 * Reading command text as Slack sends it. Slack escapes what the person typed (`&` as `&amp;`, `<` as
 * `&lt;`, `>` as `&gt;`), so every `<` left in the text opens one of Slack's own tokens; with
 * `should_escape` (Rally's manifest sets it) those are the mentions and links Slack recognised:
 * `<@U123|name>`, `<#C123|name>`, `<!here>`, `<!subteam^S123|@team>`, `<https://x|text>`.
 * https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 *
 * Rally decodes this once, here, into plain text, which is what it stores and escapes once again when it
 * writes mrkdwn (`escapeMrkdwn`). A token becomes the text people saw in their composer: `@name`,
 * `#name`, `@here`, `@team`, the link's text and address. So a mention typed into a poll or a reminder
 * shows the name when Rally posts it and notifies nobody: a `<@U…>` or `<!channel>` in an app's message
 * would, and Rally never means to ping for someone who typed a command.
 */

/** One piece of command text: a character the person typed, or one of Slack's `<…>` tokens. */
export type CommandPiece =
  | { kind: 'char'; text: string }
  | {
      kind: 'slack';
      /** The token as Slack sent it, e.g. `<#C123|general>`. */
      raw: string;
      /** The token as plain text, e.g. `#general`. */
      text: string;
    };

const entity = /&(amp|lt|gt);/g;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/** Slack's three escapes turned back into characters, in one pass (so `&amp;lt;` gives `&lt;`). */
export function decodeEntities(text: string): string {
  return text.replace(entity, (_, name: string) => entities[name] ?? '');
}

const linkPrefix = /^(?:https?:|mailto:)/i;

/** How a Slack token reads as plain text; `inner` is what lies between `<` and `>`. */
export function slackTokenText(inner: string): string {
  const bar = inner.indexOf('|');
  const target = decodeEntities(bar < 0 ? inner : inner.slice(0, bar));
  const label = bar < 0 ? '' : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target;
  if (target.startsWith('!')) {
    const [command = '', id] = target.slice(1).split('^');
    if (command === 'date') return label;
    if (label) return `@${label.replace(/^@/, '')}`;
    return command === 'subteam' && id ? `@${id}` : `@${command}`;
  }
  if (linkPrefix.test(target)) {
    const address = target.replace(/^mailto:/i, '');
    if (!label || label === target || label === address) return address;
    if (target.replace(/^https?:\/\//i, '') === label) return label;
    return `${label} (${address})`;
  }
  return label || target;
}

/**
 * Splits command text as Slack sent it into pieces: each code point the person typed (Slack's escapes
 * decoded) and each `<…>` token whole. A `<` without its `>` is read as a character.
 */
export function commandPieces(text: string): CommandPiece[] {
  const pieces: CommandPiece[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '<') {
      const end = text.indexOf('>', i + 1);
      const next = text.indexOf('<', i + 1);
      if (end > i && (next < 0 || end < next)) {
        const raw = text.slice(i, end + 1);
        // A token that reads as nothing (`<>`, a date with no words) is shown as it came, never as an empty word.
        pieces.push({ kind: 'slack', raw, text: slackTokenText(raw.slice(1, -1)) || raw });
        i = end + 1;
        continue;
      }
    }
    if (ch === '&') {
      const match = /^&(amp|lt|gt);/.exec(text.slice(i, i + 5));
      if (match?.[1]) {
        pieces.push({ kind: 'char', text: entities[match[1]] as string });
        i += match[0].length;
        continue;
      }
    }
    const codePoint = String.fromCodePoint(text.codePointAt(i) as number);
    pieces.push({ kind: 'char', text: codePoint });
    i += codePoint.length;
  }
  return pieces;
}

/** Command text as Slack sent it, read as plain text (see {@link commandPieces}). */
export function plainCommandText(text: string): string {
  return commandPieces(text)
    .map((p) => p.text)
    .join('');
}
