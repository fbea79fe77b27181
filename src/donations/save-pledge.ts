import type { DonationDeps } from './deps.js';
import type { Pledge } from './model.js';
import type { PledgeForm } from './pledge-form.js';
import { pledgerOnPrompt } from './pledger.js';
import { nonprofitsOfPrompt } from './prompt-nonprofits.js';
import { markPromptChanged } from './redraw-prompt.js';

export type PledgeOutcome = 'closed' | 'pledged' | 'withdrawn';

/** A pledge naming a nonprofit the prompt does not list keeps only its amount band. */
async function onPromptList(
  deps: Pick<DonationDeps, 'donations' | 'campaign'>,
  promptId: string,
  pledge: Pledge,
): Promise<Pledge> {
  if (pledge.nonprofit === undefined) return pledge;
  if (pledge.nonprofit < (await nonprofitsOfPrompt(deps, promptId)).length) return pledge;
  const { nonprofit: _, ...rest } = pledge;
  return rest;
}

/** Stores, changes or takes back a pledge, under the person's hash for that prompt only. */
export async function savePledge(
  deps: Pick<DonationDeps, 'donations' | 'anonymousIds' | 'pendingRedraws' | 'campaign'>,
  actor: { teamId: string; userId: string },
  promptId: string,
  form: PledgeForm,
): Promise<PledgeOutcome> {
  const pledger = await pledgerOnPrompt(deps, promptId, actor);
  if (!pledger) return 'closed';
  if (form.withdraw) await deps.donations.withdraw(promptId, pledger);
  else await deps.donations.pledge(promptId, pledger, await onPromptList(deps, promptId, form.pledge));
  await markPromptChanged(deps, promptId);
  return form.withdraw ? 'withdrawn' : 'pledged';
}
