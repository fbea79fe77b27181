import { slugFrom } from '../text/slug.js';
import { LetterStore } from './letter-store.js';
import { campaignLetterId, type LetterText } from './model.js';
import type { SignatureStore } from './signature-store.js';

export type ImportOutcome = 'created' | 'adopted' | 'kept';

/**
 * Makes the campaign file's letter exist, open for signing, under the name its title gives, unless a
 * letter with that name exists: then nothing changes, so a letter people signed is never rewritten by the
 * file. A letter carried over from the first version of Rally (signatures, no text) takes the file's text.
 */
export async function importLetter(
  deps: { letters: LetterStore; signatures: SignatureStore },
  text: LetterText,
): Promise<ImportOutcome> {
  const slug = slugFrom(text.title, 'letter');
  if (await deps.letters.idBySlug(slug)) return 'kept';
  const campaignLetter = await deps.signatures.status(campaignLetterId);
  const carriedOver = campaignLetter !== undefined && !(await deps.letters.get(campaignLetterId));
  const id = carriedOver || campaignLetter === undefined ? campaignLetterId : LetterStore.newId();
  if (!(await deps.letters.claimSlug(slug, id))) return 'kept';
  const letter = { slug, text, allowAnonymous: true, allowConditional: true, origin: 'file' as const };
  if (carriedOver) {
    await deps.letters.adoptText(id, letter);
    return 'adopted';
  }
  await deps.letters.createDraft(letter, id);
  await deps.letters.open(id);
  return 'created';
}
