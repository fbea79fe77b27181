import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacedError } from '../../src/delivery/paced-error.js';
import type { StoredPoll } from '../../src/polls/model.js';
import { requestNudge } from '../../src/polls/nudge-voters.js';
import { postPoll } from '../../src/polls/post-poll.js';
import { requestPoll } from '../../src/polls/request-poll.js';
import { creatorId } from '../../src/polls/voter.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { dumpRedis } from '../support/redis-dump.js';
import { CHANNELS, TEAM_ID, USERS } from '../support/slack/index.js';

/*
 * Finding 4 of the privacy audit: the creator of an anonymous poll was kept in clear in the records of the
 * jobs that create and nudge it, and their hash did not use the poll's random key.
 */

let h: ContextHarness;
const creator = USERS.deepa;

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

const request = (anonymous: boolean) =>
  requestPoll(h.ctx, {
    teamId: TEAM_ID,
    channel: CHANNELS.general,
    creatorId: creator,
    poll: { question: 'Walk out?', options: ['Yes', 'No'], anonymous, multiple: false, hidden: false },
    responseUrl: 'https://hooks.slack.test/commands/1/2/3',
  });

/** The job a use case just queued (no worker runs here, so it waits in its queue). */
async function lastJob(queue: 'poll-create' | 'poll-nudge') {
  const [job] = await h.ctx.queues.queue(queue).getJobs(['waiting'], 0, 0, false);
  if (!job) throw new Error(`no ${queue} job`);
  return job;
}

describe('the jobs of an anonymous poll', () => {
  it('poll-create: its record, which names the creator, is removed as soon as the job ends, done or failed', async () => {
    await request(true);
    const job = await lastJob('poll-create');
    expect(job.data).toMatchObject({ creatorId: creator, anonymous: true });
    expect(job.opts).toMatchObject({ removeOnComplete: true, removeOnFail: true });
    // A public poll shows its creator anyway: its record is kept as long as any other.
    await request(false);
    const open = await lastJob('poll-create');
    expect(open.data.anonymous).toBe(false);
    expect(open.opts.removeOnComplete).not.toBe(true);
  });

  it('poll-nudge: its record does not name who asked for the reminder, and is removed as the job ends', async () => {
    await requestNudge(
      h.ctx,
      { id: 'anonpollid01', anonymous: true },
      { userId: creator, responseUrl: 'https://hooks.slack.test/actions/1/2/3' },
    );
    const job = await lastJob('poll-nudge');
    expect(job.data).toEqual({
      pollId: 'anonpollid01',
      responseUrl: 'https://hooks.slack.test/actions/1/2/3',
    });
    expect(job.opts).toMatchObject({ removeOnComplete: true, removeOnFail: true });
    // A public poll's nudge may message the one who asked directly: it keeps their ID.
    await requestNudge(h.ctx, { id: 'publicpoll01', anonymous: false }, { userId: creator });
    expect((await lastJob('poll-nudge')).data.requestedBy).toBe(creator);
  });
});

/** Runs the creating job's work as its worker would, waiting out the posting pace as the worker does. */
async function runPostPoll(data: Parameters<typeof postPoll>[1], runId: string): Promise<void> {
  for (;;) {
    try {
      return await postPoll(h.ctx, data, runId);
    } catch (err) {
      if (!(err instanceof PacedError)) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, err.retryAt - Date.now())));
    }
  }
}

describe('the creator hash of an anonymous poll', () => {
  it('mixes in the poll’s random key, so that nothing recomputes it once the poll closed', async () => {
    await request(true);
    const job = await lastJob('poll-create');
    await runPostPoll(job.data, 'run-1');
    const poll = (await h.ctx.polls.get(job.data.pollId)) as StoredPoll;
    const key = await h.ctx.polls.anonymityKey(poll.id);
    expect(key).toBeTruthy();
    expect(poll.creator).toBe(creatorId(h.ctx.anonymousIds, poll, creator, key));
    // Not the hash of the old scheme, which the secret and the poll ID alone gave back at any time.
    expect(poll.creator).not.toBe(h.ctx.anonymousIds.of('poll-creator', TEAM_ID, creator, poll.id));
    // Another poll, another key: the same creator's hashes cannot be joined across polls.
    await request(true);
    const other = await lastJob('poll-create');
    await runPostPoll(other.data, 'run-2');
    expect((await h.ctx.polls.get(other.data.pollId))?.creator).not.toBe(poll.creator);

    await h.ctx.polls.close(poll.id, true, 60);
    expect(await h.ctx.polls.anonymityKey(poll.id)).toBeUndefined();
    expect(creatorId(h.ctx.anonymousIds, poll, creator, undefined)).toBeUndefined();
    expect((await dumpRedis(h.ctx.redis)).join('\n')).not.toContain(key);
  });
});
