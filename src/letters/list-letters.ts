import type { MessageContent } from '../slack/blocks/messages.js';
import { buildLetterList } from './blocks/letter-list.js';
import type { LetterDeps } from './deps.js';
import { shownTally } from './redraw-copies.js';

/**
 * `/rally letters`: the open letters for anyone; every letter, with counts and actions, for organizers. The
 * counts are those the letters' copies show, so that they move only on the redraw clock, as on the copies.
 */
export async function listLetters(
  deps: Pick<LetterDeps, 'letters' | 'signatures' | 'letterCopies' | 'config'>,
  viewer: 'organizer' | 'participant',
): Promise<MessageContent> {
  const letters = await deps.letters.list();
  const listed = await Promise.all(
    letters.map(async (letter) => ({ letter, tally: await shownTally(deps, letter) })),
  );
  return buildLetterList(listed, deps.config, viewer);
}
