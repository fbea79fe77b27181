/** A signer who asked to be named once at least `threshold` coworkers also sign with their names. */
export interface ConditionalSigner<T = string> {
  id: T;
  threshold: number;
}

/**
 * The conditional signers whose names can be shown: the largest set in which every member's threshold
 * is met by the others named (unconditional signers plus the rest of the set). An assurance contract:
 * nobody is shown alone. Dropping the highest threshold first is optimal because each member's condition
 * only gets easier as the set grows.
 */
export function revealedSigners<T>(namedCount: number, conditional: readonly ConditionalSigner<T>[]): T[] {
  const set = [...conditional].sort((a, b) => a.threshold - b.threshold);
  while (set.length > 0) {
    const strictest = set[set.length - 1] as ConditionalSigner<T>;
    const othersNamed = namedCount + set.length - 1;
    if (othersNamed >= strictest.threshold) break;
    set.pop();
  }
  return set.map((s) => s.id);
}
