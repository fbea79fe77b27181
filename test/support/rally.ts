import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { type RallyProcess, startRally } from '../../src/main.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { SlackRequests, SlackStandIn } from './slack/index.js';

export const testSigningSecret = 'test-signing-secret-0123456789';
export const testRallySecret = 'test-rally-secret-0123456789abcdef0123456789';

/** Log lines a Rally under test wrote, parsed, for assertions and privacy scans. */
export class CapturedLogs {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      this.lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });

  entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  find(msg: string): Record<string, unknown> | undefined {
    return this.entries().find((e) => e.msg === msg);
  }
}

export interface Harness {
  redis: TestRedis;
  standIn: SlackStandIn;
  rally: RallyProcess;
  /** Sends requests to Rally as Slack does (HTTP mode). */
  slack: SlackRequests;
  logs: CapturedLogs;
  appUrl: string;
  baseUrl: string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  socketMode?: boolean;
  role?: 'all' | 'web' | 'worker';
  /** A Redis to use instead of a new one (the caller stops it). */
  redis?: TestRedis;
  /** A stand-in to use instead of a new one (the caller closes it). */
  standIn?: SlackStandIn;
  /** The Redis key namespace; give the same one to a second Rally to play a restart. */
  namespace?: string;
  env?: Record<string, string>;
}

/** The environment a Rally under test runs with, pointed at the stand-in and the test Redis. */
export function testEnv(
  standIn: SlackStandIn,
  redisUrl: string,
  options: HarnessOptions = {},
): NodeJS.ProcessEnv {
  return {
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_API_URL: standIn.apiUrl,
    REDIS_URL: redisUrl,
    PORT: '0',
    ROLE: options.role ?? 'all',
    RALLY_SECRET: testRallySecret,
    LOG_LEVEL: 'debug',
    // Anonymous counts redraw on a one-second clock in tests (ten seconds by default).
    RALLY_REDRAW_CLOCK_SECONDS: '1',
    // Ten redraws a second across the workspace (Slack's Tier 3 by default): the tests' stand-in limits no
    // chat.update unless a test asks it to, and the tests that check the pace set their own.
    RALLY_MAX_UPDATES_PER_MINUTE: '600',
    ...(options.socketMode
      ? { SLACK_APP_TOKEN: standIn.appToken }
      : { SLACK_SIGNING_SECRET: testSigningSecret }),
    ...options.env,
  };
}

/** The real Rally, in this process, against its own Redis namespace and a fresh Slack stand-in. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const redis = options.redis ?? (await startRedis());
  const standIn = options.standIn ?? (await SlackStandIn.start({ signingSecret: testSigningSecret }));
  const logs = new CapturedLogs();
  const logger = createLogger({ level: 'debug', destination: logs.stream });
  const config = loadConfig(testEnv(standIn, redis.url, options));
  const namespace = options.namespace ?? `test-${randomBytes(4).toString('hex')}`;
  const rally = await startRally(config, { logger, namespace });
  const baseUrl = `http://127.0.0.1:${rally.port}`;
  const appUrl = `${baseUrl}/slack/events`;
  return {
    redis,
    standIn,
    rally,
    slack: new SlackRequests({ appUrl, signingSecret: testSigningSecret, standIn }),
    logs,
    appUrl,
    baseUrl,
    async stop() {
      await rally.stop();
      if (!options.standIn) await standIn.close();
      if (!options.redis) await redis.stop();
    },
  };
}
