import { randomBytes } from 'node:crypto';
import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { claimFreeSlug } from '../text/slug.js';
import type { LetterDraft } from './letter-form.js';
import { LetterStore } from './letter-store.js';

export type SaveOutcome = { ok: true; letterId: string } | { ok: false; reason: 'frozen' | 'gone' };

/**
 * Saves what an organizer wrote in the letter form: a new draft, or the changes to a letter whose text is
 * not frozen (a draft, or an open letter nobody signed yet). Then a job reads the closing time in their
 * zone and sends them the preview with its buttons. `revisionOf` marks a new draft made from another letter.
 */
export async function saveLetterDraft(
  deps: { letters: LetterStore; queues: Queues } & AuditDeps,
  input: { letterId?: string | undefined; draft: LetterDraft; requestedBy: string; revisionOf?: string },
): Promise<SaveOutcome> {
  const { letters } = deps;
  const { draft } = input;
  const settings = {
    text: draft.text,
    ...(draft.goal !== undefined ? { goal: draft.goal } : {}),
    closesWords: draft.closesWords ?? '',
    allowAnonymous: draft.allowAnonymous,
    allowConditional: draft.allowConditional,
  };
  let letterId = input.letterId;
  if (letterId) {
    if (!(await letters.get(letterId))) return { ok: false, reason: 'gone' };
    if (!(await letters.edit(letterId, settings))) return { ok: false, reason: 'frozen' };
  } else {
    const id = LetterStore.newId();
    const slug = await claimFreeSlug(draft.text.title, 'letter', (name) => letters.claimSlug(name, id));
    await letters.createDraft(
      { ...settings, slug, origin: 'slack', ...(input.revisionOf ? { revisionOf: input.revisionOf } : {}) },
      id,
    );
    letterId = id;
  }
  await recordOrganizerAction(deps, {
    actor: input.requestedBy,
    action: input.revisionOf ? 'revised-letter' : input.letterId ? 'edited-letter' : 'wrote-letter',
    subject: draft.text.title,
  });
  await deps.queues.enqueue(
    'letter-preview',
    { letterId, requestedBy: input.requestedBy },
    { jobId: jobIds.letterPreview(letterId, randomBytes(4).toString('hex')) },
  );
  return { ok: true, letterId };
}
