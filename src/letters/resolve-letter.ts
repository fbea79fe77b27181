import type { Token } from '../commands/tokenize.js';
import { isSlug } from '../text/slug.js';
import type { LetterStore } from './letter-store.js';
import type { Letter } from './model.js';

export type Resolved = { ok: true; letter: Letter; rest: Token[] } | { ok: false; problem: string };

/**
 * Which letter a command means: the short name in its first word when it is one (`/rally sign
 * end-the-contract`), else the newest open letter. `rest` is the words after the name.
 */
export async function resolveLetter(
  deps: { letters: LetterStore },
  args: readonly Token[],
  which: 'open' | 'any' = 'open',
): Promise<Resolved> {
  const [first, ...rest] = args;
  const named =
    first && !first.quoted && isSlug(first.text.toLowerCase()) ? first.text.toLowerCase() : undefined;
  if (named) {
    const id = await deps.letters.idBySlug(named);
    const letter = id ? await deps.letters.get(id) : undefined;
    if (!letter)
      return { ok: false, problem: `There is no letter called "${named}". \`/rally letters\` lists them.` };
    return { ok: true, letter, rest };
  }
  const letters = await deps.letters.list();
  const letter = letters.find((l) => l.status === 'open') ?? (which === 'any' ? letters[0] : undefined);
  if (!letter) return { ok: false, problem: 'No letter is open for signing right now.' };
  return { ok: true, letter, rest: [...args] };
}
