import type { DonationDeps } from './deps.js';
import { pledgerId } from './pledger.js';
import { requestPromptRedraw } from './redraw-prompt.js';

/** Takes back every pledge a person made, on every prompt Rally holds; returns how many. */
export async function forgetPledges(
  deps: Pick<DonationDeps, 'donations' | 'anonymousIds' | 'queues'>,
  teamId: string,
  userId: string,
): Promise<number> {
  let pledges = 0;
  for (const promptId of await deps.donations.allIds()) {
    if (await deps.donations.withdraw(promptId, pledgerId(deps.anonymousIds, promptId, teamId, userId))) {
      pledges++;
      await requestPromptRedraw(deps.queues, promptId);
    }
  }
  return pledges;
}
