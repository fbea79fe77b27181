/** The letter's signatures and copies, as Rally stores and shows them. */

export type SignatureKind = 'named' | 'anonymous' | 'conditional';

/**
 * A draft (only organizers see it, and its text can change), open for signing, or closed: its key, hashes
 * and waiting signers are gone and only counts remain.
 */
export type LetterStatus = 'draft' | 'open' | 'closed';

/** The ID of the letter imported from the campaign file (the first version of Rally had only this one). */
export const campaignLetterId = 'campaign';

/** The words of a letter: mrkdwn as its organizers wrote it (`<`, `>` and `&` are shown as written). */
export interface LetterText {
  title: string;
  addressee: string;
  /** In order; the first is shown on a posted copy of a long letter. */
  paragraphs: string[];
}

/** A letter as organizers manage it in Slack. */
export interface Letter {
  id: string;
  /** A short name people type (`/rally sign ice-contract`), unique among letters. */
  slug: string;
  status: LetterStatus;
  text: LetterText;
  /** A number of signatures to reach, shown as progress on every copy. */
  goal?: number;
  /** When signing stops by itself (ms); as typed until it is read in the organizer's zone. */
  closesAt?: number;
  closesWords?: string;
  allowAnonymous: boolean;
  allowConditional: boolean;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  /** The letter this one revises (its signers are not carried over), and the one that replaced it. */
  revisionOf?: string;
  replacedBy?: string;
  /** Written in Slack, or imported from the campaign file. */
  origin: 'slack' | 'file';
  /**
   * Counts changes to the text (from 1). A signing form carries the version it showed, and a signature is
   * refused when the text changed meanwhile: a signature is consent to the words the signer saw.
   */
  textVersion: number;
}

/**
 * How the store recognises one person on one letter while it is open: by user ID for a named
 * signature (public by design), by a hash under the letter's random key for everything else. The two are
 * never sent to Redis in one command. `legacyHash` finds anonymous signatures made before letters had
 * their own key.
 */
export interface Signer {
  userId: string;
  hash: string;
  legacyHash: string;
}

/** A signature as its signer sees it. Only the day is kept, never the time. */
export interface OwnSignature {
  kind: SignatureKind;
  day: string;
  threshold?: number;
}

/** What a person asks for when signing: how, and for a conditional signature, the number of coworkers. */
export type SignatureChoice =
  | { kind: 'named'; role?: string }
  | { kind: 'anonymous' }
  | { kind: 'conditional'; role?: string; threshold: number };

export interface SignatureTally {
  /** Names shown: unconditional signers plus conditional ones whose condition holds. */
  named: number;
  anonymous: number;
  /** Conditional signers still waiting for enough coworkers to sign with their names. */
  waiting: number;
}

/** A signer whose name goes on the letter; the name is read from their Slack profile when exported. */
export interface NamedSigner {
  userId: string;
  role?: string;
}

export type SignResult =
  | { ok: true }
  /** The letter is not open, or does not accept this way of signing. */
  | { ok: false; reason: 'closed' | 'not-allowed' }
  /** The text changed after the signing form was opened. */
  | { ok: false; reason: 'text-changed' }
  | { ok: false; existing: OwnSignature };

/** A posted message, by channel and timestamp. */
export interface MessageRef {
  channel: string;
  ts: string;
}
