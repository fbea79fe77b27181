import type { Logger } from '../logger.js';
import { type MigrationDeps, migrateV1Letter } from './migrate-v1.js';
import { campaignLetterId } from './model.js';

/**
 * At start-up: the campaign's letter exists and is open unless an organizer closed it, and signatures
 * kept by an earlier version of Rally are moved into it.
 */
export async function prepareLetters(deps: MigrationDeps & { logger: Logger }): Promise<void> {
  const moved = await migrateV1Letter(deps);
  if (moved > 0)
    deps.logger.info({ signatures: moved }, 'signatures moved from the first version of the letter');
  await deps.signatures.ensureOpen(campaignLetterId);
}
