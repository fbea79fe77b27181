import type { ModalView } from '@slack/types';
import { buildPledgeModal } from './blocks/donation-prompt.js';
import type { DonationDeps } from './deps.js';
import { pledgerOnPrompt } from './pledger.js';
import { nonprofitsOfPrompt } from './prompt-nonprofits.js';

/**
 * **I gave**: the pledge form, offering the nonprofits the prompt was posted with, filled in with what the
 * person said before on this prompt.
 */
export async function openPledgeForm(
  deps: Pick<DonationDeps, 'donations' | 'anonymousIds' | 'campaign'>,
  actor: { teamId: string; userId: string },
  promptId: string,
): Promise<ModalView | undefined> {
  const pledger = await pledgerOnPrompt(deps, promptId, actor);
  if (!pledger) return undefined;
  const current = await deps.donations.pledgeOf(promptId, pledger);
  return buildPledgeModal(await nonprofitsOfPrompt(deps, promptId), promptId, current);
}
