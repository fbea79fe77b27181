import { type UpdateDeps, updateMessage } from '../delivery/update.js';
import type { JobData } from '../queues/contracts.js';
import { dedupIds } from '../queues/job-ids.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { buildLetterMessage } from './blocks/letter-message.js';
import type { LetterDeps } from './deps.js';
import type { Letter, SignatureTally } from './model.js';

/**
 * Counts a signature or a withdrawal toward the letter's next redraw. The copies change on the redraw
 * clock, once at least two acts are pending, so a moving count never points at whoever just signed.
 */
export async function markLetterChanged(
  deps: Pick<LetterDeps, 'pendingRedraws'>,
  letterId: string,
): Promise<void> {
  await deps.pendingRedraws.add({ target: 'letter', letterId });
}

/**
 * Redraws every copy of the letter: one small job per copy (coalesced per copy), so a letter posted to
 * many channels is redrawn copy by copy, each paced and retried on its own.
 */
export async function redrawLetterCopies(
  deps: Pick<LetterDeps, 'letterCopies' | 'queues' | 'signatures'>,
  letterId: string,
): Promise<void> {
  await deps.letterCopies.recordShown(letterId, await deps.signatures.tally(letterId));
  for (const copy of await deps.letterCopies.list(letterId)) {
    await deps.queues.enqueue(
      'copy-redraw',
      { letterId, ...copy },
      { deduplication: { id: dedupIds.copyRedraw(letterId, copy.channel, copy.ts), keepLastIfActive: true } },
    );
  }
}

/** A letter's message as it stands now (its counts, its state, the letter it replaces). */
export async function letterMessageOf(
  deps: Pick<LetterDeps, 'letters' | 'signatures' | 'letterCopies' | 'config'>,
  letterId: string,
): Promise<MessageContent | undefined> {
  const letter = await deps.letters.get(letterId);
  if (!letter) return undefined;
  const replaces = letter.revisionOf ? await deps.letters.get(letter.revisionOf) : undefined;
  const replacedBy = letter.replacedBy ? await deps.letters.get(letter.replacedBy) : undefined;
  const tally = await deps.signatures.tally(letterId);
  await deps.letterCopies.recordShown(letterId, tally);
  return buildLetterMessage(letter, tally, deps.config, {
    ...(replaces ? { replaces } : {}),
    ...(replacedBy ? { replacedBy } : {}),
  });
}

/**
 * Redraws one copy of the letter with the signature counts as they are now. A copy Slack says is gone
 * (deleted, archived) is forgotten; a rate limit fails the run, which is parked for `Retry-After`.
 */
export async function redrawLetterCopy(
  deps: UpdateDeps & Pick<LetterDeps, 'letters' | 'signatures' | 'letterCopies' | 'config'>,
  job: JobData<'copy-redraw'>,
): Promise<void> {
  const content = await letterMessageOf(deps, job.letterId);
  if (!content) return;
  const copy = { channel: job.channel, ts: job.ts };
  const updated = await updateMessage(deps, { ...copy, ...content });
  if (!updated.ok) await deps.letterCopies.remove(job.letterId, copy);
}

/**
 * The counts a letter shows outside its copies (the Home tab): those its copies were last drawn with while
 * it is open, so that they move only when the copies do, on the redraw clock and never right after one
 * person's click; a closed letter's final counts; nothing for a draft.
 */
export async function shownTally(
  deps: Pick<LetterDeps, 'signatures' | 'letterCopies'>,
  letter: Pick<Letter, 'id' | 'status'>,
): Promise<SignatureTally> {
  if (letter.status !== 'open') return deps.signatures.tally(letter.id);
  const shown = await deps.letterCopies.shown(letter.id);
  if (shown) return shown;
  // Copies drawn before their counts were recorded: what they show is what is counted now, from here on.
  const tally = await deps.signatures.tally(letter.id);
  await deps.letterCopies.recordShown(letter.id, tally);
  return tally;
}
