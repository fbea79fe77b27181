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
  /** It was given no closing time, so it closes by itself at `closesAt` (unless closed earlier). */
  closesByAge?: boolean;
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

/** A poll as stored; counts and voters live in their own keys. */
export interface StoredPoll {
  id: string;
  teamId: string;
  channel: string;
  /** The poll message, once posted. */
  ts?: string;
  question: string;
  options: string[];
  emojis: string[];
  anonymous: boolean;
  multiple: boolean;
  hidden: boolean;
  /**
   * Whether emoji reactions count (public polls only). Off in a channel shared with another organization:
   * a reaction does not say which organization the person belongs to, a button press does.
   */
  reactions: boolean;
  /** The creator's user ID (public polls) or keyed hash (anonymous polls). */
  creator: string;
  closesAt?: number;
  /** Given no closing time, it closes by itself at `closesAt`, `RALLY_MAX_POLL_DAYS` after it started. */
  closesByAge?: boolean;
  closed: boolean;
  /** Set at close: the number of people who voted (anonymous polls keep no voter records after). */
  finalVoters?: number;
  createdAt: number;
  closedAt?: number;
}

export interface PollTally {
  counts: number[];
  voters: number;
}

/** What changed, as the voter is told: the options Rally now holds for them. */
export type VoteResult =
  | { ok: true; selection: number[] }
  | { ok: false; reason: 'closed' | 'unknown-poll' | 'bad-option' };

/** How a vote changes the voter's selection. */
export type VoteAction =
  /**
   * A button: in a single-choice poll, choosing the held option withdraws it; in a multiple one it toggles.
   * A second press of the same option within `doublePressMs` is a double click and changes nothing.
   */
  | 'toggle'
  /** A reaction added: holds the option (moving a single-choice vote). */
  | 'add'
  /** A reaction removed: releases the option if held. */
  | 'remove';
