/**
 * Sizes and durations of the chaos tests, each read from the environment so that a longer run can be done
 * by hand. The defaults are what CI runs: the whole set takes about two and a half minutes on two cores (`npm run
 * test:chaos`), most of it waiting: for BullMQ to hand a dead worker's jobs to another (30 to 60 s), for
 * the 30 s Redis outage, and for the minute of Slack faults and the retries after them.
 *
 * A longer run, for example two minutes of Slack faults and without Redis, and a longer vote storm:
 *
 *   RALLY_CHAOS_SLACK_FAULT_SECONDS=120 RALLY_CHAOS_REDIS_OUTAGE_SECONDS=120 \
 *   RALLY_CHAOS_VOTE_STORM_SECONDS=60 RALLY_CHAOS_REDIS_RESTART_SECONDS=10 npx vitest run test/chaos
 *
 * Each test derives its own time limit from these settings. Jobs retry for about two minutes (see
 * `defaultJobOptions`), so Slack faults much longer than that make jobs fail for good, as they should.
 */

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export const chaos = {
  /** Channels of the post during which the worker is killed (commands of at most 100 channels each). */
  postChannels: setting('RALLY_CHAOS_POST_CHANNELS', 200),
  /** Members of the channel whose public poll is nudged while the worker is killed. */
  nudgePeople: setting('RALLY_CHAOS_NUDGE_PEOPLE', 500),
  /** Rally's posting cap (RALLY_MAX_POSTS_PER_SECOND) while the worker is killed. */
  postsPerSecond: setting('RALLY_CHAOS_POSTS_PER_SECOND', 100),
  /** How long people keep clicking vote buttons while Redis is restarted. */
  voteStormSeconds: setting('RALLY_CHAOS_VOTE_STORM_SECONDS', 8),
  /** How long Redis stays down in the middle of the vote storm. */
  redisRestartSeconds: setting('RALLY_CHAOS_REDIS_RESTART_SECONDS', 2),
  /** How long Redis is unreachable in the outage test: 30 s, in CI too. */
  redisOutageSeconds: setting('RALLY_CHAOS_REDIS_OUTAGE_SECONDS', 30),
  /**
   * How long the Web API answers with faults while Rally posts, reminds and sends a digest: a minute, in
   * CI too (this test alone then takes over two minutes: the retries after the faults are up to a minute
   * apart, and it runs beside the other files).
   */
  slackFaultSeconds: setting('RALLY_CHAOS_SLACK_FAULT_SECONDS', 60),
  /** Rally's timeout on each job's Web API call during the Slack faults (RALLY_SLACK_TIMEOUT_MS). */
  slackTimeoutMs: setting('RALLY_CHAOS_SLACK_TIMEOUT_MS', 2_000),
} as const;
