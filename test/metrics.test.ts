import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueNames } from '../src/queues/contracts.js';
import { pollVoteActionId } from '../src/slack/ids.js';
import { parseMetrics, type Sample, samplesOf, scrape, sumOf } from './support/prometheus.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, USERS } from './support/slack/index.js';

let h: Harness;

const question = 'Should the metrics test walk out at noon?';
const options = ['Walk out now', 'Stay for lunch'];

const metrics = async (): Promise<Sample[]> => parseMetrics((await scrape(h.baseUrl)).text);

/** Posts a poll with `/rally poll` and waits for the job to post it; returns the message's ts. */
async function postPoll(text: string): Promise<string> {
  const before = h.standIn.calls('chat.postMessage').filter((c) => c.status === 200).length;
  const res = await h.slack.command(`poll ${text}`, { user: USERS.alice, channel: CHANNELS.general });
  expect(res.status).toBe(200);
  await expect
    .poll(() => h.standIn.calls('chat.postMessage').filter((c) => c.status === 200).length)
    .toBeGreaterThan(before);
  return h.standIn.messages(CHANNELS.general).at(-1)?.ts ?? '';
}

beforeAll(async () => {
  h = await startHarness();
  await h.standIn.waitForCall('auth.test');
});

afterAll(async () => {
  await h.stop();
});

describe('GET /metrics', () => {
  it('serves the Prometheus text format, every name starting with rally_', async () => {
    const { status, contentType, text } = await scrape(h.baseUrl);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const names = new Set(parseMetrics(text).map((s) => s.name));
    expect([...names].filter((name) => !name.startsWith('rally_'))).toEqual([]);
    // prom-client's process and Node.js metrics come under the same prefix.
    expect(names).toContain('rally_process_resident_memory_bytes');
    expect(names).toContain('rally_nodejs_eventloop_lag_seconds');
  });

  it('counts acks, jobs, deliveries, Slack calls and Redis after a command, a job that posts and a button', async () => {
    expect((await h.slack.command('help', { user: USERS.bob, channel: CHANNELS.general })).status).toBe(200);
    const ts = await postPoll(`"${question}" "${options[0]}" "${options[1]}"`);
    const vote = await h.slack.action({
      actionId: pollVoteActionId(0),
      user: USERS.bob,
      channel: CHANNELS.general,
      messageTs: ts,
    });
    expect(vote.status).toBe(200);
    await expect
      .poll(async () => sumOf(await metrics(), 'rally_job_outcomes_total', { queue: 'poll-create' }))
      .toBeGreaterThan(0);

    const { text } = await scrape(h.baseUrl);
    const samples = parseMetrics(text);

    // Acks: two commands and one button, each acknowledged well within Slack's 3 s.
    const acks = (kind: string) => ({
      count: sumOf(samples, 'rally_slack_ack_seconds_count', { kind }),
      sum: sumOf(samples, 'rally_slack_ack_seconds_sum', { kind }),
      within3s: sumOf(samples, 'rally_slack_ack_seconds_bucket', { kind, le: '3' }),
    });
    const commands = acks('command');
    expect(commands.count).toBeGreaterThanOrEqual(2);
    expect(commands.within3s).toBe(commands.count);
    expect(commands.sum).toBeGreaterThan(0);
    expect(commands.sum / commands.count).toBeLessThan(3);
    const buttons = acks('action');
    expect(buttons.count).toBe(1);
    expect(buttons.within3s).toBe(1);

    // The job that posted the poll, its delivery, and the Web API calls it made.
    expect(
      sumOf(samples, 'rally_job_outcomes_total', { queue: 'poll-create', outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sumOf(samples, 'rally_job_outcomes_total', { outcome: 'failed' })).toBe(0);
    expect(sumOf(samples, 'rally_deliveries_total', { outcome: 'posted' })).toBeGreaterThanOrEqual(1);
    expect(
      sumOf(samples, 'rally_slack_api_calls_total', {
        client: 'jobs',
        method: 'chat.postMessage',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sumOf(samples, 'rally_slack_api_call_seconds_count', { method: 'chat.postMessage' }),
    ).toBeGreaterThanOrEqual(1);
    const methods = new Set(samplesOf(samples, 'rally_slack_api_calls_total').map((s) => s.labels.method));
    // Method names only; a response_url (the vote's private notice) counts as `other`, never by its path.
    expect(h.standIn.responses().filter((r) => r.status === 200)).toHaveLength(1);
    expect([...methods].filter((m) => !/^[a-z]+(\.[a-zA-Z]+)+$/.test(m ?? ''))).toEqual(['other']);
    expect(sumOf(samples, 'rally_slack_api_calls_total', { method: 'other', outcome: 'ok' })).toBe(1);

    // Queues, read from BullMQ on the scrape: every queue in every state, and nothing waiting long.
    for (const queue of queueNames) {
      expect(samplesOf(samples, 'rally_queue_jobs', { queue })).toHaveLength(7);
      const oldest = samplesOf(samples, 'rally_queue_oldest_waiting_seconds', { queue });
      expect(oldest).toHaveLength(1);
      expect(oldest[0]?.value).toBeGreaterThanOrEqual(0);
      expect(oldest[0]?.value).toBeLessThan(60);
    }
    expect(
      sumOf(samples, 'rally_queue_jobs', { queue: 'poll-create', state: 'completed' }),
    ).toBeGreaterThanOrEqual(1);

    // Redis answered the scrape's PING.
    expect(sumOf(samples, 'rally_redis_up')).toBe(1);
    expect(sumOf(samples, 'rally_redis_ping_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sumOf(samples, 'rally_redis_ping_seconds_sum')).toBeGreaterThan(0);

    // Nothing that names a person, a channel or a message: no Slack ID and no text Rally posted.
    expect(text).not.toMatch(/[UWCGD][A-Z0-9]{8,}/);
    const posted = [
      ...h.standIn.calls().flatMap((c) => [c.args.text, c.args.channel, c.args.user, c.args.user_id]),
      ...h.standIn.responses().map((r) => (r.body as { text?: unknown }).text),
    ].filter((v): v is string => typeof v === 'string' && v.length > 3);
    expect(posted.length).toBeGreaterThan(0);
    for (const words of [question, ...options, ...posted]) expect(text).not.toContain(words);
  });

  it('counts a 429 by method, and the job it parked until Retry-After', async () => {
    h.standIn.failNext('chat.postMessage', { kind: 'rate_limited', retryAfter: 1 });
    await postPoll('"Metrics under a rate limit?" "Yes" "No"');
    // The poll is posted before its job finishes: wait for the job to be counted as completed.
    await expect
      .poll(
        async () =>
          sumOf(await metrics(), 'rally_job_outcomes_total', { queue: 'poll-create', outcome: 'completed' }),
        {
          timeout: 10_000,
        },
      )
      .toBe(2);
    const samples = await metrics();
    expect(
      sumOf(samples, 'rally_slack_api_calls_total', {
        client: 'jobs',
        method: 'chat.postMessage',
        outcome: 'ratelimited',
      }),
    ).toBe(1);
    expect(
      sumOf(samples, 'rally_job_outcomes_total', { queue: 'poll-create', outcome: 'rate_limited' }),
    ).toBe(1);
    // A parked job is neither failed nor retried: it spent no attempt.
    expect(sumOf(samples, 'rally_job_outcomes_total', { outcome: 'retried' })).toBe(0);
    expect(sumOf(samples, 'rally_job_outcomes_total', { queue: 'poll-create', outcome: 'completed' })).toBe(
      2,
    );
  });
});
