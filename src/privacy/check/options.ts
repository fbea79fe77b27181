import { parseArgs } from 'node:util';
import { CheckUsageError, checkDefaults, type PrivacyCheckOptions } from './check.js';

export const usage = `Usage: npm run privacy-check -- [options]

Checks a running Rally's privacy promises in its Redis, and in Redis's files and Rally's logs when given.
Only reads. Exit code 0: every rule passed; 1: something was found; 2: bad usage, Redis could not be read,
or the check could not finish.

  --redis-url <url>              Redis Rally uses (env REDIS_URL; default ${checkDefaults.redisUrl})
  --namespace <name>             Rally's key namespace: keys start with {name} (default ${checkDefaults.namespace})
  --data-dir <dir>               Redis's data directory (its dir), to read its AOF and RDB files
  --log-file <file>              a file of Rally's log lines
  --retention-days <n>           RALLY_RETENTION_DAYS of that Rally (env; default ${checkDefaults.retentionDays})
  --erase-within-seconds <n>     RALLY_ERASE_WITHIN_SECONDS of that Rally (env; default ${checkDefaults.eraseWithinSeconds})
  --help                         this text`;

export type CliRequest = { help: true } | { help: false; options: PrivacyCheckOptions };

function whole(name: string, value: string | undefined, max: number, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new CheckUsageError(`${name} must be a whole number from 1 to ${max} (got "${value}")`);
  }
  return n;
}

/** The check's options from the command line, with the environment's values where a flag is not given. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliRequest {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'redis-url': { type: 'string' },
        namespace: { type: 'string' },
        'data-dir': { type: 'string' },
        'log-file': { type: 'string' },
        'retention-days': { type: 'string' },
        'erase-within-seconds': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new CheckUsageError((err as Error).message);
  }
  if (values.help) return { help: true };
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const namespace = text('namespace')?.replace(/^\{(.*)\}$/, '$1');
  const dataDir = text('data-dir');
  const logFile = text('log-file');
  return {
    help: false,
    options: {
      redisUrl: text('redis-url') ?? (env.REDIS_URL?.trim() || checkDefaults.redisUrl),
      namespace: namespace ?? checkDefaults.namespace,
      ...(dataDir ? { dataDir } : {}),
      ...(logFile ? { logFile } : {}),
      retentionDays: whole(
        '--retention-days',
        text('retention-days') ?? env.RALLY_RETENTION_DAYS,
        3650,
        checkDefaults.retentionDays,
      ),
      eraseWithinSeconds: whole(
        '--erase-within-seconds',
        text('erase-within-seconds') ?? env.RALLY_ERASE_WITHIN_SECONDS,
        3600,
        checkDefaults.eraseWithinSeconds,
      ),
    },
  };
}
