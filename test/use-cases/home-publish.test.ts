import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeDedupId, requestHomePublish } from '../../src/home/publish-home.js';
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
