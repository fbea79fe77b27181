import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ackKindOf } from '../../src/metrics/slack-acks.js';
import { countingFetch, type SlackCallOutcome, slackMethodOf } from '../../src/metrics/slack-calls.js';
import { WaitingAges } from '../../src/metrics/waiting-ages.js';
import type { Queues } from '../../src/queues/queues.js';

describe('ackKindOf', () => {
  it('names each kind of request Slack waits 3 s for, and nothing else', () => {
    expect(ackKindOf({ command: '/rally', text: 'help' })).toBe('command');
    expect(ackKindOf({ type: 'event_callback', event: { type: 'app_home_opened' } })).toBe('event');
    expect(ackKindOf({ type: 'block_actions' })).toBe('action');
    expect(ackKindOf({ type: 'view_submission' })).toBe('view');
    expect(ackKindOf({ type: 'view_closed' })).toBe('view');
    expect(ackKindOf({ type: 'block_suggestion' })).toBe('options');
    expect(ackKindOf({ type: 'shortcut' })).toBe('shortcut');
    expect(ackKindOf({ type: 'message_action' })).toBe('shortcut');
    expect(ackKindOf({ type: 'url_verification' })).toBeUndefined();
    expect(ackKindOf({ type: 'something new from Slack' })).toBeUndefined();
  });
});

describe('slackMethodOf', () => {
  it('keeps Web API method names and calls every other address `other`', () => {
    expect(slackMethodOf('https://slack.com/api/chat.postMessage')).toBe('chat.postMessage');
    expect(slackMethodOf(new URL('http://127.0.0.1:1/api/apps.connections.open'))).toBe(
      'apps.connections.open',
    );
    expect(slackMethodOf('https://hooks.slack.com/commands/T0RALLY01/123456/abcDEF')).toBe('other');
    expect(slackMethodOf('https://files.slack.com/upload/v1/ABC123')).toBe('other');
    expect(slackMethodOf('not a url')).toBe('other');
  });
});

describe('countingFetch', () => {
  const calls = async (answer: () => Promise<Response>, url = 'https://slack.com/api/chat.postMessage') => {
    const recorded: [string, SlackCallOutcome][] = [];
    const fetchFn = countingFetch((method, outcome) => recorded.push([method, outcome]), answer);
    const response = await fetchFn(url, { method: 'POST' }).catch(() => undefined);
    // The body is read from a copy after the response is handed back.
    await new Promise((resolve) => setTimeout(resolve, 10));
    return { recorded, response };
  };
  const json =
    (body: object, status = 200) =>
    async () =>
      Response.json(body, { status });

  it('reads the outcome from the status and the `ok` and `error` fields, and hands the body on untouched', async () => {
    const ok = await calls(json({ ok: true, ts: '1.2' }));
    expect(ok.recorded).toEqual([['chat.postMessage', 'ok']]);
    expect(await ok.response?.json()).toEqual({ ok: true, ts: '1.2' });
    expect((await calls(json({ ok: false, error: 'channel_not_found' }))).recorded).toEqual([
      ['chat.postMessage', 'refused'],
    ]);
    expect((await calls(json({ ok: false, error: 'internal_error' }))).recorded).toEqual([
      ['chat.postMessage', 'server_error'],
    ]);
    expect((await calls(json({ ok: false, error: 'ratelimited' }, 429))).recorded).toEqual([
      ['chat.postMessage', 'ratelimited'],
    ]);
    expect((await calls(async () => new Response('', { status: 503 }))).recorded).toEqual([
      ['chat.postMessage', 'server_error'],
    ]);
    expect(
      (await calls(async () => new Response('ok'), 'https://hooks.slack.com/actions/T1/2/x')).recorded,
    ).toEqual([['other', 'ok']]);
  });

  it('tells a timeout from a network error, and lets the error through', async () => {
    const timeout = await calls(async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    });
    expect(timeout).toEqual({ recorded: [['chat.postMessage', 'timeout']], response: undefined });
    const reset = await calls(async () => {
      throw new TypeError('fetch failed');
    });
    expect(reset.recorded).toEqual([['chat.postMessage', 'network_error']]);
  });
});

describe('WaitingAges', () => {
  /** A queue whose oldest waiting job is whatever `head` holds. */
  const ages = (head: { job?: Partial<Job> }, clock: { now: number }) =>
    new WaitingAges(
      { queue: () => ({ getJobs: async () => (head.job ? [head.job] : []) }) } as unknown as Pick<
        Queues,
        'queue'
      >,
      () => clock.now,
    );

  it('counts a job that never ran from when it was added plus its delay', async () => {
    const clock = { now: 100_000 };
    const head: { job?: Partial<Job> } = { job: { id: '1', timestamp: 40_000, opts: { delay: 30_000 } } };
    const waiting = ages(head, clock);
    expect(await waiting.oldest('home-publish')).toBe(30);
    head.job = undefined;
    expect(await waiting.oldest('home-publish')).toBe(0);
  });

  it('counts a job that already ran from when it was first found waiting, never from when it was added', async () => {
    const clock = { now: 100_000 };
    // Retried or parked: its timestamp is its first run's, and BullMQ has zeroed its delay.
    const head = { job: { id: '7', timestamp: 1_000, processedOn: 2_000, opts: {} } };
    const waiting = ages(head, clock);
    expect(await waiting.oldest('campaign-post')).toBe(0);
    clock.now += 4_500;
    expect(await waiting.oldest('campaign-post')).toBe(4.5);
    // Another job at the head starts its own count.
    head.job = { id: '8', timestamp: 1_000, processedOn: 2_000, opts: {} };
    expect(await waiting.oldest('campaign-post')).toBe(0);
    expect((await waiting.all()).get('campaign-post')).toBe(0);
  });
});
