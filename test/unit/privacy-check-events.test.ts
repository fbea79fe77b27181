import { describe, expect, it } from 'vitest';
import { checkAnonymousRecords } from '../../src/privacy/check/rule-anonymous-records.js';
import { checkEndedScopes } from '../../src/privacy/check/rule-ended-scopes.js';
import { checkRetention } from '../../src/privacy/check/rule-retention.js';
import { scopesOf } from '../../src/privacy/check/scopes.js';
import { type StoredValue, snapshotFrom } from '../../src/privacy/check/snapshot.js';

const p = '{rally}';
const now = 1_800_000_000_000;
const key = 'k'.repeat(43);
const hash = (value: Record<string, string>): StoredValue => ({ type: 'hash', value });
const string = (value: string): StoredValue => ({ type: 'string', value });
const snapshot = (entries: Record<string, StoredValue>) => snapshotFrom(p, now, entries);

describe('the privacy check knows events', () => {
  it('a counts-only event that ended or was cancelled keeps no key, answers, waitlist or reminders', () => {
    const taken = snapshot({
      [`${p}:event:ended1`]: hash({ mode: 'counts', status: 'ended', closedAt: '1' }),
      [`${p}:event:ended1:key`]: string(key),
      [`${p}:event:ended1:answers`]: hash({ [key]: 'going' }),
      [`${p}:event:ended1:counts`]: hash({ going: '9' }),
      [`${p}:event:gone1`]: hash({ mode: 'counts', status: 'cancelled', closedAt: '1' }),
      [`${p}:event:gone1:reminders`]: hash({ [key]: 'sealed' }),
      [`${p}:event:open1`]: hash({ mode: 'counts', status: 'open' }),
      [`${p}:event:open1:key`]: string(key),
      [`${p}:event:named1`]: hash({ mode: 'named', status: 'ended', closedAt: '1' }),
      [`${p}:event:named1:answers`]: hash({ U0BOB0001: 'going' }),
    });
    const result = checkEndedScopes(taken, scopesOf(taken));
    expect(result.status).toBe('fail');
    expect(result.findings.map((f) => f.where)).toEqual([
      `${p}:event:ended1:key`,
      `${p}:event:ended1:answers`,
      `${p}:event:gone1:reminders`,
    ]);
  });

  it('a counts-only event and its notice jobs never hold a user ID; a named event may', () => {
    const taken = snapshot({
      [`${p}:event:quiet1`]: hash({ mode: 'counts', status: 'open' }),
      [`${p}:event:quiet1:answers`]: hash({ U0BOB0001: 'going' }),
      [`${p}:event:quiet1:reminders`]: hash({ [key]: 'U0CARLA01' }),
      [`${p}:event-notice:n1`]: hash({ data: JSON.stringify({ eventId: 'quiet1', person: 'U0DEEPA01' }) }),
      [`${p}:event-notice:n2`]: hash({ data: JSON.stringify({ eventId: 'quiet1', person: key }) }),
      [`${p}:event:named1`]: hash({ mode: 'named', status: 'open' }),
      [`${p}:event:named1:answers`]: hash({ U0BOB0001: 'going' }),
      [`${p}:event-notice:n3`]: hash({ data: JSON.stringify({ eventId: 'named1', person: 'U0BOB0001' }) }),
    });
    const result = checkAnonymousRecords(taken, scopesOf(taken));
    expect(result.findings.map((f) => f.where).sort()).toEqual([
      `${p}:event-notice:n1`,
      `${p}:event:quiet1:answers`,
      `${p}:event:quiet1:reminders`,
    ]);
  });

  it('what a past event keeps expires within the retention period', () => {
    const day = 24 * 3_600_000;
    const taken = snapshotFrom(p, now, {
      [`${p}:event:past1`]: hash({ mode: 'named', status: 'ended', closedAt: String(now - day) }),
    });
    const forever = checkRetention(taken, scopesOf(taken), { retentionDays: 90 });
    expect(forever.status).toBe('fail');
    expect(forever.findings[0]?.what).toContain('never expires');
  });
});
