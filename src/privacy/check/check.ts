import { access } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { isRefusal } from '../../redis/info.js';
import { createKeys } from '../../redis/keys.js';
import { LogFileError, readLogLines } from './log-file.js';
import { DataDirError, type RedisFile, readRedisFiles } from './redis-files.js';
import { readSnapshot } from './redis-reader.js';
import { type PrivacyReport, type RuleResult, skippedRule } from './report.js';
import { checkAnonymousRecords, defaultInFlightGraceMs } from './rule-anonymous-records.js';
import { checkCompaction } from './rule-compaction.js';
import { checkEndedScopes } from './rule-ended-scopes.js';
import { checkLogLines, logsTitle } from './rule-logs.js';
import { checkRedisFiles, redisFilesTitle } from './rule-redis-files.js';
import { checkRetention } from './rule-retention.js';
import { scopesOf } from './scopes.js';

export interface PrivacyCheckOptions {
  /** Default `redis://127.0.0.1:6379`. */
  redisUrl?: string;
  /** Rally's key namespace: keys start with `{namespace}`. Default `rally`. */
  namespace?: string;
  /** Redis's data directory (`dir`), to read its AOF and RDB files. */
  dataDir?: string;
  /** A file of Rally's log lines. */
  logFile?: string;
  /** `RALLY_RETENTION_DAYS` of the Rally checked. Default 90. */
  retentionDays?: number;
  /** `RALLY_ERASE_WITHIN_SECONDS` of the Rally checked. Default 60. */
  eraseWithinSeconds?: number;
  /** Allowed beyond `eraseWithinSeconds` for a compaction to run. Default 30. */
  marginSeconds?: number;
  /** How long a job of an anonymous poll may wait in its queue before it is reported. Default 10 minutes. */
  inFlightGraceMs?: number;
  /** A connection to read through instead of one to `redisUrl` (left open). */
  redis?: Redis;
}

export const checkDefaults = {
  redisUrl: 'redis://127.0.0.1:6379',
  namespace: 'rally',
  retentionDays: 90,
  eraseWithinSeconds: 60,
  marginSeconds: 30,
} as const;

/** The check cannot run as asked: a bad option, a file it cannot read. (The CLI exits 2.) */
export class CheckUsageError extends Error {
  override readonly name = 'CheckUsageError';
}

/** Redis did not answer, or refused the check's reads. (The CLI exits 2.) */
export class CheckConnectError extends Error {
  override readonly name = 'CheckConnectError';
}

/** Host and port (and database) of a Redis URL, never its user or password. */
export function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    const db = parsed.pathname.replace(/^\//, '');
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${db ? `/${db}` : ''}`;
  } catch {
    throw new CheckUsageError(`--redis-url is not a URL (expected redis://host:port)`);
  }
}

const limits = (dataDir: boolean, logFile: boolean): string[] => [
  ...(dataDir
    ? []
    : [
        "Redis's files themselves (give --data-dir): without it they are vouched for only by the compaction times",
      ]),
  'Inside RDB files (the snapshot, an AOF base with an RDB preamble): only erased values that the AOF still shows are searched for, as bytes; strings Redis compressed (rdbcompression yes), values written before the AOF was last rewritten, and user IDs are vouched for only by the compaction times',
  "Backups and copies of Redis's files, replicas' own files, and any Redis other than this one",
  "Slack's own copies: the messages, forms and private answers Rally sent, and what a workspace owner can export",
  ...(logFile ? [] : ['Logs (give --log-file)']),
  "Logs other than the file given, and Rally's memory while it runs",
  'Who holds RALLY_SECRET: with it and a scope’s random key, while the scope is open, anyone can recompute who signed, voted or pledged',
];

async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis reports why it could not connect (ECONNREFUSED, a timeout) as an event; connect() only
  // says the connection closed.
  let cause: Error | undefined;
  redis.on('error', (err: Error) => {
    cause ??= err;
  });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    const why = (cause ?? (err as Error)).message;
    throw new CheckConnectError(`cannot connect to Redis at ${describeRedis(url)}: ${why}`);
  }
}

/** Where Redis keeps its AOF files under its `dir` (`appenddirname`), when it says. */
async function appendDirName(redis: Redis): Promise<string | undefined> {
  try {
    return ((await redis.config('GET', 'appenddirname')) as string[])[1] || undefined;
  } catch (err) {
    if (isRefusal(err)) return undefined;
    throw err;
  }
}

/**
 * Checks a running Rally's privacy promises in its Redis (and, when given, Redis's files and Rally's log
 * file). Only reads. Throws {@link CheckUsageError} or {@link CheckConnectError} when it cannot check.
 */
export async function checkPrivacy(options: PrivacyCheckOptions = {}): Promise<PrivacyReport> {
  const redisUrl = options.redisUrl ?? checkDefaults.redisUrl;
  const namespace = options.namespace ?? checkDefaults.namespace;
  const settings = {
    eraseWithinSeconds: options.eraseWithinSeconds ?? checkDefaults.eraseWithinSeconds,
    marginSeconds: options.marginSeconds ?? checkDefaults.marginSeconds,
    retentionDays: options.retentionDays ?? checkDefaults.retentionDays,
  };
  let prefix: string;
  try {
    prefix = createKeys(namespace).prefix;
  } catch {
    throw new CheckUsageError(`--namespace ${namespace} is not a key namespace (letters, digits and -)`);
  }
  const where = options.redis
    ? `redis://${options.redis.options.host}:${options.redis.options.port}`
    : describeRedis(redisUrl);
  const target = `${where}, keys ${prefix}:*`;
  if (options.logFile) {
    await access(options.logFile).catch(() => {
      throw new CheckUsageError(`--log-file ${options.logFile} cannot be read`);
    });
  }
  const redis = options.redis ?? (await connect(redisUrl));
  try {
    // The files first, then Redis: a scope created in between is then in neither, not only in the files.
    let files: RedisFile[] | undefined;
    if (options.dataDir) {
      try {
        files = await readRedisFiles(options.dataDir, await appendDirName(redis));
      } catch (err) {
        if (err instanceof DataDirError) throw new CheckUsageError(err.message);
        throw err;
      }
    }
    let snapshot: Awaited<ReturnType<typeof readSnapshot>>;
    try {
      snapshot = await readSnapshot(redis, prefix);
    } catch (err) {
      throw new CheckConnectError(
        `Redis at ${where} did not answer the check's reads: ${(err as Error).message}`,
      );
    }
    const scopes = scopesOf(snapshot);
    const rules: RuleResult[] = [
      checkAnonymousRecords(snapshot, scopes, {
        inFlightGraceMs: options.inFlightGraceMs ?? defaultInFlightGraceMs,
      }),
      checkEndedScopes(snapshot, scopes),
      checkCompaction(snapshot, settings),
      files
        ? checkRedisFiles(snapshot, scopes, files, settings)
        : skippedRule('redis-files', redisFilesTitle, 'not checked: give --data-dir'),
      checkRetention(snapshot, scopes, settings),
    ];
    if (options.logFile) {
      try {
        rules.push(await checkLogLines(readLogLines(options.logFile), options.logFile));
      } catch (err) {
        if (err instanceof LogFileError) throw new CheckUsageError(err.message);
        throw err;
      }
    } else {
      rules.push(skippedRule('logs', logsTitle, 'not checked: give --log-file'));
    }
    return {
      ok: rules.every((rule) => rule.status !== 'fail'),
      target: `${target} (${snapshot.scanned} keys)`,
      rules,
      limits: limits(Boolean(options.dataDir), Boolean(options.logFile)),
    };
  } finally {
    if (!options.redis) redis.disconnect();
  }
}
