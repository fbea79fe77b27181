import type { DeliveryDeps } from '../delivery/deps.js';
import { updateMessage } from '../delivery/update.js';
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
 * Redraws every copy of the letter with the signature counts as they are now. A copy Slack says is gone
 * (deleted, archived) is forgotten; a rate limit fails the run, which is parked for `Retry-After`.
 */
export async function redrawLetterCopies(
  deps: Pick<DeliveryDeps, 'slack' | 'logger'> &
    Pick<LetterDeps, 'signatures' | 'letterCopies' | 'campaign' | 'config'>,
  letterId: string,
): Promise<void> {
  const { signatures, campaign, letterCopies, config } = deps;
  const closed = (await signatures.status(letterId)) === 'closed';
  const content = buildLetterMessage(campaign, await signatures.tally(letterId), config, {
    letterId,
    closed,
  });
  for (const copy of await letterCopies.list(letterId)) {
    const updated = await updateMessage(deps, { ...copy, ...content });
    if (!updated.ok) await letterCopies.remove(letterId, copy);
  }
}
