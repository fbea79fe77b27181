import type { SignatureTally } from '../letters/model.js';

/** A channel's digest settings and what its last digest said, to tell what is new. */
export interface DigestState {
  /** How the schedule reads, e.g. "every day at 09:00 (Europe/Berlin)"; absent without a schedule. */
  description?: string;
  /** Post nothing (rather than one short line) when nothing is new. */
  quiet: boolean;
  lastAt?: number;
  /** Each letter's signature tally at the last digest, by letter ID. */
  lastSignatures: Record<string, SignatureTally>;
  /** Clicks plus pledges per donation prompt at the last digest, to report only prompts with news. */
  lastDonationActivity: Record<string, number>;
}
