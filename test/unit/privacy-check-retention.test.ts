import { describe, expect, it } from 'vitest';
import { checkRetention } from '../../src/privacy/check/rule-retention.js';
import { scopesOf } from '../../src/privacy/check/scopes.js';
import { type StoredValue, snapshotFrom } from '../../src/privacy/check/snapshot.js';

const p = '{rally}';
const day = 86_400_000;
const now = 1_800_000_000_000;
const hash = (value: Record<string, string>, ttlMs: number) => ({
  stored: { type: 'hash', value } as StoredValue,
  ttlMs,
});

const run = (entries: Record<string, { stored: StoredValue; ttlMs: number }>) => {
  const snapshot = snapshotFrom(p, now, entries);
  return checkRetention(snapshot, scopesOf(snapshot), { retentionDays: 90 });
};

/** A poll closed `ago` ms before now, whose keys expire at closing + 90 days, as Rally sets them. */
const closedPoll = (id: string, ago: number) => {
  const ttl = 90 * day - ago;
  return {
    [`${p}:poll:${id}`]: hash({ closed: '1', closedAt: String(now - ago), channel: 'C1', ts: '1.5' }, ttl),
    [`${p}:poll:${id}:counts`]: hash({ 0: '2' }, ttl),
    [`${p}:poll-message:C1:1.5`]: { stored: { type: 'string', value: id } as StoredValue, ttlMs: ttl },
  };
};

describe('rule d: closed polls and ended prompts go after the retention period', () => {
  it('passes when every key of a closed poll or an ended prompt expires at the end of the period', () => {
    const result = run({
      ...closedPoll('p1', 10 * day),
      [`${p}:poll:open1`]: hash({ closed: '0' }, -1),
      [`${p}:poll:open1:votes`]: hash({}, -1),
      [`${p}:donation:d1`]: hash({ ended: '1', endedAt: String(now - day) }, 89 * day),
      [`${p}:donation:d1:clicks`]: hash({ 0: '1' }, 89 * day),
    });
    expect(result).toMatchObject({ status: 'pass', findings: [], checked: '2 closed scopes' });
  });

  it('fails on a key of a closed poll that never expires, or on its message index', () => {
    const result = run({
      ...closedPoll('p1', day),
      [`${p}:poll:p1:counts`]: hash({}, -1),
      [`${p}:poll-message:C1:1.5`]: { stored: { type: 'string', value: 'p1' }, ttlMs: -1 },
    });
    expect(result.findings).toEqual([
      { where: `${p}:poll:p1:counts`, what: 'a poll closed 24 hours ago: never expires' },
      { where: `${p}:poll-message:C1:1.5`, what: 'a poll closed 24 hours ago: never expires' },
    ]);
  });

  it('fails on keys set to outlive the period, and on keys still there after it', () => {
    const result = run({
      ...closedPoll('p1', 10 * day),
      [`${p}:poll:p1:forgotten`]: { stored: { type: 'set', value: ['h'] }, ttlMs: 400 * day },
      [`${p}:donation:d1`]: hash({ ended: '1', endedAt: String(now - 100 * day) }, 60_000),
    });
    expect(result.findings.map((f) => [f.where, f.what])).toEqual([
      [
        `${p}:poll:p1:forgotten`,
        'a poll closed 10 days ago: set to expire 320 days after the retention period',
      ],
      [
        `${p}:donation:d1`,
        'a donation prompt ended 100 days ago: still here 10 days after the retention period',
      ],
    ]);
  });

  it('reads the period given: a shorter one than Rally keeps fails', () => {
    const snapshot = snapshotFrom(p, now, closedPoll('p1', 40 * day));
    expect(checkRetention(snapshot, scopesOf(snapshot), { retentionDays: 30 }).status).toBe('fail');
  });

  it("fails on a poll's or a prompt's keys left behind once its own record is gone", () => {
    const result = run({
      [`${p}:poll:gone1:forgotten`]: { stored: { type: 'set', value: ['h'] }, ttlMs: 300 * day },
      [`${p}:donation:gone2:pledges`]: hash({}, -1),
    });
    expect(result.findings.map((f) => f.what)).toEqual([
      'left behind after its poll is gone: expires in 300 days',
      'left behind after its donation prompt is gone: never expires',
    ]);
  });
});
