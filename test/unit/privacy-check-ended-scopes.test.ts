import { describe, expect, it } from 'vitest';
import { checkEndedScopes } from '../../src/privacy/check/rule-ended-scopes.js';
import { scopesOf } from '../../src/privacy/check/scopes.js';
import { type StoredValue, snapshotFrom } from '../../src/privacy/check/snapshot.js';

const p = '{rally}';
const key = 'k'.repeat(43);
const hash = (value: Record<string, string>): StoredValue => ({ type: 'hash', value });
const string = (value: string): StoredValue => ({ type: 'string', value });
const set = (...value: string[]): StoredValue => ({ type: 'set', value });

const run = (entries: Record<string, StoredValue>) => {
  const snapshot = snapshotFrom(p, 1_800_000_000_000, entries);
  return checkEndedScopes(snapshot, scopesOf(snapshot));
};

describe('rule b: ended scopes keep no key material', () => {
  it('passes when closed and ended scopes kept only their totals, and open ones keep their keys', () => {
    const result = run({
      [`${p}:poll:closed1`]: hash({ anonymous: '1', closed: '1', closedAt: '1' }),
      [`${p}:poll:closed1:counts`]: hash({ 0: '3' }),
      [`${p}:poll:open1`]: hash({ anonymous: '1', closed: '0', creator: key }),
      [`${p}:poll:open2`]: hash({ anonymous: '0', closed: '0', creator: 'U0ALICE01' }),
      [`${p}:poll:open2:forgotten`]: set(key),
      [`${p}:poll:open2:forgotten-key`]: string(key),
      [`${p}:poll:open1:key`]: string(key),
      [`${p}:poll:open1:votes`]: hash({ [key]: '1' }),
      [`${p}:poll:public1`]: hash({ anonymous: '0', closed: '1', creator: 'U0ALICE01' }),
      [`${p}:poll:public1:votes`]: hash({ U0BOB0001: '1' }),
      [`${p}:letter:campaign`]: hash({ status: 'closed', closedAt: '1' }),
      [`${p}:letter:campaign:named`]: hash({ U0NAMED001: '{}' }),
      [`${p}:letter:campaign:copies`]: set('C1:1.1'),
      [`${p}:letter:other`]: hash({ status: 'open' }),
      [`${p}:letter:other:key`]: string(key),
      [`${p}:donation:pr1`]: hash({ ended: '1', endedAt: '1' }),
      [`${p}:donation:pr1:clicks`]: hash({ 0: '4' }),
    });
    expect(result).toMatchObject({ status: 'pass', findings: [], checked: '4 ended scopes' });
  });

  it('fails on each piece of key material a closed or ended scope still has', () => {
    const result = run({
      [`${p}:poll:closed1`]: hash({ anonymous: '1', closed: '1', creator: key }),
      [`${p}:poll:closed1:key`]: string(key),
      [`${p}:poll:closed1:votes`]: hash({ [key]: '1' }),
      [`${p}:poll:closed1:forgotten`]: set(key),
      [`${p}:poll:public1`]: hash({ anonymous: '0', closed: '1' }),
      [`${p}:poll:public1:forgotten`]: set(key),
      [`${p}:poll:public1:forgotten-key`]: string(key),
      [`${p}:letter:campaign`]: hash({ status: 'closed' }),
      [`${p}:letter:campaign:key`]: string(key),
      [`${p}:letter:campaign:signers`]: set(key),
      [`${p}:letter:campaign:anonymous`]: hash({ [key]: 'd' }),
      [`${p}:letter:campaign:legacy-anonymous`]: hash({ [key]: 'd' }),
      [`${p}:letter:campaign:conditional`]: hash({ [key]: '{}' }),
      [`${p}:donation:pr1`]: hash({ ended: '1' }),
      [`${p}:donation:pr1:key`]: string(key),
      [`${p}:donation:pr1:pledges`]: hash({ [key]: '{}' }),
    });
    expect(result.status).toBe('fail');
    expect(result.findings.map((f) => f.where)).toEqual([
      `${p}:poll:closed1:key`,
      `${p}:poll:closed1:votes`,
      `${p}:poll:closed1`,
      `${p}:poll:closed1:forgotten`,
      `${p}:poll:public1:forgotten`,
      `${p}:poll:public1:forgotten-key`,
      `${p}:letter:campaign:key`,
      `${p}:letter:campaign:signers`,
      `${p}:letter:campaign:anonymous`,
      `${p}:letter:campaign:legacy-anonymous`,
      `${p}:letter:campaign:conditional`,
      `${p}:donation:pr1:key`,
      `${p}:donation:pr1:pledges`,
    ]);
    expect(result.findings.slice(0, 5).map((f) => f.what)).toEqual([
      'an anonymous poll that closed still holds its random key',
      'an anonymous poll that closed still holds its voter records',
      "an anonymous poll that closed still holds its creator's code (`creator`)",
      'an anonymous poll that closed still holds its record of people who asked to be forgotten',
      'a poll that closed still holds its record of people who asked to be forgotten',
    ]);
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('does not judge a letter that is still closing', () => {
    const result = run({
      [`${p}:letter:campaign`]: hash({ status: 'closing' }),
      [`${p}:letter:campaign:key`]: string(key),
    });
    expect(result.findings).toEqual([]);
  });
});
