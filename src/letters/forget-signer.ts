import type { LetterActor, LetterDeps } from './deps.js';
import type { SignatureKind } from './model.js';
import { unsign } from './unsign.js';

/** Removes a person's signature from every letter Rally holds; returns what went, letter by letter. */
export async function forgetSignatures(
  deps: Pick<LetterDeps, 'letters' | 'signatures' | 'anonymousIds' | 'pendingRedraws'>,
  actor: LetterActor,
): Promise<SignatureKind[]> {
  const removed: SignatureKind[] = [];
  for (const letter of await deps.letters.list()) {
    const kind = await unsign(deps, letter.id, actor);
    if (kind) removed.push(kind);
  }
  return removed;
}
