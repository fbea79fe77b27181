/**
 * The playground: the real Rally (HTTP receiver, signature checking on) against the Slack stand-in, and a
 * small web page that shows the stand-in's workspace and acts in it as any coworker. Every action on the
 * page reaches Rally the way Slack would send it (`SlackRequests`).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { type RallyProcess, startRally } from '../../src/main.js';
import { SlackRequests, SlackStandIn } from '../support/slack/index.js';
import { createEventStream } from './event-stream.js';
import { createPageActions } from './page-actions.js';
import { createPlaygroundState } from './playground-state.js';
import { createRequestListener } from './routes.js';

export { playgroundChannels, playgroundPeople } from './roster.js';
export { buildStateValues, zonedToEpoch } from './state-values.js';

export interface PlaygroundOptions {
  redisUrl: string;
  /** The page's port; 0 picks a free one. Default 3210. */
  port?: number;
  host?: string;
  /** Redis key namespace for Rally. Default: `playground-<random>`. */
  namespace?: string;
  logger?: Logger;
  /** How often the stand-in's state is compared and changes pushed to pages. Default 200 ms. */
  pollMs?: number;
}

export interface Playground {
  /** The page's address. */
  url: string;
  port: number;
  standIn: SlackStandIn;
  rally: RallyProcess;
  slack: SlackRequests;
  stop(): Promise<void>;
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const logger = options.logger ?? createLogger({ level: 'warn' });
  const signingSecret = randomBytes(16).toString('hex');
  const standIn = await SlackStandIn.start({ signingSecret });
  let rally: RallyProcess;
  try {
    const config = loadConfig({
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_API_URL: standIn.apiUrl,
      SLACK_SIGNING_SECRET: signingSecret,
      REDIS_URL: options.redisUrl,
      PORT: '0',
      ROLE: 'all',
      RALLY_SECRET: randomBytes(24).toString('hex'),
      // The Home tab follows what one does within seconds, rather than Rally's default half a minute.
      RALLY_HOME_REFRESH_SECONDS: '2',
      LOG_LEVEL: 'warn',
    });
    rally = await startRally(config, {
      logger,
      namespace: options.namespace ?? `playground-${randomBytes(3).toString('hex')}`,
    });
  } catch (err) {
    await standIn.close();
    throw err;
  }
  const slack = new SlackRequests({ appUrl: `http://127.0.0.1:${rally.port}/slack/events`, standIn });

  const state = createPlaygroundState(standIn);
  const events = createEventStream(state, logger);
  const ticker = setInterval(events.push, options.pollMs ?? 200);
  const actions = createPageActions(state, slack);
  const server: Server = createServer(createRequestListener({ standIn, events, actions, logger }));
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3210, host, () => resolve());
    });
  } catch (err) {
    clearInterval(ticker);
    await rally.stop();
    await standIn.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/`,
    port,
    standIn,
    rally,
    slack,
    async stop() {
      clearInterval(ticker);
      events.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rally.stop();
      await standIn.close();
    },
  };
}
