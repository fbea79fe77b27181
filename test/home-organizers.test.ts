import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizerActions } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, USERS } from './support/slack/index.js';
import { until } from './support/until.js';

/*
 * What only organizers' Home tabs show (schedules, drafts, the audit, who organizes) changes when any
 * organizer acts: every organizer who opened the tab lately sees it without doing anything, and
 * participants' tabs are not published again for it.
 */

let h: Harness;

const homeText = (user: string): string => JSON.stringify(h.standIn.homeView(user)?.view.blocks ?? []);
const publishes = (user: string): number =>
  h.standIn.calls('views.publish').filter((c) => c.args.user_id === user).length;

async function openHome(user: string): Promise<void> {
  const before = publishes(user);
  await h.slack.appHomeOpened(user);
  await until(`${user}'s Home tab published`, () => publishes(user) > before);
}

/** What each finished refresh of organizers' tabs returned: how many tabs it asked to publish. */
async function organizersRefreshes(): Promise<unknown[]> {
  const jobs = await h.rally.ctx.queues.queue('home-refresh').getJobs(['completed']);
  return jobs
    .filter((j) => (j.data as { organizers?: true }).organizers)
    .sort((a, b) => (a.finishedOn ?? 0) - (b.finishedOn ?? 0))
    .map((j) => j.returnvalue);
}

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.alice, RALLY_HOME_REFRESH_SECONDS: '1' } });
  await h.rally.ctx.organizers.add(USERS.carla);
  await openHome(USERS.alice);
  await openHome(USERS.carla);
  await openHome(USERS.bob);
}, 60_000);

afterAll(async () => {
  await h.stop();
});

describe('organizers’ Home tabs follow other organizers’ actions', () => {
  it('shows another organizer’s new digest and its audit entry, and leaves participants’ tabs alone', async () => {
    expect(homeText(USERS.carla)).toContain('For organizers');
    expect(homeText(USERS.carla)).not.toContain('Digest of');
    const bobBefore = publishes(USERS.bob);

    await h.slack.command('digest daily 09:00', { user: USERS.alice, channel: CHANNELS.general });

    await expect
      .poll(() => homeText(USERS.carla), { timeout: 10_000 })
      .toContain(`Digest of <#${CHANNELS.general}>`);
    expect(homeText(USERS.carla)).toMatch(/<@U0ALICE01> set the digest/);
    // Alice's and Carla's tabs were asked for; Bob is no organizer.
    expect(await organizersRefreshes()).toEqual([2]);
    expect(publishes(USERS.bob)).toBe(bobBefore);
    expect(homeText(USERS.bob)).not.toContain('Digest of');
  });

  it('shows it stopped when another organizer stops it', async () => {
    await h.slack.command('digest off', { user: USERS.alice, channel: CHANNELS.general });
    await expect.poll(() => homeText(USERS.carla), { timeout: 10_000 }).not.toContain('Digest of');
    expect(homeText(USERS.carla)).toMatch(/<@U0ALICE01> stopped the digest/);
  });

  it('stops publishing for a person the owner removed from the organizers, once their tab lost that part', async () => {
    await h.slack.action({
      actionId: organizerActions.remove,
      user: USERS.alice,
      viewId: h.standIn.homeView(USERS.alice)?.id ?? '',
      value: USERS.carla,
    });
    await expect.poll(() => homeText(USERS.carla), { timeout: 10_000 }).not.toContain('For organizers');
    const refreshes = (await organizersRefreshes()).length;
    const carlaAfter = publishes(USERS.carla);

    await h.slack.command('digest daily 10:00', { user: USERS.alice, channel: CHANNELS.general });

    // Only Alice's tab is asked for now, and Carla's is not published again.
    await expect
      .poll(async () => (await organizersRefreshes()).slice(refreshes), { timeout: 10_000 })
      .toEqual([1]);
    await expect.poll(() => homeText(USERS.alice), { timeout: 10_000 }).toContain('Digest of');
    expect(publishes(USERS.carla)).toBe(carlaAfter);
  });
});
