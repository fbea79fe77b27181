import type { DonationDeps } from './deps.js';
import { pledgerOnPrompt } from './pledger.js';
import { markPromptChanged } from './redraw-prompt.js';

/** Takes back every pledge a person made on every open prompt; returns how many. */
export async function forgetPledges(
  deps: Pick<DonationDeps, 'donations' | 'anonymousIds' | 'pendingRedraws'>,
  teamId: string,
  userId: string,
): Promise<number> {
  let pledges = 0;
  for (const promptId of await deps.donations.allIds()) {
    const pledger = await pledgerOnPrompt(deps, promptId, { teamId, userId });
    if (pledger && (await deps.donations.withdraw(promptId, pledger))) {
      pledges++;
      await markPromptChanged(deps, promptId);
    }
  }
  return pledges;
}
