import type { DeliveryDeps } from '../delivery/deps.js';
import { requestRedraw } from '../delivery/redraw.js';
import { updateMessage } from '../delivery/update.js';
import { dedupIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { buildLetterMessage } from './blocks/letter-message.js';
import type { LetterDeps } from './deps.js';

/** Asks for every copy of the letter to be redrawn with the current counts (coalesced). */
export async function requestLetterRedraw(queues: Queues): Promise<void> {
  await requestRedraw(queues, { target: 'letter' }, { dedupId: dedupIds.letterRedraw, anonymous: false });
}

/**
 * Redraws every copy of the letter with the signature counts as they are now. A copy Slack says is gone
 * (deleted, archived) is forgotten; a rate limit fails the run, which is parked for `Retry-After`.
 */
export async function redrawLetterCopies(
  deps: Pick<DeliveryDeps, 'slack' | 'logger'> &
    Pick<LetterDeps, 'signatures' | 'letterCopies' | 'campaign' | 'config'>,
): Promise<void> {
  const { signatures, campaign, letterCopies, config } = deps;
  const content = buildLetterMessage(campaign, await signatures.tally(), config.minAnonymous);
  for (const copy of await letterCopies.list()) {
    const updated = await updateMessage(deps, { ...copy, ...content });
    if (!updated.ok) await letterCopies.remove(copy);
  }
}
