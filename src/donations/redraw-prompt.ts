import type { PendingRedraws } from '../delivery/redraw-clock.js';
import { type UpdateDeps, updateMessage } from '../delivery/update.js';
import { buildDonationPrompt } from './blocks/donation-prompt.js';
import type { DonationDeps } from './deps.js';
import { nonprofitsOfPrompt } from './prompt-nonprofits.js';

/**
 * Counts a click or a pledge toward the prompt's next redraw, on the redraw clock: a count that moves
 * right after someone clicks tells a colleague watching who it was.
 */
export async function markPromptChanged(
  deps: { pendingRedraws: PendingRedraws },
  promptId: string,
): Promise<void> {
  await deps.pendingRedraws.add({ target: 'donation', promptId });
}

/** Redraws a donation prompt, with the nonprofits it was posted with and its counts as they are now. */
export async function redrawPrompt(
  deps: UpdateDeps & Pick<DonationDeps, 'donations' | 'campaign' | 'config'>,
  promptId: string,
): Promise<void> {
  const { donations, config } = deps;
  const message = await donations.message(promptId);
  if (!message) return;
  const nonprofits = await nonprofitsOfPrompt(deps, promptId);
  const tally = await donations.tally(promptId, nonprofits.length);
  const ended = await donations.isEnded(promptId);
  const content = buildDonationPrompt(nonprofits, promptId, tally, config, { ended });
  await updateMessage(deps, { ...message, ...content });
}
