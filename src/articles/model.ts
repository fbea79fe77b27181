/** Articles as Rally stores and shows them. */

/** Words quoted in the reporting, and who said them (Rally adds the quotation marks). */
export interface Quote {
  text: string;
  speaker: string;
}

/**
 * An article's words: the reporting as it was published (headline, source, link, date, summary, quotes),
 * the organizers' own framing, shown apart from it, and the first reply of its discussion thread. Plain
 * text as organizers wrote it; builders escape it once for mrkdwn.
 */
export interface ArticleText {
  headline: string;
  source: string;
  /** https only. */
  url?: string | undefined;
  /** The day it was published, `YYYY-MM-DD`. */
  published?: string | undefined;
  /** The reported facts, one paragraph each. */
  summary: string[];
  quotes: Quote[];
  framing?: string | undefined;
  discussionPrompt: string;
}

/** An article as organizers manage it in Slack. */
export interface Article {
  id: string;
  /** A short name people type (`/rally post article walkout-coverage`), unique among articles. */
  slug: string;
  text: ArticleText;
  createdAt: number;
  updatedAt?: number;
  /** When a copy was last posted to a channel. */
  postedAt?: number;
  /** Written in Slack, or imported from the campaign file. */
  origin: 'slack' | 'file';
}
