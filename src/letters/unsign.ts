import type { LetterActor, LetterDeps } from './deps.js';
import type { SignatureKind } from './model.js';
import { markLetterChanged } from './redraw-copies.js';
import { letterSigner } from './signer.js';

/**
 * Removes the person's signature of whatever kind and returns what was removed. Once the letter has closed
 * only a named signature can be withdrawn: nothing links anyone to the others any more.
 */
export async function unsign(
  deps: Pick<LetterDeps, 'signatures' | 'anonymousIds' | 'pendingRedraws'>,
  letterId: string,
  actor: LetterActor,
): Promise<SignatureKind | undefined> {
  const signer = await letterSigner(deps, letterId, actor);
  const byHash = signer ? await deps.signatures.removeByHash(letterId, signer) : undefined;
  const named = await deps.signatures.removeNamed(letterId, actor.userId);
  const removed: SignatureKind | undefined = named ? 'named' : byHash === 'claim' ? undefined : byHash;
  if (removed) await markLetterChanged(deps, letterId);
  return removed;
}
