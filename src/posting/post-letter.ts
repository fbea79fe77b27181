import type { AuditDeps } from '../audit/record-action.js';
import { requestLetterClose } from '../letters/close-letter.js';
import type { LetterStore } from '../letters/letter-store.js';
import { scheduleLetterClosing } from '../letters/schedule-closing.js';
import type { Queues } from '../queues/queues.js';
import type { PostRequest } from './request-post.js';
import { requestPost } from './request-post.js';

export type PostLetterOutcome = { ok: true; opened: boolean } | { ok: false; problem: string };

/**
 * Posts a letter to channels for an organizer. A draft opens for signing at its first post (its closing
 * is scheduled); a revision's first post also closes the letter it replaces, whose signers are not
 * carried over. A closed letter is not posted again.
 */
export async function postLetter(
  deps: { letters: LetterStore; queues: Queues } & AuditDeps,
  request: Omit<PostRequest, 'kind' | 'letterId'> & { letterId: string },
): Promise<PostLetterOutcome> {
  const letter = await deps.letters.get(request.letterId);
  if (!letter) return { ok: false, problem: 'That letter no longer exists.' };
  if (letter.status === 'closed') {
    return {
      ok: false,
      problem: `"${letter.text.title}" is closed: it takes no more signatures. Revise it to post a new version.`,
    };
  }
  const opened = letter.status === 'draft' && (await deps.letters.open(letter.id));
  if (opened) {
    await scheduleLetterClosing(deps, letter);
    if (letter.revisionOf) {
      await deps.letters.markReplaced(letter.revisionOf, letter.id);
      await requestLetterClose(deps, { letterId: letter.revisionOf, requestedBy: request.requestedBy });
    }
  }
  await requestPost(deps, { ...request, kind: 'letter', subject: `the letter “${letter.text.title}”` });
  return { ok: true, opened };
}
