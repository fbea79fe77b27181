import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { LetterActor } from './deps.js';
import type { Signer } from './model.js';
import type { SignatureStore } from './signature-store.js';

/** The anonymous-ID scope of letters' signatures. */
const letterScope = 'letter';

/**
 * How a letter's store recognises a person while the letter is open: their user ID for a named signature,
 * and a hash under the letter's random key for the rest. Undefined once the letter closed (its key is gone).
 */
export async function letterSigner(
  deps: { signatures: SignatureStore; anonymousIds: AnonymousIds },
  letterId: string,
  actor: LetterActor,
): Promise<Signer | undefined> {
  const key = await deps.signatures.scopeKey(letterId);
  if (!key) return undefined;
  return {
    userId: actor.userId,
    hash: deps.anonymousIds.of(letterScope, actor.teamId, actor.userId, key),
    legacyHash: deps.anonymousIds.of(letterScope, actor.teamId, actor.userId),
  };
}

/** Today as Rally stores it on a signature: the day only, in UTC. */
export const today = (now = new Date()): string => now.toISOString().slice(0, 10);
