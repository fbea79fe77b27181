import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
  SLACK_SIGNING_SECRET: 'signing-secret',
  RALLY_SECRET: 'x'.repeat(32),
};

const problemsOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
};

describe('loadConfig', () => {
  it('applies defaults for everything optional', () => {
    expect(loadConfig(valid)).toEqual({
      slack: {
        botToken: 'xoxb-1-2-3',
        signingSecret: 'signing-secret',
        appToken: undefined,
        apiUrl: undefined,
        socketMode: false,
      },
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      role: 'all',
      rallySecret: 'x'.repeat(32),
      organizers: [],
      campaignFile: undefined,
      minAnonymous: 5,
      retentionDays: 90,
      auditDays: 365,
      publicUrl: undefined,
      donationPromptDays: 30,
      homeRefreshMs: 30_000,
      homeViewersMs: 24 * 3_600_000,
      redrawClockMs: 10_000,
      eraseWithinSeconds: 60,
      maxOpenReminders: 25,
      maxReminderRepeats: 52,
      maxOpenPolls: 10,
      maxPollDays: 30,
      requirePersistence: false,
      maxQueueAgeSeconds: 300,
      maxPostsPerSecond: 10,
      maxUpdatesPerMinute: 50,
      jobSlackTimeoutMs: 10_000,
      logLevel: 'info',
    });
  });

  it('reads the Home tab refresh in seconds (1 to 3600) and how long viewers are kept in hours (1 to 720)', () => {
    const config = loadConfig({ ...valid, RALLY_HOME_REFRESH_SECONDS: '5', RALLY_HOME_VIEWERS_HOURS: '2' });
    expect(config.homeRefreshMs).toBe(5_000);
    expect(config.homeViewersMs).toBe(2 * 3_600_000);
    expect(problemsOf({ ...valid, RALLY_HOME_REFRESH_SECONDS: '0' })).toContain(
      'RALLY_HOME_REFRESH_SECONDS must be at least 1',
    );
    expect(problemsOf({ ...valid, RALLY_HOME_VIEWERS_HOURS: '721' })).toContain(
      'RALLY_HOME_VIEWERS_HOURS must be at most 720',
    );
  });

  it("reads the jobs' Slack timeout in milliseconds (1 to 120000)", () => {
    expect(loadConfig({ ...valid, RALLY_SLACK_TIMEOUT_MS: '2000' }).jobSlackTimeoutMs).toBe(2_000);
    expect(problemsOf({ ...valid, RALLY_SLACK_TIMEOUT_MS: '120001' })).toContain(
      'RALLY_SLACK_TIMEOUT_MS must be at most 120000',
    );
    expect(problemsOf({ ...valid, RALLY_SLACK_TIMEOUT_MS: 'soon' })).toContain(
      'RALLY_SLACK_TIMEOUT_MS must be a whole number of milliseconds',
    );
  });

  it('turns on Socket Mode with an app token, where no signing secret is needed', () => {
    const config = loadConfig({ ...valid, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-A-1' });
    expect(config.slack.socketMode).toBe(true);
    expect(config.slack.signingSecret).toBeUndefined();
  });

  it('names every bad variable at once and says why', () => {
    const message = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      RALLY_SECRET: 'short',
      PORT: 'eighty',
      ROLE: 'boss',
      REDIS_URL: 'http://localhost',
      SLACK_API_URL: 'not a url',
      LOG_LEVEL: 'loud',
    });
    expect(message.split('\n').slice(1)).toEqual([
      '  SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
      '  SLACK_API_URL must be an http(s) URL such as https://slack.com/api/',
      '  REDIS_URL must be a redis:// or rediss:// URL',
      '  PORT must be a port number',
      '  ROLE must be all, web or worker',
      '  RALLY_SECRET must be at least 32 characters long',
      '  LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      '  SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)',
    ]);
  });

  it('never echoes a secret value in its message', () => {
    const message = problemsOf({ ...valid, RALLY_SECRET: 'my-short-secret' });
    expect(message).not.toContain('my-short-secret');
  });

  it('reads organizers as a list of user IDs, separated by commas or spaces', () => {
    expect(loadConfig({ ...valid, RALLY_ORGANIZERS: 'U0ALICE01, U0BOB0001 W0CARLA01' }).organizers).toEqual([
      'U0ALICE01',
      'U0BOB0001',
      'W0CARLA01',
    ]);
    expect(problemsOf({ ...valid, RALLY_ORGANIZERS: 'U0ALICE01,@bob' })).toContain(
      'RALLY_ORGANIZERS must list Slack user IDs (U...), separated by commas',
    );
  });

  it('rejects an app token of the wrong kind', () => {
    expect(problemsOf({ ...valid, SLACK_APP_TOKEN: 'xoxb-nope' })).toContain(
      'SLACK_APP_TOKEN must be an app-level token starting with xapp-',
    );
  });

  it('reads the erasure window in seconds (1 to 3600) and whether persistence is required', () => {
    const config = loadConfig({
      ...valid,
      RALLY_ERASE_WITHIN_SECONDS: '5',
      RALLY_REQUIRE_PERSISTENCE: 'true',
    });
    expect(config).toMatchObject({ eraseWithinSeconds: 5, requirePersistence: true });
    expect(loadConfig({ ...valid, RALLY_REQUIRE_PERSISTENCE: 'no' }).requirePersistence).toBe(false);
    const message = problemsOf({
      ...valid,
      RALLY_ERASE_WITHIN_SECONDS: '3601',
      RALLY_REQUIRE_PERSISTENCE: 'maybe',
    });
    expect(message).toContain('RALLY_ERASE_WITHIN_SECONDS must be at most 3600');
    expect(message).toContain('RALLY_REQUIRE_PERSISTENCE must be true or false');
    expect(problemsOf({ ...valid, RALLY_ERASE_WITHIN_SECONDS: '0' })).toContain(
      'RALLY_ERASE_WITHIN_SECONDS must be at least 1',
    );
  });

  it('reads how old a waiting job may get, in whole seconds from 1 to a day', () => {
    expect(loadConfig({ ...valid, RALLY_MAX_QUEUE_AGE_SECONDS: '60' }).maxQueueAgeSeconds).toBe(60);
    expect(problemsOf({ ...valid, RALLY_MAX_QUEUE_AGE_SECONDS: '0' })).toContain(
      'RALLY_MAX_QUEUE_AGE_SECONDS must be at least 1',
    );
    expect(problemsOf({ ...valid, RALLY_MAX_QUEUE_AGE_SECONDS: '1.5' })).toContain(
      'RALLY_MAX_QUEUE_AGE_SECONDS must be a whole number of seconds',
    );
  });
});
