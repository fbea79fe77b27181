/** The longest short name Rally makes for a letter (people type it). */
const maxSlugLength = 40;

/**
 * A short name from a title: lower case, letters and digits only (accents dropped), words joined by `-`,
 * at most 40 characters cut at a word: "End Microsoft's contract with ICE" is `end-microsofts-contract-with-ice`.
 */
export function slugFrom(title: string): string {
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
  return slug || 'letter';
}

/** Whether a word someone typed can be a letter's short name. */
export const isSlug = (word: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(word) && word.length <= 60;

/** Candidates for a letter's short name, the plain one first, then `-2`, `-3`... */
export function* slugCandidates(title: string): Generator<string> {
  const base = slugFrom(title);
  yield base;
  for (let n = 2; ; n++) yield `${base}-${n}`;
}
