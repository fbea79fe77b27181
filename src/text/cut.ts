/**
 * Cutting text to a length Slack accepts without breaking what people read. Block Kit's limits count
 * UTF-16 code units (JavaScript's `length`), so every length here is one too. A cut falls only between
 * grapheme clusters, so never inside an emoji with a skin tone, a ZWJ family, a flag or a letter with its
 * combining accents (half of one would reach Slack as a lone surrogate or a stray mark); and never inside
 * one of Slack's escapes (`&amp;` `&lt;` `&gt;`) nor inside a Slack `<…>` token (a mention, a link, a
 * date), which would show their raw pieces.
 */

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

// What a cut must not fall inside: Slack's three escapes, and its `<…>` tokens.
// https://docs.slack.dev/messaging/formatting-message-text#escaping
const atomic = /&(?:amp|lt|gt);|<(?:[@#!]|(?:https?|mailto):)[^<>]*>/g;

/** The grapheme boundaries of `text` at or before `limit`, ascending, 0 included. */
function graphemeBoundaries(text: string, limit: number): number[] {
  // A boundary depends only on what comes before it and on the code point right after it, so the text up
  // to two code units past the limit decides every boundary up to the limit.
  const head = text.slice(0, limit + 2);
  const ends: number[] = [];
  for (const { index } of graphemes.segment(head)) {
    if (index > limit) break;
    ends.push(index);
  }
  if (text.length <= limit) ends.push(text.length);
  return ends;
}

/** The spans `[start, end)` of escapes and Slack tokens that begin before `limit`. */
function atomicSpans(text: string, limit: number): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(atomic)) {
    if (match.index >= limit) break;
    spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}

/**
 * Every offset at or before `limit` where `text` may be cut (0 included, and the end when it fits):
 * grapheme boundaries outside Slack's escapes and tokens, ascending.
 */
export function cutPoints(text: string, limit: number): number[] {
  const spans = atomicSpans(text, limit);
  let s = 0;
  return graphemeBoundaries(text, Math.max(0, limit)).filter((at) => {
    while (s < spans.length && (spans[s] as [number, number])[1] <= at) s++;
    const span = spans[s];
    return !span || at <= span[0];
  });
}

/** The longest prefix of `text` that has at most `limit` code units and ends where a cut may fall. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return text.slice(0, cutPoints(text, limit).at(-1) ?? 0);
}

/**
 * Where a cut must fall to make progress: the last safe point (see {@link cutPoints}) after the start;
 * when even the first grapheme or token is longer than `limit`, the last grapheme boundary; when one
 * grapheme is longer (a letter under dozens of accents), the last code point boundary. Never splits a
 * surrogate pair. `limit` must be at least 2.
 */
export function forcedCut(text: string, limit: number): number {
  const safe = cutPoints(text, limit).at(-1) ?? 0;
  if (safe > 0) return safe;
  const grapheme = graphemeBoundaries(text, limit).at(-1) ?? 0;
  if (grapheme > 0) return grapheme;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/**
 * `text` cut to at most `max` code units, ending with an ellipsis when something was cut. The cut falls
 * where {@link cutPoints} allows, so the result may be a little shorter than `max`.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  return `${cutText(text, max - 1).trimEnd()}…`;
}
