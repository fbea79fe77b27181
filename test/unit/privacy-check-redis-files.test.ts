import { describe, expect, it } from 'vitest';
import { parseAof } from '../../src/privacy/check/aof.js';
import { keyWrites } from '../../src/privacy/check/aof-commands.js';
import { findValues } from '../../src/privacy/check/byte-search.js';
import type { RedisFile } from '../../src/privacy/check/redis-files.js';
import { checkRedisFiles } from '../../src/privacy/check/rule-redis-files.js';
import { scopesOf } from '../../src/privacy/check/scopes.js';
import { type StoredValue, snapshotFrom } from '../../src/privacy/check/snapshot.js';

const p = '{rally}';
const now = 1_800_000_000_000;
const options = { eraseWithinSeconds: 60, marginSeconds: 30 };
const pollKey = `${'PK'.repeat(21)}x`;
const voter = `${'VH'.repeat(21)}y`;
const creator = `${'CH'.repeat(21)}z`;
const letterKey = `${'LK'.repeat(21)}w`;
const signer = `${'SH'.repeat(21)}v`;
const sealed = 'SEALED'.repeat(12);

/** RESP, as Redis writes its AOF. */
const resp = (...commands: string[][]): Buffer =>
  Buffer.from(
    commands
      .map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`)
      .join(''),
  );

const aof = (...commands: string[][]): RedisFile => ({
  path: 'appendonlydir/appendonly.aof.1.incr.aof',
  kind: 'aof',
  bytes: resp(['SELECT', '0'], ...commands),
});

const hash = (value: Record<string, string>): StoredValue => ({ type: 'hash', value });

const run = (entries: Record<string, StoredValue>, files: RedisFile[]) => {
  const snapshot = snapshotFrom(p, now, entries);
  return checkRedisFiles(snapshot, scopesOf(snapshot), files, options);
};

/** An anonymous poll created, voted in, then closed and erased, as the AOF shows it until it is rewritten. */
const pollLife = [
  ['MULTI'],
  [
    'HSET',
    `${p}:poll:x1`,
    'anonymous',
    '1',
    'creator',
    creator,
    'closed',
    '0',
    'question',
    'Ask <@U0ALICE01>?',
  ],
  ['SET', `${p}:poll:x1:key`, pollKey],
  ['EXEC'],
  ['HSET', `${p}:poll:x1:votes`, voter, '1'],
  ['HINCRBY', `${p}:poll:x1:counts`, '0', '1'],
  ['HSET', `${p}:poll:x1:votes`, voter, '2'],
  ['PEXPIREAT', `${p}:poll:x1:votes`, String(now + 1_000_000)],
  ['HSET', `${p}:poll:x1`, 'closed', '1', 'closedAt', String(now - 600_000)],
  ['DEL', `${p}:poll:x1:key`, `${p}:poll:x1:votes`],
  ['HDEL', `${p}:poll:x1`, 'creator'],
];

describe('reading the AOF', () => {
  it('reads RESP commands one by one, skips annotations, and stops at a command cut short', () => {
    const bytes = Buffer.concat([
      resp(['SET', 'a', '1']),
      Buffer.from('#TS:1700000000\r\n'),
      resp(['HSET', 'h', 'f', 'v\r\nwith a newline']),
      Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$10\r\nshort'),
    ]);
    const { commands, stoppedAt } = parseAof(bytes);
    expect(commands.map((c) => c.args.map(String))).toEqual([
      ['SET', 'a', '1'],
      ['HSET', 'h', 'f', 'v\r\nwith a newline'],
    ]);
    expect(commands[1]?.index).toBe(2);
    expect(stoppedAt).toBe(bytes.indexOf('*3\r\n$3\r\nSET\r\n$1\r\nb'));
  });

  it('tells which keys a command writes to, and what', () => {
    const writes = (...args: string[]) =>
      keyWrites({ index: 1, offset: 0, args: args.map((a) => Buffer.from(a)) });
    expect(writes('DEL', 'a', 'b')).toEqual([
      { key: 'a', payload: [] },
      { key: 'b', payload: [] },
    ]);
    expect(writes('MSET', 'a', '1', 'b', '2')).toEqual([
      { key: 'a', payload: ['1'] },
      { key: 'b', payload: ['2'] },
    ]);
    expect(writes('EVALSHA', 'sha', '1', 'k', 'arg')).toEqual([{ key: 'k', payload: ['sha', 'arg'] }]);
    expect(writes('MULTI')).toEqual([]);
    expect(writes('hset', 'h', 'f', 'v')).toEqual([{ key: 'h', payload: ['f', 'v'] }]);
  });

  it('finds values as bytes, inside longer runs too', () => {
    const bytes = Buffer.concat([
      Buffer.from([0x2b]),
      Buffer.from(pollKey),
      Buffer.from([0, 0x41]),
      Buffer.from(voter),
    ]);
    expect(findValues(bytes, [pollKey, voter, creator])).toEqual(new Set([pollKey, voter]));
  });
});

describe("rule c in Redis's files", () => {
  it("passes on an open anonymous poll's key and hashes, and on a public poll's user IDs", () => {
    const result = run(
      {
        [`${p}:poll:x1`]: hash({ anonymous: '1', closed: '0' }),
        [`${p}:poll:pub`]: hash({ anonymous: '0', closed: '1', closedAt: '1' }),
      },
      [aof(...pollLife.slice(0, 7), ['HSET', `${p}:poll:pub:votes`, 'U0BOB0001', '1'])],
    );
    expect(result).toMatchObject({ status: 'pass', findings: [] });
    expect(result.checked).toBe('1 file, 9 AOF commands');
  });

  it("fails on a closed poll's key and voter hashes still in the AOF and in an RDB file, counting commands", () => {
    const rdb: RedisFile = {
      path: 'dump.rdb',
      kind: 'rdb',
      bytes: Buffer.concat([
        Buffer.from('REDIS0011\xfa'),
        Buffer.from([43]),
        Buffer.from(pollKey),
        Buffer.from([0xff]),
      ]),
    };
    const file = aof(...pollLife);
    const result = run(
      { [`${p}:poll:x1`]: hash({ anonymous: '1', closed: '1', closedAt: String(now - 600_000) }) },
      [file, rdb],
    );
    const at = (command: string[] | undefined) => file.bytes.indexOf(resp(command ?? []));
    expect(result.status).toBe('fail');
    expect(result.findings).toEqual([
      {
        where: `appendonlydir/appendonly.aof.1.incr.aof, command 3 (byte ${at(pollLife[1])})`,
        what: `HSET ${p}:poll:x1: the creator's code of an anonymous poll that closed 10 minutes ago`,
      },
      {
        where: `appendonlydir/appendonly.aof.1.incr.aof, command 4 (byte ${at(pollLife[2])})`,
        what: `SET ${p}:poll:x1:key: the random key of an anonymous poll that closed 10 minutes ago`,
      },
      {
        where: `appendonlydir/appendonly.aof.1.incr.aof, command 6 (byte ${at(pollLife[4])})`,
        what: `2 commands on ${p}:poll:x1:votes (the first: HSET): voter records of an anonymous poll that closed 10 minutes ago`,
      },
      {
        where: 'dump.rdb',
        what: `holds 1 value: the random key of an anonymous poll that closed 10 minutes ago (\`${p}:poll:x1:key\`)`,
      },
    ]);
    for (const secret of [pollKey, voter, creator]) expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('only notes a scope that ended within the window: its compaction is still due', () => {
    const result = run(
      { [`${p}:poll:x1`]: hash({ anonymous: '1', closed: '1', closedAt: String(now - 20_000) }) },
      [aof(...pollLife)],
    );
    expect(result.status).toBe('pass');
    expect(result.notes[0]).toContain('1 scope ended within the last 90 s');
  });

  it('fails on the key material of a scope that is gone from Redis, knowing from the AOF that it was anonymous', () => {
    const result = run({}, [aof(...pollLife.slice(0, 5))]);
    expect(result.findings.map((f) => f.what)).toEqual([
      `HSET ${p}:poll:x1: the creator's code of an anonymous poll no longer in Redis`,
      `SET ${p}:poll:x1:key: the random key of an anonymous poll no longer in Redis`,
      `HSET ${p}:poll:x1:votes: voter records of an anonymous poll no longer in Redis`,
    ]);
  });

  it("fails on a closed public poll's forgotten-reactor hashes and their key, passes while it is open", () => {
    const forgottenKey = `${'FK'.repeat(21)}u`;
    const reactor = `${'RH'.repeat(21)}t`;
    const file = aof(
      ['HSET', `${p}:poll:pub`, 'anonymous', '0', 'creator', 'U0ALICE01', 'closed', '0'],
      ['SET', `${p}:poll:pub:forgotten-key`, forgottenKey, 'EX', '100', 'NX'],
      ['SADD', `${p}:poll:pub:forgotten`, reactor],
      ['HSET', `${p}:poll:pub:votes`, 'U0BOB0001', '1'],
      ['DEL', `${p}:poll:pub:forgotten`, `${p}:poll:pub:forgotten-key`],
    );
    const open = run({ [`${p}:poll:pub`]: hash({ anonymous: '0', closed: '0' }) }, [file]);
    expect(open).toMatchObject({ status: 'pass', findings: [] });
    const closed = run(
      { [`${p}:poll:pub`]: hash({ anonymous: '0', closed: '1', closedAt: String(now - 600_000) }) },
      [file],
    );
    expect(closed.findings.map((f) => f.what)).toEqual([
      `SET ${p}:poll:pub:forgotten-key: the random key of forgotten-reactor hashes of a poll that closed 10 minutes ago`,
      `SADD ${p}:poll:pub:forgotten: forgotten-reactor hashes of a poll that closed 10 minutes ago`,
    ]);
    expect(JSON.stringify(closed)).not.toContain(reactor);
  });

  it("fails on a closed letter's signers and sealed conditional signatures, found in an AOF base too", () => {
    const base: RedisFile = {
      path: 'appendonlydir/appendonly.aof.1.base.rdb',
      kind: 'rdb',
      bytes: Buffer.from(`REDIS0011..."sealed":"${sealed}"...`),
    };
    const result = run(
      { [`${p}:letter:campaign`]: hash({ status: 'closed', closedAt: String(now - 3_600_000) }) },
      [
        base,
        aof(
          ['SET', `${p}:letter:campaign:key`, letterKey, 'NX'],
          ['SADD', `${p}:letter:campaign:signers`, signer],
          [
            'HSET',
            `${p}:letter:campaign:conditional`,
            signer,
            `{"threshold":5,"day":"2026-01-01","sealed":"${sealed}"}`,
          ],
          ['HSET', `${p}:letter:campaign:named`, 'U0NAMED001', '{"day":"2026-01-01"}'],
          [
            'DEL',
            `${p}:letter:campaign:key`,
            `${p}:letter:campaign:signers`,
            `${p}:letter:campaign:conditional`,
          ],
        ),
      ],
    );
    expect(result.findings.map((f) => f.what)).toEqual([
      `SET ${p}:letter:campaign:key: the random key of a letter that closed 60 minutes ago`,
      `SADD ${p}:letter:campaign:signers: signer hashes of a letter that closed 60 minutes ago`,
      `HSET ${p}:letter:campaign:conditional: conditional signatures of a letter that closed 60 minutes ago`,
      `holds 1 value: conditional signatures of a letter that closed 60 minutes ago (\`${p}:letter:campaign:conditional\`)`,
    ]);
  });

  it('fails on a user ID written into an anonymous record: a pace key, a creator', () => {
    const result = run({ [`${p}:poll:x1`]: hash({ anonymous: '1', closed: '0' }) }, [
      aof(
        ...pollLife.slice(0, 4),
        ['HMSET', `${p}:poll-nudge:3`, 'data', '{"pollId":"public","requestedBy":"U0SECRET03"}'],
        ['DEL', `${p}:pace:U0SECRET04`],
        ['HSET', `${p}:poll:x1`, 'creator', 'U0SECRET05'],
      ),
    ]);
    expect(result.findings.map((f) => f.what)).toEqual([
      `DEL ${p}:pace:[user ID]: writes a Slack user ID into a pace record`,
      `HSET ${p}:poll:x1: writes a Slack user ID as an anonymous poll's creator`,
    ]);
    expect(JSON.stringify(result)).not.toMatch(/U0SECRET/);
  });

  describe('the jobs of anonymous polls, which carry a user ID while they run', () => {
    /** A poll-create or poll-nudge job's life in the AOF: added, taken, and ended `agoMs` ago. */
    const job = (queue: string, id: string, data: string, agoMs?: number): string[][] => [
      ['HMSET', `${p}:${queue}:${id}`, 'name', queue, 'data', data, 'timestamp', String(now - 3_600_000)],
      ['XADD', `${p}:${queue}:events`, String(now - 3_600_000), 'event', 'added', 'jobId', id],
      ['HMSET', `${p}:${queue}:${id}`, 'processedOn', String(now - 3_600_000)],
      ...(agoMs === undefined
        ? []
        : [
            ['DEL', `${p}:${queue}:${id}`, `${p}:${queue}:${id}:logs`],
            [
              'XADD',
              `${p}:${queue}:events`,
              'MAXLEN',
              '=',
              '50',
              `${now - agoMs}-0`,
              'event',
              'completed',
              'jobId',
              id,
              'returnvalue',
              'null',
            ],
          ]),
    ];
    const anonymousCreate = (id: string) => `{"pollId":"${id}","creatorId":"U0SECRET01","anonymous":true}`;

    it('fails on one that ended longer ago than the window and is still in the files, saying when it ended', () => {
      const result = run({ [`${p}:poll:x1`]: hash({ anonymous: '1', closed: '0' }) }, [
        aof(
          ...job('poll-create', '7', anonymousCreate('x2'), 600_000),
          ...job('poll-nudge', '2', '{"pollId":"x1","requestedBy":"U0SECRET02"}', 7_200_000),
          ...job('poll-nudge', '3', '{"pollId":"public","requestedBy":"U0SECRET03"}', 7_200_000),
        ),
      ]);
      expect(result.status).toBe('fail');
      expect(result.findings.map((f) => f.what)).toEqual([
        `HMSET ${p}:poll-create:7: writes a Slack user ID into a poll-create job of an anonymous poll that ended 10 minutes ago`,
        `HMSET ${p}:poll-nudge:2: writes a Slack user ID into a poll-nudge job of an anonymous poll that ended 2 hours ago`,
      ]);
      expect(JSON.stringify(result)).not.toMatch(/U0SECRET/);
    });

    it('only notes one still running, and one that ended within the window or after the files were read', () => {
      const result = run(
        {
          [`${p}:poll:x1`]: hash({ anonymous: '1', closed: '0' }),
          [`${p}:poll-create:8`]: hash({ data: anonymousCreate('x3') }),
        },
        [
          aof(
            ...job('poll-create', '8', anonymousCreate('x3')),
            ...job('poll-create', '9', anonymousCreate('x4'), 20_000),
            ...job('poll-nudge', '4', '{"pollId":"x1","requestedBy":"U0SECRET02"}'),
          ),
        ],
      );
      expect(result).toMatchObject({ status: 'pass', findings: [] });
      expect(result.notes).toEqual(
        expect.arrayContaining([
          'user IDs of 1 job of anonymous polls still queued or running stay in the files until each ends and the files are rewritten',
          'user IDs of 2 jobs of anonymous polls that ended within the last 90 s may stay in the files until the compaction that is due',
        ]),
      );
    });
  });

  it('reads an AOF file with an RDB preamble as bytes, and says so', () => {
    const result = run({}, [
      { path: 'appendonly.aof', kind: 'aof', bytes: Buffer.from('REDIS0009 and then commands') },
    ]);
    expect(result.status).toBe('pass');
    expect(result.notes[0]).toContain('appendonly.aof starts with an RDB preamble');
  });
});
