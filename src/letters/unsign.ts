import type { LetterActor, LetterDeps } from './deps.js';
import type { SignatureKind } from './model.js';
import { requestLetterRedraw } from './redraw-copies.js';
import { letterSigner } from './signer.js';

/** Removes the person's signature of whatever kind; returns what was removed. */
export async function unsign(
  deps: Pick<LetterDeps, 'signatures' | 'anonymousIds' | 'queues'>,
  actor: LetterActor,
): Promise<SignatureKind | undefined> {
  const removed = await deps.signatures.remove(letterSigner(deps, actor.teamId, actor.userId));
  if (removed) await requestLetterRedraw(deps.queues);
  return removed;
}
