import type { Config } from '../config.js';
import type { PendingRedraws } from '../delivery/redraw-clock.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { Queues } from '../queues/queues.js';
import type { LetterCopies } from './copies-store.js';
import type { LetterStore } from './letter-store.js';
import type { SignatureStore } from './signature-store.js';

/** What the letter's use cases work with. */
export interface LetterDeps {
  letters: LetterStore;
  signatures: SignatureStore;
  letterCopies: LetterCopies;
  anonymousIds: AnonymousIds;
  queues: Queues;
  pendingRedraws: PendingRedraws;
  config: Pick<Config, 'minAnonymous'>;
}

/** A person acting on a letter, as a Slack payload names them. */
export interface LetterActor {
  teamId: string;
  userId: string;
}
