import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryIds } from '../../src/delivery/delivery-ids.js';
import { postToChannels } from '../../src/posting/post-to-channels.js';
import type { ChildOutcome, FanOut } from '../../src/queues/fan-out.js';
import { jobIds } from '../../src/queues/job-ids.js';
import { describeSlackFailure } from '../../src/slack/failure-reasons.js';
import { textOf } from '../chaos/support.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { CHANNELS, TEAM_ID, USERS } from '../support/slack/index.js';

let h: ContextHarness;

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

/**
 * The children's outcomes as the worker's fan-out reports them once they have ended (the BullMQ side is
 * tested in test/campaign-post.test.ts): here, the summary a request sends from them.
 */
const childrenEnded = (outcomes: Map<string, ChildOutcome>): FanOut => ({
  add: async () => {},
  collect: async () => outcomes,
  collectAll: async () => ({ values: [], failures: [] }),
});

describe('postToChannels', () => {
  it('tells the organizer to look in a channel whose last attempt sent the post and then failed', async () => {
    const postId = 'summary-test-1';
    const [sent, notSent] = [CHANNELS.general, CHANNELS.random];
    // The last attempt in the first channel marked the post as sent, then Redis failed before the result.
    await h.ctx.deliveries.markSending(deliveryIds.post(postId, sent));
    const failure = { done: false, reason: 'Connection is closed.' } as const;
    const fanOut = childrenEnded(
      new Map([
        [jobIds.postChannel(postId, sent), failure],
        [jobIds.postChannel(postId, notSent), failure],
      ]),
    );
    const responseUrl = h.standIn.newResponseUrl();
    await postToChannels(
      { ...h.ctx, logger: h.ctx.logger, fanOut },
      {
        postId,
        kind: 'article',
        teamId: TEAM_ID,
        requestedBy: USERS.alice,
        channels: [sent, notSent],
        confirmShared: false,
        responseUrl,
        summary: 'always',
      },
      postId,
    );
    const summary = textOf(await h.standIn.waitForResponse((r) => r.url === responseUrl));
    const lineOf = (channel: string) => summary.split('\n').find((l) => l.includes(`<#${channel}>`)) ?? '';
    expect(lineOf(sent)).toContain(describeSlackFailure('unknown_outcome'));
    expect(lineOf(notSent)).toContain('could not post here after several tries (Connection is closed.)');
    expect(lineOf(notSent)).not.toContain(describeSlackFailure('unknown_outcome'));
  });
});
