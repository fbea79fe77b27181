import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId } from '../src/letters/model.js';
import { lastErasureKey } from '../src/privacy/compaction.js';
import {
  donationActions,
  donationViews,
  pollActions,
  pollVoteActionId,
  signViews,
} from '../src/slack/ids.js';
import { startPoll } from './support/polls.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import { CHANNELS, selectedOptionValue, TEAM_ID, USERS } from './support/slack/index.js';
import { until } from './support/until.js';

let h: Harness;
let inspector: Redis;
const channel = CHANNELS.general;
const me = USERS.carla;

/** Starts a public poll in the channel as Alice; returns its ID and message, once posted. */
const createPoll = (text: string) => startPoll(h, text, channel);

beforeAll(async () => {
  h = await startHarness();
  inspector = new Redis(h.redis.url);
}, 30_000);

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

describe('/rally forget me', () => {
  it('removes the signature, votes, pledges, reminders and poll authorship held under the caller, and says so', async () => {
    // Carla signs with her name, votes in a public poll she started, pledges, and sets a reminder.
    await h.slack.viewSubmission({
      user: me,
      callbackId: signViews.sign,
      values: {
        [signFormFields.mode]: {
          [signFormFields.mode]: selectedOptionValue('named', 'named', 'radio_buttons'),
        },
      },
    });
    await h.slack.command('poll "Lunch?" "Yes" "No"', { user: me, channel });
    const pollTs = await until(
      'the poll "Lunch?"',
      () => h.standIn.messages(channel).find((m) => String(m.text).includes('Lunch?'))?.ts,
    );
    const pollId = await until('the record of the poll "Lunch?"', () =>
      h.rally.ctx.polls.findByMessage(channel, pollTs),
    );
    await h.slack.action({ actionId: pollVoteActionId(0), user: me, channel, messageTs: pollTs });
    await h.slack.action({ actionId: pollVoteActionId(1), user: USERS.bob, channel, messageTs: pollTs });
    await h.slack.command(`donate <#${channel}|general>`, { user: USERS.alice });
    const prompt = await until('the donation prompt', () =>
      h.standIn.messages(channel).find((m) => JSON.stringify(m.blocks).includes(donationActions.gave)),
    );
    const promptId = JSON.stringify(prompt.blocks).match(/"value":"([^":]+)"/)?.[1] ?? '';
    // The posting job records the prompt right after Slack answers.
    await until('the record of the donation prompt', () => h.rally.ctx.donations.message(promptId));
    await h.slack.viewSubmission({
      user: me,
      callbackId: donationViews.pledge,
      privateMetadata: promptId,
      values: {},
    });
    await h.slack.command('remind me "Bring the banner" in 2 hours', { user: me, channel });
    await until('the reminder to be scheduled', async () =>
      (await h.rally.ctx.reminders.listFor(me, '')).find((r) => r.at),
    );
    expect((await dumpRedis(inspector)).join('\n')).toContain(me);

    const res = await h.slack.command('forget me', { user: me, channel });
    const ack = res.json as { response_type: string; text: string };
    expect(ack).toMatchObject({
      response_type: 'ephemeral',
      text: "Forgetting you now. I'll tell you here what was removed.",
    });
    const answer = await h.standIn.waitForResponse(
      (r) => r.id === String(res.sent.response_url).split('/').pop(),
      15_000,
    );
    const body = answer.body as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe(
      'Removed: your signature on the letter; your 1 vote record (votes in open polls withdrawn); 1 pledge that you gave; 1 reminder you set, with its text; your name as the starter of 1 poll; 1 record of your requests. Counts already announced in closed polls stay as they were, without you in them. If you voted in an open poll by reacting with an emoji, your reaction stays visible in Slack (only you can remove it), but Rally no longer counts it.',
    );
    expect(await h.rally.ctx.polls.tally(pollId, 2)).toEqual({ counts: [0, 1], voters: 1 });
    expect((await h.rally.ctx.donations.tally(promptId, 1)).pledges).toBe(0);
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual({
      named: 0,
      anonymous: 0,
      waiting: 0,
    });
    // Nothing under Carla's ID is left anywhere in Redis, the forget job's own record included.
    await expect
      .poll(async () => (await dumpRedis(inspector)).some((value) => value.includes(me)))
      .toBe(false);

    const again = await h.slack.command('forget me', { user: me, channel });
    const second = await h.standIn.waitForResponse(
      (r) => r.id === String(again.sent.response_url).split('/').pop(),
      15_000,
    );
    expect((second.body as { text: string }).text).toBe(
      'Rally holds nothing under your name: there was nothing to remove.',
    );
  });

  it('does not count again, at close, the reaction of someone who asked to be forgotten, and keeps that only while the poll is open', async () => {
    const { polls, anonymousIds, keys } = h.rally.ctx;
    const [fresh, legacy] = [
      await createPoll('"Picnic on Friday?" "Yes" "No"'),
      await createPoll('"Banner at the gate?" "Yes" "No"'),
    ];
    // Deepa votes in the first by reacting; Bob in the second, which remembers him as an earlier Rally did
    // (a hash keyed by the poll's ID only), with his vote already withdrawn.
    await h.slack.reactionAdded({ channel, ts: fresh.ts, user: USERS.deepa, reaction: 'one' });
    await h.slack.reactionAdded({ channel, ts: legacy.ts, user: USERS.bob, reaction: 'two' });
    await expect.poll(() => polls.tally(fresh.id, 2)).toEqual({ counts: [1, 0], voters: 1 });
    await expect.poll(() => polls.tally(legacy.id, 2)).toEqual({ counts: [0, 1], voters: 1 });
    await polls.forgetVoter(legacy.id, USERS.bob);
    await inspector.sadd(
      `${keys.prefix}:poll:${legacy.id}:forgotten`,
      anonymousIds.of('forgotten-reactor', TEAM_ID, USERS.bob, legacy.id),
    );

    const res = await h.slack.command('forget me', { user: USERS.deepa, channel });
    await h.standIn.waitForResponse((r) => r.id === String(res.sent.response_url).split('/').pop(), 15_000);
    expect(await polls.tally(fresh.id, 2)).toEqual({ counts: [0, 0], voters: 0 });
    // Remembered as a hash under a random key of this poll only, not one anyone with RALLY_SECRET can test.
    const key = await inspector.get(`${keys.prefix}:poll:${fresh.id}:forgotten-key`);
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(await inspector.smembers(`${keys.prefix}:poll:${fresh.id}:forgotten`)).toEqual([
      anonymousIds.of('forgotten-reactor', TEAM_ID, USERS.deepa, key ?? ''),
    ]);

    const erasedBefore = Number(await inspector.get(lastErasureKey(keys)));
    for (const poll of [fresh, legacy]) {
      await h.slack.action({ actionId: pollActions.close, user: USERS.alice, channel, messageTs: poll.ts });
      await expect.poll(() => polls.get(poll.id).then((p) => p?.closed), { timeout: 10_000 }).toBe(true);
      // Their reactions are still on the messages; read back at close, they are not counted.
      expect(await polls.tally(poll.id, 2)).toEqual({ counts: [0, 0], voters: 0 });
      expect(await inspector.keys(`${keys.prefix}:poll:${poll.id}:forgotten*`)).toEqual([]);
    }
    // Deleted at close, so Redis is asked to rewrite its files.
    expect(Number(await inspector.get(lastErasureKey(keys)))).toBeGreaterThan(erasedBefore);
  });

  it('only forgets the person asking', async () => {
    const res = await h.slack.command('forget bob', { user: me });
    expect((res.json as { text: string }).text).toContain('Rally can only forget you');
  });
});
