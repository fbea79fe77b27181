import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionEmojis } from '../src/polls/emoji.js';
import type { StoredPoll } from '../src/polls/model.js';
import { jobIds } from '../src/queues/job-ids.js';
import { pollActions, pollBlocks, pollViews, pollVoteActionId } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import { CHANNELS, plainTextValue, reactionAddedEvent, TEAM_ID, USERS } from './support/slack/index.js';

let h: Harness;
let inspector: Redis;

/** Creates a poll with `/rally poll ...` in `channel` and returns it once it is posted. */
async function createPoll(
  text: string,
  channel: string = CHANNELS.general,
  user: string = USERS.alice,
  on: Harness = h,
) {
  // Only answered posts count: a post whose answer was lost earlier in the file would throw the count off.
  const postedIn = () =>
    on.standIn.calls('chat.postMessage').filter((c) => c.args.channel === channel && c.status === 200).length;
  const before = postedIn();
  const res = await on.slack.command(`poll ${text}`, { user, channel });
  expect(res.status).toBe(200);
  expect(res.text).toBe('');
  await expect.poll(postedIn, { timeout: 10_000 }).toBeGreaterThan(before);
  const ts = on.standIn.messages(channel).at(-1)?.ts ?? '';
  // The job records the poll's message right after Slack answers.
  await expect.poll(() => on.rally.ctx.polls.findByMessage(channel, ts)).toBeTruthy();
  const pollId = (await on.rally.ctx.polls.findByMessage(channel, ts)) ?? '';
  const poll = (await on.rally.ctx.polls.get(pollId)) as StoredPoll;
  return { poll, ts, channel };
}

const click = (poll: { poll: StoredPoll; ts: string; channel: string }, user: string, option: number) =>
  h.slack.action({ actionId: pollVoteActionId(option), user, channel: poll.channel, messageTs: poll.ts });

/** The text of a poll message as it is now in the channel. */
const shown = (channel: string, ts: string) => JSON.stringify(h.standIn.message(channel, ts)?.blocks ?? []);

beforeAll(async () => {
  // Alice starts many polls here and closes few: the limit per person is tested below, with its own Rally.
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.emeka, RALLY_MAX_OPEN_POLLS: '100' } });
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

  it('stores the words as typed and escapes them once in the message (Slack sent them escaped)', async () => {
    const { poll, ts } = await createPoll('"Pizza & beer?" "<b>Yes</b>" "Fish & chips" "No, @channel"');
    // Slack sent `Pizza &amp; beer?`, `&lt;b&gt;Yes&lt;/b&gt;` and `<!channel>`.
    expect(poll.question).toBe('Pizza & beer?');
    expect(poll.options).toEqual(['<b>Yes</b>', 'Fish & chips', 'No, @channel']);
    const message = h.standIn.message(CHANNELS.general, ts);
    const blocks = JSON.stringify(message?.blocks ?? []);
    expect(message?.blocks?.[0]).toMatchObject({ type: 'header', text: { text: 'Pizza & beer?' } });
    expect(String(message?.text)).toContain('Poll: Pizza &amp; beer?');
    expect(blocks).toContain('*&lt;b&gt;Yes&lt;/b&gt;*');
    expect(blocks).toContain('*Fish &amp; chips*');
    expect(blocks).toContain('*No, @channel*');
    for (const shown of [blocks, String(message?.text)]) {
      expect(shown).not.toContain('&amp;amp;');
      expect(shown).not.toContain('&amp;lt;');
      expect(shown).not.toContain('<!channel>');
    }
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
    // Each person: a double click on option i % 3 (counted once), then a move to (i + 1) % 3. 300 clicks.
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

  /** Presses an option and returns the private answer Rally sent back through the response_url. */
  const press = async (created: Awaited<ReturnType<typeof createPoll>>, user: string, option: number) => {
    const pressed = await click(created, user, option);
    const id = String(pressed.sent.response_url).split('/').pop();
    return ((await h.standIn.waitForResponse((r) => r.id === id)).body as { text: string }).text;
  };

  it('confirms privately what Rally holds for the voter: a vote, a move, a withdrawal', async () => {
    const created = await createPoll('"Coffee?" "Yes" "No"');
    expect(await press(created, USERS.bob, 0)).toContain('Your vote: *Yes*');
    expect(await press(created, USERS.bob, 1)).toContain('Your vote: *No*');
    await sleep(1_600);
    expect(await press(created, USERS.bob, 1)).toContain('You have no vote in this poll now.');
  });

  it('takes a double click (two presses 100 ms apart) for one press: the vote stays, confirmed the same way', async () => {
    const created = await createPoll('"Double click?" "Yes" "No"', CHANNELS.organizing);
    const first = await press(created, USERS.carla, 0);
    await sleep(100);
    const second = await press(created, USERS.carla, 0);
    expect(first).toContain('Your vote: *Yes*');
    expect(second).toBe(first);
    expect(await h.rally.ctx.polls.tally(created.poll.id, 2)).toEqual({ counts: [1, 0], voters: 1 });
    expect(await h.rally.ctx.polls.selection(created.poll.id, USERS.carla, 2)).toEqual([0]);
  });

  it('takes a second press 2 s after the first as meant: the vote is withdrawn', async () => {
    const created = await createPoll('"Second thoughts?" "Yes" "No"', CHANNELS.organizing);
    expect(await press(created, USERS.deepa, 1)).toContain('Your vote: *No*');
    await sleep(2_000);
    expect(await press(created, USERS.deepa, 1)).toContain('You have no vote in this poll now.');
    expect(await h.rally.ctx.polls.tally(created.poll.id, 2)).toEqual({ counts: [0, 0], voters: 0 });
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
    const queue = h.rally.ctx.queues.queue('poll-reminder');
    // The job that creates the poll schedules the reminder just after posting it.
    await expect
      .poll(() => queue.getJob(jobIds.pollReminder(created.poll.id)), { timeout: 10_000 })
      .toBeDefined();
    const job = await queue.getJob(jobIds.pollReminder(created.poll.id));
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

  it('in an anonymous poll, tells the creator when Slack did not confirm the reminder, which is not posted again', async () => {
    // Started by Emeka: Alice already has as many open polls in this file as one person may.
    const created = await createPoll(
      '"Sick-out Tuesday?" "Yes" "No" anonymous',
      CHANNELS.general,
      USERS.emeka,
    );
    const postsBefore = h.standIn.calls('chat.postMessage').length;
    // The connection breaks before Slack answers: Rally cannot know whether the reminder was posted.
    h.standIn.failWhen('chat.postMessage', (args) => args.thread_ts === created.ts, { kind: 'reset' });
    const answer = await nudge(created, USERS.emeka);
    expect(answer).toContain('Slack did not confirm the reminder in the poll’s thread');
    expect(answer).not.toContain('I posted a reminder');
    const posts = h.standIn.calls('chat.postMessage').slice(postsBefore);
    expect(posts.filter((c) => c.args.thread_ts === created.ts)).toHaveLength(1);
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

describe('limits per person', () => {
  // A Rally of its own with small limits.
  let lh: Harness;
  beforeAll(async () => {
    lh = await startHarness({
      redis: h.redis,
      env: { RALLY_ORGANIZERS: USERS.emeka, RALLY_MAX_OPEN_POLLS: '2', RALLY_MAX_POLL_DAYS: '3' },
    });
  });
  afterAll(async () => {
    await lh.stop();
  });

  const pollPosts = () =>
    lh.standIn.calls('chat.postMessage').filter((c) => String(c.args.text).startsWith('Poll:'));
  const closeEarly = async (created: { ts: string; channel: string; poll: StoredPoll }, user: string) => {
    await lh.slack.action({
      actionId: pollActions.close,
      user,
      channel: created.channel,
      messageTs: created.ts,
    });
    await expect
      .poll(() => lh.rally.ctx.polls.get(created.poll.id).then((p) => p?.closed), { timeout: 10_000 })
      .toBe(true);
  };

  it('a poll given no closing time closes by itself after RALLY_MAX_POLL_DAYS, and says so', async () => {
    const created = await createPoll('"No end given?" "Yes" "No"', CHANNELS.general, USERS.carla, lh);
    const days = (created.poll.closesAt ?? 0) - created.poll.createdAt;
    expect(days).toBeGreaterThan(3 * 86_400_000 - 60_000);
    expect(days).toBeLessThanOrEqual(3 * 86_400_000 + 60_000);
    expect(created.poll.closesByAge).toBe(true);
    const seconds = Math.floor((created.poll.closesAt ?? 0) / 1000);
    const meta = JSON.stringify(lh.standIn.message(CHANNELS.general, created.ts)?.blocks);
    expect(meta).toContain(`Closes automatically on <!date^${seconds}^`);
    expect(meta).toContain('unless closed earlier');
    const job = await lh.rally.ctx.queues.queue('poll-close').getJob(jobIds.pollClose(created.poll.id));
    expect(await job?.getState()).toBe('delayed');
    expect(job?.delay).toBeGreaterThan(3 * 86_400_000 - 60_000);
    // When its time comes, it closes like any other.
    await job?.promote();
    const results = await lh.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === created.ts,
      10_000,
    );
    expect(String(results.args.text)).toContain('Final results');
    await closeEarly(created, USERS.carla);
  });

  it('refuses a poll beyond RALLY_MAX_OPEN_POLLS at once, saying the limit and how to make room; closing one makes room', async () => {
    const first = await createPoll('"Bob one?" "Yes" "No" anonymous', CHANNELS.general, USERS.bob, lh);
    await createPoll('"Bob two?" "Yes" "No" closes in 2 days', CHANNELS.organizing, USERS.bob, lh);
    const posts = pollPosts().length;
    const res = await lh.slack.command('poll "Bob three?" "Yes" "No"', {
      user: USERS.bob,
      channel: CHANNELS.general,
    });
    const body = res.json as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(
      'You have 2 open polls, the most Rally keeps open for one person. Close one with the Close poll button on it, then try again.',
    );
    // The form says it too, on the question, keeping what was typed.
    const form = await lh.slack.viewSubmission({
      user: USERS.bob,
      callbackId: pollViews.create,
      privateMetadata: JSON.stringify({ channel: CHANNELS.general }),
      values: {
        [pollBlocks.question]: { [pollBlocks.question]: plainTextValue('Bob four?') },
        [pollBlocks.options]: { [pollBlocks.options]: plainTextValue('Yes\nNo') },
      },
    });
    expect(form.json).toMatchObject({
      response_action: 'errors',
      errors: { [pollBlocks.question]: expect.stringContaining('You have 2 open polls') },
    });
    await sleep(500);
    expect(pollPosts().length).toBe(posts);
    // Someone else is not held back.
    await createPoll('"Deepa one?" "Yes" "No"', CHANNELS.general, USERS.deepa, lh);
    // Bob closes his anonymous poll, and has room again.
    await closeEarly(first, USERS.bob);
    await createPoll('"Bob three?" "Yes" "No"', CHANNELS.general, USERS.bob, lh);
  });

  it('holds when two polls are requested at once: the job stores one and tells the person about the other', async () => {
    await createPoll('"Emeka one?" "Yes" "No" anonymous', CHANNELS.general, USERS.emeka, lh);
    const posts = pollPosts().length;
    const [a, b] = await Promise.all(
      ['"Emeka two?" "Yes" "No"', '"Emeka three?" "Yes" "No" anonymous'].map((text) =>
        lh.slack.command(`poll ${text}`, { user: USERS.emeka, channel: CHANNELS.general }),
      ),
    );
    // Both pass the first check (one poll open), so both are acknowledged; the jobs count again.
    expect([a?.text, b?.text]).toEqual(['', '']);
    const ids = [a, b].map((res) => String(res?.sent.response_url).split('/').pop());
    const refusal = await lh.standIn.waitForResponse((r) => ids.includes(r.id), 10_000);
    expect((refusal.body as { text: string }).text).toContain('You have 2 open polls');
    await expect.poll(() => pollPosts().length, { timeout: 10_000 }).toBe(posts + 1);
    await sleep(1_000);
    expect(pollPosts().length).toBe(posts + 1);
  });

  it('counts without keeping anything about who started which poll: no code of the person stays in Redis', async () => {
    const holder = lh.rally.ctx.anonymousIds.of('poll-quota', TEAM_ID, USERS.bob);
    const dump = (await dumpRedis(inspector)).join('\n');
    expect(dump).not.toContain(holder);
    // The open polls are a set of poll IDs, nothing more.
    const open = await inspector.smembers(`${lh.rally.ctx.keys.prefix}:polls:open`);
    for (const id of open) expect(id).toMatch(/^[\w-]{12}$/);
  });
});
