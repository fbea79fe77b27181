import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetrics, scrape, sumOf } from './support/prometheus.js';
import { type Harness, startHarness } from './support/rally.js';
import {
  appHomeOpenedEvent,
  CHANNELS,
  eventEnvelope,
  slashCommandBody,
  USERS,
} from './support/slack/index.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ socketMode: true });
  await h.standIn.socketConnected();
});

afterAll(async () => {
  await h.stop();
});

describe('Socket Mode', () => {
  it('opened its connection with the app token through the configured API URL', () => {
    const open = h.standIn.calls('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(h.standIn.appToken);
  });

  it('answers /rally help in the acknowledgement, privately, and posts nothing', async () => {
    const before = h.standIn.calls().length;
    const ack = (await h.standIn.sendEnvelope(
      'slash_commands',
      slashCommandBody(h.standIn, { text: 'help', user: USERS.carla, channel: CHANNELS.general }),
    )) as { response_type: string; text: string };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain('/rally remind');
    await sleep(100);
    expect(h.standIn.calls().slice(before)).toEqual([]);
    expect(h.standIn.messages(CHANNELS.general)).toEqual([]);
  });

  it('runs events and processes a redelivered envelope once', async () => {
    const envelope = eventEnvelope(appHomeOpenedEvent({ user: USERS.bob }), {
      workspace: h.standIn.workspace,
    });
    await h.standIn.sendEnvelope('events_api', envelope);
    await h.standIn.sendEnvelope('events_api', envelope, { retryAttempt: 1, retryReason: 'timeout' });
    await h.standIn.waitForCall('views.publish', (c) => c.args.user_id === USERS.bob);
    await sleep(400);
    expect(h.standIn.calls('views.publish').filter((c) => c.args.user_id === USERS.bob)).toHaveLength(1);
  });

  it('times the acks of Socket Mode envelopes as it does over HTTP', async () => {
    const samples = parseMetrics((await scrape(h.baseUrl)).text);
    const count = (kind: string) => sumOf(samples, 'rally_slack_ack_seconds_count', { kind });
    expect(count('command')).toBeGreaterThanOrEqual(1);
    expect(count('event')).toBeGreaterThanOrEqual(1);
    expect(sumOf(samples, 'rally_slack_ack_seconds_bucket', { kind: 'command', le: '3' })).toBe(
      count('command'),
    );
  });

  it('still serves /healthz on PORT', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, redis: 'up', workers: 'running' });
  });

  it('serves nothing else over HTTP', async () => {
    expect((await fetch(`${h.baseUrl}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
});
