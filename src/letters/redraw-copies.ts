import type { DeliveryDeps } from '../delivery/deps.js';
import { updateMessage } from '../delivery/update.js';
import type { JobData } from '../queues/contracts.js';
import { dedupIds } from '../queues/job-ids.js';
import { buildLetterMessage } from './blocks/letter-message.js';
import type { LetterDeps } from './deps.js';

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
  deps: Pick<LetterDeps, 'letterCopies' | 'queues'>,
  letterId: string,
): Promise<void> {
  for (const copy of await deps.letterCopies.list(letterId)) {
    await deps.queues.enqueue(
      'copy-redraw',
      { letterId, ...copy },
      { deduplication: { id: dedupIds.copyRedraw(letterId, copy.channel, copy.ts), keepLastIfActive: true } },
    );
  }
}

/**
 * Redraws one copy of the letter with the signature counts as they are now. A copy Slack says is gone
 * (deleted, archived) is forgotten; a rate limit fails the run, which is parked for `Retry-After`.
 */
export async function redrawLetterCopy(
  deps: Pick<DeliveryDeps, 'slack' | 'logger'> &
    Pick<LetterDeps, 'signatures' | 'letterCopies' | 'campaign' | 'config'>,
  job: JobData<'copy-redraw'>,
): Promise<void> {
  const { signatures, campaign, letterCopies, config } = deps;
  const { letterId } = job;
  const closed = (await signatures.status(letterId)) === 'closed';
  const content = buildLetterMessage(campaign, await signatures.tally(letterId), config, {
    letterId,
    closed,
  });
  const copy = { channel: job.channel, ts: job.ts };
  const updated = await updateMessage(deps, { ...copy, ...content });
  if (!updated.ok) await letterCopies.remove(letterId, copy);
}
