/** A poll as its creator asked for it, once read and checked (from the command or from the form). */
export interface NewPoll {
  question: string;
  options: string[];
  anonymous: boolean;
  multiple: boolean;
  hidden: boolean;
  /** When it closes on its own; absent when the creator closes it with **Close poll**. */
  closesAt?: Date;
}

/** Everything the poll message shows, and nothing more: no voter appears in it. */
export interface PollView {
  id: string;
  question: string;
  options: string[];
  /** Reaction names per option, without colons: `one`, `two`, ... (see `optionEmojis`). */
  emojis: string[];
  anonymous: boolean;
  multiple: boolean;
  hidden: boolean;
  /** Who started the poll; absent for anonymous polls (and ignored there if given). */
  creatorId?: string;
  /** When it closes, in milliseconds since the epoch. */
  closesAt?: number;
  closed: boolean;
  /** Votes per option, in the order of `options`. */
  counts: number[];
  /** Distinct people who voted. */
  voters: number;
  /** An anonymous poll shows numbers only once at least this many people voted. */
  minAnonymous: number;
  /** Whether emoji reactions count as votes (never for anonymous polls). */
  reactionsEnabled: boolean;
}
