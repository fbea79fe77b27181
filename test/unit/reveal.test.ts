import { describe, expect, it } from 'vitest';
import { revealedSigners } from '../../src/letters/reveal.js';

const signers = (...thresholds: number[]) => thresholds.map((threshold, i) => ({ id: `s${i}`, threshold }));

describe('revealedSigners', () => {
  it('reveals nobody while no threshold can be met', () => {
    expect(revealedSigners(0, signers(3))).toEqual([]);
    expect(revealedSigners(1, signers(3, 3))).toEqual([]);
  });

  it('with thresholds 3, 3, 5 and 10 among 6 signers (2 named), reveals exactly the two 3s', () => {
    // With all four: 2 + 3 others = 5 < 10. Without the 10: 2 + 2 = 4 < 5. Without the 5: 2 + 1 = 3 >= 3.
    expect(revealedSigners(2, signers(3, 3, 5, 10)).sort()).toEqual(['s0', 's1']);
  });

  it('reveals each group at the moment its condition holds, as named signers arrive', () => {
    const conditional = signers(3, 3, 5, 10);
    const timeline = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((named) => revealedSigners(named, conditional).length);
    // 0-1 named: nobody; 2: the two 3s; 3-6: the 3s and the 5; from 7 (7 + 3 others = 10): all four.
    expect(timeline).toEqual([0, 0, 2, 3, 3, 3, 3, 4, 4]);
  });

  it('lets conditional signers count each other: three who each need 2 are shown together', () => {
    expect(revealedSigners(0, signers(2, 2, 2)).sort()).toEqual(['s0', 's1', 's2']);
    expect(revealedSigners(0, signers(2, 2))).toEqual([]);
  });

  it('reveals everyone once enough people signed with their names', () => {
    expect(revealedSigners(10, signers(3, 3, 5, 10))).toHaveLength(4);
  });

  it('is the largest set: no bigger set satisfies every member', () => {
    const cases: [number, number[]][] = [
      [0, [1, 1, 4, 4, 4]],
      [1, [2, 5, 5, 5, 5]],
      [3, [4, 4, 9]],
    ];
    for (const [named, thresholds] of cases) {
      const all = signers(...thresholds);
      const revealed = new Set(revealedSigners(named, all));
      const satisfied = (set: typeof all) => set.every((s) => named + set.length - 1 >= s.threshold);
      expect(satisfied(all.filter((s) => revealed.has(s.id)))).toBe(true);
      // Brute force over every subset for the maximum size.
      let best = 0;
      for (let mask = 0; mask < 1 << all.length; mask++) {
        const subset = all.filter((_, i) => mask & (1 << i));
        if (satisfied(subset)) best = Math.max(best, subset.length);
      }
      expect(revealed.size).toBe(best);
    }
  });
});
