import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subcommandHandlers } from '../handlers/commands/rally.js';
import { subcommands } from '../src/commands/catalog.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, USERS } from './support/slack/index.js';

interface EphemeralAck {
  response_type: string;
  text: string;
  blocks: { type: string; text?: { text: string } }[];
}

let h: Harness;
let inspector: Redis;

/**
 * Every key and value in Redis, to prove a request wrote nothing. BullMQ's workers refresh their
 * `stalled-check` marker on their own every few seconds, whatever arrives, so that key is left out.
 */
async function redisSnapshot(): Promise<string> {
  // BullMQ's own bookkeeping moves on by itself: its stall checks and the redraw clock's ticks.
  const keys = (await inspector.keys('*'))
    .filter((k) => !k.endsWith(':stalled-check') && !k.includes(':redraw-clock:'))
    .sort();
  const dumps = await Promise.all(
    keys.map(async (k) => `${k}=${(await inspector.dumpBuffer(k))?.toString('hex')}`),
  );
  return dumps.join('\n');
}

beforeAll(async () => {
  h = await startHarness();
  inspector = new Redis(h.redis.url);
  await h.standIn.waitForCall('auth.test');
});

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

describe('/rally help over HTTP', () => {
  it('answers only the person who asked, listing every subcommand, and posts nothing', async () => {
    const before = h.standIn.calls().length;
    const res = await h.slack.command('help', { user: USERS.bob, channel: CHANNELS.general });
    expect(res.status).toBe(200);
    const body = res.json as EphemeralAck;
    expect(body.response_type).toBe('ephemeral');
    const texts = body.blocks.map((b) => b.text?.text ?? '').join('\n');
    for (const sub of [
      'help',
      'post',
      'sign',
      'unsign',
      'signatures',
      'poll',
      'donate',
      'remind',
      'reminders',
      'digest',
      'forget',
    ]) {
      expect(texts).toContain(`/rally ${sub}`);
    }
    await sleep(100);
    expect(
      h.standIn
        .calls()
        .slice(before)
        .map((c) => c.method),
    ).toEqual([]);
    expect(h.standIn.messages(CHANNELS.general)).toEqual([]);
    expect(h.standIn.responses()).toEqual([]);
  });

  it('treats /rally alone as help', async () => {
    const res = await h.slack.command('');
    expect((res.json as EphemeralAck).text).toContain('Rally commands:');
  });

  it('answers an unknown subcommand privately with what it did not understand and the help', async () => {
    const res = await h.slack.command('dance "all night"');
    const body = res.json as EphemeralAck;
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks[0]?.text?.text).toContain("I don't know the command `dance`");
    expect(body.text).toContain('/rally poll');
  });

  it('has a handler for every subcommand help lists', () => {
    const names = subcommands.map((sub) => sub.name).filter((name) => name !== 'help');
    expect(Object.keys(subcommandHandlers).sort()).toEqual(names.sort());
  });

  it('explains an unclosed curly quote instead of guessing', async () => {
    const res = await h.slack.command('poll \u201CDo we walk out?');
    const body = res.json as EphemeralAck;
    expect(body.text).toContain('A quote is never closed');
  });
});

describe('requests that are not from Slack', () => {
  const cases = [
    ['a wrong signature', { signingSecret: 'not-the-signing-secret' }],
    ['a timestamp six minutes old', { timestampOffsetSeconds: -360 }],
    ['a timestamp six minutes in the future', { timestampOffsetSeconds: 360 }],
  ] as const;

  for (const [label, options] of cases) {
    it(`refuses ${label} with 401, calling no Slack method and writing nothing to Redis`, async () => {
      const calls = h.standIn.calls().length;
      const before = await redisSnapshot();
      const command = await h.slack.command('help', options);
      const event = await h.slack.appHomeOpened(USERS.carla, options);
      expect([command.status, event.status]).toEqual([401, 401]);
      await sleep(300);
      expect(h.standIn.calls().slice(calls)).toEqual([]);
      expect(await redisSnapshot()).toBe(before);
    });
  }

  it('refuses a request with no timestamp or no signature', async () => {
    const body = 'command=%2Frally&text=help';
    const contentType = 'application/x-www-form-urlencoded';
    expect((await h.slack.raw({ body, contentType, timestamp: false })).status).toBe(401);
    expect((await h.slack.raw({ body, contentType, signature: false })).status).toBe(401);
  });
});

describe('malformed bodies', () => {
  it('answers 4xx to a signed body that is not JSON, and stays healthy', async () => {
    const res = await h.slack.raw({ body: '{"type":"event_callback",', contentType: 'application/json' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers 4xx to an interactivity payload that is not JSON, and still serves the next command', async () => {
    const res = await h.slack.raw({
      body: 'payload=%7Bnot-json',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await h.slack.command('help')).status).toBe(200);
  });

  it('answers 404 for paths Rally does not serve', async () => {
    expect((await fetch(`${h.baseUrl}/slack/other`, { method: 'POST' })).status).toBe(404);
  });
});

describe('events', () => {
  it('publishes the Home tab through a job when someone opens it', async () => {
    const res = await h.slack.appHomeOpened(USERS.deepa);
    expect(res.status).toBe(200);
    const call = await h.standIn.waitForCall('views.publish', (c) => c.args.user_id === USERS.deepa);
    expect(call.status).toBe(200);
    const home = h.standIn.homeView(USERS.deepa)?.view as { blocks: { type: string }[] } | undefined;
    expect(home?.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Rally' } });
  });

  it('processes an event once when Slack delivers it again as a retry', async () => {
    const eventId = 'Ev0RETRY0001';
    await h.slack.appHomeOpened(USERS.emeka, { eventId });
    await h.slack.appHomeOpened(USERS.emeka, { eventId, retryNum: 1, retryReason: 'http_timeout' });
    await h.standIn.waitForCall('views.publish', (c) => c.args.user_id === USERS.emeka);
    await sleep(500);
    expect(h.standIn.calls('views.publish').filter((c) => c.args.user_id === USERS.emeka)).toHaveLength(1);
    expect(h.logs.find('duplicate event delivery ignored')).toBeDefined();
  });

  it('answers the url_verification handshake', async () => {
    const res = await h.slack.urlVerification('challenge-123');
    expect(res.json).toEqual({ challenge: 'challenge-123' });
  });
});
