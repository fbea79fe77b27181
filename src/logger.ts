import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Field paths that never reach a log line in clear: tokens, secrets, and anything that names a person.
 * Listed by path because pino redacts by path; {@link scrub} covers free text.
 */
const redactPaths = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  'rallySecret',
  'secret',
  '*.secret',
  'headers.authorization',
  '*.headers.authorization',
  'user',
  '*.user',
  'userId',
  '*.userId',
  'user_id',
  '*.user_id',
  'users',
  '*.users',
  'text',
  '*.text',
];

// Slack user IDs (U/W + 8 or more upper-case alphanumerics) and Slack tokens (xoxb-, xoxp-, xapp-, ...).
const userIdPattern = /\b[UW][A-Z0-9]{8,}\b/g;
const tokenPattern = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;

/** Replaces Slack user IDs and tokens in free text, such as the messages Bolt logs. */
export function scrub(text: string): string {
  return text.replace(tokenPattern, '[token]').replace(userIdPattern, '[user]');
}

export interface LoggerOptions {
  level: Level | 'silent';
  /** Where lines go; defaults to stdout, pretty-printed when stdout is a terminal. */
  destination?: DestinationStream;
}

export function createLogger({ level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service: 'rally' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)),
        );
      },
    },
  };
  if (destination) return pino(options, destination);
  if (process.stdout.isTTY && process.env.NODE_ENV !== 'production') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(options);
}

const boltToPino: Record<LogLevel, string[]> = {
  [LogLevel.DEBUG]: ['debug', 'trace'],
  [LogLevel.INFO]: ['info'],
  [LogLevel.WARN]: ['warn'],
  [LogLevel.ERROR]: ['error', 'fatal', 'silent'],
};

/** Bolt's name for a pino level. */
export function boltLogLevel(level: string): LogLevel {
  const entry = Object.entries(boltToPino).find(([, names]) => names.includes(level));
  return (entry?.[0] as LogLevel | undefined) ?? LogLevel.INFO;
}

/** Adapts a pino logger to the interface Bolt and the Slack SDK expect. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const write =
    (level: Level) =>
    (...msgs: unknown[]) => {
      const [first, ...rest] = msgs;
      if (first instanceof Error)
        logger[level]({ err: first }, scrub(rest.map(String).join(' ') || first.message));
      else logger[level](scrub(msgs.map((m) => (typeof m === 'string' ? m : safeJson(m))).join(' ')));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // The level comes from LOG_LEVEL; Bolt's own default must not override it.
    setLevel: () => {},
    getLevel: () => boltLogLevel(logger.level),
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
