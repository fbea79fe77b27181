import type { Logger } from '../logger.js';
import type { NonprofitDetails } from './model.js';
import type { ImportOutcome, NonprofitStore } from './store.js';

/**
 * At start-up: the campaign file's nonprofits (its `donations`), in the file's order, are added to the list
 * organizers keep, each unless one of that name is listed. Nothing listed is ever rewritten from the file,
 * and a name the file offered once is not added again, so a nonprofit organizers removed stays removed.
 * Safe when several processes start at once.
 */
export async function importCampaignNonprofits(
  deps: { nonprofits: NonprofitStore; logger: Logger },
  donations: readonly NonprofitDetails[],
): Promise<Record<ImportOutcome, number>> {
  const counts: Record<ImportOutcome, number> = { created: 0, exists: 0, 'imported-before': 0, full: 0 };
  for (const donation of donations) counts[await deps.nonprofits.importFromCampaign(donation)]++;
  if (counts.created > 0)
    deps.logger.info({ nonprofits: counts.created }, 'nonprofits of the campaign file imported');
  if (counts.full > 0)
    deps.logger.warn(
      { nonprofits: counts.full, max: deps.nonprofits.max },
      'nonprofits of the campaign file not imported: the list is full',
    );
  return counts;
}
