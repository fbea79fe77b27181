import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobSchemas } from '../src/queues/contracts.js';
import { letterActions, letterBlocks } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, USERS } from './support/slack/index.js';

let h: Harness;

const mention = (id: string, name: string) => `<#${id}|${name}>`;

interface SummaryBody {
  response_type: string;
  text: string;
  blocks: { type: string; elements?: { action_id: string; value: string }[] }[];
}

/** The organizer's summary: the body Rally posted to the command's response_url. */
async function summaryFor(responseUrl: string): Promise<SummaryBody> {
  const id = responseUrl.split('/').pop();
  const response = await h.standIn.waitForResponse((r) => r.id === id, 15_000);
  return response.body as SummaryBody;
}

const posts = (channel: string) =>
  h.standIn.calls('chat.postMessage').filter((c) => c.args.channel === channel);

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.standIn.reset();
});

describe('/rally post letter', () => {
  it('acks at once, posts through a job, and sends one summary with a result per channel', async () => {
    const res = await h.slack.command(
      `post letter ${mention(CHANNELS.general, 'general')} ${mention(CHANNELS.random, 'random')} ${mention(CHANNELS.archived, 'old-stuff')} ${mention(CHANNELS.secret, 'secret')}`,
      { user: USERS.alice, channel: CHANNELS.organizing },
    );
    expect(res.json).toMatchObject({ response_type: 'ephemeral' });
    expect((res.json as { text: string }).text).toBe(
      `Posting the letter "End Microsoft's contract with ICE" to <#${CHANNELS.general}>, <#${CHANNELS.random}>, <#${CHANNELS.archived}>, <#${CHANNELS.secret}>. I'll tell you here how it went in each channel.`,
    );

    const summary = await summaryFor(res.sent.response_url as string);
    expect(summary.response_type).toBe('ephemeral');
    const lines = summary.text.split('\n');
    expect(lines[0]).toBe('Posting the letter: 2 of 4 channels done.');
    expect(lines[1]).toMatch(
      new RegExp(`^:white_check_mark: <#${CHANNELS.general}>: posted \\(<https://\\S+\\|open>\\)$`),
    );
    expect(lines[2]).toMatch(new RegExp(`^:white_check_mark: <#${CHANNELS.random}>: posted`));
    expect(lines[3]).toBe(`:x: <#${CHANNELS.archived}>: not posted. The channel is archived.`);
    expect(lines[4]).toContain(`:x: <#${CHANNELS.secret}>: not posted. Rally cannot see this channel`);
    expect(lines[4]).toContain('/invite @Rally');

    // Rally joined the public channel it was not in; it posted nothing to the archived or private one.
    expect(h.standIn.calls('conversations.join').map((c) => c.args.channel)).toEqual([CHANNELS.random]);
    expect(posts(CHANNELS.archived)).toEqual([]);
    expect(posts(CHANNELS.secret)).toEqual([]);

    const [letter] = h.standIn.messages(CHANNELS.general);
    const actions = letter?.blocks?.find(
      (b) => (b as { block_id?: string }).block_id === letterBlocks.actions,
    ) as { elements: { action_id: string }[] } | undefined;
    expect(actions?.elements.map((e) => e.action_id)).toEqual([letterActions.sign, letterActions.read]);
    const line = letter?.blocks?.find(
      (b) => (b as { block_id?: string }).block_id === letterBlocks.signatures,
    );
    expect(JSON.stringify(line)).toContain('No signatures yet');
  });

  it('asks before posting to a channel shared with another organization, and posts once confirmed', async () => {
    const res = await h.slack.command(`post letter ${mention(CHANNELS.partners, 'partners')}`);
    const summary = await summaryFor(res.sent.response_url as string);
    expect(summary.text).toContain('shared with another organization');
    expect(posts(CHANNELS.partners)).toEqual([]);
    const button = summary.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    // What and where (the letter, by its ID), never who.
    expect(button?.value).toBe(`letter:${CHANNELS.partners}:campaign`);
    expect(button?.value).not.toMatch(/U0/);

    // The organizer presses "Post anyway" on the summary.
    h.standIn.seedMessage({
      channel: CHANNELS.organizing,
      user: h.standIn.botUserId,
      text: summary.text,
      blocks: summary.blocks,
    });
    const seeded = h.standIn.messages(CHANNELS.organizing).at(-1);
    const click = await h.slack.action({
      actionId: button?.action_id ?? '',
      user: USERS.alice,
      channel: CHANNELS.organizing,
      messageTs: seeded?.ts ?? '',
    });
    expect(click.status).toBe(200);
    await h.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === CHANNELS.partners, 10_000);
    const confirmed = await summaryFor(click.sent.response_url as string);
    expect(confirmed.text).toContain('1 of 1 channel done');
  });

  it('posts to the channels picked with #, and never to one whose mention was typed out by hand', async () => {
    const res = await h.slack.command('post letter #general #core-team', { user: USERS.alice });
    expect(res.sent.text).toBe(
      `post letter <#${CHANNELS.general}|general> <#${CHANNELS.coreTeam}|core-team>`,
    );
    await summaryFor(res.sent.response_url as string);
    expect(posts(CHANNELS.general)).toHaveLength(1);
    expect(posts(CHANNELS.coreTeam)).toHaveLength(1);
    expect(posts(CHANNELS.organizing)).toHaveLength(0);

    // Typed as text, Slack escapes it: it is not a channel Slack recognised.
    const typed = await h.slack.command(`post letter &lt;#${CHANNELS.random}|random&gt;`, { raw: true });
    expect((typed.json as { text: string }).text).toContain(
      `I can't find a channel called "&lt;#${CHANNELS.random}|random&gt;".`,
    );
    expect(posts(CHANNELS.random)).toHaveLength(0);
  });

  it('asks Slack about each channel once, even when its post is rate limited and tried again', async () => {
    // Both first posts get a 429: each channel's job is parked for a second and starts again.
    h.standIn.failNext('chat.postMessage', { kind: 'rate_limited', retryAfter: 1 }, 2);
    const res = await h.slack.command(
      `post letter ${mention(CHANNELS.general, 'general')} ${mention(CHANNELS.coreTeam, 'core-team')}`,
    );
    const summary = await summaryFor(res.sent.response_url as string);
    expect(summary.text.split('\n')[0]).toBe('Posting the letter: 2 of 2 channels done.');
    expect(h.standIn.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(2);
    expect(posts(CHANNELS.general).filter((c) => c.status === 200)).toHaveLength(1);
    expect(posts(CHANNELS.coreTeam).filter((c) => c.status === 200)).toHaveLength(1);
    // conversations.info is Tier 3 (about 50 a minute): asked again on every start, it runs out.
    const asked = h.standIn.calls('conversations.info').map((c) => c.args.channel);
    expect(asked.sort()).toEqual([CHANNELS.general, CHANNELS.coreTeam].sort());
  });

  it('defaults to the channel the command was typed in', async () => {
    const res = await h.slack.command('post letter', { channel: CHANNELS.coreTeam });
    await summaryFor(res.sent.response_url as string);
    expect(posts(CHANNELS.coreTeam)).toHaveLength(1);
  });
});

describe('/rally post article', () => {
  it('posts the article with a link button and opens the discussion in its thread', async () => {
    const res = await h.slack.command(`post article ${mention(CHANNELS.general, 'general')}`);
    await summaryFor(res.sent.response_url as string);
    const [article, reply] = posts(CHANNELS.general);
    expect(JSON.stringify(article?.args.blocks)).toContain('"type":"header"');
    expect(reply?.args.thread_ts).toBeDefined();
    expect(String(reply?.args.text)).toContain('What do you think? Reply in this thread.');
  });

  it('a job that failed after posting retries without posting again', async () => {
    // The thread reply fails once with a 500: BullMQ retries the whole job.
    h.standIn.failWhen('chat.postMessage', (args) => args.thread_ts !== undefined, {
      kind: 'http',
      status: 500,
    });
    const res = await h.slack.command(`post article ${mention(CHANNELS.organizing, 'organizing')}`);
    await summaryFor(res.sent.response_url as string);
    const calls = posts(CHANNELS.organizing);
    expect(calls.filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
    expect(calls.filter((c) => c.args.thread_ts !== undefined).map((c) => c.status)).toEqual([500, 200]);
    expect(
      h.standIn.responses().filter((r) => r.id === String(res.sent.response_url).split('/').pop()),
    ).toHaveLength(1);
  });

  it('the same job run again after a crash posts nothing twice and sends no second summary', async () => {
    const res = await h.slack.command(`post letter ${mention(CHANNELS.general, 'general')}`);
    await summaryFor(res.sent.response_url as string);
    const [job] = await h.rally.ctx.queues.queue('campaign-post').getJobs(['completed']);
    const data = jobSchemas['campaign-post'].parse(job?.data);
    const before = h.standIn.calls().length;
    // What BullMQ does with a job whose worker died: the same data is processed again.
    const queue = h.rally.ctx.queues.queue('campaign-post');
    const again = await queue.add('campaign-post', data, { jobId: `${data.postId}-again` });
    await expect.poll(() => queue.getJobState(again.id ?? ''), { timeout: 10_000 }).toBe('completed');
    const repeated = h.standIn
      .calls()
      .slice(before)
      .map((c) => c.method);
    expect(repeated.filter((m) => m === 'chat.postMessage')).toEqual([]);
    expect(h.standIn.responses()).toHaveLength(1);
  });
});

describe('bad post commands', () => {
  const cases = [
    ['post poem', 'I can post the `article` or the `letter`, not "poem".'],
    ['post', 'Say what to post: `article` or `letter`.'],
    ['post letter #nonexistent', `I can't find a channel called "#nonexistent".`],
  ] as const;

  for (const [text, problem] of cases) {
    it(`"/rally ${text}" gets a private answer with the right form, and nothing is posted or queued`, async () => {
      const waiting = await h.rally.ctx.queues
        .queue('campaign-post')
        .getJobCountByTypes('wait', 'delayed', 'active');
      const res = await h.slack.command(text);
      const body = res.json as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain(problem);
      expect(body.text).toContain('The right form is: `/rally post article|letter [name] [#channel ...]`');
      expect(
        await h.rally.ctx.queues.queue('campaign-post').getJobCountByTypes('wait', 'delayed', 'active'),
      ).toBe(waiting);
      expect(h.standIn.calls('chat.postMessage')).toEqual([]);
    });
  }
});
