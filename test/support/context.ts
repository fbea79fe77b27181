import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { createContext, type RallyContext } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { CapturedLogs, testEnv } from './rally.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { SlackStandIn } from './slack/index.js';

/** Rally's context with no HTTP server and no workers: for calling use cases directly. */
export interface ContextHarness {
  ctx: RallyContext;
  redis: TestRedis;
  standIn: SlackStandIn;
  logs: CapturedLogs;
  stop(): Promise<void>;
}

/**
 * The same context `main.ts` builds, against a private redis-server and a Slack stand-in, in its own
 * key namespace. Jobs that use cases queue stay in their queues, for the test to read.
 */
export async function startContext(env: Record<string, string> = {}): Promise<ContextHarness> {
  const redis = await startRedis();
  const standIn = await SlackStandIn.start({});
  const logs = new CapturedLogs();
  const logger = createLogger({ level: 'debug', destination: logs.stream });
  const config = loadConfig(testEnv(standIn, redis.url, { env }));
  const ctx = await createContext(config, { logger, namespace: `test-${randomBytes(4).toString('hex')}` });
  return {
    ctx,
    redis,
    standIn,
    logs,
    async stop() {
      await ctx.queues.close();
      ctx.redis.disconnect();
      await standIn.close();
      await redis.stop();
    },
  };
}
