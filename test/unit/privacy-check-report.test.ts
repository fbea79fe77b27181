import { describe, expect, it } from 'vitest';
import { CheckUsageError, describeRedis } from '../../src/privacy/check/check.js';
import { roleOf } from '../../src/privacy/check/layout.js';
import { parseCli } from '../../src/privacy/check/options.js';
import {
  finding,
  formatReport,
  type PrivacyReport,
  ruleResult,
  skippedRule,
} from '../../src/privacy/check/report.js';

const p = '{rally}';

describe('the key layout the check reads', () => {
  it("names each of Rally's keys", () => {
    expect(roleOf(`${p}:poll:abc`, p)).toEqual({ kind: 'poll', pollId: 'abc' });
    expect(roleOf(`${p}:poll:abc:votes`, p)).toEqual({ kind: 'poll-part', pollId: 'abc', part: 'votes' });
    expect(roleOf(`${p}:poll-message:C1:1.5`, p)).toEqual({ kind: 'poll-message', channel: 'C1', ts: '1.5' });
    expect(roleOf(`${p}:letter:campaign:conditional`, p)).toEqual({
      kind: 'letter-part',
      letterId: 'campaign',
      part: 'conditional',
    });
    expect(roleOf(`${p}:letter:anonymous`, p)).toEqual({ kind: 'letter-v1', part: 'anonymous' });
    expect(roleOf(`${p}:donation:x-C1:pledges`, p)).toEqual({
      kind: 'prompt-part',
      promptId: 'x-C1',
      part: 'pledges',
    });
    expect(roleOf(`${p}:donations:channel:C1`, p)).toEqual({ kind: 'other' });
    expect(roleOf(`${p}:redraw:pending`, p)).toEqual({ kind: 'redraw-pending' });
    expect(roleOf(`${p}:pace:reserved:notify-1`, p)).toEqual({ kind: 'pace' });
    expect(roleOf(`${p}:privacy:last-erasure`, p)).toEqual({ kind: 'privacy', name: 'last-erasure' });
    expect(roleOf(`${p}:redraw-clock:repeat:redraw-clock:17`, p)).toEqual({
      kind: 'queue',
      queue: 'redraw-clock',
      rest: 'repeat:redraw-clock:17',
    });
    expect(roleOf(`${p}:home-publish:de:home-x`, p)).toMatchObject({ kind: 'queue', rest: 'de:home-x' });
    expect(roleOf('{other}:poll:abc', p)).toBeUndefined();
  });
});

describe('the command line', () => {
  it('takes flags, then the environment, then the defaults', () => {
    expect(parseCli([], {})).toEqual({
      help: false,
      options: {
        redisUrl: 'redis://127.0.0.1:6379',
        namespace: 'rally',
        retentionDays: 90,
        eraseWithinSeconds: 60,
      },
    });
    const env = { REDIS_URL: 'redis://r:1', RALLY_RETENTION_DAYS: '30', RALLY_ERASE_WITHIN_SECONDS: '5' };
    expect(parseCli([], env).help === false && parseCli([], env)).toMatchObject({
      options: { redisUrl: 'redis://r:1', retentionDays: 30, eraseWithinSeconds: 5 },
    });
    expect(
      parseCli(
        [
          '--redis-url=redis://x:2',
          '--namespace',
          '{team-a}',
          '--data-dir',
          '/var/lib/redis',
          '--log-file',
          'rally.log',
          '--retention-days',
          '7',
          '--erase-within-seconds',
          '10',
        ],
        env,
      ),
    ).toEqual({
      help: false,
      options: {
        redisUrl: 'redis://x:2',
        namespace: 'team-a',
        dataDir: '/var/lib/redis',
        logFile: 'rally.log',
        retentionDays: 7,
        eraseWithinSeconds: 10,
      },
    });
    expect(parseCli(['--help'], {})).toEqual({ help: true });
  });

  it('refuses unknown flags, stray words and numbers out of range', () => {
    expect(() => parseCli(['--redis'], {})).toThrow(CheckUsageError);
    expect(() => parseCli(['now'], {})).toThrow(CheckUsageError);
    expect(() => parseCli(['--retention-days', '0'], {})).toThrow('from 1 to 3650');
    expect(() => parseCli([], { RALLY_ERASE_WITHIN_SECONDS: 'soon' })).toThrow('--erase-within-seconds');
  });

  it('names a Redis without its user or password', () => {
    expect(describeRedis('redis://rally:s3cret@redis.internal:6380/2')).toBe('redis://redis.internal:6380/2');
    expect(describeRedis('rediss://h')).toBe('rediss://h:6379');
    expect(() => describeRedis('not a url')).toThrow(CheckUsageError);
  });
});

describe('the printed report', () => {
  const report: PrivacyReport = {
    ok: false,
    target: 'redis://h:6379, keys {rally}:*',
    rules: [
      ruleResult('anonymous-records', 'Anonymous records hold no Slack user ID', '3 records', [
        finding('{rally}:pace:U0SECRET01', 'a Slack user ID in the key’s name, in a pace record'),
        finding(`{rally}:poll:x:votes`, `a Slack user ID in field \`${'h'.repeat(43)}\``),
      ]),
      ruleResult(
        'ended-scopes',
        'Closed scopes keep no key',
        '1 ended scope',
        [],
        ['a note about W0SECRET02'],
      ),
      skippedRule('logs', 'Logs', 'not checked: give --log-file'),
    ],
    limits: ['Slack’s own copies'],
  };

  it('says PASS, FAIL or SKIP for each rule, with its findings, and never a user ID or a hash', () => {
    const text = formatReport(report);
    expect(text).toContain('FAIL  Anonymous records hold no Slack user ID (3 records, 2 findings)');
    expect(text).toContain(
      '      {rally}:pace:[user ID]: a Slack user ID in the key’s name, in a pace record',
    );
    expect(text).toContain('field `[hash]`');
    expect(text).toContain('PASS  Closed scopes keep no key (1 ended scope)');
    expect(text).toContain('note: a note about [user ID]');
    expect(text).toContain('SKIP  Logs (not checked: give --log-file)');
    expect(text).toContain('Result: FAIL (2 findings in 1 rule: anonymous-records)');
    expect(text).not.toMatch(/U0SECRET01|W0SECRET02|h{43}/);
  });

  it('prints the first 25 findings of a rule and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => finding(`{rally}:k${i}`, 'x'));
    const text = formatReport({ ...report, rules: [ruleResult('logs', 'Logs', '30 lines', many)] });
    expect(text).toContain('{rally}:k24: x');
    expect(text).not.toContain('{rally}:k25: x');
    expect(text).toContain('... and 5 more');
  });
});
