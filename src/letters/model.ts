/** The open letter's signatures and copies, as Rally stores and shows them. */

export type SignatureKind = 'named' | 'anonymous' | 'conditional';

/** What a person asks for when signing. `anonymousId` is their keyed hash for the letter. */
export type SignRequest =
  | { kind: 'named'; userId: string; name: string; role?: string }
  | { kind: 'conditional'; userId: string; name: string; role?: string; threshold: number }
  | { kind: 'anonymous'; anonymousId: string };

/** Whom a lookup is for: the user ID finds named and conditional signatures, the hash anonymous ones. */
export interface Signer {
  userId: string;
  anonymousId: string;
}

/** A signature as its signer sees it. Only the day is kept, never the time. */
export interface OwnSignature {
  kind: SignatureKind;
  day: string;
  threshold?: number;
}

export interface SignatureTally {
  /** Names shown: unconditional signers plus conditional ones whose condition holds. */
  named: number;
  anonymous: number;
  /** Conditional signers still waiting for enough coworkers to sign with their names. */
  waiting: number;
}

export interface NamedSigner {
  name: string;
  role?: string;
}

export type SignResult = { ok: true } | { ok: false; existing: OwnSignature };

/** A posted message, by channel and timestamp. */
export interface MessageRef {
  channel: string;
  ts: string;
}
