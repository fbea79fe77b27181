import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleActions } from '../src/slack/ids.js';
import { type Harness, startHarness, testEnv } from './support/rally.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { CHANNELS, dmChannelId, USERS } from './support/slack/index.js';
import { type RallyChild, spawnRally } from './support/spawn-rally.js';
import { until } from './support/until.js';

let redis: TestRedis;
let h: Harness;

const mention = (id: string, name: string) => `<#${id}|${name}>`;

/** Messages Rally posted that carry `text`, by channel. */
const posted = (text: string) =>
  h.standIn.calls('chat.postMessage').filter((c) => c.status === 200 && String(c.args.text).includes(text));

/** Sets a reminder and waits for its private confirmation; returns the confirmation's text. */
async function remind(text: string, user: string = USERS.alice, on: Harness = h): Promise<string> {
  const res = await on.slack.command(`remind ${text}`, { user, channel: CHANNELS.organizing });
  expect(res.status).toBe(200);
  if (res.text) return (res.json as { text: string }).text;
  const id = String(res.sent.response_url).split('/').pop();
  const answer = await on.standIn.waitForResponse((r) => r.id === id, 10_000);
  return (answer.body as { text: string }).text;
}

/** The texts of the reminders Redis holds now. */
const storedTexts = async () =>
  Promise.all(
    (await h.rally.ctx.redis.keys('{rally}:reminder:*')).map((k) => h.rally.ctx.redis.hget(k, 'text')),
  );

async function workerProcess(): Promise<RallyChild> {
  const child = spawnRally({ ...testEnv(h.standIn, redis.url, { role: 'worker' }) });
  await child.waitForLog('rally started');
  return child;
}

beforeAll(async () => {
  // Private, and Rally's default key namespace: worker processes started here share it.
  redis = await startRedis({ private: true });
  h = await startHarness({ redis, role: 'web', namespace: 'rally' });
});

afterAll(async () => {
  await h.stop();
  await redis.stop();
});

describe('/rally remind', () => {
  it('confirms the exact time in the zone of the person asking', async () => {
    // Alice's Slack profile says America/Los_Angeles.
    const workers = await workerProcess();
    try {
      const text = await remind('me "Call the union rep" tomorrow at 9am');
      expect(text).toMatch(/^I'll remind you on \w{3} \d{1,2} \w{3}, 09:00 \(America\/Los_Angeles\)\.$/);
      const weekly = await remind(
        `${mention(CHANNELS.organizing, 'organizing')} "Weekly check-in" every monday at 9am`,
      );
      // A series without an end stops after RALLY_MAX_REMINDER_REPEATS (52 by default), and says so.
      expect(weekly).toMatch(
        new RegExp(
          `^I'll remind <#${CHANNELS.organizing}> every Monday at 09:00 \\(America/Los_Angeles\\); it stops after 52 times \\(the last on Mon \\d{1,2} \\w{3}(?: \\d{4})?, 09:00 \\(America/Los_Angeles\\)\\) — set it again to continue\\.$`,
        ),
      );
    } finally {
      workers.child.kill('SIGTERM');
      await workers.exited;
    }
  });

  it('answers a malformed command privately with the right form, storing nothing', async () => {
    for (const [text, problem] of [
      ['someone "x" tomorrow', 'Start with `me` or a #channel.'],
      ['me Sign the letter tomorrow', 'Put what to remind about in quotes'],
      ['me "Sign the letter"', 'Say when'],
    ] as const) {
      const res = await h.slack.command(`remind ${text}`);
      const body = res.json as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain(problem);
      expect(body.text).toContain('/rally remind me|#channel "What" &lt;when&gt;');
    }
  });
});

describe('firing', () => {
  it('a reminder due in 2 s fires once with two worker processes running, and its text is then deleted', async () => {
    const [a, b] = await Promise.all([workerProcess(), workerProcess()]);
    try {
      const confirmation = await remind('me "Sign the letter (two workers)" in 2 seconds');
      expect(confirmation).toContain("I'll remind you");
      expect(await storedTexts()).toContain('Sign the letter (two workers)');
      await expect.poll(() => posted('Sign the letter (two workers)').length, { timeout: 10_000 }).toBe(1);
      await sleep(1_500);
      expect(posted('Sign the letter (two workers)')).toHaveLength(1);
      expect(posted('Sign the letter (two workers)')[0]?.args.channel).toBe(USERS.alice);
      expect(await storedTexts()).not.toContain('Sign the letter (two workers)');
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });

  it('still fires when the only worker was killed with SIGKILL before it was due and a new one started', async () => {
    const first = await workerProcess();
    await remind(`${mention(CHANNELS.general, 'general')} "Walkout at noon (after a crash)" in 3 seconds`);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await workerProcess();
    try {
      await expect.poll(() => posted('Walkout at noon (after a crash)').length, { timeout: 15_000 }).toBe(1);
      await sleep(1_000);
      expect(posted('Walkout at noon (after a crash)')).toHaveLength(1);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('posts what was typed, escaped once, and pings nobody named in it', async () => {
    const workers = await workerProcess();
    try {
      const res = await h.slack.command(
        'remind #general "Heads up @channel: @bob brings the banner & <b>flyers</b>" in 2 seconds',
        { user: USERS.alice, channel: CHANNELS.organizing },
      );
      // What Slack sent: the mentions as its tokens, the rest escaped.
      expect(res.sent.text).toBe(
        `remind <#${CHANNELS.general}|general> "Heads up <!channel>: <@${USERS.bob}|bob> brings the banner &amp; &lt;b&gt;flyers&lt;/b&gt;" in 2 seconds`,
      );
      const id = String(res.sent.response_url).split('/').pop();
      await h.standIn.waitForResponse((r) => r.id === id, 10_000);
      expect(await storedTexts()).toContain('Heads up @channel: @bob brings the banner & <b>flyers</b>');
      await expect.poll(() => posted('Heads up').length, { timeout: 10_000 }).toBe(1);
      const [post] = posted('Heads up');
      expect(post?.args.channel).toBe(CHANNELS.general);
      expect(post?.args.text).toBe(
        `:alarm_clock: Reminder from <@${USERS.alice}>: Heads up @channel: @bob brings the banner &amp; &lt;b&gt;flyers&lt;/b&gt;`,
      );
      // The only mention left is Rally's own credit to whoever set the reminder.
      expect(JSON.stringify(post?.args)).not.toMatch(/<!|<@(?!U0ALICE01>)/);
    } finally {
      workers.child.kill('SIGTERM');
      await workers.exited;
    }
  });

  it('a cancelled reminder never fires', async () => {
    const workers = await workerProcess();
    try {
      await remind('me "Never say this" in 3 seconds');
      const list = await h.slack.command('reminders', { user: USERS.alice, channel: CHANNELS.organizing });
      const body = list.json as {
        blocks: { text?: { text: string }; accessory?: { action_id: string; value: string } }[];
      };
      const entry = body.blocks.find((b) => b.text?.text.includes('Never say this'));
      expect(entry?.accessory?.action_id).toBe(scheduleActions.cancelReminder);
      h.standIn.seedMessage({
        channel: CHANNELS.organizing,
        user: h.standIn.botUserId,
        text: 'list',
        blocks: body.blocks,
      });
      const click = await h.slack.action({
        actionId: scheduleActions.cancelReminder,
        user: USERS.alice,
        channel: CHANNELS.organizing,
        messageTs: h.standIn.messages(CHANNELS.organizing).at(-1)?.ts ?? '',
      });
      const answer = await h.standIn.waitForResponse(
        (r) => r.id === String(click.sent.response_url).split('/').pop(),
      );
      expect((answer.body as { text: string }).text).toBe('Reminder cancelled: it will not be posted.');
      await sleep(4_000);
      expect(posted('Never say this')).toEqual([]);
    } finally {
      workers.child.kill('SIGTERM');
      await workers.exited;
    }
  });

  it('a 429 on the first post delays that reminder by Retry-After and holds up no other channel', async () => {
    const workers = await workerProcess();
    try {
      h.standIn.failWhen(
        'chat.postMessage',
        (args) => args.channel === CHANNELS.general && String(args.text).includes('Rate limited one'),
        { kind: 'rate_limited', retryAfter: 2 },
      );
      await remind(`${mention(CHANNELS.general, 'general')} "Rate limited one" in 2 seconds`);
      await remind(`${mention(CHANNELS.organizing, 'organizing')} "Other channel" in 2 seconds`);
      await expect.poll(() => posted('Rate limited one').length, { timeout: 15_000 }).toBe(1);
      const limited = h.standIn
        .calls('chat.postMessage')
        .filter((c) => String(c.args.text).includes('Rate limited one'));
      expect(limited.map((c) => c.status)).toEqual([429, 200]);
      expect((limited[1]?.at ?? 0) - (limited[0]?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
      const other = posted('Other channel')[0];
      expect(other).toBeDefined();
      expect(other?.at ?? Number.POSITIVE_INFINITY).toBeLessThan(limited[1]?.at ?? 0);
    } finally {
      workers.child.kill('SIGTERM');
      await workers.exited;
    }
  });
});

describe('a reminder Slack refuses for good', () => {
  it('is removed, and the person who set it is told privately which one and why', async () => {
    const workers = await workerProcess();
    try {
      // The channel was archived after the reminder was set.
      h.standIn.failWhen(
        'chat.postMessage',
        (args) => args.channel === CHANNELS.general && String(args.text).includes('Archived meanwhile'),
        { kind: 'error', error: 'is_archived' },
      );
      await remind(`${mention(CHANNELS.general, 'general')} "Archived meanwhile" in 2 seconds`);
      const told = await until(
        'the notice to Alice',
        () =>
          h.standIn.messages(dmChannelId(USERS.alice)).find((m) => m.text?.includes('could not be posted')),
        15_000,
      );
      expect(told.text).toBe(
        `:warning: Your reminder "Archived meanwhile" could not be posted in <#${CHANNELS.general}>: The channel is archived. It is removed: set it again with \`/rally remind\` once that is fixed.`,
      );
      expect(
        h.standIn.messages(CHANNELS.general).filter((m) => m.text?.includes('Archived meanwhile')),
      ).toEqual([]);
      await until(
        'its text to be deleted',
        async () => !(await storedTexts()).includes('Archived meanwhile'),
      );
    } finally {
      workers.child.kill('SIGTERM');
      await workers.exited;
    }
  });
});

describe('limits per person', () => {
  // A Rally of its own with small limits (its workers in-process), on the same Redis.
  let lh: Harness;
  const limits = { RALLY_MAX_OPEN_REMINDERS: '3', RALLY_MAX_REMINDER_REPEATS: '3' };

  beforeAll(async () => {
    lh = await startHarness({ redis, env: limits });
  });
  afterAll(async () => {
    await lh.stop();
  });

  /** The texts of the reminders `user` has waiting. */
  const waiting = async (user: string) =>
    (await lh.rally.ctx.reminders.listFor(user, '')).filter((r) => r.creator === user).map((r) => r.text);

  /** The answer to `/rally remind ...` when Rally refuses it at once. */
  const refusedAtOnce = async (text: string, user: string) => {
    const res = await lh.slack.command(`remind ${text}`, { user, channel: CHANNELS.organizing });
    const body = res.json as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    return body.text;
  };

  it('refuses a reminder beyond RALLY_MAX_OPEN_REMINDERS at once, saying the limit and how to make room; a cancel makes room', async () => {
    for (const n of [1, 2, 3]) {
      expect(await remind(`me "Waiting ${n}" in 2 hours`, USERS.bob, lh)).toContain("I'll remind you on");
    }
    expect(await refusedAtOnce('me "One too many" in 2 hours', USERS.bob)).toContain(
      'You have 3 reminders waiting, the most Rally keeps for one person. Cancel one with `/rally reminders`, then try again.',
    );
    expect(await waiting(USERS.bob)).not.toContain('One too many');
    // Someone else is not held back by Bob's reminders.
    expect(await remind('me "Carla has room" in 2 hours', USERS.carla, lh)).toContain("I'll remind you on");

    // Bob cancels one from /rally reminders, and there is room again.
    const list = await lh.slack.command('reminders', { user: USERS.bob, channel: CHANNELS.organizing });
    const blocks = (
      list.json as { blocks: { text?: { text: string }; accessory?: { action_id: string; value: string } }[] }
    ).blocks;
    const listed = lh.standIn.seedMessage({
      channel: CHANNELS.organizing,
      user: lh.standIn.botUserId,
      text: 'list',
      blocks,
    });
    const entry = blocks.find((b) => b.text?.text.includes('Waiting 1'));
    expect(entry?.accessory?.action_id).toBe(scheduleActions.cancelReminder);
    const cancel = await lh.slack.action({
      actionId: scheduleActions.cancelReminder,
      user: USERS.bob,
      channel: CHANNELS.organizing,
      messageTs: listed.ts,
      value: entry?.accessory?.value ?? '',
    });
    await lh.standIn.waitForResponse((r) => r.id === String(cancel.sent.response_url).split('/').pop());
    expect(await waiting(USERS.bob)).not.toContain('Waiting 1');
    expect(await remind('me "Now it fits" in 2 hours', USERS.bob, lh)).toContain("I'll remind you on");
    expect((await waiting(USERS.bob)).sort()).toEqual(['Now it fits', 'Waiting 2', 'Waiting 3']);
  });

  it('holds when one person sends several commands at once: exactly the limit is stored', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        lh.slack.command(`remind me "Burst ${n}" in 3 hours`, {
          user: USERS.deepa,
          channel: CHANNELS.general,
        }),
      ),
    );
    const refused = answers.filter((res) => res.text.includes('reminders waiting'));
    expect(refused).toHaveLength(2);
    expect(await waiting(USERS.deepa)).toHaveLength(3);
  });

  it('sets a reminder for a channel only for its members, and says privately why not', async () => {
    // Emeka is not in #organizing.
    const notMember = await remind(
      `${mention(CHANNELS.organizing, 'organizing')} "Not my channel" in 2 hours`,
      USERS.emeka,
      lh,
    );
    expect(notMember).toContain(
      `You can only set reminders in channels you are a member of, and you are not in <#${CHANNELS.organizing}>`,
    );
    // #secret is private and Rally is not in it: nobody's membership can be checked there.
    const hidden = await remind(`${mention(CHANNELS.secret, 'secret')} "Hidden" in 2 hours`, USERS.carla, lh);
    expect(hidden).toContain(`I could not check that you are in <#${CHANNELS.secret}>`);
    expect(hidden).toContain('private and Rally is not in it');
    // #core-team is private, Rally is in it, Carla is not; Bob is.
    const core = mention(CHANNELS.coreTeam, 'core-team');
    expect(await remind(`${core} "Core, not Carla" in 2 hours`, USERS.carla, lh)).toContain('you are not in');
    expect(await remind(`${core} "Core, Bob" every day at 9am 2 times`, USERS.alice, lh)).toContain(
      `I'll remind <#${CHANNELS.coreTeam}> every day at 09:00`,
    );
    expect(await waiting(USERS.emeka)).toEqual([]);
    expect(await waiting(USERS.carla)).toEqual(['Carla has room']);
  });

  it('ends a series after the times asked for, on the date asked for, or after RALLY_MAX_REMINDER_REPEATS, and says which', async () => {
    const last = String.raw`the last on \w{3} \d{1,2} \w{3}(?: \d{4})?, 09:00 \(UTC\)`;
    expect(await remind('me "Twice" every day at 9am 2 times', USERS.emeka, lh)).toMatch(
      new RegExp(String.raw`^I'll remind you every day at 09:00 \(UTC\), 2 times: ${last}\.$`),
    );
    expect(await remind('me "Forever" every monday at 9am', USERS.emeka, lh)).toMatch(
      new RegExp(
        String.raw`^I'll remind you every Monday at 09:00 \(UTC\); it stops after 3 times \(${last.replace('\\w{3} ', 'Mon ')}\) — set it again to continue\.$`,
      ),
    );
    // Tomorrow's date (in Emeka's zone, UTC) as words: the series runs through the end of that day.
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-US', {
      timeZone: 'UTC',
      month: 'long',
      day: 'numeric',
    });
    const until = await remind(`me "Until tomorrow" every day at 9am until ${tomorrow}`, USERS.emeka, lh);
    expect(until).toMatch(
      new RegExp(String.raw`^I'll remind you every day at 09:00 \(UTC\), (?:once|2 times): ${last}\.$`),
    );
    const [, day] = /the last on \w{3} (\d{1,2}) /.exec(until) ?? [];
    expect(day).toBe(tomorrow.split(' ')[1]);
    const stored = (await lh.rally.ctx.reminders.listFor(USERS.emeka, '')).map((r) => [r.text, r.maxRuns]);
    expect(stored.sort()).toEqual([
      ['Forever', 3],
      ['Twice', 2],
      ['Until tomorrow', /2 times/.test(until) ? 2 : 1],
    ]);
  });

  it('refuses an end that leaves no run, or cannot be read, storing nothing', async () => {
    expect(await remind('me "Never" every day at 9am until yesterday', USERS.alice, lh)).toContain(
      'has already passed',
    );
    expect(await remind('me "Zero" every day at 9am 0 times', USERS.alice, lh)).toContain('at least once');
    expect(await waiting(USERS.alice)).not.toContain('Never');
    expect(await waiting(USERS.alice)).not.toContain('Zero');
  });

  it('a series posts its runs, says on the last that it was the last, then stops and deletes its text', async () => {
    await remind('me "Stand-up (series of 2)" every hour 2 times', USERS.alice, lh);
    const queue = lh.rally.ctx.queues.queue('reminder-fire');
    const reminder = (await lh.rally.ctx.reminders.listFor(USERS.alice, '')).find(
      (r) => r.text === 'Stand-up (series of 2)',
    );
    expect(reminder?.maxRuns).toBe(2);
    const runNow = async (expected: number) => {
      const [next] = (await queue.getDelayed()).filter((j) => j.data.reminderId === reminder?.id);
      await next?.promote();
      await expect
        .poll(
          () =>
            lh.standIn
              .calls('chat.postMessage')
              .filter((c) => String(c.args.text).includes('Stand-up (series of 2)')).length,
          { timeout: 10_000 },
        )
        .toBe(expected);
    };
    await runNow(1);
    await runNow(2);
    const posts = lh.standIn
      .calls('chat.postMessage')
      .filter((c) => String(c.args.text).includes('Stand-up (series of 2)'))
      .map((c) => String(c.args.text));
    expect(posts[0]).not.toContain('last time');
    expect(posts[1]).toContain('This was the last time (it was set to go off 2 times)');
    await expect.poll(() => lh.rally.ctx.reminders.get(reminder?.id ?? '')).toBeUndefined();
    await expect
      .poll(async () =>
        (await queue.getJobSchedulers()).map((s) => s.key).filter((k) => k?.includes(reminder?.id ?? '-')),
      )
      .toEqual([]);
  });
});
