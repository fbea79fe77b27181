import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelMembers, membershipChecksPerPublish } from '../../src/home/channel-members.js';
import { homePersonHash } from '../../src/home/publish-home.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { CHANNELS, TEAM_ID, USERS } from '../support/slack/index.js';

/*
 * The channel memberships one publication of the Home tab reads: the polls and the events ask through one
 * object, so they share one budget of channels asked of Slack and one record kept under the person's hash.
 */

let h: ContextHarness;
const viewer = { teamId: TEAM_ID, userId: USERS.bob };
const others = Array.from(
  { length: membershipChecksPerPublish },
  (_, i) => `C0OTHER${String(i).padStart(3, '0')}`,
);
const asked = (channel?: string) =>
  h.standIn.calls('conversations.members').filter((c) => channel === undefined || c.args.channel === channel)
    .length;

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

describe('the channel memberships of one publication', () => {
  it('asks Slack about each channel once, within one budget, and keeps the answers under the person’s hash', async () => {
    const hash = homePersonHash(h.ctx, TEAM_ID, USERS.bob);
    const channels = [CHANNELS.general, CHANNELS.partners, ...others];
    const members = await ChannelMembers.load(h.ctx, viewer, hash, channels);
    expect(await members.isMember(CHANNELS.general)).toBe(true);
    // Asked again (the events after the polls), it is known.
    expect(await members.isMember(CHANNELS.general)).toBe(true);
    expect(asked(CHANNELS.general)).toBe(1);
    expect(await members.isMember(CHANNELS.partners)).toBe(false);
    for (const channel of others.slice(0, membershipChecksPerPublish - 2)) await members.isMember(channel);
    expect(asked()).toBe(membershipChecksPerPublish);
    // The budget is spent: what is not known stays unknown, what is known still answers.
    expect(await members.isMember(others.at(-1) as string)).toBeUndefined();
    expect(await members.isMember(CHANNELS.general)).toBe(true);
    expect(asked()).toBe(membershipChecksPerPublish);
    await members.keep();

    // The next publication reads them from the record, and asks only about the rest.
    const next = await ChannelMembers.load(h.ctx, viewer, hash, channels);
    expect(next.known(CHANNELS.general)).toBe(true);
    expect(next.known(CHANNELS.partners)).toBe(false);
    expect(await next.isMember(others.at(-1) as string)).toBe(false);
    expect(asked()).toBe(membershipChecksPerPublish + 1);
    expect(await h.ctx.redis.keys(`*${USERS.bob}*`)).toEqual([]);
  });

  it('keeps nothing without the person’s hash (after forget me)', async () => {
    const before = await h.ctx.redis.dbsize();
    const members = await ChannelMembers.load(h.ctx, { teamId: TEAM_ID, userId: USERS.carla }, undefined, [
      CHANNELS.general,
    ]);
    expect(await members.isMember(CHANNELS.general)).toBe(true);
    await members.keep();
    expect(await h.ctx.redis.dbsize()).toBe(before);
  });
});
