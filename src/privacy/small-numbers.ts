/**
 * The small-numbers rule, in the one place every output asks: a count of people who acted anonymously is
 * shown only once at least `minAnonymous` of them did (`RALLY_MIN_ANONYMOUS_VOTES`), because a small
 * number tells coworkers who it was. Messages, digests, nudge answers, exports and the Home tab all ask
 * here; none has a default that could show a number by mistake.
 */
export interface SmallNumbersRule {
  minAnonymous: number;
}

/** What may be said about an anonymous count: the number, or only that it is below the threshold. */
export type Disclosure = { shown: true; count: number } | { shown: false; threshold: number };

const whole = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/** Whether at least `minAnonymous` acted, so that their results (not only a count) may be shown. */
export function reachesThreshold(count: number, rule: SmallNumbersRule): boolean {
  return whole(count) >= rule.minAnonymous;
}

/** Whether `count` anonymous acts may be shown as a number. Zero may: it names nobody. */
export function mayShowAnonymousCount(count: number, rule: SmallNumbersRule): boolean {
  const n = whole(count);
  return n === 0 || n >= rule.minAnonymous;
}

/** An anonymous count as it may be disclosed. */
export function discloseAnonymousCount(count: number, rule: SmallNumbersRule): Disclosure {
  return mayShowAnonymousCount(count, rule)
    ? { shown: true, count: whole(count) }
    : { shown: false, threshold: rule.minAnonymous };
}

/**
 * How many were added between two readings of a total that includes anonymous acts (a digest's "N new
 * since the last one"), or undefined when either reading's anonymous part could not be shown: the
 * difference would give away the hidden number.
 */
export function discloseIncrease(
  before: { total: number; anonymous: number },
  after: { total: number; anonymous: number },
  rule: SmallNumbersRule,
): number | undefined {
  if (!mayShowAnonymousCount(before.anonymous, rule) || !mayShowAnonymousCount(after.anonymous, rule)) {
    return undefined;
  }
  return Math.max(0, whole(after.total) - whole(before.total));
}
