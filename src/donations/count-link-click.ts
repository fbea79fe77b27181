import type { DonationDeps } from './deps.js';
import { nonprofitsOfPrompt } from './prompt-nonprofits.js';
import { markPromptChanged } from './redraw-prompt.js';

const linkValue = /^([A-Za-z0-9_-]{6,64}):(\d{1,2})$/;

/**
 * A nonprofit's link was clicked (the browser opens the page; Slack sends the click): counted for that
 * nonprofit (its place on the prompt's own list) as a number only. Who clicked is neither stored nor
 * logged. False for a value Rally did not make or a prompt it does not know.
 */
export async function countLinkClick(
  deps: Pick<DonationDeps, 'donations' | 'campaign' | 'pendingRedraws'>,
  buttonValue: string | undefined,
): Promise<boolean> {
  const match = linkValue.exec(typeof buttonValue === 'string' ? buttonValue : '');
  const promptId = match?.[1];
  const index = Number(match?.[2]);
  if (!promptId || index >= (await nonprofitsOfPrompt(deps, promptId)).length) return false;
  if (!(await deps.donations.countClick(promptId, index))) return false;
  await markPromptChanged(deps, promptId);
  return true;
}
