import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFanOut } from '../jobs/fan-out.js';
import { type ContextHarness, startContext } from './support/context.js';

let h: ContextHarness;

beforeAll(async () => {
  h = await startContext();
});

afterAll(async () => {
  await h.stop();
});

describe('fan-out', () => {
  it('adds 10,000 children through the producer connection, whose commands time out after 1 s', async () => {
    // A nudge in a channel of 10,000 people who have not voted: one child job each, under one parent.
    const parent = await h.ctx.queues
      .queue('poll-nudge')
      .add('poll-nudge', { pollId: 'poll000001', requestedBy: 'U0ALICE01' });
    const fanOut = createFanOut(h.ctx, parent, undefined);
    const children = Array.from({ length: 10_000 }, (_, i) => ({
      id: `nudge-poll000001-1-m${i}`,
      data: { pollId: 'poll000001', runId: '1', member: `U0M${String(i).padStart(6, '0')}` },
    }));
    await fanOut.add('nudge-dm', children);
    expect(await h.ctx.queues.queue('nudge-dm').getWaitingCount()).toBe(10_000);
    expect((await parent.getDependenciesCount()).unprocessed).toBe(10_000);
  }, 60_000);
});
