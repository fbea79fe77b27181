import type { TextStyle } from './fonts.js';

/** A stretch of text in one style; `link` makes it a link in the PDF. */
export interface Run {
  text: string;
  style: TextStyle;
  strike?: boolean;
  link?: string;
}

/**
 * One block of a paragraph: plain lines, a list item (with its bullet or number), a quoted line, or
 * preformatted code.
 */
export interface TextBlock {
  kind: 'text' | 'item' | 'quote' | 'code';
  /** A list item's bullet (`•`) or number (`1.`). */
  marker?: string;
  runs: Run[];
}

const wordCharacter = /[\p{L}\p{N}]/u;
const space = /\s/u;

/** Markers Slack reads as formatting, longest first: `**` is read as bold too, as Markdown writers mean it. */
const markers: { mark: string; apply: (run: Omit<Run, 'text'>) => Omit<Run, 'text'>; verbatim?: true }[] = [
  { mark: '**', apply: (r) => ({ ...r, style: { ...r.style, bold: true } }) },
  { mark: '*', apply: (r) => ({ ...r, style: { ...r.style, bold: true } }) },
  { mark: '__', apply: (r) => ({ ...r, style: { ...r.style, italic: true } }) },
  { mark: '_', apply: (r) => ({ ...r, style: { ...r.style, italic: true } }) },
  { mark: '~', apply: (r) => ({ ...r, strike: true }) },
  { mark: '`', apply: (r) => ({ ...r, style: { ...r.style, mono: true } }), verbatim: true },
];

// Slack's `<…>` tokens (links, mentions, channels, special mentions, dates) and Markdown's [text](url).
// https://docs.slack.dev/messaging/formatting-message-text
const token =
  /<((?:https?|mailto):[^|<>\s]+)(?:\|([^<>]*))?>|<([@#!])([^|<>]*)(?:\|([^<>]*))?>|\[([^\]\n]+)\]\((https?:\/\/[^()\s]+)\)/gu;

const isWord = (c: string | undefined): boolean => c !== undefined && wordCharacter.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || space.test(c);

/** The runs that stand for one of Slack's `<…>` tokens or a Markdown link: text, then its address. */
function tokenRuns(match: RegExpMatchArray, base: Omit<Run, 'text'>): Run[] {
  const [, url, label, sigil, target, name, mdLabel, mdUrl] = match;
  const address = url ?? mdUrl;
  if (address) {
    const shown = address.replace(/^mailto:/, '');
    const text = (label ?? mdLabel ?? '').trim();
    if (!text || text === shown || text === address) return [{ ...base, text: shown, link: address }];
    return [
      { ...base, text: `${text} (` },
      { ...base, text: shown, link: address },
      { ...base, text: ')' },
    ];
  }
  // A mention shows its label, never the ID behind it.
  if (sigil === '!') {
    const special = target?.split('^')[0] ?? '';
    if (['here', 'channel', 'everyone'].includes(special)) return [{ ...base, text: `@${special}` }];
    return [{ ...base, text: name ?? '' }];
  }
  const prefix = sigil === '#' ? '#' : '@';
  return [
    {
      ...base,
      text: name
        ? `${prefix}${name.replace(/^[@#]/, '')}`
        : `${prefix}${sigil === '#' ? 'channel' : 'someone'}`,
    },
  ];
}

/** Emphasis in one stretch of text, as Slack reads it: a marker opens after a space or punctuation, before text. */
function emphasisRuns(text: string, base: Omit<Run, 'text'>): Run[] {
  const runs: Run[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    // A fence left open is shown as written, as Slack does.
    if (text.startsWith('```', i)) {
      plain += '```';
      i += 3;
      continue;
    }
    const found = markers.find(({ mark }) => text.startsWith(mark, i));
    if (found && !isWord(text[i - 1]) && !isSpace(text[i + found.mark.length])) {
      const close = closingMarker(text, found.mark, i + found.mark.length);
      if (close !== undefined) {
        if (plain) runs.push({ ...base, text: plain });
        plain = '';
        const inner = text.slice(i + found.mark.length, close);
        const style = found.apply(base);
        runs.push(...(found.verbatim ? [{ ...style, text: inner }] : emphasisRuns(inner, style)));
        i = close + found.mark.length;
        continue;
      }
    }
    plain += text[i];
    i += 1;
  }
  if (plain) runs.push({ ...base, text: plain });
  return runs;
}

/** Where the marker that closes one opened before `from` is: after text, before a space or punctuation. */
function closingMarker(text: string, mark: string, from: number): number | undefined {
  for (let j = text.indexOf(mark, from + 1); j !== -1; j = text.indexOf(mark, j + 1)) {
    if (!isSpace(text[j - 1]) && !isWord(text[j + mark.length]) && text[j + mark.length] !== mark[0])
      return j;
  }
  return undefined;
}

// Stands for the n-th token of a line while emphasis is read: neither a space nor a letter, so a marker
// next to a token opens or closes as it would next to punctuation (`_<https://x|see>_` is italic).
const placeholderBase = 0xf0000;
const placeholders = /[\u{f0000}-\u{ffffd}]/gu;

/** One line of mrkdwn as styled runs: emphasis around tokens, tokens' text never read as formatting. */
export function inlineRuns(line: string, base: Omit<Run, 'text'> = { style: {} }): Run[] {
  const tokens: RegExpMatchArray[] = [];
  const masked = line.replace(placeholders, '\uFFFD').replace(token, (...args) => {
    const match = args.slice(0, -2) as unknown as RegExpMatchArray;
    tokens.push(match);
    return String.fromCodePoint(placeholderBase + tokens.length - 1);
  });
  const runs = emphasisRuns(masked, base).flatMap((run) => {
    const out: Run[] = [];
    let at = 0;
    for (const found of run.text.matchAll(placeholders)) {
      const match = tokens[(found[0].codePointAt(0) as number) - placeholderBase] as RegExpMatchArray;
      const { text: _, ...style } = run;
      out.push({ ...run, text: run.text.slice(at, found.index) }, ...tokenRuns(match, style));
      at = found.index + found[0].length;
    }
    out.push({ ...run, text: run.text.slice(at) });
    return out;
  });
  return runs.filter((r) => r.text !== '');
}

const item = /^\s*(?:([•◦▪‣\-*+])|(\d{1,3}[.)]))\s+(.*)$/u;
const quote = /^\s*(?:>|&gt;)\s?(.*)$/u;

/**
 * A paragraph of a letter, written in Slack's mrkdwn as organizers write it, read into blocks of styled
 * text for a PDF: `*bold*`, `_italic_`, `~strike~` and `code` become styles, links their text followed by
 * their address, list lines items with a hanging bullet, `>` lines quotes, and ``` fences code. No
 * formatting character is left showing where Slack would not show it.
 */
export function mrkdwnBlocks(paragraph: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const parts = paragraph.split('```');
  // A fence left open is shown as written, as Slack does.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`\`\`${parts.at(-1)}`);
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      const code = part.replace(/^\n|\n$/g, '');
      if (code) blocks.push({ kind: 'code', runs: [{ text: code, style: { mono: true } }] });
      return;
    }
    for (const line of part.split('\n')) {
      if (!line.trim()) continue;
      const listed = item.exec(line);
      const quoted = quote.exec(line);
      if (listed) {
        const marker = listed[1] ? '•' : (listed[2] as string).replace(')', '.');
        blocks.push({ kind: 'item', marker, runs: inlineRuns(listed[3] ?? '') });
      } else if (quoted) {
        blocks.push({ kind: 'quote', runs: inlineRuns(quoted[1] ?? '') });
      } else {
        const last = blocks.at(-1);
        const runs = inlineRuns(line.trim());
        // Lines of one paragraph stay one block, broken where the writer broke them.
        if (last?.kind === 'text') last.runs.push({ text: '\n', style: {} }, ...runs);
        else blocks.push({ kind: 'text', runs });
      }
    }
  });
  return blocks;
}
