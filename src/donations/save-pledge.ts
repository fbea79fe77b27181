import type { DonationDeps } from './deps.js';
import type { PledgeForm } from './pledge-form.js';
import { pledgerId } from './pledger.js';
import { requestPromptRedraw } from './redraw-prompt.js';

export type PledgeOutcome = 'closed' | 'pledged' | 'withdrawn';

/** Stores, changes or takes back a pledge, under the person's keyed hash for that prompt only. */
export async function savePledge(
  deps: Pick<DonationDeps, 'donations' | 'anonymousIds' | 'queues'>,
  actor: { teamId: string; userId: string },
  promptId: string,
  form: PledgeForm,
): Promise<PledgeOutcome> {
  if (!(await deps.donations.message(promptId))) return 'closed';
  const pledger = pledgerId(deps.anonymousIds, promptId, actor.teamId, actor.userId);
  if (form.withdraw) await deps.donations.withdraw(promptId, pledger);
  else await deps.donations.pledge(promptId, pledger, form.pledge);
  await requestPromptRedraw(deps.queues, promptId);
  return form.withdraw ? 'withdrawn' : 'pledged';
}
