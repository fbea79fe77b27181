import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { isRefusal, type RedisInfo, readInfo } from './info.js';

/** How long a command from a request handler may wait before it fails (the request must ack in 3 s). */
const producerCommandTimeoutMs = 1_000;

const reconnectDelay = (attempt: number): number => Math.min(100 * 2 ** attempt, 2_000);

// Socket-level failures: Redis is away or the connection broke. ioredis reconnects by itself.
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether an error only says that the connection to Redis is down. `watchConnection` logs the first of
 * each outage; BullMQ's queues and workers repeat it on every reconnect attempt, which adds nothing.
 */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && connectionErrorCodes.has(code)) return true;
  return err.message === 'Connection is closed.' || err.message.startsWith('connect ');
}

function watchConnection(redis: Redis, logger: Logger, name: string): Redis {
  let lastState = 'ready';
  redis.on('ready', () => {
    if (lastState !== 'ready') logger.info({ connection: name }, 'redis connection is back');
    lastState = 'ready';
  });
  redis.on('error', (err: Error) => {
    // ioredis repeats the error on every reconnect attempt: log the first of each outage only.
    if (lastState === 'ready') logger.error({ err, connection: name }, 'redis connection lost');
    lastState = 'error';
  });
  return redis;
}

/**
 * For request handlers and producers: fails fast instead of queueing commands while Redis is away,
 * so a request is answered with an error rather than left to time out.
 */
export function createProducerRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: producerCommandTimeoutMs,
    connectTimeout: 5_000,
    retryStrategy: reconnectDelay,
    lazyConnect: true,
  });
  return watchConnection(redis, logger, 'producer');
}

/** For BullMQ workers, whose blocking commands must wait for Redis to come back (BullMQ requires `null`). */
export function createWorkerRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    retryStrategy: reconnectDelay,
    lazyConnect: true,
  });
  return watchConnection(redis, logger, 'worker');
}

/** Connects, retrying until `timeoutMs`; the error names the Redis without its password. */
export async function connectRedis(redis: Redis, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
      else if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        const { host, port } = redis.options;
        throw new Error(`Redis at ${host}:${port} did not answer within ${timeoutMs / 1000} s`, {
          cause: err,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * BullMQ loses jobs silently when Redis evicts keys under memory pressure, so anything but
 * `noeviction` is worth a loud warning. https://docs.bullmq.io/guide/going-to-production#max-memory-policy
 */
export async function warnUnlessNoEviction(redis: Redis, logger: Logger): Promise<void> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy !== 'noeviction') {
      logger.warn(
        { maxmemoryPolicy: policy },
        'REDIS IS NOT SAFE FOR RALLY: maxmemory-policy is not noeviction, so Redis may delete queued reminders, polls and signatures under memory pressure. Set maxmemory-policy noeviction.',
      );
    }
  } catch (err) {
    logger.warn({ err }, 'could not read maxmemory-policy (CONFIG GET refused); make sure it is noeviction');
  }
}

/** Redis keeps nothing on disk and `RALLY_REQUIRE_PERSISTENCE` is true: Rally does not start. */
export class PersistenceRequiredError extends Error {
  override readonly name = 'PersistenceRequiredError';
}

/** Redis's persistence as Rally reads it at start-up; `undefined` where Redis would not say. */
export interface PersistenceSettings {
  appendonly: string | undefined;
  appendfsync: string | undefined;
  save: string | undefined;
  /** AOF on (from `CONFIG GET appendonly`, or `INFO persistence` when CONFIG is refused). */
  aof: boolean | undefined;
  /** RDB snapshots configured (`save` not empty). */
  rdb: boolean | undefined;
}

async function readPersistenceSettings(redis: Redis): Promise<PersistenceSettings> {
  const get = async (name: string) => ((await redis.config('GET', name)) as string[])[1];
  try {
    const [appendonly, appendfsync, save] = [
      await get('appendonly'),
      await get('appendfsync'),
      await get('save'),
    ];
    return {
      appendonly,
      appendfsync,
      save,
      aof: appendonly === undefined ? undefined : appendonly === 'yes',
      rdb: save === undefined ? undefined : save.trim() !== '',
    };
  } catch (err) {
    if (!isRefusal(err)) throw err;
    // CONFIG refused (an ACL, or renamed by a managed service): INFO still tells whether AOF is on.
    const info = await readInfo(redis, 'persistence').catch(() => ({}) as RedisInfo);
    const enabled = info.aof_enabled;
    return {
      appendonly: undefined,
      appendfsync: undefined,
      save: undefined,
      aof: enabled === undefined ? undefined : enabled === '1',
      rdb: undefined,
    };
  }
}

/** Whether this connection's user may run `command`: `unknown` when Redis will not tell. */
async function commandAllowed(redis: Redis, command: string): Promise<'yes' | 'no' | 'unknown'> {
  try {
    const [described] = (await redis.call('COMMAND', 'INFO', command)) as unknown[];
    if (!described) return 'no'; // renamed or disabled
  } catch {
    // COMMAND refused: ask the ACL below.
  }
  try {
    const username = String(await redis.call('ACL', 'WHOAMI'));
    return (await redis.call('ACL', 'DRYRUN', username, command)) === 'OK' ? 'yes' : 'no';
  } catch {
    return 'unknown'; // no ACL DRYRUN (Redis before 7) or not allowed to ask
  }
}

/**
 * Logs Redis's persistence in one line at start-up, with whether Rally can have Redis rewrite its files
 * after it erased anonymous key material (`BGREWRITEAOF` with AOF on, `BGSAVE` with RDB snapshots on).
 * Warns loudly when Redis keeps nothing on disk; with `require`, throws a {@link PersistenceRequiredError}
 * instead (and when Redis will not say).
 */
export async function reportPersistence(
  redis: Redis,
  logger: Logger,
  { require }: { require: boolean },
): Promise<PersistenceSettings> {
  const settings = await readPersistenceSettings(redis);
  const nothingOnDisk = settings.aof === false && settings.rdb === false;
  const unsure = !nothingOnDisk && settings.aof !== true && settings.rdb !== true;
  if (require && (nothingOnDisk || unsure)) {
    const { host, port } = redis.options;
    throw new PersistenceRequiredError(
      nothingOnDisk
        ? `Rally cannot start: RALLY_REQUIRE_PERSISTENCE is true, but the Redis at ${host}:${port} keeps nothing on disk (appendonly no, save ""), so a restart would lose every reminder, schedule, signature and vote. Turn on AOF in Redis (appendonly yes, appendfsync everysec), or set RALLY_REQUIRE_PERSISTENCE=false.`
        : `Rally cannot start: RALLY_REQUIRE_PERSISTENCE is true, but the Redis at ${host}:${port} does not say whether it keeps anything on disk (CONFIG GET refused). Allow CONFIG GET for Rally's Redis user, or set RALLY_REQUIRE_PERSISTENCE=false.`,
    );
  }

  const commands = [
    ...(settings.aof === true ? ['BGREWRITEAOF'] : []),
    ...(settings.rdb === true ? ['BGSAVE'] : []),
  ];
  const allowed = await Promise.all(commands.map((command) => commandAllowed(redis, command)));
  const refused = commands.filter((_, i) => allowed[i] === 'no');
  let compactionWorks: 'yes' | 'no' | 'unknown' | 'not needed';
  if (nothingOnDisk) compactionWorks = 'not needed';
  else if (refused.length > 0) compactionWorks = 'no';
  else if (unsure || settings.rdb === undefined || allowed.includes('unknown')) compactionWorks = 'unknown';
  else compactionWorks = 'yes';
  logger.info(
    {
      appendonly: settings.appendonly ?? 'unknown',
      appendfsync: settings.appendfsync ?? 'unknown',
      save: settings.save ?? 'unknown',
      compactAfterErasure: commands.length > 0 ? commands.join(' and ') : 'nothing',
      compactionWorks,
    },
    'redis persistence',
  );
  if (nothingOnDisk) {
    logger.warn(
      { appendonly: settings.appendonly, save: settings.save },
      'REDIS IS NOT SAFE FOR RALLY: it keeps nothing on disk (appendonly no, save ""), so a restart loses every reminder, schedule, signature and vote. Turn on AOF: appendonly yes, appendfsync everysec.',
    );
  } else if (unsure) {
    logger.warn(
      'could not read whether Redis keeps anything on disk (CONFIG GET refused); make sure AOF is on (appendonly yes)',
    );
  }
  if (refused.length > 0) {
    logger.warn(
      { refused },
      `Redis refuses ${refused.join(' and ')} to Rally (an ACL or a renamed command), so the anonymous keys and voter hashes Rally deletes stay readable in Redis's files until Redis rewrites them on its own. Allow ${refused.join(' and ')} for Rally's Redis user.`,
    );
  }
  return settings;
}
