import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { dedupIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { isRefusal, type RedisInfo, readInfo } from '../redis/info.js';
import type { Keys } from '../redis/keys.js';

/*
 * Deleting a key in Redis removes it from memory, not from Redis's files: the append-only file keeps every
 * command that wrote it, and an RDB snapshot keeps the value it had when it was taken. So after an erasure
 * of anonymous key material (a poll's random key and its voters' hashes), Rally asks Redis to rewrite its
 * AOF (`BGREWRITEAOF`) and to save a new snapshot (`BGSAVE`): both write the data as it is now, and Redis
 * then drops the old files.
 */

/** `{prefix}:privacy:last-erasure`: Redis's time (ms) of the last erasure of anonymous key material. */
export const lastErasureKey = (keys: Keys): string => keys.key('privacy', 'last-erasure');

/**
 * `{prefix}:privacy:last-compaction`: Redis's time (ms) at which the last compaction that fully succeeded
 * began. Every erasure recorded before it is gone from Redis's files (INFO has no time for an AOF rewrite).
 */
export const lastCompactionKey = (keys: Keys): string => keys.key('privacy', 'last-compaction');

// Redis's own clock, so that times written by different hosts compare with each other and with
// `rdb_last_save_time`. KEYS: the key to set. Returns the time in ms, as a string.
const stampScript = `
local t = redis.call('TIME')
local ms = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
redis.call('SET', KEYS[1], ms)
return ms
`;

/** Records now, by Redis's clock, as the time of the last erasure; returns it (ms). */
export async function recordErasure(deps: { redis: Redis; keys: Keys }): Promise<number> {
  return Number(await deps.redis.eval(stampScript, 1, lastErasureKey(deps.keys)));
}

export interface CompactionRequestDeps {
  queues: Queues;
  redis: Redis;
  keys: Keys;
  config: Pick<Config, 'eraseWithinSeconds'>;
}

/**
 * Call right after erasing anonymous key material: records the erasure's time and asks for Redis's files
 * to be rewritten within `RALLY_ERASE_WITHIN_SECONDS`.
 *
 * Batched by BullMQ deduplication: the first erasure adds a job delayed by the window; later ones find it
 * still waiting and add nothing, since it runs after them. An erasure that arrives while the job runs is
 * kept (`keepLastIfActive`): one more job is added, delayed by the window again, when the running one ends,
 * because the running one may have copied the data before that erasure. So every erasure is followed by a
 * compaction that starts within the window (plus the length of one compaction) after it.
 */
export async function requestCompaction(deps: CompactionRequestDeps): Promise<void> {
  await recordErasure(deps);
  await deps.queues.enqueue(
    'redis-compact',
    {},
    {
      delay: deps.config.eraseWithinSeconds * 1_000,
      deduplication: { id: dedupIds.redisCompact, keepLastIfActive: true },
    },
  );
}

/**
 * Whether BullMQ deleted a job's record as the job ended (`removeOnComplete: true` when it completed,
 * `removeOnFail: true` when it failed for good). Rally asks for that for jobs whose record names a person
 * where nothing else may, such as the job that stores an anonymous poll (its data names the creator).
 * Deleting the record leaves it in Redis's files, so the worker calls {@link requestCompaction} once
 * BullMQ has deleted it: a compaction asked for before could begin first and copy the record.
 */
export function recordDeletedAtEnd(
  options: { removeOnComplete?: unknown; removeOnFail?: unknown },
  outcome: 'completed' | 'failed',
): boolean {
  return (outcome === 'completed' ? options.removeOnComplete : options.removeOnFail) === true;
}

/**
 * What became of each file. `done`: rewritten after the erasure. `off`: Redis does not keep that file.
 * `unknown`: Redis would not say whether it keeps it (`CONFIG GET save` or `INFO` refused). `refused`:
 * Redis refused the command (ACL, renamed). `failed`: Redis reported the rewrite failed. `timed-out`: it
 * had not finished in time.
 */
export type CompactionStep = 'done' | 'off' | 'unknown' | 'refused' | 'failed' | 'timed-out';

export interface CompactionResult {
  aof: CompactionStep;
  rdb: CompactionStep;
}

/** A compaction that failed or did not finish in time; the job is retried. */
export class CompactionError extends Error {
  override readonly name = 'CompactionError';
}

export interface CompactionDeps {
  redis: Redis;
  keys: Keys;
  logger: Logger;
}

export interface CompactionOptions {
  /** How long to wait for Redis to finish (both files together). */
  timeoutMs?: number;
  /** The longest pause between two reads of `INFO persistence`. */
  maxPollMs?: number;
}

/** A large Redis takes a while to write; past this, the job fails and is retried. */
const defaultTimeoutMs = 5 * 60_000;

/**
 * Refusals already reported, per connection (so per process): a Redis that refuses the commands does
 * not change its mind, and one warning is enough. Later runs report it at info level.
 */
const reported = new WeakMap<Redis, Set<string>>();

function firstReport(redis: Redis, what: string): boolean {
  const seen = reported.get(redis) ?? new Set<string>();
  reported.set(redis, seen);
  if (seen.has(what)) return false;
  seen.add(what);
  return true;
}

interface Waiter {
  /** Reads INFO until `until` holds; undefined when the deadline passed first. */
  wait(until: (info: RedisInfo) => boolean): Promise<RedisInfo | undefined>;
}

function waiter(redis: Redis, deadline: number, maxPollMs: number): Waiter {
  return {
    async wait(until) {
      let pause = 25;
      for (;;) {
        const info = await readInfo(redis, 'persistence');
        if (until(info)) return info;
        if (Date.now() + pause > deadline) return undefined;
        await sleep(pause);
        pause = Math.min(pause * 2, maxPollMs);
      }
    },
  };
}

const noChild = (info: RedisInfo) =>
  info.aof_rewrite_in_progress !== '1' &&
  info.rdb_bgsave_in_progress !== '1' &&
  info.module_fork_in_progress !== '1';

/**
 * `BGREWRITEAOF`, then waits until that rewrite has finished. A rewrite already running may have copied
 * the data before the erasure, so Rally waits for it to end and asks again; one Redis scheduled (behind a
 * snapshot) starts later, so it counts.
 */
async function rewriteAof(redis: Redis, waiting: Waiter): Promise<CompactionStep> {
  for (;;) {
    try {
      await redis.bgrewriteaof();
      break;
    } catch (err) {
      if (isRefusal(err)) return 'refused';
      if (!/already in progress/i.test((err as Error).message)) throw err;
      if (!(await waiting.wait((info) => info.aof_rewrite_in_progress !== '1'))) return 'timed-out';
    }
  }
  // Redis marks the rewrite running or scheduled before it answers, so it is ours that ends here.
  const info = await waiting.wait(
    (i) => i.aof_rewrite_in_progress !== '1' && i.aof_rewrite_scheduled !== '1',
  );
  if (!info) return 'timed-out';
  return info.aof_last_bgrewrite_status === 'ok' ? 'done' : 'failed';
}

/** `BGSAVE` once no other child (a snapshot or an AOF rewrite) is running, then waits until it ends. */
async function saveRdb(redis: Redis, waiting: Waiter): Promise<CompactionStep> {
  for (;;) {
    try {
      await redis.bgsave();
      break;
    } catch (err) {
      if (isRefusal(err)) return 'refused';
      if (!/already in progress|another child process is active/i.test((err as Error).message)) throw err;
      if (!(await waiting.wait(noChild))) return 'timed-out';
    }
  }
  const info = await waiting.wait((i) => i.rdb_bgsave_in_progress !== '1');
  if (!info) return 'timed-out';
  return info.rdb_last_bgsave_status === 'ok' ? 'done' : 'failed';
}

/** Whether RDB snapshots are configured (`CONFIG GET save` not empty); undefined when CONFIG is refused. */
async function snapshotsOn(redis: Redis): Promise<boolean | undefined> {
  try {
    const [, save] = (await redis.config('GET', 'save')) as string[];
    return (save ?? '').trim() !== '';
  } catch (err) {
    if (isRefusal(err)) return undefined;
    throw err;
  }
}

const hintOf = (result: CompactionResult): string => {
  const steps = [result.aof, result.rdb];
  if (steps.includes('refused'))
    return "Redis refused BGREWRITEAOF or BGSAVE (an ACL or a renamed command): allow them for Rally's Redis user";
  if (steps.includes('unknown'))
    return "Redis refused INFO or CONFIG GET, so Rally cannot tell which files to rewrite: allow them for Rally's Redis user";
  return 'Redis did not finish rewriting its files; the compaction is tried again';
};

/**
 * Has Redis rewrite its AOF (when on) and save its RDB snapshot (when configured), one after the other
 * (Redis runs one such child at a time), waiting for each; reports how it went in one log line that holds
 * no user data. On success records the time it began as `privacy:last-compaction`. A refusal is reported
 * (as a warning the first time) and not retried; a failure or a timeout throws a {@link CompactionError},
 * so the job is tried again.
 */
export async function compactRedis(
  deps: CompactionDeps,
  options: CompactionOptions = {},
): Promise<CompactionResult> {
  const { redis, keys, logger } = deps;
  const startedAt = Date.now();
  const waiting = waiter(
    redis,
    startedAt + (options.timeoutMs ?? defaultTimeoutMs),
    options.maxPollMs ?? 1_000,
  );
  const [seconds, micros] = (await redis.time()) as [string | number, string | number];
  const began = Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);

  let result: CompactionResult;
  let info: RedisInfo | undefined;
  try {
    info = await readInfo(redis, 'persistence');
  } catch (err) {
    if (!isRefusal(err)) throw err;
  }
  if (!info) {
    result = { aof: 'unknown', rdb: 'unknown' };
  } else {
    const aofOn = info.aof_enabled === '1';
    const rdbOn = await snapshotsOn(redis);
    result = {
      aof: aofOn ? await rewriteAof(redis, waiting) : 'off',
      rdb: rdbOn === undefined ? 'unknown' : rdbOn ? await saveRdb(redis, waiting) : 'off',
    };
  }

  const fields = { ...result, ms: Date.now() - startedAt };
  const steps = [result.aof, result.rdb];
  if (steps.every((step) => step === 'done' || step === 'off')) {
    await redis.set(lastCompactionKey(keys), String(began));
    logger.info(fields, 'redis files rewritten after erasure');
    return result;
  }
  const failed = steps.some((step) => step === 'failed' || step === 'timed-out');
  const hint = hintOf(result);
  if (failed || firstReport(redis, `${result.aof}/${result.rdb}`)) {
    logger.warn(
      { ...fields, hint },
      'REDIS FILES NOT REWRITTEN after erasure: deleted keys may remain on disk',
    );
  } else {
    logger.info({ ...fields, hint }, 'redis files not rewritten after erasure (reported before)');
  }
  if (failed)
    throw new CompactionError(`redis compaction did not finish: aof ${result.aof}, rdb ${result.rdb}`);
  return result;
}
