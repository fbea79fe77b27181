/** The longest short name Rally makes (people type it). */
const maxSlugLength = 40;

/**
 * A short name from a title or a headline: lower case, letters and digits only (accents dropped), words
 * joined by `-`, at most 40 characters cut at a word: "End Microsoft's contract with ICE" is
 * `end-microsofts-contract-with-ice`. `fallback` names what has no letter or digit to take.
 */
export function slugFrom(title: string, fallback: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxSlugLength) break;
    slug = next;
  }
  return slug || fallback;
}

/** Whether a word someone typed can be a short name. */
export const isSlug = (word: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(word) && word.length <= 60;

/** Candidates for a short name, the plain one first, then `-2`, `-3`... */
export function* slugCandidates(title: string, fallback: string): Generator<string> {
  const base = slugFrom(title, fallback);
  yield base;
  for (let n = 2; ; n++) yield `${base}-${n}`;
}

/**
 * The first candidate short name that `claim` takes (it answers false when the name is someone else's):
 * how a new letter or article gets a name unique among its kind.
 */
export async function claimFreeSlug(
  title: string,
  fallback: string,
  claim: (slug: string) => Promise<boolean>,
): Promise<string> {
  for (const slug of slugCandidates(title, fallback)) if (await claim(slug)) return slug;
  throw new Error('unreachable');
}
