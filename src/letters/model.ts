/** The letter's signatures and copies, as Rally stores and shows them. */

export type SignatureKind = 'named' | 'anonymous' | 'conditional';

/** Open for signing, or closed: its key, hashes and waiting signers are gone and only counts remain. */
export type LetterStatus = 'open' | 'closed';

/** The ID of the letter of the campaign file (Rally's one letter until letters are managed in Slack). */
export const campaignLetterId = 'campaign';

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
  | { ok: false; reason: 'closed' }
  | { ok: false; existing: OwnSignature };

/** A posted message, by channel and timestamp. */
export interface MessageRef {
  channel: string;
  ts: string;
}
