import type { Campaign } from '../campaign/schema.js';
import type { NonprofitDetails } from '../nonprofits/model.js';
import type { NonprofitStore } from '../nonprofits/store.js';
import type { DonationStore } from './store.js';

/**
 * The nonprofits a prompt lists, by position: its buttons, click counts, pledge form and digest line all
 * index this list. It is the copy the prompt kept when it was posted; a prompt posted before prompts kept
 * one lists the campaign file's, as it did then.
 */
export async function nonprofitsOfPrompt(
  deps: { donations: DonationStore; campaign: Pick<Campaign, 'donations'> },
  promptId: string,
): Promise<readonly NonprofitDetails[]> {
  return (await deps.donations.nonprofits(promptId)) ?? deps.campaign.donations;
}

/**
 * Before a prompt is posted: the nonprofits listed now become the prompt's own list, kept with it, so that
 * adding or removing one later changes only prompts posted after. A retried post gets the list its first
 * attempt kept.
 */
export async function keepPromptNonprofits(
  deps: { donations: DonationStore; nonprofits: NonprofitStore },
  promptId: string,
): Promise<readonly NonprofitDetails[]> {
  const kept = await deps.donations.nonprofits(promptId);
  if (kept) return kept;
  const listed = await deps.nonprofits.list();
  // An empty list is not kept: a retry after someone added a nonprofit may still post.
  return listed.length === 0 ? [] : deps.donations.keepNonprofits(promptId, listed);
}
