import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { donationCountsLine } from '../src/donations/blocks/donation-prompt.js';
import { homeDedupId, homePersonHash } from '../src/home/publish-home.js';
import { signatureLine } from '../src/letters/blocks/letter-message.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId } from '../src/letters/model.js';
import type { StoredPoll } from '../src/polls/model.js';
import { creatorId, legacyCreatorId } from '../src/polls/voter.js';
import {
  donationActions,
  donationBlocks,
  donationLinkActionId,
  donationViews,
  letterBlocks,
  pollActions,
  pollVoteActionId,
  signViews,
} from '../src/slack/ids.js';
import { createPollByCommand, type PostedPoll } from './support/polls.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import {
  addCoworkers,
  CHANNELS,
  PARTNER_TEAM_ID,
  selectedOptionValue,
  TEAM_ID,
  USERS,
} from './support/slack/index.js';

/*
 * End-to-end proofs of the fixes for the privacy audit's findings 4, 5, 8, 10 and 11: signed HTTP requests
 * against the real app, real workers, the real Redis they write to. Finding 7 is proved in
 * privacy-digest.test.ts, finding 13 in unit/csv-field.test.ts; use-cases/ has the use-case-level tests.
 */

let h: Harness;
let inspector: Redis;

const mention = (id: string, name: string) => `<#${id}|${name}>`;
const prefix = () => h.rally.ctx.keys.prefix;

/** Coworkers this file adds to the stand-in's workspace, so that Slack knows them as it knows everyone. */
const people = {
  anonymousCreator: 'U0ANONCRE1',
  homeOpener: 'U0HOMEOPN1',
  forgetter: 'U0FORGETR1',
  voters: Array.from({ length: 6 }, (_, i) => `U0STRMV00${i}`),
  signers: Array.from({ length: 6 }, (_, i) => `U0STRMS00${i}`),
  pledgers: Array.from({ length: 6 }, (_, i) => `U0STRMP00${i}`),
  clickers: Array.from({ length: 6 }, (_, i) => `U0STRMC00${i}`),
  homeCrowd: Array.from({ length: 80 }, (_, i) => `U0CROWD${String(i).padStart(3, '0')}`),
};

/** Posts a poll with `/rally poll ...` and returns it once its message and record are there. */
const createPoll = (text: string, channel: string, user: string) =>
  createPollByCommand(h, text, channel, user);

type Created = PostedPoll;

const click = (created: Created, user: string, option: number) =>
  h.slack.action({
    actionId: pollVoteActionId(option),
    user,
    channel: created.channel,
    messageTs: created.ts,
  });

/** The text of the private answer Rally sent to a request's response_url. */
async function answerTo(request: { sent: Record<string, unknown> }): Promise<string> {
  const id = String(request.sent.response_url).split('/').pop();
  const answer = await h.standIn.waitForResponse((r) => r.id === id, 15_000);
  return (answer.body as { text: string }).text;
}

/** Presses a poll's **Close poll** or **Remind people who haven't voted** button. */
const manage = (created: Created, action: 'close' | 'nudge', user: string) =>
  h.slack.action({
    actionId: pollActions[action],
    user,
    channel: created.channel,
    messageTs: created.ts,
  });

/** Closes a poll from its message and waits for the final results in its thread. */
async function closePoll(created: Created, user: string): Promise<string> {
  await manage(created, 'close', user);
  const results = await h.standIn.waitForCall(
    'chat.postMessage',
    (c) =>
      c.args.thread_ts === created.ts && c.status === 200 && String(c.args.text).includes('Final results'),
    15_000,
  );
  return String(results.args.text);
}

/**
 * Watches every command Redis runs (MONITOR, on a plain socket) and collects the arguments that start with
 * `keyPrefix`. `seen(marker)` resolves once a command naming `marker` went by: everything before it did too.
 */
async function watchKeys(url: string, keyPrefix: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.setEncoding('utf8');
  // A test that fails before `close` leaves it open until its Redis stops: nothing to report then.
  socket.on('error', () => undefined);
  const names = new Set<string>();
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let rest = '';
  socket.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\r\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const [, arg] of line.matchAll(/"((?:[^"\\]|\\.)*)"/g))
        if (arg?.startsWith(keyPrefix)) names.add(arg);
      for (const listener of listeners) listener(line);
    }
  });
  const seen = (text: string) =>
    new Promise<void>((resolve) => {
      if (lines.some((line) => line.includes(text))) return resolve();
      listeners.add((line) => line.includes(text) && resolve());
    });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('MONITOR\r\n');
  await seen('+OK');
  return { names, seen, close: () => socket.destroy() };
}

/** Every stream Redis holds (BullMQ's queue event streams), entries and all, as text. */
async function allStreams(): Promise<string> {
  const texts: string[] = [];
  for (const key of await inspector.keys('*')) {
    if ((await inspector.type(key)) === 'stream') {
      texts.push(key, JSON.stringify(await inspector.xrange(key, '-', '+')));
    }
  }
  return texts.join('\n');
}

/** Redis's own clock in milliseconds: the time in the IDs of stream entries it adds from now on. */
async function redisNow(): Promise<number> {
  const [seconds, micros] = await inspector.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/** The events a queue's stream holds from `since` (ms) on, each as its fields. */
async function eventsSince(queue: string, since: number): Promise<Record<string, string>[]> {
  const entries = await inspector.xrange(`${prefix()}:${queue}:events`, String(since), '+');
  return entries.map(([, fields]) => {
    const event: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) event[fields[i] ?? ''] = fields[i + 1] ?? '';
    return event;
  });
}

/** Waits until the message-refresh queue has nothing left to run. */
async function refreshesSettled(): Promise<void> {
  const queue = h.rally.ctx.queues.queue('message-refresh');
  await expect
    .poll(async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).reduce((sum, n) => sum + n, 0);
    })
    .toBe(0);
}

/** The donation prompt posted most recently in `channel`, and its prompt ID (its I gave button's value). */
function promptIn(channel: string): { ts: string; promptId: string } {
  type Element = { action_id?: string; value?: string };
  const gave = (blocks: unknown[] | undefined) =>
    (blocks as { elements?: Element[] }[] | undefined)
      ?.flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === donationActions.gave);
  const message = [...h.standIn.messages(channel)].reverse().find((m) => gave(m.blocks));
  return { ts: message?.ts ?? '', promptId: gave(message?.blocks)?.value ?? '' };
}

/** Posts a donation prompt to `channel` (as Alice, who organizes) and returns it once Rally recorded it. */
async function postPrompt(channel: string, name: string) {
  const res = await h.slack.command(`donate ${mention(channel, name)}`, { user: USERS.alice });
  const summary = await h.standIn.waitForResponse(
    (r) => r.id === String(res.sent.response_url).split('/').pop(),
    15_000,
  );
  const body = summary.body as {
    text: string;
    blocks: { type: string; elements?: { action_id: string }[] }[];
  };
  if (body.text.includes('shared with another organization')) {
    // Alice presses "Post anyway" on the summary, as for any channel shared with another organization.
    h.standIn.seedMessage({
      channel: CHANNELS.organizing,
      user: h.standIn.botUserId,
      text: body.text,
      blocks: body.blocks,
    });
    const seeded = h.standIn.messages(CHANNELS.organizing).at(-1);
    const button = body.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    await h.slack.action({
      actionId: button?.action_id ?? '',
      user: USERS.alice,
      channel: CHANNELS.organizing,
      messageTs: seeded?.ts ?? '',
    });
  }
  await expect.poll(() => promptIn(channel).promptId, { timeout: 15_000 }).not.toBe('');
  const prompt = promptIn(channel);
  await expect.poll(() => h.rally.ctx.donations.message(prompt.promptId)).toBeTruthy();
  return prompt;
}

const countsShown = (channel: string, ts: string) =>
  (
    h.standIn
      .message(channel, ts)
      ?.blocks?.find((b) => (b as { block_id?: string }).block_id === donationBlocks.counts) as
      | { elements: { text: string }[] }
      | undefined
  )?.elements[0]?.text;

const signatureLineShown = (channel: string, ts: string) =>
  (
    h.standIn
      .message(channel, ts)
      ?.blocks?.find((b) => (b as { block_id?: string }).block_id === letterBlocks.signatures) as
      | { elements: { text: string }[] }
      | undefined
  )?.elements
    .map((e) => e.text)
    .join('');

const signAnonymously = (user: string) =>
  h.slack.viewSubmission({
    user,
    callbackId: signViews.sign,
    privateMetadata: campaignLetterId,
    values: {
      [signFormFields.mode]: {
        [signFormFields.mode]: selectedOptionValue('anonymous', 'anonymous', 'radio_buttons'),
      },
    },
  });

const pledge = (user: string, promptId: string) =>
  h.slack.viewSubmission({ user, callbackId: donationViews.pledge, privateMetadata: promptId, values: {} });

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.alice } });
  inspector = new Redis(h.redis.url);
  addCoworkers(h.standIn.workspace, [
    { id: people.anonymousCreator, realName: 'Ana Nonymous' },
    { id: people.homeOpener, realName: 'Hoda Home' },
    { id: people.forgetter, realName: 'Fern Forget' },
    ...[...people.voters, ...people.signers, ...people.pledgers, ...people.clickers].map((id) => ({
      id,
      realName: `Coworker ${id}`,
    })),
    ...people.homeCrowd.map((id) => ({ id, realName: `Crowd ${id}` })),
  ]);
});

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

describe('finding 4: the creator of an anonymous poll', () => {
  it('is named in no job record once the creating and nudging jobs of the poll end', async () => {
    const creator = people.anonymousCreator;
    const created = await createPoll('"Walk out on Friday?" "Yes" "No" anonymous', CHANNELS.general, creator);
    // The creator asks for a reminder: its job also names them.
    const nudged = await manage(created, 'nudge', creator);
    expect(await answerTo(nudged)).toContain('I posted a reminder in the poll’s thread');

    const queues = ['poll-create', 'poll-nudge'] as const;
    const recordsNamingCreator = async () => {
      const found: string[] = [];
      for (const name of queues) {
        const jobs = await h.rally.ctx.queues
          .queue(name)
          .getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized']);
        for (const job of jobs)
          if (JSON.stringify(job.data).includes(creator)) found.push(`${name}/${job.id}`);
      }
      return found;
    };
    await expect.poll(recordsNamingCreator).toEqual([]);
    // Nor anywhere else in Redis: the queues' other keys (lists, event streams) and Rally's own records.
    expect((await dumpRedis(inspector)).join('\n')).not.toContain(creator);
  });

  it('is stored under the poll’s random key: after closing nobody can recompute it, old scheme or new', async () => {
    const creator = people.anonymousCreator;
    const created = await createPoll('"Sign the petition?" "Yes" "No" anonymous', CHANNELS.general, creator);
    const { anonymousIds } = h.rally.ctx;
    const poll = created.poll;
    const key = await h.rally.ctx.polls.anonymityKey(poll.id);
    expect(key).toBeTruthy();
    expect(poll.creator).not.toBe('');
    expect(poll.creator).not.toContain(creator);
    // While the poll is open its key recognizes the creator, so they keep the Close button ...
    expect(creatorId(anonymousIds, poll, creator, key)).toBe(poll.creator);
    // ... and the hash is not the one of the old scheme, which needed nothing but the secret and the poll ID.
    const oldScheme = anonymousIds.of('poll-creator', TEAM_ID, creator, poll.id);
    expect(oldScheme).toBe(legacyCreatorId(anonymousIds, poll, creator));
    expect(poll.creator).not.toBe(oldScheme);

    await click(created, USERS.bob, 0);
    expect(await closePoll(created, creator)).toContain('Final results');
    const closed = (await h.rally.ctx.polls.get(poll.id)) as StoredPoll;
    expect(closed.closed).toBe(true);
    expect(await h.rally.ctx.polls.anonymityKey(poll.id)).toBeUndefined();
    // The key is gone: the creator's hash cannot be computed any more, by Rally or by whoever runs it.
    expect(creatorId(anonymousIds, closed, creator, undefined)).toBeUndefined();
    expect(closed.creator).not.toBe(anonymousIds.of('poll-creator', TEAM_ID, creator, poll.id));
  });
});

describe('finding 5: reminding the people of a public poll who have not voted', () => {
  it('names nobody in pace keys or in the delivery records of the reminders', async () => {
    const created = await createPoll('"Rally at noon?" "Yes" "No"', CHANNELS.general, USERS.alice);
    await click(created, USERS.bob, 0);
    const members: string[] = [USERS.alice, USERS.bob, USERS.carla, USERS.deepa, USERS.emeka];

    // Pace keys live a second: watch every command Redis runs while the reminders go out.
    const watch = await watchKeys(h.redis.url, `${prefix()}:pace:`);
    const dmsBefore = h.standIn.calls('chat.postMessage').length;
    const nudged = await manage(created, 'nudge', USERS.alice);
    expect(await answerTo(nudged)).toBe('I privately reminded 4 people who had not voted.');
    const dms = h.standIn
      .calls('chat.postMessage')
      .slice(dmsBefore)
      .filter((c) => c.status === 200 && members.includes(String(c.args.channel)));
    expect(dms).toHaveLength(4);
    // Everything Redis ran before the answer has reached the monitor once a later command has.
    const marker = `monitor-marker-${Date.now()}`;
    await inspector.echo(marker);
    await watch.seen(marker);
    watch.close();

    const records = await inspector.keys(`${prefix()}:delivery:nudge-*`);
    expect(records.filter((k) => !k.includes('nudge-thread-')).length).toBeGreaterThanOrEqual(4);
    for (const record of records) {
      const value = (await inspector.get(record)) ?? '';
      for (const member of members) {
        expect(record, record).not.toContain(member);
        expect(value, record).not.toContain(member);
      }
    }

    expect(watch.names.size).toBeGreaterThan(0);
    const stillThere = await inspector.keys(`${prefix()}:pace:*`);
    for (const name of [...watch.names, ...stillThere]) {
      for (const member of members) expect(name, name).not.toContain(member);
    }
  });
});

describe('finding 8: event streams and Home-tab deduplication', () => {
  /**
   * Does `acts` one after another, waits until the message shows them all and its redraws are done, and
   * returns how many jobs the message-refresh queue was asked for meanwhile (each a stream entry with its
   * own millisecond): added, or folded into a waiting one (deduplicated).
   */
  async function redrawRequestsDuring(
    acts: (() => Promise<unknown>)[],
    shown: () => unknown,
    expected: unknown,
  ) {
    const since = await redisNow();
    for (const act of acts) await act();
    await expect.poll(shown, { timeout: 15_000 }).toEqual(expected);
    await refreshesSettled();
    const events = await eventsSince('message-refresh', since);
    return events.filter((e) => ['added', 'deduplicated', 'debounced'].includes(e.event ?? '')).length;
  }

  it('anonymous votes, signatures, pledges and link clicks leave no entry per act in the message-refresh stream', async () => {
    // Each redraw of an anonymous count takes at least two acts, so six acts ask for at most three.
    const most = 3;
    const acts = (users: string[], act: (user: string, i: number) => Promise<unknown>) =>
      users.map((user, i) => () => act(user, i));

    const poll = await createPoll(
      '"Strike in March?" "Yes" "No" anonymous',
      CHANNELS.organizing,
      USERS.alice,
    );
    const votes = await redrawRequestsDuring(
      acts(people.voters, (user, i) => click(poll, user, i % 2)),
      () => JSON.stringify(h.standIn.message(poll.channel, poll.ts)?.blocks).includes('6 people voted'),
      true,
    );
    expect(votes).toBeLessThanOrEqual(most);

    await h.slack.command(`post letter ${mention(CHANNELS.organizing, 'organizing')}`, { user: USERS.alice });
    await expect
      .poll(() =>
        h.standIn.messages(CHANNELS.organizing).findLast((m) => String(m.text).startsWith('Open letter')),
      )
      .toBeTruthy();
    const letter = h.standIn
      .messages(CHANNELS.organizing)
      .findLast((m) => String(m.text).startsWith('Open letter'));
    await expect.poll(() => h.rally.ctx.letterCopies.list(campaignLetterId)).toHaveLength(1);
    const signatures = await redrawRequestsDuring(
      acts(people.signers, (user) => signAnonymously(user)),
      () => signatureLineShown(CHANNELS.organizing, letter?.ts ?? ''),
      signatureLine({ named: 0, anonymous: 6, waiting: 0 }, { minAnonymous: 5 }),
    );
    expect(signatures).toBeLessThanOrEqual(most);

    const prompt = await postPrompt(CHANNELS.general, 'general');
    const nonprofits = h.rally.ctx.campaign.donations;
    const rule = { minAnonymous: 5 };
    const pledges = await redrawRequestsDuring(
      acts(people.pledgers, (user) => pledge(user, prompt.promptId)),
      () => countsShown(CHANNELS.general, prompt.ts),
      donationCountsLine(nonprofits, { clicks: nonprofits.map(() => 0), pledges: 6 }, rule),
    );
    expect(pledges).toBeLessThanOrEqual(most);

    const clicks = await redrawRequestsDuring(
      acts(people.clickers, (user) =>
        h.slack.action({
          actionId: donationLinkActionId(0),
          user,
          channel: CHANNELS.general,
          messageTs: prompt.ts,
        }),
      ),
      () => countsShown(CHANNELS.general, prompt.ts),
      donationCountsLine(
        nonprofits,
        { clicks: nonprofits.map((_, i) => (i === 0 ? 6 : 0)), pledges: 6 },
        rule,
      ),
    );
    expect(clicks).toBeLessThanOrEqual(most);

    // No stream anywhere holds any of these people's IDs.
    const streams = await allStreams();
    for (const user of [...people.voters, ...people.signers, ...people.pledgers, ...people.clickers]) {
      expect(streams, user).not.toContain(user);
    }
  });

  it('keeps about 50 events per queue stream, not a long history: 80 people opening the Home tab', async () => {
    const since = await redisNow();
    for (const user of people.homeCrowd) await h.slack.appHomeOpened(user);
    await expect
      .poll(() => people.homeCrowd.filter((user) => h.standIn.homeView(user)).length, { timeout: 20_000 })
      .toBe(people.homeCrowd.length);
    const queue = h.rally.ctx.queues.queue('home-publish');
    await expect
      .poll(() => queue.getJobCounts('waiting', 'active', 'delayed'))
      .toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
      });
    // Each publishing job alone adds several events (added, waiting, active, completed).
    expect((await queue.getJobs(['completed'])).length).toBeGreaterThanOrEqual(people.homeCrowd.length);
    // BullMQ trims approximately (whole stream nodes of 100 entries): about 50, never the 10,000 default.
    const kept = await inspector.xlen(`${prefix()}:home-publish:events`);
    expect(kept).toBeGreaterThanOrEqual(50);
    expect(kept).toBeLessThanOrEqual(150);
    // The oldest openings are gone from it.
    const oldest = await inspector.xrange(`${prefix()}:home-publish:events`, '-', '+', 'COUNT', 1);
    expect(Number(oldest[0]?.[0].split('-')[0])).toBeGreaterThan(since);
  });

  it('names nobody in Redis key names or streams after app_home_opened, and forget me removes the Home tab records', async () => {
    const user = people.homeOpener;
    await h.slack.appHomeOpened(user);
    await expect.poll(() => h.standIn.homeView(user)).toBeTruthy();
    const published = h.standIn.calls('views.publish').filter((c) => c.args.user_id === user).length;
    // Opened again within seconds: coalesced into the publishing already done.
    await h.slack.appHomeOpened(user);

    const hash = homePersonHash(h.rally.ctx, TEAM_ID, user);
    const marker = `${prefix()}:home:published:${hash}`;
    expect(await inspector.exists(marker)).toBe(1);
    const names = await inspector.keys('*');
    expect(names.filter((name) => name.includes(user))).toEqual([]);
    expect(await allStreams()).not.toContain(user);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.standIn.calls('views.publish').filter((c) => c.args.user_id === user)).toHaveLength(published);

    // Forgetting them removes the records, with the finished job's record that named them (a job still
    // waiting is in use-cases/home-publish.test.ts).
    const forget = await h.slack.command('forget me', { user, channel: CHANNELS.general });
    expect(await answerTo(forget)).toContain('1 record of your requests');
    expect(await answerTo(forget)).toContain('the record that you opened the Home tab');
    expect(await inspector.exists(marker)).toBe(0);
    expect(
      await inspector.exists(`${prefix()}:home-publish:de:${homeDedupId(h.rally.ctx, TEAM_ID, user)}`),
    ).toBe(0);
    expect(await inspector.zscore(`${prefix()}:home:viewers`, `${TEAM_ID}:${user}`)).toBeNull();
    // Opening the Home tab right after publishes it anew rather than being folded into a forgotten one.
    const publishes = h.standIn.calls('views.publish').filter((c) => c.args.user_id === user).length;
    await h.slack.appHomeOpened(user);
    await expect
      .poll(() => h.standIn.calls('views.publish').filter((c) => c.args.user_id === user).length)
      .toBe(publishes + 1);
  });
});

describe('finding 10: people from another organization in a shared channel', () => {
  it('a vote button pressed by them is refused privately and not counted', async () => {
    expect(h.standIn.workspace.users.find((u) => u.id === USERS.partner)?.team_id).toBe(PARTNER_TEAM_ID);
    const created = await createPoll('"Joint statement?" "Yes" "No"', CHANNELS.partners, USERS.alice);
    const press = await click(created, USERS.partner, 0);
    expect(press.status).toBe(200);
    const id = String(press.sent.response_url).split('/').pop();
    const answer = (await h.standIn.waitForResponse((r) => r.id === id)).body as {
      text: string;
      response_type: string;
      replace_original: boolean;
    };
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.text).toContain('Only members of this workspace can vote');
    // A member of the workspace in the same channel votes as usual.
    await click(created, USERS.emeka, 1);
    expect(await h.rally.ctx.polls.tally(created.poll.id, 2)).toEqual({ counts: [0, 1], voters: 1 });
    expect(await h.rally.ctx.polls.hasVoted(created.poll.id, USERS.partner)).toBe(false);
  });

  it('I gave opens a refusal for them, and a pledge form they submit is refused and not counted', async () => {
    const prompt = await postPrompt(CHANNELS.partners, 'partners');
    const opened = h.standIn.calls('views.open').length;
    await h.slack.action({
      actionId: donationActions.gave,
      user: USERS.partner,
      channel: CHANNELS.partners,
      messageTs: prompt.ts,
    });
    await expect.poll(() => h.standIn.calls('views.open').length).toBeGreaterThan(opened);
    const view = h.standIn.calls('views.open').at(-1)?.args.view as { callback_id?: string };
    expect(view.callback_id).not.toBe(donationViews.pledge);
    expect(JSON.stringify(view)).toContain('cannot sign, vote or pledge');

    const submitted = await pledge(USERS.partner, prompt.promptId);
    const ack = submitted.json as { response_action: string; view: unknown };
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('cannot sign, vote or pledge');
    const nonprofits = h.rally.ctx.campaign.donations.length;
    expect((await h.rally.ctx.donations.tally(prompt.promptId, nonprofits)).pledges).toBe(0);
    // A member of the workspace pledges there as usual.
    await pledge(USERS.emeka, prompt.promptId);
    expect((await h.rally.ctx.donations.tally(prompt.promptId, nonprofits)).pledges).toBe(1);
  });

  it('a reaction on a public poll there is not counted, not even at close, and the reactor is told privately', async () => {
    const created = await createPoll('"Shared lunch?" "Yes" "No"', CHANNELS.partners, USERS.alice);
    expect(created.poll.reactions).toBe(false);
    // Rally adds no option reactions to invite them.
    expect(h.standIn.calls('reactions.add').filter((c) => c.args.timestamp === created.ts)).toEqual([]);

    for (const [user, reaction] of [
      [USERS.partner, 'one'],
      [USERS.emeka, 'two'],
    ] as const) {
      await h.slack.reactionAdded({ channel: CHANNELS.partners, ts: created.ts, user, reaction });
      const told = await h.standIn.waitForCall(
        'chat.postEphemeral',
        (c) => c.args.user === user && c.args.channel === CHANNELS.partners,
      );
      expect(String(told.args.text)).toContain('reactions are not counted as votes');
    }
    expect(await h.rally.ctx.polls.tally(created.poll.id, 2)).toEqual({ counts: [0, 0], voters: 0 });

    expect(await closePoll(created, USERS.alice)).toContain('Nobody voted');
    expect(await h.rally.ctx.polls.tally(created.poll.id, 2)).toEqual({ counts: [0, 0], voters: 0 });
  });
});

describe('finding 11: a reaction vote after /rally forget me', () => {
  it('does not come back when the poll closes, and the person was told their reaction no longer counts', async () => {
    const me = people.forgetter;
    const created = await createPoll('"Potluck on Friday?" "Yes" "No"', CHANNELS.general, USERS.alice);
    await expect
      .poll(() => h.standIn.calls('reactions.add').filter((c) => c.args.timestamp === created.ts).length)
      .toBe(2);
    const on = { channel: CHANNELS.general, ts: created.ts };
    await h.slack.reactionAdded({ ...on, user: me, reaction: 'one' });
    await h.slack.reactionAdded({ ...on, user: USERS.carla, reaction: 'two' });
    await expect
      .poll(() => h.rally.ctx.polls.tally(created.poll.id, 2))
      .toEqual({ counts: [1, 1], voters: 2 });

    const forget = await h.slack.command('forget me', { user: me, channel: CHANNELS.general });
    const answer = await answerTo(forget);
    expect(answer).toContain('your 1 vote record (votes in open polls withdrawn)');
    expect(answer).toContain(
      'If you voted in an open poll by reacting with an emoji, your reaction stays visible in Slack (only you can remove it), but Rally no longer counts it.',
    );
    expect(await h.rally.ctx.polls.tally(created.poll.id, 2)).toEqual({ counts: [0, 1], voters: 1 });
    // Their reaction is still on the message: only they can take it off.
    const reactions = h.standIn.message(CHANNELS.general, created.ts)?.reactions;
    expect(reactions?.find((r) => r.name === 'one')?.users).toContain(me);

    // The creator closes the poll; closing reads the reactions back to catch the votes Slack did not send.
    const results = await closePoll(created, USERS.alice);
    expect(results).toContain('1 person voted');
    expect(await h.rally.ctx.polls.tally(created.poll.id, 2)).toEqual({ counts: [0, 1], voters: 1 });
    expect(await h.rally.ctx.polls.hasVoted(created.poll.id, me)).toBe(false);
  });
});
