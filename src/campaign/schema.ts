import { z } from 'zod';

/**
 * Limits on campaign text. Most follow Block Kit: a header holds 150 characters, a section 3,000, a
 * button's text 75 and its URL 3,000. Longer text would not fit where Rally shows it; the builders
 * still split and trim whatever they get, so these limits keep posts readable rather than valid.
 */
export const campaignLimits = {
  headline: 150,
  source: 100,
  url: 3000,
  paragraph: 3000,
  summaryParagraphs: 20,
  quote: 1000,
  speaker: 150,
  quotes: 10,
  framing: 1500,
  discussionPrompt: 1000,
  title: 150,
  addressee: 150,
  opening: 1500,
  bodyParagraphs: 50,
  ask: 1500,
  closing: 500,
  donationName: 75,
  donationDescription: 150,
  donations: 10,
} as const;

export const defaultDiscussionPrompt = 'What do you think? Reply in this thread.';

// YAML reads `key:` with nothing after it as null; treat that like a missing key.
const absentIfNull = (value: unknown): unknown => (value === null ? undefined : value);

const requiredOr = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? 'is required' : `must be ${what}`;

/** Trimmed, non-empty text of at most `max` characters. */
const text = (max: number) =>
  z
    .string({ error: requiredOr('text (put it in quotes if it looks like a number or a date)') })
    .trim()
    .min(1, { error: 'must not be empty', abort: true })
    .max(max, {
      error: (issue) => `must be at most ${max} characters (got ${String(issue.input).length})`,
    });

const optionalText = (max: number) => z.preprocess(absentIfNull, text(max).optional());

const list = <T extends z.ZodType>(item: T, one: string, many: string, min: number, max: number) =>
  z
    .array(item, { error: requiredOr(`a list of ${many}`) })
    .min(min, { error: `must have at least ${min === 1 ? `one ${one}` : `${min} ${many}`}` })
    .max(max, { error: `must have at most ${max} ${many}` });

/** Whether `value` is an absolute https:// URL with a dotted host name, such as https://example.org/page. */
export function isHttpsUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
}

const httpsUrl = text(campaignLimits.url).refine(isHttpsUrl, {
  error: 'must be an https:// URL, such as https://example.org/page',
});

const isoDate = z.preprocess(
  absentIfNull,
  z.iso
    .date({ error: 'must be a date written YYYY-MM-DD, such as 2018-06-20 (put it in quotes)' })
    .optional(),
);

const mapping = (what: string) => ({ error: requiredOr(`a mapping of ${what} (one "field: value" a line)`) });

const quoteSchema = z.strictObject(
  {
    text: text(campaignLimits.quote),
    speaker: text(campaignLimits.speaker),
  },
  mapping('text and speaker'),
);

/**
 * The article as the campaign file gives it. The article form (`articles/article-form.ts`) checks what
 * organizers type with this same schema, so a file and a form accept the same articles.
 */
export const articleSchema = z.strictObject(
  {
    headline: text(campaignLimits.headline),
    source: text(campaignLimits.source),
    url: z.preprocess(absentIfNull, httpsUrl.optional()),
    published: isoDate,
    summary: list(
      text(campaignLimits.paragraph),
      'paragraph',
      'paragraphs',
      1,
      campaignLimits.summaryParagraphs,
    ),
    quotes: z.preprocess(
      absentIfNull,
      list(quoteSchema, 'quote', 'quotes', 0, campaignLimits.quotes).default([]),
    ),
    framing: optionalText(campaignLimits.framing),
    discussionPrompt: z.preprocess(
      absentIfNull,
      text(campaignLimits.discussionPrompt).default(defaultDiscussionPrompt),
    ),
  },
  mapping('the article'),
);

const letterSchema = z.strictObject(
  {
    title: text(campaignLimits.title),
    addressee: text(campaignLimits.addressee),
    opening: text(campaignLimits.opening),
    body: list(text(campaignLimits.paragraph), 'paragraph', 'paragraphs', 1, campaignLimits.bodyParagraphs),
    ask: text(campaignLimits.ask),
    closing: optionalText(campaignLimits.closing),
  },
  mapping('the letter'),
);

const donationSchema = z.strictObject(
  {
    name: text(campaignLimits.donationName),
    url: httpsUrl,
    description: text(campaignLimits.donationDescription).refine((value) => !value.includes('\n'), {
      error: 'must be a single line',
    }),
  },
  mapping('name, url and description'),
);

/**
 * The campaign Rally posts: the article, the open letter and the nonprofits of donation prompts. It is
 * data, read from a YAML file at start-up (see `default-campaign.yml` for the format).
 */
export const campaignSchema = z.strictObject(
  {
    article: articleSchema,
    letter: letterSchema,
    donations: z.preprocess(
      absentIfNull,
      list(donationSchema, 'donation', 'donations', 0, campaignLimits.donations).default([]),
    ),
  },
  { error: requiredOr('a mapping with article, letter and donations') },
);

export type Campaign = z.output<typeof campaignSchema>;
export type Article = Campaign['article'];
export type Letter = Campaign['letter'];
export type Donation = Campaign['donations'][number];
export type Quote = Article['quotes'][number];
