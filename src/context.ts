import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import { ArticleStore } from './articles/article-store.js';
import { prepareArticles } from './articles/prepare-articles.js';
import { AuditLog } from './audit/store.js';
import { campaignLetterText } from './campaign/letter-text.js';
import { loadCampaign } from './campaign/load.js';
import type { Campaign } from './campaign/schema.js';
import type { Config } from './config.js';
import { PendingRedraws } from './delivery/redraw-clock.js';
import { DeliveryStore } from './delivery/store.js';
import { DigestStore } from './digests/store.js';
import { DonationStore } from './donations/store.js';
import { EventStore } from './events/store.js';
import { requestOrganizersRefresh } from './home/publish-home.js';
import { HomeStore } from './home/store.js';
import { LetterCopies } from './letters/copies-store.js';
import { LetterStore } from './letters/letter-store.js';
import { prepareLetters } from './letters/prepare-letters.js';
import { SignatureStore } from './letters/signature-store.js';
import { type Logger, toBoltLogger } from './logger.js';
import { createMetrics, type RallyMetrics } from './metrics/metrics.js';
import { importCampaignNonprofits } from './nonprofits/import-campaign.js';
import { nonprofitLimits } from './nonprofits/model.js';
import { NonprofitStore } from './nonprofits/store.js';
import { PollStore } from './polls/store.js';
import { tidyClosedPolls } from './polls/tidy-closed-polls.js';
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
import { OrganizerStore } from './roles/organizer-store.js';
import { createRoles, type Roles } from './roles/roles.js';
import { createSlackClient } from './slack/client.js';
import { readWorkspaceMember } from './slack/workspace-member.js';

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
  /** The nonprofits organizers keep for donation prompts (`/rally nonprofits`). */
  nonprofits: NonprofitStore;
  deliveries: DeliveryStore;
  reminders: ReminderStore;
  digests: DigestStore;
  events: EventStore;
  /** What organizers did (`/rally audit`). */
  audit: AuditLog;
  /** Who opened the Home tab recently, and what publishing it keeps between publications. */
  homes: HomeStore;
  /** This process's metrics (`GET /metrics`), built once here. */
  metrics: RallyMetrics;
  /** Who is an owner or an organizer; every organizer-only path asks it through `roles/check-role.ts`. */
  roles: Roles;
  /** The people owners made organizers. */
  organizers: OrganizerStore;
}

export interface ContextOptions {
  logger: Logger;
  /** Key namespace in Redis; tests use their own so they can share one server. */
  namespace?: string;
  /** How long start-up waits for Redis before giving up. */
  redisTimeoutMs?: number;
}

/** Milliseconds a role check may wait for Slack: it runs before a request is acknowledged (3 s). */
const roleSlackTimeoutMs = 2_000;

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
  const queues = createQueues(redis, keys, logger);
  const metrics = createMetrics({ redis, queues });
  const slack = createSlackClient(config.slack.botToken, {
    apiUrl: config.slack.apiUrl,
    logger: toBoltLogger(logger.child({ component: 'slack-web-api' })),
    timeoutMs: config.jobSlackTimeoutMs,
    fetch: metrics.slackFetch('jobs'),
  });
  const organizers = new OrganizerStore(redis, keys);
  const roleSlack = createSlackClient(config.slack.botToken, {
    apiUrl: config.slack.apiUrl,
    logger: toBoltLogger(logger.child({ component: 'slack-web-api' })),
    timeoutMs: roleSlackTimeoutMs,
    fetch: metrics.slackFetch('listener'),
  });
  const roles = createRoles({
    listedOwners: config.organizers,
    organizers,
    readMember: (userId) => readWorkspaceMember(roleSlack, userId),
    workspaceTeamId: once(async () => (await roleSlack.auth.test()).team_id ?? ''),
    logger,
  });
  const anonymousIds = createAnonymousIds(config.rallySecret);
  const seals = createSealedBox(config.rallySecret);
  const articles = new ArticleStore(redis, keys);
  await prepareArticles({ articles, logger }, campaign.article);
  const signatures = new SignatureStore(redis, keys, seals);
  const letters = new LetterStore(redis, keys);
  await prepareLetters(
    { redis, keys, slack, signatures, letters, anonymousIds, seals, logger, queues, config },
    campaignLetterText(campaign),
  );
  const nonprofits = new NonprofitStore(redis, keys, nonprofitLimits.listed);
  await importCampaignNonprofits({ nonprofits, logger }, campaign.donations);
  const polls = new PollStore(redis, keys);
  await tidyClosedPolls({ polls, redis, keys, queues, config });
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
    polls,
    donations: new DonationStore(redis, keys),
    nonprofits,
    deliveries: new DeliveryStore(redis, keys, (channel) => anonymousIds.of('pace', '', channel)),
    reminders: new ReminderStore(redis, keys),
    digests: new DigestStore(redis, keys),
    events: new EventStore(redis, keys),
    // Every audited action changes what organizers' Home tabs show; a failed refresh does not fail the action.
    audit: new AuditLog(redis, keys, config.auditDays, () =>
      requestOrganizersRefresh({ queues }).catch((err: unknown) => {
        logger.warn({ err }, 'could not ask for the organizers’ Home tabs to be refreshed');
      }),
    ),
    homes: new HomeStore(redis, keys),
    metrics,
    roles,
    organizers,
  };
}

/** Calls `read` once and keeps its answer; a failure is not kept, so the next call tries again. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => {
    answer ??= read().catch((err: unknown) => {
      answer = undefined;
      throw err;
    });
    return answer;
  };
}
