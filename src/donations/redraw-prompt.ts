import type { DeliveryDeps } from '../delivery/deps.js';
import { requestRedraw } from '../delivery/redraw.js';
import { updateMessage } from '../delivery/update.js';
import { dedupIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { buildDonationPrompt } from './blocks/donation-prompt.js';
import type { DonationDeps } from './deps.js';

/**
 * Asks for a donation prompt to be redrawn. As slow as an anonymous poll: a click count that moves right
 * after someone clicks tells a colleague watching who it was.
 */
export async function requestPromptRedraw(queues: Queues, promptId: string): Promise<void> {
  await requestRedraw(
    queues,
    { target: 'donation', promptId },
    { dedupId: dedupIds.donationRedraw(promptId), anonymous: true },
  );
}

/** Redraws a donation prompt with its click and pledge counts as they are now. */
export async function redrawPrompt(
  deps: Pick<DeliveryDeps, 'slack' | 'logger'> & Pick<DonationDeps, 'donations' | 'campaign' | 'config'>,
  promptId: string,
): Promise<void> {
  const { donations, campaign, config } = deps;
  const message = await donations.message(promptId);
  if (!message) return;
  const tally = await donations.tally(promptId, campaign.donations.length);
  const content = buildDonationPrompt(campaign.donations, promptId, tally, config.minAnonymous);
  await updateMessage(deps, { ...message, ...content });
}
