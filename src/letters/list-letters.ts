import type { MessageContent } from '../slack/blocks/messages.js';
import { buildLetterList } from './blocks/letter-list.js';
import type { LetterDeps } from './deps.js';

/** `/rally letters`: the open letters for anyone; every letter, with counts and actions, for organizers. */
export async function listLetters(
  deps: Pick<LetterDeps, 'letters' | 'signatures' | 'config'>,
  viewer: 'organizer' | 'participant',
): Promise<MessageContent> {
  const letters = await deps.letters.list();
  const listed = await Promise.all(
    letters.map(async (letter) => ({ letter, tally: await deps.signatures.tally(letter.id) })),
  );
  return buildLetterList(listed, deps.config, viewer);
}
