/** A word of a command, and whether it was typed in quotes (so `"anonymous"` is text, not a flag). */
export interface Token {
  text: string;
  quoted: boolean;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: string };

// Slack clients turn typed quotes into typographic ones; Rally reads both kinds the same.
const doubleQuotes = new Set(['"', '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB']);
const singleQuotes = new Set(["'", '\u2018', '\u2019']);

const isSpace = (ch: string): boolean => /\s/.test(ch);

/**
 * Splits command text into words, keeping quoted phrases together. Double quotes (straight or
 * curly) always quote; single quotes quote only at the start of a word, so "don't" stays one word.
 */
export function tokenize(input: string): TokenizeResult {
  const tokens: Token[] = [];
  const chars = [...input.trim()];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] as string;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    const quoteKind = doubleQuotes.has(ch) ? doubleQuotes : singleQuotes.has(ch) ? singleQuotes : undefined;
    if (quoteKind) {
      const start = i;
      let text = '';
      i++;
      let closed = false;
      while (i < chars.length) {
        const c = chars[i] as string;
        const next = chars[i + 1];
        const endsWord = next === undefined || isSpace(next);
        if (quoteKind.has(c) && (quoteKind === doubleQuotes || endsWord)) {
          closed = true;
          i++;
          break;
        }
        text += c;
        i++;
      }
      if (!closed) {
        const opened = chars.slice(start, start + 20).join('');
        return {
          ok: false,
          error: `A quote is never closed: ${opened}${chars.length - start > 20 ? '…' : ''}`,
        };
      }
      tokens.push({ text: text.trim().replace(/[\u2018\u2019]/g, "'"), quoted: true });
      continue;
    }
    let word = '';
    while (i < chars.length && !isSpace(chars[i] as string)) {
      word += chars[i];
      i++;
    }
    tokens.push({ text: word.replace(/[\u2018\u2019]/g, "'"), quoted: false });
  }
  return { ok: true, tokens };
}
