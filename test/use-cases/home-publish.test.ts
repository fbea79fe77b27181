import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  homeDedupId,
  homeOpened,
  homePersonHash,
  refreshViewersHomes,
  requestHomePublish,
  requestOwnHomeRefresh,
} from '../../src/home/publish-home.js';
import { forgetPerson } from '../../src/people/forget-person.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { TEAM_ID, USERS } from '../support/slack/index.js';

/*
 * Finding 8 of the privacy audit: the Home tab's deduplication ID carried `team-user`, so a Redis key
 * named everyone who had opened Rally's Home tab in the last seconds.
 */

let h: ContextHarness;
const me = USERS.bob;

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

describe('requestHomePublish', () => {
  it('coalesces a person’s openings under a keyed hash, and forget me removes it while the job still waits', async () => {
    await requestHomePublish(h.ctx, TEAM_ID, me);
    await requestHomePublish(h.ctx, TEAM_ID, me);
    const queue = h.ctx.queues.queue('home-publish');
    // No worker runs here: the one job waits, as it does while workers are busy or down.
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    const dedupKey = `${h.ctx.keys.prefix}:home-publish:de:${homeDedupId(h.ctx, TEAM_ID, me)}`;
    expect(await h.ctx.redis.exists(dedupKey)).toBe(1);
    expect(await h.ctx.redis.keys(`*${me}*`)).toEqual([]);
    // The hash is the person's for this workspace only, and another person's differs.
    expect(homeDedupId(h.ctx, TEAM_ID, me)).not.toBe(homeDedupId(h.ctx, TEAM_ID, USERS.carla));
    expect(homeDedupId(h.ctx, TEAM_ID, me)).not.toContain(me);

    await forgetPerson(h.ctx, TEAM_ID, me);
    expect(await h.ctx.redis.exists(dedupKey)).toBe(0);
    // Another person's coalescing is left alone.
    await requestHomePublish(h.ctx, TEAM_ID, USERS.carla);
    await forgetPerson(h.ctx, TEAM_ID, me);
    expect(
      await h.ctx.redis.exists(
        `${h.ctx.keys.prefix}:home-publish:de:${homeDedupId(h.ctx, TEAM_ID, USERS.carla)}`,
      ),
    ).toBe(1);
  });
});

describe('publishing a person’s Home tab again', () => {
  const queue = () => h.ctx.queues.queue('home-publish');
  const jobsOf = async (userId: string) =>
    (await queue().getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.data.userId === userId);

  it('after their own act only when they opened it lately, and never sooner than the refresh time after the last', async () => {
    const them = USERS.deepa;
    await requestOwnHomeRefresh(h.ctx, TEAM_ID, them);
    expect(await jobsOf(them)).toEqual([]);

    await homeOpened(h.ctx, TEAM_ID, them);
    expect(await jobsOf(them)).toHaveLength(1);
    await queue().removeDeduplicationKey(homeDedupId(h.ctx, TEAM_ID, them));
    for (const job of await jobsOf(them)) await job.remove();

    // Published a moment ago: opening it again asks for nothing; their own act waits until the time is up.
    const hash = homePersonHash(h.ctx, TEAM_ID, them);
    await h.ctx.homes.markPublished(hash, Date.now(), h.ctx.config.homeRefreshMs);
    await homeOpened(h.ctx, TEAM_ID, them);
    expect(await jobsOf(them)).toEqual([]);
    await requestOwnHomeRefresh(h.ctx, TEAM_ID, them);
    await requestOwnHomeRefresh(h.ctx, TEAM_ID, them);
    const [waiting, ...others] = await jobsOf(them);
    expect(others).toEqual([]);
    expect(await waiting?.getState()).toBe('delayed');
    expect(waiting?.delay).toBeGreaterThan(h.ctx.config.homeRefreshMs - 2_000);
    expect(waiting?.delay).toBeLessThanOrEqual(h.ctx.config.homeRefreshMs);
  });

  it('for every recent viewer after a change they all see, behind openings, dropping those who opened it too long ago', async () => {
    const now = Date.now();
    const since = now - h.ctx.config.homeViewersMs;
    await h.ctx.homes.markOpened({ teamId: TEAM_ID, userId: USERS.emeka }, now, since);
    await h.ctx.homes.markOpened({ teamId: TEAM_ID, userId: USERS.alice }, since - 1_000, since - 2_000);
    const viewers = await refreshViewersHomes(h.ctx);
    const ids = (await h.ctx.homes.viewersSince(since)).map((v) => v.userId);
    expect(ids).toContain(USERS.emeka);
    expect(ids).not.toContain(USERS.alice);
    expect(viewers).toBe(ids.length);
    const [emeka] = await jobsOf(USERS.emeka);
    expect(emeka?.opts.priority).toBe(10);
    expect(await jobsOf(USERS.alice)).toEqual([]);
  });
});
