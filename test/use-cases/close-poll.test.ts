import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForgetReport } from '../../src/people/blocks/forget-report.js';
import { forgetPerson } from '../../src/people/forget-person.js';
import { castVote } from '../../src/polls/cast-vote.js';
import { closePoll } from '../../src/polls/close-poll.js';
import { optionEmojis } from '../../src/polls/emoji.js';
import { PollStore } from '../../src/polls/store.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { dumpRedis } from '../support/redis-dump.js';
import { CHANNELS, TEAM_ID, USERS } from '../support/slack/index.js';

/*
 * Finding 11 of the privacy audit: after /rally forget me, a reaction vote came back when the poll closed,
 * since closing reads the reactions back to catch the votes whose events Slack dropped.
 */

let h: ContextHarness;

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

/** A public poll whose message is in the stand-in, as the creating job leaves it. */
async function postedPoll() {
  const id = PollStore.newId();
  await h.ctx.polls.create({
    id,
    teamId: TEAM_ID,
    channel: CHANNELS.general,
    question: 'Picnic on Sunday?',
    options: ['Yes', 'No'],
    emojis: optionEmojis.slice(0, 2),
    anonymous: false,
    multiple: false,
    hidden: false,
    reactions: true,
    creator: USERS.alice,
  });
  const message = h.standIn.seedMessage({
    channel: CHANNELS.general,
    user: h.standIn.botUserId,
    text: 'Picnic on Sunday?',
  });
  await h.ctx.polls.setMessage(id, CHANNELS.general, message.ts);
  return { id, ts: message.ts };
}

describe('closePoll after /rally forget me', () => {
  it('does not count again the reaction of someone who asked to be forgotten, and still recovers missed ones', async () => {
    const poll = await postedPoll();
    const react = async (user: string, name: string, eventArrived: boolean) => {
      h.standIn.addReaction({ channel: CHANNELS.general, ts: poll.ts, name, user });
      const option = (optionEmojis as readonly string[]).indexOf(name);
      if (eventArrived) await castVote(h.ctx, { pollId: poll.id, userId: user, option, action: 'add' });
    };
    await react(USERS.carla, 'one', true);
    await react(USERS.bob, 'two', true);
    // Slack dropped Deepa's reaction_added: closing must still count it.
    await react(USERS.deepa, 'two', false);
    expect(await h.ctx.polls.tally(poll.id, 2)).toEqual({ counts: [1, 1], voters: 2 });

    const report = await forgetPerson(h.ctx, TEAM_ID, USERS.carla);
    expect(report).toMatchObject({ votes: 1, reactionPolls: 1 });
    expect(buildForgetReport(report).text).toContain(
      'your reaction stays visible in Slack (only you can remove it), but Rally no longer counts it.',
    );
    expect(await h.ctx.polls.tally(poll.id, 2)).toEqual({ counts: [0, 1], voters: 1 });

    await closePoll(h.ctx, poll.id);

    expect((await h.ctx.polls.get(poll.id))?.closed).toBe(true);
    expect(await h.ctx.polls.tally(poll.id, 2)).toEqual({ counts: [0, 2], voters: 2 });
    expect(await h.ctx.polls.hasVoted(poll.id, USERS.carla)).toBe(false);
    // Rally remembers only a hash saying "not again", never the ID.
    expect((await dumpRedis(h.ctx.redis)).join('\n')).not.toContain(USERS.carla);
    const results = h.standIn.calls('chat.postMessage').find((c) => c.args.thread_ts === poll.ts);
    expect(String(results?.args.text)).toContain('2 people voted');
  });

  it('says nothing about reactions to someone who had no reaction vote to lose', async () => {
    const report = await forgetPerson(h.ctx, TEAM_ID, USERS.emeka);
    expect(report.reactionPolls).toBe(0);
    expect(buildForgetReport(report).text).not.toContain('reaction');
  });
});
