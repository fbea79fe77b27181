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
// Rally's keyed hashes (src/privacy/) are base64url SHA-256: 43 characters of [A-Za-z0-9_-]. Longer runs
// are caught too, so a hash glued to something else by `-` or `_` does not slip through.
const keyedHashPattern = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43,}(?![A-Za-z0-9_-])/g;

/** Replaces Slack tokens, keyed hashes and Slack user IDs in free text, such as the messages Bolt logs. */
export function scrub(text: string): string {
  return text
    .replace(tokenPattern, '[token]')
    .replace(keyedHashPattern, '[hash]')
    .replace(userIdPattern, '[user]');
}

/** What an error becomes in a log line: nothing but these fields, each scrubbed. */
export interface LoggedError {
  /** The class's name (what pino's own serializer calls `type`). */
  type: string;
  /** The error's `name`, when it differs from its class (`ReplyError`, `AbortError`). */
  name?: string;
  message: string;
  code?: string | number;
  stack?: string;
  cause?: LoggedError;
}

/** How many causes deep an error is followed; deeper ones are left out. */
const maxCauseDepth = 3;

/**
 * The allow-list serializer for every error Rally logs (`err` and `error` fields, and errors the Slack SDKs
 * log): its type, message, code and stack, and its cause the same way, all scrubbed. Everything else is
 * dropped, because libraries hang the data they were handling on their errors: ioredis the command and its
 * arguments (a user ID next to a keyed hash), the Slack SDK the response body, BullMQ the job.
 */
export function serializeError(value: unknown, depth = 0): LoggedError {
  if (typeof value !== 'object' || value === null) {
    return { type: typeof value, message: scrub(String(value)) };
  }
  const error = value as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    stack?: unknown;
    cause?: unknown;
    original?: unknown;
  };
  const type = (value instanceof Error ? value.constructor?.name : undefined) || 'Object';
  const logged: LoggedError = { type: scrub(type), message: '' };
  if (typeof error.name === 'string' && error.name !== type) logged.name = scrub(error.name);
  if (typeof error.message === 'string') logged.message = scrub(error.message);
  if (typeof error.code === 'number') logged.code = error.code;
  else if (typeof error.code === 'string') logged.code = scrub(error.code);
  if (typeof error.stack === 'string') logged.stack = scrub(error.stack);
  // Bolt wraps what a listener threw in an error of its own and keeps it as `original`.
  const cause = error.cause ?? (error.original instanceof Error ? error.original : undefined);
  if (cause !== undefined && depth < maxCauseDepth) logged.cause = serializeError(cause, depth + 1);
  return logged;
}

const errorSerializers = {
  err: (value: unknown) => serializeError(value),
  error: (value: unknown) => serializeError(value),
};

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
    serializers: errorSerializers,
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(this, withScrubbedMessage(args));
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

/**
 * Lines the Slack SDKs log (at debug level) that carry what went over the wire: the Web API client's request
 * bodies, results and headers, and the Socket Mode client's payloads and acks. They hold message text, poll
 * questions, names and user IDs, so they are dropped at every level; the lines around them
 * (`apiCall('chat.postMessage') start`, `... end`, warnings) are kept.
 */
const sdkPayloadLine =
  /^(?:http request (?:body|result|headers):|Received a message on the WebSocket:|Sending a WebSocket message:|Unable to parse an incoming WebSocket message|Calling ack\(\).*data:)/;

/** Whether a line a Slack SDK logs carries a request or response payload (see {@link sdkPayloadLine}). */
const isSdkPayloadLine = (message: unknown): boolean =>
  typeof message === 'string' && sdkPayloadLine.test(message);

/**
 * Adapts a pino logger to the interface Bolt and the Slack SDKs expect. Bolt hands the logger it is given to
 * its Web API client and its receiver, so everything the SDKs log comes through here: payload lines are
 * dropped, errors (wherever they are among the arguments) go through {@link serializeError}, and the text is
 * scrubbed.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  const write =
    (level: Level) =>
    (...msgs: unknown[]) => {
      if (isSdkPayloadLine(msgs[0])) return;
      const [err, ...moreErrors] = msgs.filter((m): m is Error => m instanceof Error);
      const words = msgs
        .filter((m) => !(m instanceof Error))
        .map((m) => (typeof m === 'string' ? m : safeJson(m)));
      if (!err) {
        logger[level](scrub(words.join(' ')));
        return;
      }
      const more = moreErrors.map((e) => `${e.name}: ${e.message}`);
      logger[level]({ err }, scrub([...words, ...more].join(' ') || err.message));
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

/** Pino's arguments with every string scrubbed, and the message pino would take from an error made explicit. */
function withScrubbedMessage(args: unknown[]): unknown[] {
  const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg));
  const [first] = scrubbed;
  if (scrubbed.length !== 1 || typeof first !== 'object' || first === null) return scrubbed;
  // Given an error and no message, pino uses the error's message as it is, unscrubbed.
  const error = first instanceof Error ? first : (first as { err?: unknown; msg?: unknown }).err;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  if ((first as { msg?: unknown }).msg === undefined && typeof message === 'string') {
    return [first, scrub(message)];
  }
  return scrubbed;
}

/** JSON for a value the SDKs log, with any error in it reduced by {@link serializeError}. */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? serializeError(v) : v));
  } catch {
    return String(value);
  }
}
