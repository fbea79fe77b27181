import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import { ArticleStore } from './articles/article-store.js';
import { prepareArticles } from './articles/prepare-articles.js';
import { campaignLetterText } from './campaign/letter-text.js';
import { loadCampaign } from './campaign/load.js';
import type { Campaign } from './campaign/schema.js';
import type { Config } from './config.js';
import { PendingRedraws } from './delivery/redraw-clock.js';
import { DeliveryStore } from './delivery/store.js';
import { DigestStore } from './digests/store.js';
import { DonationStore } from './donations/store.js';
import { EventStore } from './events/store.js';
import { LetterCopies } from './letters/copies-store.js';
import { LetterStore } from './letters/letter-store.js';
import { prepareLetters } from './letters/prepare-letters.js';
import { SignatureStore } from './letters/signature-store.js';
import { type Logger, toBoltLogger } from './logger.js';
import { createMetrics, type RallyMetrics } from './metrics/metrics.js';
import { organizersFromList } from './people/organizers.js';
import { PollStore } from './polls/store.js';
import { type AnonymousIds, createAnonymousIds } from './privacy/anonymous-id.js';
import { createSealedBox, type SealedBox } from './privacy/sealed-box.js';
import { createQueues, type Queues } from './queues/queues.js';
import { RunSteps } from './queues/run-steps.js';
import {
  connectRedis,
  createProducerRedis,
  reportPersistence,
  warnUnlessNoEviction,
} from './redis/connections.js';
import { createKeys, type Keys } from './redis/keys.js';
import { ReminderStore } from './reminders/store.js';
import { createSlackClient } from './slack/client.js';

/**
 * Everything Rally's listeners and jobs are built from, made once at start-up and passed in, never
 * imported as a singleton. Use cases take only the part they use (each declares it); this object
 * satisfies all of them, and tests build the same one against their own Redis and Slack stand-in.
 */
export interface RallyContext {
  config: Config;
  logger: Logger;
  /** The fail-fast connection for state and for adding jobs. */
  redis: Redis;
  keys: Keys;
  queues: Queues;
  /** The Web API client jobs use (listeners use the `client` Bolt hands them). */
  slack: WebClient;
  /** The campaign file as read at start-up. Its article and letter are imported into their stores then. */
  campaign: Campaign;
  anonymousIds: AnonymousIds;
  /** Seals text under an anonymous scope's key (conditional signers). */
  seals: SealedBox;
  /** Acts on anonymous tallies waiting for the redraw clock. */
  pendingRedraws: PendingRedraws;
  letters: LetterStore;
  signatures: SignatureStore;
  letterCopies: LetterCopies;
  articles: ArticleStore;
  runSteps: RunSteps;
  polls: PollStore;
  donations: DonationStore;
  deliveries: DeliveryStore;
  reminders: ReminderStore;
  digests: DigestStore;
  events: EventStore;
  /** This process's metrics (`GET /metrics`), built once here. */
  metrics: RallyMetrics;
  /** Whether a person may run organizer commands (everyone when `RALLY_ORGANIZERS` is empty). */
  isOrganizer(userId: string): boolean;
}

export interface ContextOptions {
  logger: Logger;
  /** Key namespace in Redis; tests use their own so they can share one server. */
  namespace?: string;
  /** How long start-up waits for Redis before giving up. */
  redisTimeoutMs?: number;
}

/** Milliseconds a job's Web API call may take before it is abandoned and retried by BullMQ. */
export const jobSlackTimeoutMs = 10_000;

export async function createContext(config: Config, options: ContextOptions): Promise<RallyContext> {
  const { logger } = options;
  const campaign = await loadCampaign(config.campaignFile);
  const redis = createProducerRedis(config.redisUrl, logger);
  await connectRedis(redis, options.redisTimeoutMs ?? 30_000);
  await warnUnlessNoEviction(redis, logger);
  try {
    await reportPersistence(redis, logger, { require: config.requirePersistence });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const keys = createKeys(options.namespace);
  const queues = createQueues(redis, keys);
  const metrics = createMetrics({ redis, queues });
  const slack = createSlackClient(config.slack.botToken, {
    apiUrl: config.slack.apiUrl,
    logger: toBoltLogger(logger.child({ component: 'slack-web-api' })),
    timeoutMs: jobSlackTimeoutMs,
    fetch: metrics.slackFetch('jobs'),
  });
  const organizers = organizersFromList(config.organizers);
  const anonymousIds = createAnonymousIds(config.rallySecret);
  const seals = createSealedBox(config.rallySecret);
  const articles = new ArticleStore(redis, keys);
  await prepareArticles({ articles, logger }, campaign.article);
  const signatures = new SignatureStore(redis, keys, seals);
  const letters = new LetterStore(redis, keys);
  await prepareLetters(
    { redis, keys, slack, signatures, letters, anonymousIds, seals, logger },
    campaignLetterText(campaign),
  );
  return {
    config,
    logger,
    redis,
    keys,
    queues,
    slack,
    campaign,
    anonymousIds,
    seals,
    pendingRedraws: new PendingRedraws(redis, keys),
    letters,
    signatures,
    letterCopies: new LetterCopies(redis, keys),
    articles,
    runSteps: new RunSteps(redis, keys),
    polls: new PollStore(redis, keys),
    donations: new DonationStore(redis, keys),
    deliveries: new DeliveryStore(redis, keys, (channel) => anonymousIds.of('pace', '', channel)),
    reminders: new ReminderStore(redis, keys),
    digests: new DigestStore(redis, keys),
    events: new EventStore(redis, keys),
    metrics,
    isOrganizer: organizers.isOrganizer,
  };
}
