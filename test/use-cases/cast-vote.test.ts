import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castVote } from '../../src/polls/cast-vote.js';
import { optionEmojis } from '../../src/polls/emoji.js';
import { PollStore } from '../../src/polls/store.js';
import { voteByReaction } from '../../src/polls/vote-by-reaction.js';
import { newScopeKey } from '../../src/privacy/sealed-box.js';
import { dedupIds } from '../../src/queues/job-ids.js';
import { createQueues } from '../../src/queues/queues.js';
import { createProducerRedis } from '../../src/redis/connections.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { dumpRedis } from '../support/redis-dump.js';
import { startRedis } from '../support/redis-server.js';
import { CHANNELS, TEAM_ID, USERS } from '../support/slack/index.js';

let h: ContextHarness;

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

async function newPoll(anonymous: boolean, multiple = false, ts?: string, closesAt?: number) {
  const id = PollStore.newId();
  await h.ctx.polls.create(
    {
      id,
      teamId: TEAM_ID,
      channel: CHANNELS.general,
      question: 'Walk out on Friday?',
      options: ['Yes', 'No', 'Maybe'],
      emojis: optionEmojis.slice(0, 3),
      anonymous,
      multiple,
      hidden: false,
      reactions: !anonymous,
      creator: USERS.alice,
      ...(closesAt ? { closesAt } : {}),
    },
    anonymous ? newScopeKey() : undefined,
  );
  if (ts) await h.ctx.polls.setMessage(id, CHANNELS.general, ts);
  return id;
}

const redrawQueued = async (pollId: string) =>
  (await h.ctx.queues.queue('message-refresh').getDeduplicationJobId(dedupIds.pollRedraw(pollId))) !== null;

describe('castVote', () => {
  it('records a button vote, moves it in a single-choice poll, takes it back on a later press, and asks for a redraw', async () => {
    const pollId = await newPoll(false);
    const t = Date.now();
    const vote = (option: number, at: number) =>
      castVote(h.ctx, { pollId, userId: USERS.bob, option, action: 'toggle', at });
    expect(await vote(0, t)).toMatchObject({ ok: true, selection: [0] });
    expect(await vote(1, t + 100)).toMatchObject({ ok: true, selection: [1] });
    expect(await h.ctx.polls.tally(pollId, 3)).toEqual({ counts: [0, 1, 0], voters: 1 });
    // Pressed again at once: a double click, answered like the first press.
    expect(await vote(1, t + 200)).toMatchObject({ ok: true, selection: [1] });
    expect(await h.ctx.polls.tally(pollId, 3)).toEqual({ counts: [0, 1, 0], voters: 1 });
    // Pressed again two seconds later: meant, so the vote is taken back.
    expect(await vote(1, t + 2_200)).toMatchObject({ ok: true, selection: [] });
    expect(await h.ctx.polls.tally(pollId, 3)).toEqual({ counts: [0, 0, 0], voters: 0 });
    expect(await redrawQueued(pollId)).toBe(true);
  });

  it('keeps several options in a multiple-choice poll', async () => {
    const pollId = await newPoll(false, true);
    await castVote(h.ctx, { pollId, userId: USERS.bob, option: 0, action: 'toggle' });
    const outcome = await castVote(h.ctx, { pollId, userId: USERS.bob, option: 2, action: 'toggle' });
    expect(outcome).toMatchObject({ ok: true, selection: [0, 2] });
  });

  it('records an anonymous vote under a hash, never the user ID, and refuses once the poll is closed', async () => {
    const pollId = await newPoll(true);
    expect(await castVote(h.ctx, { pollId, userId: USERS.carla, option: 2, action: 'toggle' })).toMatchObject(
      {
        ok: true,
        selection: [2],
      },
    );
    const dump = (await dumpRedis(h.ctx.redis)).join('\n');
    expect(dump).not.toContain(USERS.carla);
    await h.ctx.polls.close(pollId, true, 60);
    expect(await castVote(h.ctx, { pollId, userId: USERS.carla, option: 0, action: 'toggle' })).toEqual({
      ok: false,
      reason: 'closed',
    });
  });

  it('keeps a stored vote when asking for the redraw then fails (its queue’s Redis gone), and says why in the log', async () => {
    const pollId = await newPoll(false);
    // The queues on a Redis that has just gone away, as when Redis dies between the vote and its redraw.
    const gone = await startRedis();
    const connection = createProducerRedis(gone.url, h.ctx.logger);
    const queues = createQueues(connection, h.ctx.keys, h.ctx.logger);
    await queues.queue('message-refresh').waitUntilReady();
    await gone.stop();
    const from = h.logs.lines.length;
    try {
      const outcome = await castVote(
        { ...h.ctx, queues },
        { pollId, userId: USERS.emeka, option: 0, action: 'toggle' },
      );
      expect(outcome).toMatchObject({ ok: true, selection: [0] });
      expect(await h.ctx.polls.selection(pollId, USERS.emeka, 3)).toEqual([0]);
      expect(await redrawQueued(pollId)).toBe(false);
      const warned = h.logs
        .entries()
        .slice(from)
        .map((e) => e.msg);
      expect(warned).toContain(
        'vote recorded, but its redraw could not be asked for: it comes with the next',
      );
    } finally {
      await queues.close().catch(() => undefined);
      connection.disconnect();
    }
  });

  it('refuses a vote past the closing time though the close job has not run, but counts what the close recovers', async () => {
    const closesAt = Date.now() + 60_000;
    const pollId = await newPoll(false, false, undefined, closesAt);
    const vote = (userId: string, at: number, atClose?: boolean) =>
      castVote(h.ctx, { pollId, userId, option: 0, action: 'add', at, ...(atClose ? { atClose } : {}) });
    expect(await vote(USERS.bob, closesAt - 1)).toMatchObject({ ok: true, selection: [0] });
    expect(await vote(USERS.carla, closesAt)).toEqual({ ok: false, reason: 'closed' });
    // A reaction Slack's event never brought, found by the close itself: it was there before the close.
    expect(await vote(USERS.deepa, closesAt + 5_000, true)).toMatchObject({ ok: true, selection: [0] });
    expect(await h.ctx.polls.tally(pollId, 3)).toEqual({ counts: [2, 0, 0], voters: 2 });
  });

  it('refuses an unknown poll and an option the poll does not have', async () => {
    expect(
      await castVote(h.ctx, { pollId: 'nope-nope', userId: USERS.bob, option: 0, action: 'add' }),
    ).toEqual({
      ok: false,
      reason: 'unknown-poll',
    });
    const pollId = await newPoll(false);
    expect(await castVote(h.ctx, { pollId, userId: USERS.bob, option: 7, action: 'add' })).toEqual({
      ok: false,
      reason: 'bad-option',
    });
  });
});

describe('voteByReaction', () => {
  const change = (ts: string, reaction: string, added: boolean) => ({
    user: USERS.deepa,
    reaction,
    channel: CHANNELS.general,
    ts,
    added,
  });

  it('counts an option emoji (skin tone ignored) on a public poll, and takes it back when removed', async () => {
    const pollId = await newPoll(false, false, '1764400000.000900');
    expect(await voteByReaction(h.ctx, change('1764400000.000900', 'two::skin-tone-3', true))).toBe(
      'counted',
    );
    expect(await h.ctx.polls.selection(pollId, USERS.deepa, 3)).toEqual([1]);
    expect(await voteByReaction(h.ctx, change('1764400000.000900', 'two', false))).toBe('counted');
    expect(await h.ctx.polls.selection(pollId, USERS.deepa, 3)).toEqual([]);
  });

  it('ignores other emojis and other messages, and refuses reactions on an anonymous poll', async () => {
    await newPoll(true, false, '1764400000.000950');
    expect(await voteByReaction(h.ctx, change('1764400000.000950', 'one', true))).toBe('refused-anonymous');
    expect(await voteByReaction(h.ctx, change('1764400000.000950', 'tada', true))).toBe('ignored');
    expect(await voteByReaction(h.ctx, change('1764400000.999999', 'one', true))).toBe('ignored');
  });
});
