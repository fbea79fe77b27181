import { cutPoints, forcedCut } from '../../text/cut.js';

/** The most characters Slack accepts in a section block's text (and in a context element's). */
export const sectionTextLimit = 3000;

const paragraphBreak = /\n[ \t]*\n/g;
// A sentence ends with . ! ? or … , possibly followed by closing quotes or brackets, then whitespace.
const sentenceEnd = /[.!?…]["'”’)\]]*(?=\s)/g;
const whitespace = /\s/g;
// Leading whitespace, except a space that carries a combining mark (the two are one grapheme).
const leadingSpace = /^\s+(?!\p{M}|\u200D|[\u{1F3FB}-\u{1F3FF}])/u;

/**
 * The end of the last match of `pattern` in `text` that ends at or before `limit` where a cut may fall,
 * or 0 when none does.
 */
function lastBoundary(
  text: string,
  pattern: RegExp,
  limit: number,
  useStart: boolean,
  ok: Set<number>,
): number {
  let best = 0;
  for (const match of text.matchAll(pattern)) {
    const end = useStart ? match.index : match.index + match[0].length;
    if (end > limit) break;
    if (ok.has(end)) best = end;
  }
  return best;
}

/**
 * Where to end the next chunk of `text`: the last paragraph break, else sentence end, else space that
 * fits; else a hard cut. Every cut falls between graphemes and outside Slack's escapes and `<…>` tokens
 * (see {@link cutPoints}), unless one of those alone is longer than the limit.
 */
function cutPoint(text: string, limit: number): number {
  const ok = new Set(cutPoints(text, limit));
  return (
    lastBoundary(text, paragraphBreak, limit, true, ok) ||
    lastBoundary(text, sentenceEnd, limit, false, ok) ||
    lastBoundary(text, whitespace, limit, true, ok) ||
    forcedCut(text, limit)
  );
}

/**
 * Splits text into chunks of at most `limit` characters, cutting at a paragraph break when one fits,
 * else at the end of a sentence, else between words; a word is cut only when it alone is longer than
 * the limit. Whitespace at the cuts is dropped; everything else is kept in order. Empty text gives no
 * chunks.
 */
export function splitText(text: string, limit: number = sectionTextLimit): string[] {
  if (!Number.isInteger(limit) || limit < 8)
    throw new RangeError(`limit must be an integer >= 8 (got ${limit})`);
  const chunks: string[] = [];
  let rest = text.trimEnd().replace(leadingSpace, '');
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(leadingSpace, '');
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/**
 * Packs paragraphs into as few chunks of at most `limit` characters as possible, joined by blank lines
 * and in order; a paragraph longer than the limit is split by {@link splitText}.
 */
export function packParagraphs(paragraphs: readonly string[], limit: number = sectionTextLimit): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const paragraph of paragraphs.flatMap((p) => splitText(p, limit))) {
    if (current && current.length + 2 + paragraph.length <= limit) {
      current = `${current}\n\n${paragraph}`;
    } else {
      if (current) chunks.push(current);
      current = paragraph;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
