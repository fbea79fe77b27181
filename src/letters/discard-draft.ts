import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import type { LetterStore } from './letter-store.js';

/** **Discard** (organizers): deletes a draft that was never posted. False for anything but a draft. */
export async function discardDraft(
  deps: { letters: LetterStore } & AuditDeps,
  letterId: string,
  actor: string,
): Promise<boolean> {
  const letter = await deps.letters.get(letterId);
  if (!letter || !(await deps.letters.discardDraft(letterId))) return false;
  await recordOrganizerAction(deps, { actor, action: 'discarded-letter', subject: letter.text.title });
  return true;
}
