import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { Signer } from './model.js';

/** The anonymous-ID scope of the open letter's signatures. */
const letterScope = 'letter';

/** How the letter's store recognises a person: by user ID for named signatures, by keyed hash otherwise. */
export function letterSigner(deps: { anonymousIds: AnonymousIds }, teamId: string, userId: string): Signer {
  return { userId, anonymousId: deps.anonymousIds.of(letterScope, teamId, userId) };
}

/** Today as Rally stores it on a signature: the day only, in UTC. */
export const today = (now = new Date()): string => now.toISOString().slice(0, 10);
