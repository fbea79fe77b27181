import { App, type AppOptions, type Authorize, HTTPReceiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { RallyContext } from './context.js';
import { type RequestListener, slackEventsPath } from './http/server.js';
import { boltLogLevel, toBoltLogger } from './logger.js';
import { AckClock } from './metrics/slack-acks.js';
import { createSlackClient, slackClientOptions } from './slack/client.js';

/**
 * Listener calls to Slack (only `views.open`, which must use its trigger within 3 s) get a short
 * timeout; everything slower runs in a job.
 */
const listenerSlackTimeoutMs = 2_500;

/**
 * Who the bot is (`auth.test`), asked once the app is built and remembered once Slack answered. Bolt's own
 * check, given a token, remembers a failure too: had Slack failed that one call while Rally started, every
 * request would be refused until a restart. Here a failed check is asked again with the next request.
 */
function authorizeBotToken(client: WebClient, botToken: string): Authorize<boolean> {
  let known: Promise<{ botUserId?: string; botId?: string }> | undefined;
  const whoAmI = async () => {
    known ??= client.auth.test().then((result) => ({ botUserId: result.user_id, botId: result.bot_id }));
    try {
      return await known;
    } catch (err) {
      known = undefined;
      throw err;
    }
  };
  void whoAmI().catch(() => {});
  // A new object each time: Bolt adds the request's user and team to it.
  return async ({ isEnterpriseInstall }) => ({ isEnterpriseInstall, botToken, ...(await whoAmI()) });
}

export interface BoltApp {
  app: App;
  /** In HTTP mode, the listener for `POST /slack/events`, mounted on Rally's own server. */
  slackListener?: RequestListener;
}

/**
 * The Bolt app without listeners: Bolt's HTTP receiver, mounted on Rally's server so requests can be
 * checked before Bolt sees them, or Socket Mode when an app token is configured.
 */
export function buildBoltApp(ctx: RallyContext): BoltApp {
  const { config } = ctx;
  const logger = toBoltLogger(ctx.logger.child({ component: 'bolt' }));
  const logLevel = boltLogLevel(config.logLevel);
  const clientSettings = {
    apiUrl: config.slack.apiUrl,
    logger,
    timeoutMs: listenerSlackTimeoutMs,
    fetch: ctx.metrics.slackFetch('listener'),
  };
  const common: AppOptions = {
    authorize: authorizeBotToken(
      createSlackClient(config.slack.botToken, clientSettings),
      config.slack.botToken,
    ),
    // Bolt hands this same logger to its Web API client and receiver, whatever `clientOptions` says:
    // `toBoltLogger` drops the SDKs' payload lines and serializes their errors (see logger.ts).
    logger,
    logLevel,
    clientOptions: slackClientOptions(clientSettings),
    // Rally keeps no conversation state in Bolt's in-memory store.
    convoStore: false,
  };

  // Every ack is timed, from the request's arrival (see `rally_slack_ack_seconds`).
  const acks = new AckClock(ctx.metrics.acked);
  let built: BoltApp;
  if (config.slack.appToken !== undefined) {
    built = { app: new App({ ...common, socketMode: true, appToken: config.slack.appToken }) };
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret ?? '',
      endpoints: [slackEventsPath],
      logger,
      logLevel,
      processBeforeResponse: false,
      customPropertiesExtractor: acks.customProperties,
    });
    built = { app: new App({ ...common, receiver }), slackListener: acks.listen(receiver.requestListener) };
  }
  acks.attach(built.app);
  built.app.error(async (error) => {
    // `err` goes through the allow-list serializer: never the arguments of a failed Redis command.
    ctx.logger.error({ err: error, code: (error as { code?: string }).code }, 'listener failed');
  });
  return built;
}
