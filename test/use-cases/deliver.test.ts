import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, unknownOutcome } from '../../src/delivery/deliver.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { CHANNELS } from '../support/slack/index.js';

let h: ContextHarness;
let n = 0;
const nextId = () => `deliver-test-${++n}`;
const postsTo = (channel: string, text: string) =>
  h.standIn.messages(channel).filter((m) => m.text === text).length;

beforeAll(async () => {
  h = await startContext({ RALLY_MAX_POSTS_PER_SECOND: '1000', RALLY_SLACK_TIMEOUT_MS: '1000' });
});
afterAll(async () => {
  await h.stop();
});

const attempt = (id: string, text: string, ifUnsure: 'retry' | 'give-up') =>
  deliver(h.ctx, { id, channel: CHANNELS.general, text, ifUnsure });

/** Tries again as a retried job would, once the channel's one-second pace allows. */
async function retry<T>(run: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await run();
    } catch (err) {
      if ((err as Error).name !== 'PacedError') throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('deliver', () => {
  it('posts once: a second call with the same ID finds the record and posts nothing', async () => {
    const id = nextId();
    const first = await retry(() => attempt(id, 'once only', 'give-up'));
    const second = await retry(() => attempt(id, 'once only', 'give-up'));
    expect(first).toMatchObject({ ok: true, repeated: false });
    expect(second).toMatchObject({ ok: true, repeated: true });
    expect(postsTo(CHANNELS.general, 'once only')).toBe(1);
  });

  it('after a lost answer, gives up on an at-most-once post at once and says the outcome is unknown', async () => {
    for (const fault of [{ kind: 'lost_response' }, { kind: 'hang' }] as const) {
      const id = nextId();
      const text = `campaign post, ${fault.kind}`;
      h.standIn.failNext('chat.postMessage', fault);
      // Settled by the attempt that lost the answer, not left to a retry the job may not have.
      expect(await retry(() => attempt(id, text, 'give-up'))).toEqual({ ok: false, reason: unknownOutcome });
      expect(postsTo(CHANNELS.general, text)).toBe(fault.kind === 'lost_response' ? 1 : 0);
      expect(await retry(() => attempt(id, text, 'give-up'))).toEqual({ ok: false, reason: unknownOutcome });
      expect(postsTo(CHANNELS.general, text)).toBe(fault.kind === 'lost_response' ? 1 : 0);
    }
  });

  it('after a lost answer, posts an at-least-once message again (at most one more copy)', async () => {
    const id = nextId();
    h.standIn.failNext('chat.postMessage', { kind: 'lost_response' });
    await expect(retry(() => attempt(id, 'reminder text', 'retry'))).rejects.toThrow();
    expect(await retry(() => attempt(id, 'reminder text', 'retry'))).toMatchObject({
      ok: true,
      repeated: false,
    });
    expect(await retry(() => attempt(id, 'reminder text', 'retry'))).toMatchObject({
      ok: true,
      repeated: true,
    });
    expect(postsTo(CHANNELS.general, 'reminder text')).toBe(2);
  });

  it('after a 5xx or a 429 (Slack said it did not post), tries again without counting a second copy', async () => {
    for (const fault of [
      { kind: 'http', status: 500 },
      { kind: 'rate_limited', retryAfter: 1 },
    ] as const) {
      const id = nextId();
      const text = `after ${fault.kind}`;
      h.standIn.failNext('chat.postMessage', fault);
      await expect(retry(() => attempt(id, text, 'give-up'))).rejects.toThrow();
      expect(await retry(() => attempt(id, text, 'give-up'))).toMatchObject({ ok: true, repeated: false });
      expect(postsTo(CHANNELS.general, text)).toBe(1);
    }
  });

  it('records a permanent refusal instead of retrying it', async () => {
    const id = nextId();
    h.standIn.failNext('chat.postMessage', { kind: 'error', error: 'is_archived' });
    expect(await retry(() => attempt(id, 'archived', 'retry'))).toEqual({ ok: false, reason: 'is_archived' });
    expect(await retry(() => attempt(id, 'archived', 'retry'))).toEqual({ ok: false, reason: 'is_archived' });
    expect(h.standIn.calls('chat.postMessage').filter((c) => c.args.text === 'archived')).toHaveLength(1);
  });
});
