import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { registerHandlers } from '../handlers/index.js';
import { startWorkers, type Workers } from '../jobs/index.js';
import { buildBoltApp } from './app.js';
import { CampaignError } from './campaign/load.js';
import { type Config, ConfigError, loadConfig, runsWeb, runsWorkers } from './config.js';
import { createContext, type RallyContext } from './context.js';
import { calendarFileFor } from './events/calendar.js';
import { createHealthCheck } from './http/health.js';
import { type RequestListener, startHttpServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { PersistenceRequiredError } from './redis/connections.js';

export interface RallyProcess {
  ctx: RallyContext;
  /** The port of Rally's HTTP server: Slack's requests (in HTTP mode), `/healthz` and `/metrics`. */
  port: number;
  /** Stops taking requests, lets running jobs finish, closes Redis. Never takes longer than ~12 s. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  namespace?: string;
}

/** Time allowed to running jobs at shutdown before they are abandoned (and later retried). */
const jobDrainMs = 7_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([
    work,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref()),
  ]);
}

/** Wires the context, the Bolt app with its listeners and the workers, as ROLE asks. */
export async function startRally(config: Config, { logger, namespace }: StartOptions): Promise<RallyProcess> {
  const ctx = await createContext(config, { logger, ...(namespace ? { namespace } : {}) });
  const workers: Workers | undefined = runsWorkers(config.role) ? await startWorkers(ctx) : undefined;
  const health = createHealthCheck({
    redis: ctx.redis,
    observePing: ctx.metrics.redisRoundTrip,
    // Only a process that runs workers calls a queue late (see http/health.ts).
    ...(workers
      ? { workers, queues: { waiting: ctx.metrics.waiting, maxAgeSeconds: config.maxQueueAgeSeconds } }
      : {}),
  });

  let stopApp = async () => {};
  let slackListener: RequestListener | undefined;
  if (runsWeb(config.role)) {
    const bolt = buildBoltApp(ctx);
    registerHandlers(bolt.app, ctx);
    if (config.slack.socketMode) {
      await bolt.app.start();
      stopApp = async () => {
        await withDeadline(bolt.app.stop(), 2_000);
      };
    }
    slackListener = bolt.slackListener;
  }
  const server = await startHttpServer({
    port: config.port,
    health,
    metrics: ctx.metrics.registry,
    logger,
    ...(slackListener ? { slackListener } : {}),
    calendar: (eventId, code) => calendarFileFor(ctx, eventId, code),
  });
  const port = (server.address() as AddressInfo).port;
  logger.info(
    {
      role: config.role,
      port,
      mode: config.slack.socketMode ? 'socket' : 'http',
      namespace: ctx.keys.prefix,
    },
    'rally started',
  );

  return {
    ctx,
    port,
    async stop() {
      logger.info('rally stopping');
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await stopApp();
      await withDeadline(closed, 1_000);
      server.closeAllConnections();
      await workers?.closeAll(jobDrainMs);
      await withDeadline(ctx.queues.close(), 1_000);
      if (ctx.redis.status === 'ready') await withDeadline(ctx.redis.quit(), 1_000);
      ctx.redis.disconnect();
      logger.info('rally stopped');
    },
  };
}

/** Hard limit on shutdown: if anything hangs past this, the process exits anyway. */
const shutdownLimitMs = 14_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  // A stray rejection is a bug to log, not a reason to drop every other request in flight.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  let rally: RallyProcess;
  try {
    rally = await startRally(config, { logger });
  } catch (err) {
    if (err instanceof CampaignError || err instanceof PersistenceRequiredError) {
      process.stderr.write(`${err.message}\n`);
    } else {
      logger.fatal({ err }, 'rally could not start');
    }
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutdown requested');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, shutdownLimitMs).unref();
    rally.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) void main();
