/** What `/rally post` posts; donation prompts come from `/rally donate`. */
export type PostKind = 'article' | 'letter';

/** Everything the posting job can post (events come from `/rally event`). */
export type PostedKind = PostKind | 'donation' | 'event';

/** What happened to one channel of a post request. */
export type ChannelOutcome =
  | { status: 'posted'; ts: string; permalink?: string }
  | { status: 'failed'; reason: string }
  | { status: 'needs-confirmation'; reason: string };

/** One channel's line in the summary. */
export interface ChannelResult {
  channel: string;
  outcome: ChannelOutcome;
}
