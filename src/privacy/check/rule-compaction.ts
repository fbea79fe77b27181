import { privacyKeys } from './layout.js';
import { duration, finding, type RuleResult, ruleResult } from './report.js';
import { type RedisSnapshot, stringAt } from './snapshot.js';

const compactionTitle = 'Redis rewrote its files after the last erasure';

export interface CompactionOptions {
  eraseWithinSeconds: number;
  /** Allowed beyond `eraseWithinSeconds`, for the compaction itself to run. */
  marginSeconds: number;
}

/**
 * Rule c, by the times Rally records (see ../compaction.ts): after it erases anonymous key material,
 * Rally has Redis rewrite its AOF and save its snapshot, and records when the last compaction that fully
 * succeeded began. When the last erasure is older than the window (plus a margin) and no compaction began
 * after it, Redis's files may still hold what was erased.
 */
export function checkCompaction(snapshot: RedisSnapshot, options: CompactionOptions): RuleResult {
  const time = (name: string) => {
    const value = stringAt(snapshot, name);
    return value === undefined || !Number.isFinite(Number(value)) ? undefined : Number(value);
  };
  const keys = privacyKeys(snapshot.prefix);
  const erasure = time(keys.erasure);
  const compaction = time(keys.compaction);
  const notes = persistenceNotes(snapshot);
  const where = keys.erasure;
  if (erasure === undefined) {
    notes.unshift('Rally has recorded no erasure of anonymous key material');
    return ruleResult('compaction', compactionTitle, 'no erasure recorded', [], notes);
  }
  const age = snapshot.nowMs - erasure;
  const windowMs = (options.eraseWithinSeconds + options.marginSeconds) * 1000;
  const checked = `last erasure ${duration(age)} ago`;
  if (compaction !== undefined && compaction >= erasure) {
    notes.unshift(`the last compaction began ${duration(compaction - erasure)} after it`);
    return ruleResult('compaction', compactionTitle, checked, [], notes);
  }
  if (age <= windowMs) {
    notes.unshift(
      `no compaction since, which is due within ${options.eraseWithinSeconds} s of the erasure (+ ${options.marginSeconds} s margin)`,
    );
    return ruleResult('compaction', compactionTitle, checked, [], notes);
  }
  const since =
    compaction === undefined
      ? 'and no compaction was ever recorded'
      : `and the last compaction began ${duration(erasure - compaction)} before it`;
  return ruleResult(
    'compaction',
    compactionTitle,
    checked,
    [
      finding(
        where,
        `the last erasure was ${duration(age)} ago (more than ${options.eraseWithinSeconds} s + ${options.marginSeconds} s) ${since}: Redis's files may still hold erased keys`,
      ),
    ],
    notes,
  );
}

/** What `INFO persistence` says about the files, in a few words each. */
function persistenceNotes(snapshot: RedisSnapshot): string[] {
  const info = snapshot.persistence;
  if (!info) return ['Redis refused INFO persistence: whether it keeps files is unknown'];
  const notes: string[] = [];
  const aof = info.aof_enabled === '1';
  const rdb = snapshot.save === undefined ? undefined : snapshot.save.trim() !== '';
  notes.push(
    `Redis keeps ${aof ? 'an append-only file' : 'no append-only file'}${rdb === undefined ? '' : rdb ? ' and RDB snapshots' : ' and no RDB snapshots'}`,
  );
  if (aof && info.aof_last_bgrewrite_status && info.aof_last_bgrewrite_status !== 'ok') {
    notes.push(
      `Redis says its last AOF rewrite failed (aof_last_bgrewrite_status: ${info.aof_last_bgrewrite_status})`,
    );
  }
  if (info.rdb_last_bgsave_status && info.rdb_last_bgsave_status !== 'ok') {
    notes.push(
      `Redis says its last snapshot failed (rdb_last_bgsave_status: ${info.rdb_last_bgsave_status})`,
    );
  }
  if (info.aof_rewrite_in_progress === '1' || info.rdb_bgsave_in_progress === '1') {
    notes.push('Redis is rewriting its files right now');
  }
  return notes;
}
