import { describe, expect, it } from 'vitest';
import { checkCompaction } from '../../src/privacy/check/rule-compaction.js';
import { snapshotFrom } from '../../src/privacy/check/snapshot.js';

const p = '{rally}';
const now = 1_800_000_000_000;
const options = { eraseWithinSeconds: 60, marginSeconds: 30 };
const persistence = { aof_enabled: '1', aof_last_bgrewrite_status: 'ok', rdb_last_bgsave_status: 'ok' };

const run = (erasure?: number, compaction?: number, info: Record<string, string> = persistence) =>
  checkCompaction(
    snapshotFrom(
      p,
      now,
      {
        ...(erasure === undefined
          ? {}
          : { [`${p}:privacy:last-erasure`]: { type: 'string', value: String(erasure) } }),
        ...(compaction === undefined
          ? {}
          : { [`${p}:privacy:last-compaction`]: { type: 'string', value: String(compaction) } }),
      },
      { persistence: info, save: '3600 1' },
    ),
    options,
  );

describe('rule c: Redis rewrote its files after the last erasure', () => {
  it('passes when nothing was erased yet', () => {
    const result = run();
    expect(result.status).toBe('pass');
    expect(result.notes[0]).toContain('no erasure');
    expect(result.notes).toContain('Redis keeps an append-only file and RDB snapshots');
  });

  it('passes when the last compaction began after the last erasure, however long ago', () => {
    expect(run(now - 86_400_000, now - 86_000_000).status).toBe('pass');
    expect(run(now - 5_000, now - 5_000).status).toBe('pass');
  });

  it('passes while a compaction is still due within the window and its margin', () => {
    const result = run(now - 89_000, now - 200_000);
    expect(result.status).toBe('pass');
    expect(result.notes[0]).toContain('due within 60 s');
  });

  it('fails once the window and its margin passed with no compaction after the erasure', () => {
    const late = run(now - 91_000, now - 200_000);
    expect(late.status).toBe('fail');
    expect(late.findings[0]).toEqual({
      where: `${p}:privacy:last-erasure`,
      what: "the last erasure was 91 seconds ago (more than 60 s + 30 s) and the last compaction began 109 seconds before it: Redis's files may still hold erased keys",
    });
    expect(run(now - 91_000).findings[0]?.what).toContain('no compaction was ever recorded');
  });

  it('repeats what Redis says about failed rewrites', () => {
    const result = run(now - 1_000, undefined, { ...persistence, aof_last_bgrewrite_status: 'err' });
    expect(result.notes.join('\n')).toContain('last AOF rewrite failed');
  });
});
