import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { schedulerIds } from '../src/queues/job-ids.js';
import {
  donationActions,
  donationViews,
  pollActions,
  pollVoteActionId,
  signViews,
} from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, selectedOptionValue, USERS } from './support/slack/index.js';
import { until } from './support/until.js';

let h: Harness;
const channel = CHANNELS.organizing;
const mention = `<#${channel}|organizing>`;

/** The digests Rally posted in the channel, newest last. */
const digests = () =>
  h.standIn
    .calls('chat.postMessage')
    .filter((c) => c.args.channel === channel && String(c.args.text).startsWith('Rally digest'));

async function waitForPost(match: (text: string) => boolean) {
  return h.standIn.waitForCall(
    'chat.postMessage',
    (c) => c.status === 200 && match(String(c.args.text)),
    15_000,
  );
}

async function pollIn(text: string) {
  await h.slack.command(`poll ${text}`, { channel });
  await waitForPost((t) => t.includes(text.split('"')[1] ?? ''));
  const ts = h.standIn.messages(channel).at(-1)?.ts ?? '';
  const id = await until(`the record of the poll ${text}`, () =>
    h.rally.ctx.polls.findByMessage(channel, ts),
  );
  return { ts, id };
}

async function closePoll(ts: string) {
  await h.slack.action({ actionId: pollActions.close, user: USERS.alice, channel, messageTs: ts });
  await h.standIn.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts && c.status === 200, 15_000);
}

beforeAll(async () => {
  h = await startHarness();
  // The campaign in the channel: the letter with signatures, two anonymous polls, a donation prompt.
  await h.slack.command(`post letter ${mention}`);
  await waitForPost((t) => t.startsWith('Open letter'));
  const sign = (user: string, kind: string) =>
    h.slack.viewSubmission({
      user,
      callbackId: signViews.sign,
      values: {
        [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
      },
    });
  for (const user of ['U0DSIG0001', 'U0DSIG0002', 'U0DSIG0003']) await sign(user, 'named');
  for (const user of ['U0DSIG0004', 'U0DSIG0005', 'U0DSIG0006', 'U0DSIG0007', 'U0DSIG0008'])
    await sign(user, 'anonymous');

  const small = await pollIn('"Small secret vote?" "Yes" "No" anonymous');
  for (const user of ['U0DVOT0001', 'U0DVOT0002']) {
    await h.slack.action({ actionId: pollVoteActionId(0), user, channel, messageTs: small.ts });
  }
  await closePoll(small.ts);
  const big = await pollIn('"Big secret vote?" "Strike" "Wait" anonymous');
  for (const [i, user] of [
    'U0DVOT0011',
    'U0DVOT0012',
    'U0DVOT0013',
    'U0DVOT0014',
    'U0DVOT0015',
    'U0DVOT0016',
  ].entries()) {
    await h.slack.action({ actionId: pollVoteActionId(i < 4 ? 0 : 1), user, channel, messageTs: big.ts });
  }
  await closePoll(big.ts);

  await h.slack.command(`donate ${mention}`);
  await waitForPost((t) => t.startsWith('Give to nonprofits'));
  const prompt = h.standIn
    .messages(channel)
    .findLast((m) => JSON.stringify(m.blocks).includes(donationActions.gave));
  const promptId = JSON.stringify(prompt?.blocks).match(/"value":"([^":]+)"/)?.[1] ?? '';
  // The posting job records the prompt right after Slack answers.
  await until('the record of the donation prompt', () => h.rally.ctx.donations.message(promptId));
  for (const user of ['U0DGIV0001', 'U0DGIV0002', 'U0DGIV0003', 'U0DGIV0004', 'U0DGIV0005']) {
    await h.slack.viewSubmission({
      user,
      callbackId: donationViews.pledge,
      privateMetadata: promptId,
      values: {},
    });
  }
}, 60_000);

afterAll(async () => {
  await h.stop();
});

describe('/rally digest now', () => {
  it('reports signatures, poll results within their anonymity rules, and pledges, in one message', async () => {
    const before = digests().length;
    const res = await h.slack.command('digest now', { channel });
    expect((res.json as { text: string }).text).toBe('Posting the digest of this channel now.');
    await expect.poll(() => digests().length).toBe(before + 1);
    const digest = digests().at(-1);
    const text = JSON.stringify(digest?.args.blocks);
    expect(((digest?.args.blocks as unknown[] | undefined) ?? []).length).toBeLessThanOrEqual(50);
    expect(text).toContain('*8 signatures*: 3 named, 5 anonymous');
    // The anonymous poll with 2 voters shows no numbers; the one with 6 shows its result.
    expect(text).toMatch(/Small secret vote\?.*\(closed\): results shown from 5 voters/);
    expect(text).toMatch(/Big secret vote\?.*\(closed\): Strike 67% · Wait 33% \(6 voters\)/);
    expect(text).toContain('5 coworkers say they gave.');
    // Nothing identifies a voter, a signer or a donor.
    expect(text).not.toMatch(/U0D(SIG|VOT|GIV)/);
  });

  it('a digest job retried after its message went out does not post again', async () => {
    const before = digests().length;
    await h.slack.command('digest now', { channel });
    await expect.poll(() => digests().length).toBe(before + 1);
    const queue = h.rally.ctx.queues.queue('digest-post');
    const [done] = await queue.getJobs(['completed'], 0, 0, false);
    expect(done).toBeDefined();
    // BullMQ runs the same job again, as after a worker crash once the message was sent.
    await done?.retry('completed');
    await expect.poll(() => queue.getJobState(done?.id ?? '')).toBe('completed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(digests().length).toBe(before + 1);
  });

  it('with nothing new since the last digest, posts one short line', async () => {
    const before = digests().length;
    await h.slack.command('digest now', { channel });
    await expect.poll(() => digests().length).toBe(before + 1);
    expect(JSON.stringify(digests().at(-1)?.args.blocks)).toContain(': nothing new.');
  });
});

describe('digest schedules', () => {
  it('"weekly monday 09:00" becomes a job scheduler in the organizer\'s zone; "off" removes it', async () => {
    const res = await h.slack.command('digest weekly monday 09:00', { channel, user: USERS.alice });
    const id = String(res.sent.response_url).split('/').pop();
    const confirmation = await h.standIn.waitForResponse((r) => r.id === id, 10_000);
    expect((confirmation.body as { text: string }).text).toBe(
      `The digest of <#${channel}> will be posted every Monday at 09:00 (America/Los_Angeles).`,
    );
    const scheduler = await h.rally.ctx.queues
      .queue('digest-post')
      .getJobScheduler(schedulerIds.digest(channel));
    expect(scheduler).toMatchObject({ pattern: '0 0 9 * * 1', tz: 'America/Los_Angeles' });
    const off = await h.slack.command('digest off', { channel });
    expect((off.json as { text: string }).text).toBe('The digest of this channel is off.');
    expect(
      await h.rally.ctx.queues.queue('digest-post').getJobScheduler(schedulerIds.digest(channel)),
    ).toBeUndefined();
  });

  it('is turned off when Slack says its channel is gone', async () => {
    const gone = CHANNELS.general;
    const res = await h.slack.command('digest daily 09:00', { channel: gone, user: USERS.alice });
    await h.standIn.waitForResponse((r) => r.id === String(res.sent.response_url).split('/').pop(), 10_000);
    expect(
      await h.rally.ctx.queues.queue('digest-post').getJobScheduler(schedulerIds.digest(gone)),
    ).toBeDefined();
    h.standIn.failWhen('chat.postMessage', (args) => args.channel === gone, {
      kind: 'error',
      error: 'channel_not_found',
    });
    await h.slack.command('digest now', { channel: gone });
    await expect
      .poll(() => h.rally.ctx.queues.queue('digest-post').getJobScheduler(schedulerIds.digest(gone)))
      .toBeUndefined();
  });

  it('refuses what it cannot read, with the right form', async () => {
    const res = await h.slack.command('digest sometimes', { channel });
    const body = res.json as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(`I can't read "sometimes" as a schedule.`);
    expect(body.text).toContain('/rally digest daily 09:00 | weekly monday 09:00 [quiet] | off | now');
  });
});
