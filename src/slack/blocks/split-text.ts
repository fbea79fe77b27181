/** The most characters Slack accepts in a section block's text (and in a context element's). */
export const sectionTextLimit = 3000;

const paragraphBreak = /\n[ \t]*\n/g;
// A sentence ends with . ! ? or … , possibly followed by closing quotes or brackets, then whitespace.
const sentenceEnd = /[.!?…]["'”’)\]]*(?=\s)/g;
const whitespace = /\s/g;
// Slack's own escapes (`&amp;`, `&lt;`, `&gt;`): a hard cut must not fall inside one.
const partialEntity = /&[a-z]{0,3}$/;

/** The end of the last match of `pattern` in `text` that ends at or before `limit`, or 0 when none does. */
function lastBoundary(text: string, pattern: RegExp, limit: number, useStart: boolean): number {
  let best = 0;
  for (const match of text.matchAll(pattern)) {
    const end = useStart ? match.index : match.index + match[0].length;
    if (end > limit) break;
    best = end;
  }
  return best;
}

/** Where a hard cut at `limit` may fall: never between a surrogate pair nor inside an escape. */
function hardCut(text: string, limit: number): number {
  let cut = limit;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const entity = partialEntity.exec(text.slice(Math.max(0, cut - 4), cut));
  if (entity && /^&(amp|lt|gt);/.test(text.slice(cut - entity[0].length)) && cut - entity[0].length > 0) {
    cut -= entity[0].length;
  }
  return cut;
}

/** Where to end the next chunk of `text`: the last paragraph break, else sentence end, else space that fits. */
function cutPoint(text: string, limit: number): number {
  return (
    lastBoundary(text, paragraphBreak, limit, true) ||
    lastBoundary(text, sentenceEnd, limit, false) ||
    lastBoundary(text, whitespace, limit, true) ||
    hardCut(text, limit)
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
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
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
