import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleActions } from '../src/slack/ids.js';
import { type Harness, startHarness, testEnv } from './support/rally.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { CHANNELS, USERS } from './support/slack/index.js';
import { type RallyChild, spawnRally } from './support/spawn-rally.js';

let redis: TestRedis;
let h: Harness;

const mention = (id: string, name: string) => `<#${id}|${name}>`;

/** Messages Rally posted that carry `text`, by channel. */
const posted = (text: string) =>
  h.standIn.calls('chat.postMessage').filter((c) => c.status === 200 && String(c.args.text).includes(text));

/** Sets a reminder and waits for its private confirmation; returns the confirmation's text. */
async function remind(text: string, user: string = USERS.alice): Promise<string> {
  const res = await h.slack.command(`remind ${text}`, { user, channel: CHANNELS.organizing });
  expect(res.status).toBe(200);
  if (res.text) return (res.json as { text: string }).text;
  const id = String(res.sent.response_url).split('/').pop();
  const answer = await h.standIn.waitForResponse((r) => r.id === id, 10_000);
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
      expect(weekly).toBe(
        `I'll remind <#${CHANNELS.organizing}> every Monday at 09:00 (America/Los_Angeles).`,
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
