import type { Logger } from '../logger.js';
import { importLetter } from './import-letter.js';
import type { LetterStore } from './letter-store.js';
import { type MigrationDeps, migrateV1Letter } from './migrate-v1.js';
import type { LetterText } from './model.js';

/**
 * At start-up: signatures kept by the first version of Rally are moved into the campaign's letter, and the
 * campaign file's letter exists (created if no letter has its name; never rewritten once it does).
 */
export async function prepareLetters(
  deps: MigrationDeps & { letters: LetterStore; logger: Logger },
  campaignLetter: LetterText,
): Promise<void> {
  const moved = await migrateV1Letter(deps);
  if (moved > 0)
    deps.logger.info({ signatures: moved }, 'signatures moved from the first version of the letter');
  const imported = await importLetter(deps, campaignLetter);
  if (imported !== 'kept') deps.logger.info({ letter: imported }, 'letter of the campaign file imported');
}
