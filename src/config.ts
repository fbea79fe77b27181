import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A whole number from 1 to `max`, `fallback` when unset; errors say `must be <what>`. */
const atLeastOne = (max: number, fallback: number, what = 'a whole number') =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int({ error: `must be ${what}` })
    .min(1, { error: 'must be at least 1' })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

/** The environment Rally reads, parsed once at start-up. Every variable is documented in `.env.example`. */
const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is required (the bot token, xoxb-...)' })
    .trim()
    .startsWith('xoxb-', { error: 'must be a bot token starting with xoxb-' }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', { error: 'must be an app-level token starting with xapp-' }).optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .optional(),
  ),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .default('redis://127.0.0.1:6379'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be between 0 and 65535' })
    .max(65535, { error: 'must be between 0 and 65535' })
    .default(3000),
  ROLE: z.enum(['all', 'web', 'worker'], { error: 'must be all, web or worker' }).default('all'),
  RALLY_SECRET: z
    .string({ error: 'is required (at least 32 random characters, e.g. from `openssl rand -hex 32`)' })
    .min(32, { error: 'must be at least 32 characters long' }),
  RALLY_ORGANIZERS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[UW][A-Z0-9]{2,}$/, { error: 'must list Slack user IDs (U...), separated by commas' }),
      ),
    ),
  RALLY_CAMPAIGN_FILE: optionalText,
  RALLY_PUBLIC_URL: optionalText.pipe(
    z
      .url({
        protocol: /^https?$/,
        error: 'must be the http(s) address where Slack reaches Rally, such as https://rally.example.org',
      })
      .optional(),
  ),
  RALLY_MIN_ANONYMOUS_VOTES: atLeastOne(1000, 5),
  RALLY_MAX_POSTS_PER_SECOND: atLeastOne(1000, 10),
  RALLY_MAX_UPDATES_PER_MINUTE: atLeastOne(6000, 50),
  RALLY_SLACK_TIMEOUT_MS: atLeastOne(120_000, 10_000, 'a whole number of milliseconds'),
  RALLY_RETENTION_DAYS: atLeastOne(3650, 90, 'a whole number of days'),
  RALLY_AUDIT_DAYS: atLeastOne(3650, 365, 'a whole number of days'),
  RALLY_HOME_REFRESH_SECONDS: atLeastOne(3600, 30, 'a whole number of seconds'),
  RALLY_HOME_VIEWERS_HOURS: atLeastOne(720, 24, 'a whole number of hours'),
  RALLY_DONATION_PROMPT_DAYS: atLeastOne(366, 30, 'a whole number of days'),
  RALLY_REDRAW_CLOCK_SECONDS: atLeastOne(300, 10, 'a whole number of seconds'),
  RALLY_ERASE_WITHIN_SECONDS: atLeastOne(3600, 60, 'a whole number of seconds'),
  RALLY_MAX_QUEUE_AGE_SECONDS: atLeastOne(86_400, 300, 'a whole number of seconds'),
  RALLY_MAX_OPEN_REMINDERS: atLeastOne(1000, 25),
  RALLY_MAX_REMINDER_REPEATS: atLeastOne(1000, 52, 'a whole number of times'),
  RALLY_MAX_OPEN_POLLS: atLeastOne(1000, 10),
  RALLY_MAX_POLL_DAYS: atLeastOne(366, 30, 'a whole number of days'),
  RALLY_REQUIRE_PERSISTENCE: z.stringbool({ error: 'must be true or false' }).default(false),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
});

export type Role = 'all' | 'web' | 'worker';

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    socketMode: boolean;
  };
  redisUrl: string;
  port: number;
  role: Role;
  rallySecret: string;
  /**
   * The owners of this Rally (`RALLY_ORGANIZERS`), who add and remove organizers and are organizers
   * themselves; empty means the workspace's primary owner, owners and admins (see `roles/roles.ts`).
   */
  organizers: string[];
  /** An organizer's campaign file; absent means the campaign Rally ships. */
  campaignFile: string | undefined;
  /** Where Slack and people reach Rally (links to pages it serves, such as `/privacy`); without a trailing slash. */
  publicUrl: string | undefined;
  /** Anonymous counts are shown only once at least this many people took part. */
  minAnonymous: number;
  /** Posts a second across the workspace, for everything jobs send (Slack's own cap is per workspace). */
  maxPostsPerSecond: number;
  /** Redraws (`chat.update`) a minute Rally's jobs may make across the workspace. */
  maxUpdatesPerMinute: number;
  /**
   * Milliseconds a job's Web API call may take before it is abandoned (its outcome then unknown) and the
   * job retried by BullMQ.
   */
  jobSlackTimeoutMs: number;
  /** Days a closed poll and everything it holds are kept. */
  retentionDays: number;
  /** Days the audit of organizers' actions keeps an entry. */
  auditDays: number;
  /** Days a donation prompt takes pledges before it ends by itself. */
  donationPromptDays: number;
  /** The shortest time, in milliseconds, between two publications of one person's Home tab. */
  homeRefreshMs: number;
  /** How long, in milliseconds, someone who opened the Home tab has it refreshed when what it shows changes. */
  homeViewersMs: number;
  /** The clock on which anonymous counts are redrawn, in milliseconds (see `delivery/redraw-clock.ts`). */
  redrawClockMs: number;
  /**
   * Seconds within which Redis is asked to rewrite its files after anonymous key material was deleted, so
   * that the deleted keys do not stay readable on disk; erasures within this window share one rewrite.
   */
  eraseWithinSeconds: number;
  /** Reminders one person may have waiting (set, and not yet fired or cancelled). */
  maxOpenReminders: number;
  /** The most times a repeating reminder goes off; it then stops and must be set again. */
  maxReminderRepeats: number;
  /** Open polls one person may have started. */
  maxOpenPolls: number;
  /** Days after which a poll given no closing time closes by itself. */
  maxPollDays: number;
  /** Refuse to start when Redis keeps nothing on disk (neither AOF nor RDB snapshots). */
  requirePersistence: boolean;
  /**
   * Seconds a queue's oldest waiting job may wait before `/healthz` of a process running workers turns
   * unhealthy (see `http/health.ts`).
   */
  maxQueueAgeSeconds: number;
  logLevel: (typeof logLevels)[number];
}

/** A configuration that cannot start Rally; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment, throwing a {@link ConfigError} that lists every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  const problems = (parsed.error?.issues ?? []).map((issue) => `${String(issue.path[0])} ${issue.message}`);
  // Checked apart from the schema so that it is reported together with every other problem.
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)',
    );
  }
  if (!parsed.success || problems.length > 0) {
    const lines = problems.map((problem) => `  ${problem}`).join('\n');
    throw new ConfigError(`Rally cannot start: the configuration is not valid.\n${lines}`);
  }
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      socketMode: e.SLACK_APP_TOKEN !== undefined,
    },
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    role: e.ROLE,
    rallySecret: e.RALLY_SECRET,
    organizers: e.RALLY_ORGANIZERS,
    campaignFile: e.RALLY_CAMPAIGN_FILE,
    publicUrl: e.RALLY_PUBLIC_URL?.replace(/\/+$/, ''),
    minAnonymous: e.RALLY_MIN_ANONYMOUS_VOTES,
    retentionDays: e.RALLY_RETENTION_DAYS,
    auditDays: e.RALLY_AUDIT_DAYS,
    donationPromptDays: e.RALLY_DONATION_PROMPT_DAYS,
    homeRefreshMs: e.RALLY_HOME_REFRESH_SECONDS * 1000,
    homeViewersMs: e.RALLY_HOME_VIEWERS_HOURS * 3_600_000,
    redrawClockMs: e.RALLY_REDRAW_CLOCK_SECONDS * 1000,
    eraseWithinSeconds: e.RALLY_ERASE_WITHIN_SECONDS,
    maxOpenReminders: e.RALLY_MAX_OPEN_REMINDERS,
    maxReminderRepeats: e.RALLY_MAX_REMINDER_REPEATS,
    maxOpenPolls: e.RALLY_MAX_OPEN_POLLS,
    maxPollDays: e.RALLY_MAX_POLL_DAYS,
    requirePersistence: e.RALLY_REQUIRE_PERSISTENCE,
    maxQueueAgeSeconds: e.RALLY_MAX_QUEUE_AGE_SECONDS,
    maxPostsPerSecond: e.RALLY_MAX_POSTS_PER_SECOND,
    maxUpdatesPerMinute: e.RALLY_MAX_UPDATES_PER_MINUTE,
    jobSlackTimeoutMs: e.RALLY_SLACK_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
  };
}

export const runsWeb = (role: Role): boolean => role !== 'worker';
export const runsWorkers = (role: Role): boolean => role !== 'web';
