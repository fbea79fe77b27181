import type { z } from 'zod';
import { articleSchema, campaignLimits } from '../campaign/schema.js';
import { articleFormBlocks } from '../slack/ids.js';
import { paragraphsOf } from '../text/paragraphs.js';
import type { ArticleText, Quote } from './model.js';

export type ArticleFormResult =
  | { ok: true; text: ArticleText }
  | { ok: false; errors: Record<string, string> };

type FormValues = Record<string, Record<string, unknown>>;

/** What an element of the submitted form holds under `field` (`value`, `selected_date`), when it is text. */
function elementValue(values: FormValues, blockId: string, field: string): string | undefined {
  const element = values[blockId]?.[blockId];
  const value =
    element && typeof element === 'object' ? (element as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

const oneLine = (value: string | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();

// `“What was said” — who said it`: straight or curly quotation marks, then a dash (em, en, or one or two
// hyphens). The words are everything up to the last closing mark before a dash, so quotes may quote.
const quotedLine = /^["“„«](.+)["”“»]\s*(?:—|–|―|-{1,2})\s*(.+)$/u;
// Without quotation marks: the words, a dash with a space either side, who said it.
const plainLine = /^(.+)\s(?:—|–|―|-{1,2})\s+(.+)$/u;

export type QuotesResult = { ok: true; quotes: Quote[] } | { ok: false; problem: string };

/** Reads the quotes box: one quote a line, `"What was said" — who said it`; blank lines are skipped. */
export function parseQuotes(box: string): QuotesResult {
  const quotes: Quote[] = [];
  const lines = box.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = quotedLine.exec(line) ?? plainLine.exec(line);
    if (!match?.[1] || !match[2]) {
      return {
        ok: false,
        problem: `Line ${index + 1} needs a dash and who said it, as in: "We refuse to be complicit." — Microsoft workers`,
      };
    }
    quotes.push({ text: match[1].trim(), speaker: match[2].trim() });
  }
  return { ok: true, quotes };
}

/** Each field of the article, the box it is typed in, and how an error about it begins. */
const fields: Record<string, { block: string; label: string; missing: string }> = {
  headline: {
    block: articleFormBlocks.headline,
    label: 'The headline',
    missing: 'Give the article its headline.',
  },
  source: {
    block: articleFormBlocks.source,
    label: 'The source',
    missing: 'Name the publication, such as The Source.',
  },
  url: { block: articleFormBlocks.url, label: 'The link', missing: 'Give the link, or leave it empty.' },
  published: { block: articleFormBlocks.published, label: 'The date', missing: 'Pick the day.' },
  summary: {
    block: articleFormBlocks.summary,
    label: 'The summary',
    missing: 'Write the summary: the reported facts, a blank line between paragraphs.',
  },
  quotes: {
    block: articleFormBlocks.quotes,
    label: 'The quotes',
    missing: 'Write each quote on its own line.',
  },
  framing: { block: articleFormBlocks.framing, label: 'Your words', missing: 'Write your words.' },
  discussionPrompt: {
    block: articleFormBlocks.prompt,
    label: 'The discussion prompt',
    missing: 'Write the discussion prompt.',
  },
};

/** A schema issue as one sentence about one box of the form. */
function describeIssue(issue: z.core.$ZodIssue): { block: string; message: string } | undefined {
  const [name, index, part] = issue.path;
  const field = typeof name === 'string' ? fields[name] : undefined;
  if (!field) return undefined;
  const { block } = field;
  if (issue.path.length === 1 && issue.code === 'too_small') return { block, message: field.missing };
  if (name === 'summary' && typeof index === 'number')
    return { block, message: `Paragraph ${index + 1} of the summary ${issue.message}.` };
  if (name === 'quotes' && typeof index === 'number') {
    const what = part === 'speaker' ? 'who said it' : 'the words';
    return { block, message: `Quote ${index + 1}: ${what} ${issue.message}.` };
  }
  if (name === 'quotes') return { block, message: `At most ${campaignLimits.quotes} quotes, one a line.` };
  return { block, message: `${field.label} ${issue.message}.` };
}

/**
 * Reads the submitted article form and checks it with the campaign file's own schema (the same limits,
 * https links only, a real date), so an article written in Slack is one the file could hold. Errors are
 * keyed by block, one per block, as `response_action: 'errors'` wants them.
 */
export function readArticleForm(values: FormValues): ArticleFormResult {
  const text = (block: string) => elementValue(values, block, 'value') ?? '';
  const errors: Record<string, string> = {};
  const quotes = parseQuotes(text(articleFormBlocks.quotes));
  if (!quotes.ok) errors[articleFormBlocks.quotes] = quotes.problem;
  const candidate = {
    headline: oneLine(text(articleFormBlocks.headline)),
    source: oneLine(text(articleFormBlocks.source)),
    url: oneLine(text(articleFormBlocks.url)) || undefined,
    published: elementValue(values, articleFormBlocks.published, 'selected_date') || undefined,
    summary: paragraphsOf(text(articleFormBlocks.summary)),
    quotes: quotes.ok ? quotes.quotes : [],
    framing: text(articleFormBlocks.framing).trim() || undefined,
    discussionPrompt: text(articleFormBlocks.prompt).trim() || undefined,
  };
  const parsed = articleSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const described = describeIssue(issue);
      if (described && !errors[described.block]) errors[described.block] = described.message;
    }
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, text: parsed.data };
  // Every issue names a field of the form; should one not, the form still says something is wrong.
  if (Object.keys(errors).length === 0) errors[articleFormBlocks.headline] = 'Check the article.';
  return { ok: false, errors };
}
