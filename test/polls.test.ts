import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionEmojis } from '../src/polls/emoji.js';
import type { StoredPoll } from '../src/polls/model.js';
import { jobIds } from '../src/queues/job-ids.js';
import { pollActions, pollBlocks, pollViews, pollVoteActionId } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import { CHANNELS, plainTextValue, reactionAddedEvent, USERS } from './support/slack/index.js';

let h: Harness;
let inspector: Redis;

/** Creates a poll with `/rally poll ...` in `channel` and returns it once it is posted. */
async function createPoll(text: string, channel: string = CHANNELS.general, user: string = USERS.alice) {
  const before = h.standIn.calls('chat.postMessage').filter((c) => c.args.channel === channel).length;
  const res = await h.slack.command(`poll ${text}`, { user, channel });
  expect(res.status).toBe(200);
  expect(res.text).toBe('');
  await expect
    .poll(
      () =>
        h.standIn.calls('chat.postMessage').filter((c) => c.args.channel === channel && c.status === 200)
          .length,
      {
        timeout: 10_000,
      },
    )
    .toBeGreaterThan(before);
  const ts = h.standIn.messages(channel).at(-1)?.ts ?? '';
  // The job records the poll's message right after Slack answers.
  await expect.poll(() => h.rally.ctx.polls.findByMessage(channel, ts)).toBeTruthy();
  const pollId = (await h.rally.ctx.polls.findByMessage(channel, ts)) ?? '';
  const poll = (await h.rally.ctx.polls.get(pollId)) as StoredPoll;
  return { poll, ts, channel };
}

const click = (poll: { poll: StoredPoll; ts: string; channel: string }, user: string, option: number) =>
  h.slack.action({ actionId: pollVoteActionId(option), user, channel: poll.channel, messageTs: poll.ts });

/** The text of a poll message as it is now in the channel. */
const shown = (channel: string, ts: string) => JSON.stringify(h.standIn.message(channel, ts)?.blocks ?? []);

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.emeka } });
  inspector = new Redis(h.redis.url);
});

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

describe('creating a poll', () => {
  it('posts the question with a button per option, adds the option reactions, and schedules its closing', async () => {
    const created = await createPoll(
      '“Do we join the walkout on Friday?” “Yes” “No” “Need more info” closes in 2 days',
    );
    const { poll, ts } = created;
    expect(poll.question).toBe('Do we join the walkout on Friday?');
    expect(poll.options).toEqual(['Yes', 'No', 'Need more info']);
    const blocks = shown(CHANNELS.general, ts);
    for (let i = 0; i < 3; i++) expect(blocks).toContain(pollVoteActionId(i));
    await expect
      .poll(() =>
        h.standIn
          .calls('reactions.add')
          .filter((c) => c.args.timestamp === ts)
          .map((c) => c.args.name),
      )
      .toEqual(['one', 'two', 'three']);
    // Closing in two days, read in Alice's time zone; the job waits in BullMQ.
    expect(poll.closesAt).toBeGreaterThan(Date.now() + 47 * 3600_000);
    // The job schedules the closing right after adding the reactions.
    const stateOf = async (queue: 'poll-close' | 'poll-reminder', id: string) =>
      (await h.rally.ctx.queues.queue(queue).getJob(id))?.getState();
    await expect.poll(() => stateOf('poll-close', jobIds.pollClose(poll.id))).toBe('delayed');
    await expect.poll(() => stateOf('poll-reminder', jobIds.pollReminder(poll.id))).toBe('delayed');
  });

  const mistakes = [
    ['"Q?" "Only one"', 'at least 2 options'],
    [`"Q?" ${Array.from({ length: 11 }, (_, i) => `"O${i}"`).join(' ')}`, 'at most 10 options'],
    ['"Q?" "A" "B', 'A quote is never closed'],
    ['"" "A" "B"', 'question'],
    ['"Q?" "A" "B" closes yesterday', 'already passed'],
    ['"Q?" "A" "B" closes in 2 years', 'year'],
    ['"Q?" "A" "B" loudly', 'loudly'],
  ] as const;
  for (const [text, named] of mistakes) {
    it(`answers "/rally poll ${text.slice(0, 30)}" privately with the mistake and an example`, async () => {
      const posts = h.standIn.calls('chat.postMessage').length;
      const res = await h.slack.command(`poll ${text}`);
      const body = res.json as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text.toLowerCase()).toContain(named.toLowerCase());
      expect(body.text).toContain('/rally poll "');
      expect(h.standIn.calls('chat.postMessage').length).toBe(posts);
    });
  }
});

describe('the poll form', () => {
  it('/rally poll alone opens a form; a good submission posts the poll in that channel', async () => {
    await h.slack.command('poll', { user: USERS.bob, channel: CHANNELS.organizing });
    const open = await h.standIn.waitForCall(
      'views.open',
      (c) => c.status === 200 && JSON.stringify(c.args.view).includes(pollViews.create),
    );
    const view = open.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(pollViews.create);
    const closesAt = Math.floor(Date.now() / 1000) + 3 * 86_400;
    const submit = await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: pollViews.create,
      privateMetadata: view.private_metadata,
      values: {
        [pollBlocks.question]: { [pollBlocks.question]: plainTextValue('Which nonprofit do we back?') },
        [pollBlocks.options]: { [pollBlocks.options]: plainTextValue('RAICES\nKIND\n\n- NILC') },
        [pollBlocks.settings]: {
          [pollBlocks.settings]: { type: 'checkboxes', selected_options: [{ value: 'multiple' }] },
        },
        [pollBlocks.closes]: {
          [pollBlocks.closes]: { type: 'datetimepicker', selected_date_time: closesAt },
        },
      },
    });
    expect(submit.status).toBe(200);
    const posted = await h.standIn.waitForCall(
      'chat.postMessage',
      (c) => String(c.args.text).includes('Which nonprofit'),
      10_000,
    );
    expect(posted.args.channel).toBe(CHANNELS.organizing);
    const ts = h.standIn.messages(CHANNELS.organizing).at(-1)?.ts ?? '';
    // The job records the message right after Slack answers.
    await expect.poll(() => h.rally.ctx.polls.findByMessage(CHANNELS.organizing, ts)).toBeTruthy();
    const poll = await h.rally.ctx.polls.get(
      (await h.rally.ctx.polls.findByMessage(CHANNELS.organizing, ts)) ?? '',
    );
    expect(poll).toMatchObject({
      options: ['RAICES', 'KIND', 'NILC'],
      multiple: true,
      closesAt: closesAt * 1000,
    });
  });

  it('sends mistakes back into the form', async () => {
    const res = await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: pollViews.create,
      privateMetadata: JSON.stringify({ channel: CHANNELS.organizing }),
      values: {
        [pollBlocks.question]: { [pollBlocks.question]: plainTextValue('Only one option?') },
        [pollBlocks.options]: { [pollBlocks.options]: plainTextValue('Yes') },
      },
    });
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([pollBlocks.options]);
  });
});

describe('voting by button', () => {
  it('200 votes from 100 people in parallel, with double clicks and moves, end exact in Redis and on the message', async () => {
    const created = await createPoll('"Lunch?" "Pizza" "Tacos" "Salad"', CHANNELS.organizing);
    const people = Array.from({ length: 100 }, (_, i) => `U0VOTE${String(i).padStart(4, '0')}`);
    // Each person: a double click on option i % 3 (net nothing), then a move to (i + 1) % 3. 300 clicks.
    await Promise.all(
      people.map(async (user, i) => {
        await Promise.all([click(created, user, i % 3), click(created, user, i % 3)]);
        await click(created, user, (i + 1) % 3);
      }),
    );
    const expected = [33, 34, 33];
    expect(await h.rally.ctx.polls.tally(created.poll.id, 3)).toEqual({ counts: expected, voters: 100 });
    await expect
      .poll(() => shown(CHANNELS.organizing, created.ts), { timeout: 10_000, interval: 200 })
      .toContain('100 people voted');
    const updates = h.standIn.calls('chat.update').filter((c) => c.args.ts === created.ts);
    const last = JSON.stringify(updates.at(-1)?.args.blocks);
    for (const count of expected) expect(last).toContain(`${count} votes`);
    const gaps = updates.slice(1).map((u, i) => u.at - (updates[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
  });

  it('confirms privately what Rally holds for the voter: a vote, a move, a withdrawal', async () => {
    const created = await createPoll('"Coffee?" "Yes" "No"');
    const first = await click(created, USERS.bob, 0);
    const id = String(first.sent.response_url).split('/').pop();
    const answer = await h.standIn.waitForResponse((r) => r.id === id);
    expect((answer.body as { text: string }).text).toContain('Your vote: *Yes*');
    const again = await click(created, USERS.bob, 0);
    const withdrawn = await h.standIn.waitForResponse(
      (r) => r.id === String(again.sent.response_url).split('/').pop(),
    );
    expect((withdrawn.body as { text: string }).text).toContain('You have no vote in this poll now.');
  });
});

describe('voting by reaction', () => {
  it('counts, moves and withdraws reaction votes on a public poll, and counts a replayed event once', async () => {
    const created = await createPoll('"Sign as a group?" "Yes" "No"', CHANNELS.organizing);
    const { ts } = created;
    const on = { channel: CHANNELS.organizing, ts };
    await h.slack.reactionAdded({ ...on, user: USERS.carla, reaction: 'one' }, { eventId: 'Ev0REACT0001' });
    // Slack delivers the same event again (same event_id), as it does when it thinks it was lost.
    await h.slack.event(reactionAddedEvent({ ...on, user: USERS.carla, reaction: 'one' }), {
      eventId: 'Ev0REACT0001',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    await h.slack.reactionAdded({ ...on, user: USERS.deepa, reaction: 'two::skin-tone-3' });
    await h.slack.reactionAdded({ ...on, user: USERS.bob, reaction: 'tada' });
    await expect
      .poll(() => h.rally.ctx.polls.tally(created.poll.id, 2))
      .toEqual({ counts: [1, 1], voters: 2 });

    // Carla moves her single-choice vote by reacting with the other option, then takes it back.
    await h.slack.reactionAdded({ ...on, user: USERS.carla, reaction: 'two' });
    await expect
      .poll(() => h.rally.ctx.polls.tally(created.poll.id, 2))
      .toEqual({ counts: [0, 2], voters: 2 });
    await h.slack.reactionRemoved({ ...on, user: USERS.carla, reaction: 'two' });
    await expect
      .poll(() => h.rally.ctx.polls.tally(created.poll.id, 2))
      .toEqual({ counts: [0, 1], voters: 1 });
  });

  it('ignores reactions on an anonymous poll and tells the person privately why', async () => {
    const created = await createPoll('"Walk out?" "Yes" "No" anonymous');
    expect(h.standIn.calls('reactions.add').filter((c) => c.args.timestamp === created.ts)).toEqual([]);
    await h.slack.reactionAdded({
      channel: CHANNELS.general,
      ts: created.ts,
      user: USERS.deepa,
      reaction: 'one',
    });
    const told = await h.standIn.waitForCall('chat.postEphemeral', (c) => c.args.user === USERS.deepa);
    expect(String(told.args.text)).toContain('Reactions are not counted on an anonymous poll');
    expect(await h.rally.ctx.polls.tally(created.poll.id, 2)).toEqual({ counts: [0, 0], voters: 0 });
  });
});

describe('anonymous polls', () => {
  it('after closing, nothing in Redis, job data or logs links anyone to a vote, and the totals are right', async () => {
    const created = await createPoll('"Unionize?" "Yes" "No" "Unsure" anonymous closes in 2 days');
    const scheduled = await h.rally.ctx.queues.queue('poll-close').getJob(jobIds.pollClose(created.poll.id));
    expect(await scheduled?.getState()).toBe('delayed');
    const voters = ['U0ANONV001', 'U0ANONV002', 'U0ANONV003', 'U0ANONV004', 'U0ANONV005', 'U0ANONV006'];
    await Promise.all(voters.map((user, i) => click(created, user, i % 3 === 2 ? 1 : 0)));
    // The creator closes it early from the message.
    await h.slack.action({
      actionId: pollActions.close,
      user: USERS.alice,
      channel: CHANNELS.general,
      messageTs: created.ts,
    });
    await expect
      .poll(() => h.rally.ctx.polls.get(created.poll.id).then((p) => p?.closed), { timeout: 10_000 })
      .toBe(true);
    await h.standIn.waitForCall('chat.postMessage', (c) => c.args.thread_ts === created.ts, 10_000);
    await expect
      .poll(() => h.rally.ctx.queues.queue('poll-close').getJob(jobIds.pollClose(created.poll.id)))
      .toBeUndefined();

    expect(await h.rally.ctx.polls.tally(created.poll.id, 3)).toEqual({ counts: [4, 2, 0], voters: 6 });
    // What remains expires after RALLY_RETENTION_DAYS (90 by default).
    const ttl = await inspector.ttl(`${h.rally.ctx.keys.prefix}:poll:${created.poll.id}`);
    expect(ttl).toBeGreaterThan(89 * 86_400);
    expect(ttl).toBeLessThanOrEqual(90 * 86_400);
    expect(await h.rally.ctx.polls.anonymityKey(created.poll.id)).toBeUndefined();
    const keys = await inspector.keys(`*${created.poll.id}*`);
    expect(keys.some((k) => k.endsWith(':votes') || k.endsWith(':key'))).toBe(false);

    const dump = await dumpRedis(inspector);
    const everything = [...dump, ...h.logs.lines].join('\n');
    for (const voter of voters) expect(everything, voter).not.toContain(voter);
    // The final message shows the totals (6 voters is over the threshold of 5) and no buttons.
    const final = shown(CHANNELS.general, created.ts);
    expect(final).toContain('4 votes');
    expect(final).not.toContain(pollVoteActionId(0));
  });
});

describe('refreshing the message', () => {
  it('redraws an anonymous poll only on the clock and only once two votes changed it, so a click cannot be matched to a count', async () => {
    const created = await createPoll('"Strike vote?" "Yes" "No" anonymous', CHANNELS.organizing);
    const updates = () => h.standIn.calls('chat.update').filter((c) => c.args.ts === created.ts);
    await click(created, 'U0SLOW0001', 0);
    // The test clock ticks every second: three ticks later, one lone vote has redrawn nothing.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(updates()).toHaveLength(0);
    await Promise.all(
      ['U0SLOW0002', 'U0SLOW0003', 'U0SLOW0004', 'U0SLOW0005'].map((u) => click(created, u, 0)),
    );
    await expect.poll(() => shown(CHANNELS.organizing, created.ts)).toContain('5 people voted');
    // No job was added per vote: the acts wait as one count per poll for the clock.
    const jobs = await h.rally.ctx.queues
      .queue('message-refresh')
      .getJobs(['completed', 'waiting', 'delayed', 'active']);
    expect(jobs.filter((j) => j.data.pollId === created.poll.id).length).toBeLessThanOrEqual(2);
  });

  it('a 429 from Slack delays the redraw by Retry-After instead of dropping it', async () => {
    const created = await createPoll('"Picnic?" "Yes" "No"', CHANNELS.organizing);
    h.standIn.failWhen('chat.update', (args) => args.ts === created.ts, {
      kind: 'rate_limited',
      retryAfter: 2,
    });
    const votedAt = Date.now();
    await click(created, USERS.deepa, 1);
    await expect
      .poll(() => shown(CHANNELS.organizing, created.ts), { timeout: 10_000, interval: 100 })
      .toContain('1 person voted');
    const updates = h.standIn.calls('chat.update').filter((c) => c.args.ts === created.ts);
    expect(updates.map((u) => u.status)).toEqual([429, 200]);
    expect((updates[1]?.at ?? 0) - (updates[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
    expect((updates[1]?.at ?? 0) - votedAt).toBeLessThan(6_000);
  });
});

describe('the reminder an hour before closing', () => {
  it('is posted once in the poll thread when its delayed job comes due', async () => {
    const created = await createPoll('"Meeting?" "Yes" "No" closes in 3 hours', CHANNELS.organizing);
    const job = await h.rally.ctx.queues.queue('poll-reminder').getJob(jobIds.pollReminder(created.poll.id));
    expect(job?.delay).toBeGreaterThan(1.9 * 3600_000);
    await job?.promote();
    const reminder = await h.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === created.ts,
      10_000,
    );
    expect(String(reminder.args.text)).toContain('closes in about an hour');
  });
});

describe('closing on time', () => {
  it('a poll that closes in 3 seconds closes through a real worker, also across a restart of Rally', async () => {
    const namespace = `restart-${Date.now()}`;
    const first = await startHarness({ redis: h.redis, standIn: h.standIn, namespace });
    const res = await first.slack.command('poll "Quick one?" "A" "B" closes in 3 seconds', {
      channel: CHANNELS.coreTeam,
    });
    expect(res.status).toBe(200);
    await h.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNELS.coreTeam && c.status === 200,
    );
    const ts = h.standIn.messages(CHANNELS.coreTeam).at(-1)?.ts ?? '';
    const startedAt = Date.now();
    // Rally stops (workers too) before the closing time, and a new one starts on the same Redis.
    await first.stop();
    const second = await startHarness({ redis: h.redis, standIn: h.standIn, namespace });
    try {
      const results = await h.standIn.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts, 15_000);
      expect(String(results.args.text)).toContain('Final results');
      expect(results.at - startedAt).toBeGreaterThan(1_500);
      expect(results.at - startedAt).toBeLessThan(8_000);
      expect(shown(CHANNELS.coreTeam, ts)).not.toContain(pollVoteActionId(0));
    } finally {
      await second.stop();
    }
  });
});

describe('reminding people who have not voted', () => {
  const nudge = async (created: { ts: string }, user: string = USERS.alice) => {
    const press = await h.slack.action({
      actionId: pollActions.nudge,
      user,
      channel: CHANNELS.general,
      messageTs: created.ts,
    });
    const id = String(press.sent.response_url).split('/').pop();
    return ((await h.standIn.waitForResponse((r) => r.id === id, 10_000)).body as { text: string }).text;
  };

  it('in a public poll, messages exactly the channel members without a vote, and tells the creator how many', async () => {
    const created = await createPoll('"Rally on Monday?" "Yes" "No"', CHANNELS.general, USERS.alice);
    await click(created, USERS.bob, 0);
    await click(created, USERS.carla, 1);
    const postsBefore = h.standIn.calls('chat.postMessage').length;
    const linksBefore = h.standIn.calls('chat.getPermalink').length;
    expect(await nudge(created)).toBe('I privately reminded 3 people who had not voted.');
    const posts = h.standIn.calls('chat.postMessage').slice(postsBefore);
    expect(posts.map((c) => c.args.channel).sort()).toEqual([USERS.alice, USERS.deepa, USERS.emeka].sort());
    // The poll's link is asked of Slack once for the nudge, not once per person reminded.
    const links = h.standIn.calls('chat.getPermalink').slice(linksBefore);
    expect(links).toHaveLength(1);
    for (const post of posts) expect(String(post.args.text)).toContain(`/p${created.ts.replace('.', '')}|`);
  });

  it('in an anonymous poll, messages nobody alone: one reminder in the thread, shown in the channel, and no count', async () => {
    const created = await createPoll(
      '"Walk out Monday?" "Yes" "No" anonymous',
      CHANNELS.general,
      USERS.alice,
    );
    await click(created, USERS.bob, 0);
    const postsBefore = h.standIn.calls('chat.postMessage').length;
    const answer = await nudge(created);
    expect(answer).toContain('I posted a reminder in the poll’s thread, also shown in the channel.');
    expect(answer).not.toMatch(/\d/);
    const posts = h.standIn.calls('chat.postMessage').slice(postsBefore);
    expect(posts.map((c) => [c.args.channel, c.args.thread_ts, String(c.args.reply_broadcast)])).toEqual([
      [CHANNELS.general, created.ts, 'true'],
    ]);
    const thread = h.standIn
      .messages(CHANNELS.general)
      .find((m) => m.thread_ts === created.ts && m.subtype === 'thread_broadcast');
    expect(thread?.text).toContain('this anonymous poll is still open');
    // Its job, which named who asked, is gone as soon as it ended.
    const records = await h.rally.ctx.queues.queue('poll-nudge').getJobs(['completed', 'failed']);
    expect(records.filter((j) => j.data.pollId === created.poll.id)).toEqual([]);
  });

  it('in a hidden poll, tells the creator no number, since the poll shows none yet', async () => {
    const created = await createPoll('"Secret ballot?" "Yes" "No" hidden', CHANNELS.general, USERS.alice);
    await click(created, USERS.bob, 0);
    expect(await nudge(created)).toContain(
      'I privately reminded the people in the channel who had not voted.',
    );
  });

  it('reminds once per poll in 12 hours, whoever presses', async () => {
    const created = await createPoll('"Once only?" "Yes" "No"', CHANNELS.general, USERS.alice);
    await nudge(created);
    expect(await nudge(created, USERS.emeka)).toContain('This poll was nudged less than 12 hours ago');
  });

  it('is refused to someone who neither started the poll nor organizes', async () => {
    const created = await createPoll('"Another?" "Yes" "No"', CHANNELS.general, USERS.alice);
    const press = await h.slack.action({
      actionId: pollActions.nudge,
      user: USERS.bob,
      channel: CHANNELS.general,
      messageTs: created.ts,
    });
    const answer = await h.standIn.waitForResponse(
      (r) => r.id === String(press.sent.response_url).split('/').pop(),
    );
    expect((answer.body as { text: string }).text).toContain('Only the person who started this poll');
  });
});

it('uses the option emojis in order', () => {
  expect(optionEmojis.slice(0, 3)).toEqual(['one', 'two', 'three']);
});
