import { describe, expect, it } from 'vitest';
import { checkAnonymousRecords } from '../../src/privacy/check/rule-anonymous-records.js';
import { scopesOf } from '../../src/privacy/check/scopes.js';
import { type RedisSnapshot, type StoredValue, snapshotFrom } from '../../src/privacy/check/snapshot.js';

const p = '{rally}';
const now = 1_800_000_000_000;
const hash43 = `${'A'.repeat(21)}-${'b'.repeat(21)}`;
const user = 'U0SECRET01';

const hash = (value: Record<string, string>): StoredValue => ({ type: 'hash', value });
const set = (...value: string[]): StoredValue => ({ type: 'set', value });
const string = (value: string): StoredValue => ({ type: 'string', value });

/** An anonymous poll and a public one, open, with what Rally keeps for them. */
const base: Record<string, StoredValue> = {
  [`${p}:poll:anon1`]: hash({ anonymous: '1', closed: '0', creator: hash43, question: 'Ask <@U0ALICE01>?' }),
  [`${p}:poll:anon1:key`]: string(hash43),
  [`${p}:poll:anon1:votes`]: hash({ [hash43]: '1' }),
  [`${p}:poll:public1`]: hash({ anonymous: '0', closed: '0', creator: 'U0ALICE01' }),
  [`${p}:poll:public1:votes`]: hash({ U0BOB0001: '2' }),
  [`${p}:letter:campaign`]: hash({ status: 'open' }),
  [`${p}:letter:campaign:named`]: hash({ U0NAMED001: '{"day":"2026-01-01"}' }),
  [`${p}:letter:campaign:anonymous`]: hash({ [hash43]: '2026-01-01' }),
  [`${p}:letter:campaign:signers`]: set(hash43),
  [`${p}:donation:prompt1-C0GENERAL1`]: hash({ channel: 'C0GENERAL1', ts: '1.2' }),
  [`${p}:donation:prompt1-C0GENERAL1:pledges`]: hash({ [hash43]: '{"band":"under-25"}' }),
  [`${p}:redraw:pending`]: hash({ '{"target":"poll","pollId":"anon1"}': '1' }),
  [`${p}:pace:${hash43}`]: string('1'),
  [`${p}:home-publish:de:home-${hash43}`]: string('7'),
  [`${p}:message-refresh:4`]: hash({ name: 'message-refresh', data: '{"target":"poll","pollId":"anon1"}' }),
  [`${p}:poll-create:9`]: hash({
    name: 'poll-create',
    data: '{"pollId":"public1","creatorId":"U0ALICE01","anonymous":false}',
    finishedOn: String(now),
  }),
  [`${p}:campaign-post:3`]: hash({ name: 'campaign-post', data: '{"requestedBy":"U0ALICE01"}' }),
  [`${p}:poll-create:events`]: { type: 'stream', value: [['1-0', ['event', 'added', 'jobId', '9']]] },
};

const run = (extra: Record<string, StoredValue> = {}, snapshot?: RedisSnapshot) => {
  const s = snapshot ?? snapshotFrom(p, now, { ...base, ...extra });
  return checkAnonymousRecords(s, scopesOf(s), { inFlightGraceMs: 600_000 });
};

describe('rule a: anonymous records hold no Slack user ID', () => {
  it('passes on what Rally keeps: hashes in anonymous records, user IDs only where they are public', () => {
    const result = run();
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
  });

  const leaks: [string, Record<string, StoredValue>, string][] = [
    [
      "an anonymous poll's creator",
      { [`${p}:poll:anon1`]: hash({ anonymous: '1', creator: user }) },
      '`creator`',
    ],
    ["an anonymous poll's votes", { [`${p}:poll:anon1:votes`]: hash({ [user]: '1' }) }, 'a field name'],
    ["a poll's forgotten reactors", { [`${p}:poll:public1:forgotten`]: set(user) }, 'a member'],
    [
      "the key of a poll's forgotten reactors",
      { [`${p}:poll:public1:forgotten-key`]: string(user) },
      'its value',
    ],
    ["a poll's key", { [`${p}:poll:anon1:key`]: string(user) }, 'its value'],
    ["a letter's signers", { [`${p}:letter:campaign:signers`]: set(hash43, user) }, 'a member'],
    [
      "a letter's conditional signatures",
      { [`${p}:letter:campaign:conditional`]: hash({ [hash43]: `{"sealed":"x","who":"${user}"}` }) },
      'field',
    ],
    [
      "a letter's legacy signatures",
      { [`${p}:letter:campaign:legacy-anonymous`]: hash({ [user]: 'd' }) },
      'a field name',
    ],
    [
      "the first version's anonymous signatures",
      { [`${p}:letter:anonymous`]: hash({ [user]: 'd' }) },
      'a field name',
    ],
    [
      "a prompt's pledges",
      { [`${p}:donation:prompt1-C0GENERAL1:pledges`]: hash({ [user]: '{}' }) },
      'a field name',
    ],
    [
      'the pending redraws',
      { [`${p}:redraw:pending`]: hash({ [`{"user":"${user}"}`]: '1' }) },
      'a field name',
    ],
    ['a pace key name', { [`${p}:pace:${user}`]: string('1') }, "the key's name"],
    ['a deduplication key name', { [`${p}:home-publish:de:home-${user}`]: string('1') }, "the key's name"],
    [
      'an event stream',
      {
        [`${p}:forget:events`]: {
          type: 'stream',
          value: [['1-0', ['event', 'failed', 'failedReason', user]]],
        },
      },
      'an event',
    ],
    [
      'a message-refresh job',
      { [`${p}:message-refresh:5`]: hash({ data: `{"pollId":"${user}"}` }) },
      'field `data`',
    ],
  ];
  for (const [what, extra, place] of leaks) {
    it(`fails on a user ID in ${what}, naming the key and never the ID`, () => {
      const result = run(extra);
      expect(result.status).toBe('fail');
      expect(result.findings).toHaveLength(1);
      const [f] = result.findings;
      expect(f?.what).toContain(place);
      expect(JSON.stringify(result)).not.toContain(user);
    });
  }

  it('fails on a finished poll-create or poll-nudge job of an anonymous poll that kept its user ID', () => {
    const result = run({
      [`${p}:poll-create:10`]: hash({
        data: '{"pollId":"new1","creatorId":"U0SECRET01","anonymous":true}',
        timestamp: String(now - 5_000),
        finishedOn: String(now - 4_000),
      }),
      [`${p}:poll-nudge:3`]: hash({
        data: '{"pollId":"anon1","requestedBy":"U0SECRET01"}',
        timestamp: String(now - 5_000),
        finishedOn: String(now - 4_000),
      }),
    });
    expect(result.findings.map((f) => f.where)).toEqual([`${p}:poll-create:10`, `${p}:poll-nudge:3`]);
    expect(result.findings[0]?.what).toContain('kept after it ended');
  });

  it('notes a job of an anonymous poll still running, and fails on one stuck past the grace period', () => {
    const running = run({
      [`${p}:poll-nudge:3`]: hash({
        data: '{"pollId":"anon1","requestedBy":"U0SECRET01"}',
        timestamp: String(now - 1_000),
      }),
    });
    expect(running.status).toBe('pass');
    expect(running.notes.join()).toContain('1 job of anonymous polls waiting or running');
    const stuck = run({
      [`${p}:poll-nudge:3`]: hash({
        data: '{"pollId":"anon1","requestedBy":"U0SECRET01"}',
        timestamp: String(now - 3_600_000),
      }),
    });
    expect(stuck.findings[0]?.what).toContain('still queued after 60 min');
  });

  it('fails on a failure notice that may not be a direct message yet names a person, running or not', () => {
    const result = run({
      [`${p}:request-failed:failed-poll-create-7`]: hash({
        data: `{"queue":"poll-create","responseUrl":"https://hooks.slack.com/x","directMessage":false,"userId":"${user}"}`,
        timestamp: String(now - 1_000),
      }),
    });
    expect(result.findings.map((f) => f.where)).toEqual([`${p}:request-failed:failed-poll-create-7`]);
    expect(result.findings[0]?.what).toContain('a notice that may not be a direct message');
    expect(JSON.stringify(result)).not.toContain(user);
    // As Rally writes them: no user ID when no direct message may be sent; one when it may.
    const rally = run({
      [`${p}:request-failed:failed-poll-create-8`]: hash({
        data: '{"queue":"poll-create","responseUrl":"https://hooks.slack.com/x","directMessage":false}',
      }),
      [`${p}:request-failed:failed-event-create-9`]: hash({
        data: `{"queue":"event-create","directMessage":true,"userId":"${user}"}`,
      }),
    });
    expect(rally.findings).toEqual([]);
  });

  it('leaves public polls, named signatures and other queues alone', () => {
    const result = run({
      [`${p}:poll:public1:votes`]: hash({ U0CARLA01: '1' }),
      [`${p}:letter:campaign:named`]: hash({ U0CARLA01: '{}' }),
      [`${p}:forget:12`]: hash({ data: '{"userId":"U0CARLA01"}' }),
      [`${p}:poll-nudge:4`]: hash({
        data: '{"pollId":"public1","requestedBy":"U0CARLA01"}',
        finishedOn: '1',
      }),
    });
    expect(result.findings).toEqual([]);
  });
});
