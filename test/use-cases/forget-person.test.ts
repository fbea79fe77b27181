import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pledgerId } from '../../src/donations/pledger.js';
import { campaignLetterId } from '../../src/letters/model.js';
import { sign } from '../../src/letters/sign.js';
import { forgetPerson } from '../../src/people/forget-person.js';
import { castVote } from '../../src/polls/cast-vote.js';
import { optionEmojis } from '../../src/polls/emoji.js';
import { PollStore } from '../../src/polls/store.js';
import { newScopeKey } from '../../src/privacy/sealed-box.js';
import { createReminder } from '../../src/reminders/create-reminder.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { dumpRedis } from '../support/redis-dump.js';
import { CHANNELS, TEAM_ID, USERS } from '../support/slack/index.js';

let h: ContextHarness;
const me = USERS.carla;

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

async function newPoll(anonymous: boolean, creator: string) {
  const id = PollStore.newId();
  await h.ctx.polls.create(
    {
      id,
      teamId: TEAM_ID,
      channel: CHANNELS.general,
      question: 'Q?',
      options: ['A', 'B'],
      emojis: optionEmojis.slice(0, 2),
      anonymous,
      multiple: false,
      hidden: false,
      reactions: !anonymous,
      creator,
    },
    anonymous ? newScopeKey() : undefined,
  );
  return id;
}

describe('forgetPerson', () => {
  it('removes a signature, votes in public and anonymous polls, pledges, reminders and poll authorship', async () => {
    await sign(h.ctx, campaignLetterId, { teamId: TEAM_ID, userId: me }, { kind: 'named' });
    const started = await newPoll(false, me);
    const secret = await newPoll(true, USERS.alice);
    await castVote(h.ctx, { pollId: started, userId: me, option: 0, action: 'toggle' });
    await castVote(h.ctx, { pollId: secret, userId: me, option: 1, action: 'toggle' });
    await castVote(h.ctx, { pollId: secret, userId: USERS.bob, option: 1, action: 'toggle' });
    const promptId = 'prompt-forget-1';
    await h.ctx.donations.setMessage(promptId, { channel: CHANNELS.general, ts: '1764400000.000100' });
    await h.ctx.donations.pledge(
      promptId,
      pledgerId(h.ctx.anonymousIds, promptId, TEAM_ID, me, await h.ctx.donations.scopeKey(promptId)),
      {
        band: '25-100',
      },
    );
    await createReminder(h.ctx, {
      teamId: TEAM_ID,
      creator: me,
      target: me,
      text: 'Sign the letter',
      when: 'in 2 hours',
    });

    await h.ctx.organizers.add(me);

    const report = await forgetPerson(h.ctx, TEAM_ID, me);

    expect(report).toMatchObject({
      signatures: ['named'],
      votes: 2,
      pollsStarted: 1,
      pledges: 1,
      reminders: 1,
      organizerRole: true,
    });
    expect(await h.ctx.roles.isOrganizer(me)).toBe(false);
    expect(await h.ctx.polls.tally(secret, 2)).toEqual({ counts: [0, 1], voters: 1 });
    // Queued jobs included, nothing holds Carla's ID now.
    expect((await dumpRedis(h.ctx.redis)).join('\n')).not.toContain(me);
  });

  it('reports nothing for someone Rally holds nothing about', async () => {
    expect(await forgetPerson(h.ctx, TEAM_ID, USERS.emeka)).toEqual({
      signatures: [],
      votes: 0,
      pollsStarted: 0,
      pledges: 0,
      reminders: 0,
      reactionPolls: 0,
      jobRecords: 0,
      organizerRole: false,
      auditEntries: 0,
    });
  });
});
