/** A deterministic pseudo-random generator (mulberry32) giving numbers in [0, 1), the same every run. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` picks from `items`, drawn with `next`, joined. */
export function pick(next: () => number, items: readonly string[], count: number): string {
  return Array.from({ length: count }, () => items[Math.floor(next() * items.length)]).join('');
}
