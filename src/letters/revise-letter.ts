import type { AuditDeps } from '../audit/record-action.js';
import type { Queues } from '../queues/queues.js';
import type { LetterStore } from './letter-store.js';
import { type SaveOutcome, saveLetterDraft } from './save-draft.js';

/**
 * Starts a new version of a letter whose text is frozen: a new draft with the same text and settings (a
 * new short name), marked as a revision of it. Nothing changes for the old letter until the revision is
 * first posted: then the old one closes, and the new copies say which letter they replace.
 */
export async function reviseLetter(
  deps: { letters: LetterStore; queues: Queues } & AuditDeps,
  letterId: string,
  requestedBy: string,
): Promise<SaveOutcome> {
  const letter = await deps.letters.get(letterId);
  if (!letter) return { ok: false, reason: 'gone' };
  return saveLetterDraft(deps, {
    draft: {
      text: letter.text,
      ...(letter.goal ? { goal: letter.goal } : {}),
      ...(letter.closesWords ? { closesWords: letter.closesWords } : {}),
      allowAnonymous: letter.allowAnonymous,
      allowConditional: letter.allowConditional,
    },
    requestedBy,
    revisionOf: letter.id,
  });
}
