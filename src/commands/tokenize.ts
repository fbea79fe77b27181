import { truncate } from '../text/cut.js';
import { type CommandPiece, commandPieces } from './slack-text.js';

/** A word of a command, and whether it was typed in quotes (so `"anonymous"` is text, not a flag). */
export interface Token {
  /**
   * The word as plain text: Slack's escapes decoded and its mentions and links read as text (`@bob`,
   * `#general`), see `slack-text.ts`. What Rally stores, and escapes once when it writes mrkdwn.
   */
  text: string;
  quoted: boolean;
  /**
   * When the word, unquoted, is one of Slack's `<…>` tokens and nothing else: that token as Slack sent it,
   * e.g. `<#C123|general>` for a channel picked from Slack's list. Text the person typed never sets it.
   */
  slack?: string;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: string };

// Slack clients turn typed quotes into typographic ones; Rally reads both kinds the same.
const doubleQuotes = new Set(['"', '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB']);
const singleQuotes = new Set(["'", '\u2018', '\u2019']);

const isSpace = (piece: CommandPiece | undefined): boolean => piece?.kind === 'char' && /\s/.test(piece.text);
const charOf = (piece: CommandPiece): string | undefined => (piece.kind === 'char' ? piece.text : undefined);
const textOf = (pieces: readonly CommandPiece[]): string => pieces.map((p) => p.text).join('');

/**
 * Splits command text, as Slack sends it, into words, keeping quoted phrases together. Double quotes
 * (straight or curly) always quote; single quotes quote only at the start of a word, so "don't" stays one
 * word. Slack's escapes are decoded and its `<…>` tokens are read whole (see `slack-text.ts`).
 */
export function tokenize(input: string): TokenizeResult {
  const tokens: Token[] = [];
  const pieces = commandPieces(input);
  let i = 0;
  while (i < pieces.length) {
    const piece = pieces[i] as CommandPiece;
    if (isSpace(piece)) {
      i++;
      continue;
    }
    const ch = charOf(piece) ?? '';
    const quoteKind = doubleQuotes.has(ch) ? doubleQuotes : singleQuotes.has(ch) ? singleQuotes : undefined;
    if (quoteKind) {
      const start = i;
      let text = '';
      i++;
      let closed = false;
      while (i < pieces.length) {
        const c = pieces[i] as CommandPiece;
        const endsWord = i + 1 >= pieces.length || isSpace(pieces[i + 1]);
        if (quoteKind.has(charOf(c) ?? '') && (quoteKind === doubleQuotes || endsWord)) {
          closed = true;
          i++;
          break;
        }
        text += c.text;
        i++;
      }
      if (!closed) {
        return {
          ok: false,
          error: `A quote is never closed: ${truncate(textOf(pieces.slice(start)).trim(), 21)}`,
        };
      }
      tokens.push({ text: text.trim().replace(/[\u2018\u2019]/g, "'"), quoted: true });
      continue;
    }
    const word: CommandPiece[] = [];
    while (i < pieces.length && !isSpace(pieces[i])) {
      word.push(pieces[i] as CommandPiece);
      i++;
    }
    const [only] = word;
    tokens.push({
      text: textOf(word).replace(/[\u2018\u2019]/g, "'"),
      quoted: false,
      ...(word.length === 1 && only?.kind === 'slack' ? { slack: only.raw } : {}),
    });
  }
  return { ok: true, tokens };
}
