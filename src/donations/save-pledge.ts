import type { DonationDeps } from './deps.js';
import type { PledgeForm } from './pledge-form.js';
import { pledgerOnPrompt } from './pledger.js';
import { markPromptChanged } from './redraw-prompt.js';

export type PledgeOutcome = 'closed' | 'pledged' | 'withdrawn';

/** Stores, changes or takes back a pledge, under the person's hash for that prompt only. */
export async function savePledge(
  deps: Pick<DonationDeps, 'donations' | 'anonymousIds' | 'pendingRedraws'>,
  actor: { teamId: string; userId: string },
  promptId: string,
  form: PledgeForm,
): Promise<PledgeOutcome> {
  const pledger = await pledgerOnPrompt(deps, promptId, actor);
  if (!pledger) return 'closed';
  if (form.withdraw) await deps.donations.withdraw(promptId, pledger);
  else await deps.donations.pledge(promptId, pledger, form.pledge);
  await markPromptChanged(deps, promptId);
  return form.withdraw ? 'withdrawn' : 'pledged';
}
