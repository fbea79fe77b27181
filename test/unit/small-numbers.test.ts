import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestData, digestHasNews } from '../../src/digests/blocks/digest.js';
import type { SignatureTally } from '../../src/letters/model.js';
import { discloseIncrease } from '../../src/privacy/small-numbers.js';

/* Finding 7 of the privacy audit: an increase between two totals must not give away a hidden count. */

const rule = { minAnonymous: 5 };

describe('discloseIncrease', () => {
  it('gives no number when either reading hides its anonymous part', () => {
    // 3 named + 2 anonymous, then 3 named + 3 anonymous: "1 new" would say the hidden part grew by one.
    expect(discloseIncrease({ total: 5, anonymous: 2 }, { total: 6, anonymous: 3 }, rule)).toBeUndefined();
    expect(discloseIncrease({ total: 6, anonymous: 3 }, { total: 9, anonymous: 6 }, rule)).toBeUndefined();
    expect(discloseIncrease({ total: 9, anonymous: 6 }, { total: 7, anonymous: 4 }, rule)).toBeUndefined();
  });

  it('gives the increase when both readings may show their anonymous part (zero names nobody)', () => {
    expect(discloseIncrease({ total: 9, anonymous: 6 }, { total: 11, anonymous: 7 }, rule)).toBe(2);
    expect(discloseIncrease({ total: 3, anonymous: 0 }, { total: 5, anonymous: 0 }, rule)).toBe(2);
    expect(discloseIncrease({ total: 5, anonymous: 0 }, { total: 10, anonymous: 5 }, rule)).toBe(5);
    expect(discloseIncrease({ total: 10, anonymous: 5 }, { total: 8, anonymous: 5 }, rule)).toBe(0);
  });
});

describe('the digest’s "new since the last digest"', () => {
  const data = (
    previous: SignatureTally | undefined,
    now: SignatureTally,
    polls: DigestData['polls'] = [],
  ): DigestData => ({
    channel: 'C0GENERAL1',
    since: 'since Mon 30 Nov, 09:00 (UTC)',
    letters: [{ title: 'The letter', now, ...(previous ? { previous } : {}), rule, closed: false }],
    polls,
    donations: [],
    upcoming: [],
  });
  /** A digest with other news too, so that it always has the letter's line. */
  const busyDigest = (previous: SignatureTally, now: SignatureTally) =>
    JSON.stringify(
      buildDigest(data(previous, now, [{ question: 'Lunch?', state: 'opened', result: 'no votes yet' }]))
        .blocks,
    );

  it('is no news when only a hidden count changed: the digest says "nothing new", as the letter does', () => {
    const hidden = [
      [
        { named: 3, anonymous: 2, waiting: 0 },
        { named: 3, anonymous: 3, waiting: 0 },
      ],
      [
        { named: 3, anonymous: 3, waiting: 0 },
        { named: 3, anonymous: 2, waiting: 0 },
      ],
      [
        { named: 0, anonymous: 1, waiting: 0 },
        { named: 0, anonymous: 1, waiting: 3 },
      ],
    ] as const;
    for (const [previous, now] of hidden) {
      expect(digestHasNews(data(previous, now))).toBe(false);
      expect(JSON.stringify(buildDigest(data(previous, now)).blocks)).toContain(': nothing new.');
    }
    // What the letter shows changed: news.
    expect(
      digestHasNews(data({ named: 3, anonymous: 2, waiting: 0 }, { named: 4, anonymous: 2, waiting: 0 })),
    ).toBe(true);
    expect(
      digestHasNews(data({ named: 3, anonymous: 4, waiting: 0 }, { named: 3, anonymous: 5, waiting: 0 })),
    ).toBe(true);
    expect(digestHasNews(data(undefined, { named: 0, anonymous: 2, waiting: 0 }))).toBe(true);
    expect(digestHasNews(data(undefined, { named: 0, anonymous: 0, waiting: 0 }))).toBe(false);
  });

  it('counts signers waiting for their condition as unnamed, like the letter does', () => {
    expect(
      busyDigest({ named: 3, anonymous: 0, waiting: 2 }, { named: 3, anonymous: 0, waiting: 3 }),
    ).not.toMatch(/\(\d+ new/);
    expect(
      busyDigest({ named: 3, anonymous: 3, waiting: 0 }, { named: 3, anonymous: 3, waiting: 3 }),
    ).not.toMatch(/\(\d+ new/);
    expect(
      busyDigest({ named: 3, anonymous: 3, waiting: 2 }, { named: 3, anonymous: 3, waiting: 3 }),
    ).toContain('(1 new since the last digest)');
  });

  it('says it for named signatures alone', () => {
    expect(
      busyDigest({ named: 3, anonymous: 0, waiting: 0 }, { named: 4, anonymous: 0, waiting: 0 }),
    ).toContain('(1 new since the last digest)');
  });
});
