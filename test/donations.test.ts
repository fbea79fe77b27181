import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { donationCountsLine } from '../src/donations/blocks/donation-prompt.js';
import { scheduleDonationPrompt } from '../src/donations/schedule.js';
import { schedulerIds } from '../src/queues/job-ids.js';
import { donationActions, donationBlocks, donationLinkActionId, donationViews } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import { CHANNELS, selectedOptionValue, USERS, type ViewStateValues } from './support/slack/index.js';

let h: Harness;
let inspector: Redis;

const mention = (id: string, name: string) => `<#${id}|${name}>`;

/** The donation prompt posted in `channel` most recently, and its prompt ID (from its I gave button). */
function promptIn(channel: string): { ts: string; promptId: string } {
  type Element = { action_id?: string; value?: string };
  const gaveButton = (blocks: unknown[] | undefined) =>
    (blocks as { elements?: Element[] }[] | undefined)
      ?.flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === donationActions.gave);
  const message = [...h.standIn.messages(channel)].reverse().find((m) => gaveButton(m.blocks));
  return { ts: message?.ts ?? '', promptId: gaveButton(message?.blocks)?.value ?? '' };
}

const countsShown = (channel: string, ts: string) => {
  const block = h.standIn
    .message(channel, ts)
    ?.blocks?.find((b) => (b as { block_id?: string }).block_id === donationBlocks.counts) as
    | { elements: { text: string }[] }
    | undefined;
  return block?.elements[0]?.text;
};

const pledge = (user: string, promptId: string, values: ViewStateValues = {}) =>
  h.slack.viewSubmission({ user, callbackId: donationViews.pledge, privateMetadata: promptId, values });

beforeAll(async () => {
  h = await startHarness();
  inspector = new Redis(h.redis.url);
});

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

describe('/rally donate', () => {
  it('posts a prompt to two channels with a link per nonprofit, the matching warning and I gave', async () => {
    const res = await h.slack.command(
      `donate ${mention(CHANNELS.general, 'general')} ${mention(CHANNELS.organizing, 'organizing')}`,
    );
    expect((res.json as { text: string }).text).toContain('Posting the donation prompt to');
    const summary = await h.standIn.waitForResponse(
      (r) => r.id === String(res.sent.response_url).split('/').pop(),
      10_000,
    );
    expect((summary.body as { text: string }).text).toContain('2 of 2 channels done');
    for (const channel of [CHANNELS.general, CHANNELS.organizing]) {
      const { ts, promptId } = promptIn(channel);
      expect(promptId).not.toBe('');
      const blocks = JSON.stringify(h.standIn.message(channel, ts)?.blocks);
      const listed = await h.rally.ctx.nonprofits.list();
      expect(listed.length).toBeGreaterThan(2);
      for (const [i, d] of listed.entries()) {
        expect(blocks).toContain(`"url":"${d.url}"`);
        expect(blocks).toContain(`"value":"${promptId}:${i}"`);
      }
      expect(blocks).toContain('Employer matching programs usually show your name');
    }
  });

  it('counts link clicks per nonprofit and pledges once per person, changeable, and shows the exact counts', async () => {
    const { ts, promptId } = promptIn(CHANNELS.general);
    const clickLink = (user: string, index: number) =>
      h.slack.action({
        actionId: donationLinkActionId(index),
        user,
        channel: CHANNELS.general,
        messageTs: ts,
      });
    const clicks = await Promise.all([
      clickLink(USERS.alice, 0),
      clickLink(USERS.bob, 0),
      clickLink(USERS.carla, 0),
      clickLink(USERS.alice, 1),
      clickLink(USERS.deepa, 2),
    ]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);

    const pledgers = ['U0GIVE0001', 'U0GIVE0002', 'U0GIVE0003', 'U0GIVE0004', 'U0GIVE0005', 'U0GIVE0006'];
    for (const user of pledgers)
      await pledge(user, promptId, {
        [donationBlocks.band]: {
          [donationBlocks.band]: selectedOptionValue('under-25', 'Under $25', 'radio_buttons'),
        },
      });
    // One changes their answer, one pledges again: still one pledge each.
    await pledge(pledgers[0] ?? '', promptId, {
      [donationBlocks.nonprofit]: { [donationBlocks.nonprofit]: selectedOptionValue('1') },
    });
    await pledge(pledgers[1] ?? '', promptId);
    const listed = await h.rally.ctx.nonprofits.list();
    const nonprofits = listed.length;
    const expected = { clicks: [3, 1, 1, ...Array(nonprofits - 3).fill(0)], pledges: 6 };
    expect(await h.rally.ctx.donations.tally(promptId, nonprofits)).toEqual(expected);

    const line = donationCountsLine(listed, expected, { minAnonymous: 5 });
    expect(line).toContain('6 coworkers say they gave');
    await expect.poll(() => countsShown(CHANNELS.general, ts), { timeout: 20_000, interval: 250 }).toBe(line);
    const updates = h.standIn.calls('chat.update').filter((c) => c.args.ts === ts);
    expect(JSON.stringify(updates.at(-1)?.args.blocks)).toContain('6 coworkers say they gave');
  }, 30_000);

  it('lets someone take a pledge back', async () => {
    const { promptId } = promptIn(CHANNELS.organizing);
    await pledge(USERS.emeka, promptId);
    expect((await h.rally.ctx.donations.tally(promptId, 1)).pledges).toBe(1);
    const res = await pledge(USERS.emeka, promptId, {
      [donationBlocks.withdraw]: {
        [donationBlocks.withdraw]: { type: 'checkboxes', selected_options: [{ value: 'withdraw' }] },
      },
    });
    expect(JSON.stringify(res.json)).toContain('Your pledge was taken back.');
    expect((await h.rally.ctx.donations.tally(promptId, 1)).pledges).toBe(0);
  });

  it('keeps no user ID in Redis, in job data or in the logs after clicks and pledges', async () => {
    const dump = await dumpRedis(inspector);
    const everything = [...dump, ...h.logs.lines].join('\n');
    // Those who clicked links or pledged; Alice also requested the posting, which is not a donation.
    for (const user of [USERS.bob, USERS.carla, USERS.deepa, USERS.emeka, 'U0GIVE0001', 'U0GIVE0006']) {
      expect(everything, user).not.toContain(user);
    }
  });
});

describe('recurring donation prompts', () => {
  it('"every friday 12:00" becomes a job scheduler in the organizer\'s time zone', async () => {
    // Alice's Slack profile says America/Los_Angeles.
    const res = await h.slack.command(
      `donate ${mention(CHANNELS.coreTeam, 'core-team')} every friday 12:00`,
      { user: USERS.alice },
    );
    expect((res.json as { text: string }).text).toContain('Scheduling the donation prompt');
    const confirmation = await h.standIn.waitForResponse(
      (r) => r.id === String(res.sent.response_url).split('/').pop(),
      10_000,
    );
    expect((confirmation.body as { text: string }).text).toContain('America/Los_Angeles');
    const scheduler = await h.rally.ctx.queues
      .queue('campaign-post')
      .getJobScheduler(schedulerIds.donationPrompt(CHANNELS.coreTeam));
    expect(scheduler).toMatchObject({ tz: 'America/Los_Angeles' });
    const next = new Date(Number(scheduler?.next));
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(next);
    expect(local).toBe('Friday 12:00');

    const off = await h.slack.command(`donate off ${mention(CHANNELS.coreTeam, 'core-team')}`, {
      user: USERS.alice,
    });
    expect((off.json as { text: string }).text).toContain('Stopped the scheduled donation prompt');
    expect(
      await h.rally.ctx.queues
        .queue('campaign-post')
        .getJobScheduler(schedulerIds.donationPrompt(CHANNELS.coreTeam)),
    ).toBeUndefined();
  });

  it('fires on its schedule through a real worker, and stops when turned off', async () => {
    const posts = () =>
      h.standIn
        .calls('chat.postMessage')
        .filter(
          (c) =>
            c.args.channel === CHANNELS.random &&
            JSON.stringify(c.args.blocks).includes(donationActions.gave),
        );
    // A short schedule (every 2 seconds) instead of a weekly one; the zone is the organizer's.
    await scheduleDonationPrompt(h.rally.ctx, {
      teamId: h.standIn.teamId,
      requestedBy: USERS.alice,
      channel: CHANNELS.random,
      pattern: '*/2 * * * * *',
      tz: 'America/Los_Angeles',
      description: 'every 2 seconds',
    });
    await expect.poll(() => posts().length, { timeout: 10_000, interval: 200 }).toBeGreaterThanOrEqual(2);
    const off = await h.slack.command(`donate off ${mention(CHANNELS.random, 'random')}`, {
      user: USERS.alice,
    });
    expect((off.json as { text: string }).text).toContain('Stopped');
    const afterOff = posts().length;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(posts().length).toBeLessThanOrEqual(afterOff + 1);
    // Each run posted a prompt of its own, with its own counts.
    const ids = new Set(posts().map((c) => JSON.stringify(c.args.blocks).match(/"value":"([^":]+)"/)?.[1]));
    expect(ids.size).toBe(posts().length);
  }, 30_000);
});

describe('bad donate commands', () => {
  it('names what was wrong and shows the right form', async () => {
    const res = await h.slack.command('donate #nowhere');
    const body = res.json as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(`I can't find a channel called "#nowhere"`);
    expect(body.text).toContain('/rally donate [#channel ...] [every &lt;when&gt;]');
  });
});
