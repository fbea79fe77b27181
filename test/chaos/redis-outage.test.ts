import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voteFailed } from '../../src/polls/blocks/poll-notices.js';
import { pollVoteActionId } from '../../src/slack/ids.js';
import { testEnv, testSigningSecret } from '../support/rally.js';
import { startRedis, type TestRedis } from '../support/redis-server.js';
import { CHANNELS, SlackRequests, SlackStandIn, USERS } from '../support/slack/index.js';
import { type RallyChild, spawnRally } from '../support/spawn-rally.js';
import { chaos } from './settings.js';
import { crashLines, responseUrlId, stopChild, until } from './support.js';

/**
 * Redis is unreachable for RALLY_CHAOS_REDIS_OUTAGE_SECONDS (30 s in CI; settings.ts), then comes back on
 * the same port, under a web process and a worker process that are never restarted:
 * - `/healthz` of each says so (503, `redis: down`) and recovers;
 * - every request gets a clear answer within Slack's 3 s: a command says it could not be finished, a vote
 *   that it could not be confirmed;
 * - nothing crashes: both processes stay up, log no unhandled rejection and write nothing but log lines;
 * - once Redis is back, everything works: a new poll is created and posted, and a vote on it counts.
 */

let redis: TestRedis;
let standIn: SlackStandIn;
let web: RallyChild;
let worker: RallyChild;
let slack: SlackRequests;
const ports = { web: 0, worker: 0 };

const health = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  redis = await startRedis({ private: true, args: ['--appendonly', 'yes', '--appendfsync', 'everysec'] });
  standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
  web = spawnRally(testEnv(standIn, redis.url, { role: 'web' }));
  worker = spawnRally(testEnv(standIn, redis.url, { role: 'worker' }));
  ports.web = Number((await web.waitForLog('rally started', 30_000)).port);
  ports.worker = Number((await worker.waitForLog('rally started', 30_000)).port);
  slack = new SlackRequests({ appUrl: `http://127.0.0.1:${ports.web}/slack/events`, standIn });
}, 60_000);

afterAll(async () => {
  if (web) await stopChild(web);
  if (worker) await stopChild(worker);
  await standIn?.close();
  await redis?.stop();
}, 60_000);

/** Creates a poll in #general and waits until it is posted; returns its message's ts. */
async function createPoll(question: string): Promise<string> {
  const res = await slack.command(`poll "${question}" "Yes" "No"`, { channel: CHANNELS.general });
  expect(res.status).toBe(200);
  const posted = await standIn.waitForCall(
    'chat.postMessage',
    (c) => c.status === 200 && String(c.args.text).includes(question),
    15_000,
  );
  return String(standIn.messages(CHANNELS.general).find((m) => m.text === posted.args.text)?.ts);
}

/** Votes Yes and returns the private answer's text, with how long the whole exchange took. */
async function vote(ts: string, user: string): Promise<{ text: string; ms: number }> {
  const sentAt = Date.now();
  const res = await slack.action({
    actionId: pollVoteActionId(0),
    user,
    channel: CHANNELS.general,
    messageTs: ts,
  });
  expect(res.status).toBe(200);
  const id = responseUrlId(res.sent.response_url);
  const answer = await standIn.waitForResponse((r) => r.id === id, 5_000);
  return { text: (answer.body as { text: string }).text, ms: answer.at - sentAt };
}

/** What a slash command shows its author: the acknowledgement's text, or a response_url post soon after. */
async function command(text: string): Promise<{ status: number; text: string; ms: number }> {
  const sentAt = Date.now();
  const res = await slack.command(text, { user: USERS.alice, channel: CHANNELS.organizing });
  const ms = Date.now() - sentAt;
  const acked = (res.json as { text?: string } | undefined)?.text;
  if (acked) return { status: res.status, text: acked, ms };
  const id = responseUrlId(res.sent.response_url);
  const later = await standIn.waitForResponse((r) => r.id === id, 3_000).catch(() => undefined);
  return { status: res.status, text: (later?.body as { text?: string } | undefined)?.text ?? '', ms };
}

const commandsDuringOutage = [
  'poll "Lunch on Friday?" "Yes" "No"',
  `post letter <#${CHANNELS.general}|general>`,
  'remind me "Call the union rep" in 10 minutes',
  'digest now',
];

describe('Redis unreachable for a while', () => {
  it(
    'is reported, answered clearly, survived, and forgotten once Redis is back',
    async () => {
      const before = await createPoll('Before the outage?');
      expect((await vote(before, USERS.bob)).text).toContain('Your vote: *Yes*');

      await redis.kill();
      const downAt = Date.now();
      const upAt = downAt + chaos.redisOutageSeconds * 1000;

      for (const port of [ports.web, ports.worker]) {
        await until(
          '/healthz to report Redis down',
          async () => (await health(port)).status === 503,
          5_000,
          100,
        );
        expect((await health(port)).body).toMatchObject({ ok: false, redis: 'down' });
      }

      // Ask again and again during the outage: the answers stay clear and fast, however long it lasts.
      let rounds = 0;
      let voter = 0;
      while (Date.now() < upAt - 3_000 || rounds === 0) {
        for (const text of commandsDuringOutage) {
          const answer = await command(text);
          expect(answer.status, text).toBe(200);
          expect(answer.ms, text).toBeLessThan(3_000);
          // Organizer commands stop at the role check, which needs Redis too.
          expect(answer.text, text).toMatch(/could not finish that|could not check who may do that/i);
        }
        const voted = await vote(before, `U0OUT${String(voter++).padStart(4, '0')}`);
        expect(voted.text).toBe(voteFailed.text);
        expect(voted.ms).toBeLessThan(3_000);
        for (const port of [ports.web, ports.worker]) expect((await health(port)).status).toBe(503);
        rounds++;
        await sleep(Math.min(5_000, Math.max(0, upAt - Date.now() - 3_000)));
      }
      await sleep(Math.max(0, upAt - Date.now()));

      await redis.restart();
      for (const port of [ports.web, ports.worker]) {
        await until(
          '/healthz to report Redis up',
          async () => (await health(port)).status === 200,
          15_000,
          100,
        );
        expect((await health(port)).body).toMatchObject({ ok: true, redis: 'up' });
      }

      // Everything works again, without a restart: a new poll is created and posted, a vote on it counts.
      const after = await createPoll('After the outage?');
      expect((await vote(after, USERS.carla)).text).toContain('Your vote: *Yes*');
      await until(
        'the new poll to show the vote',
        () => JSON.stringify(standIn.message(CHANNELS.general, after)?.blocks).includes('1 person voted'),
        15_000,
        100,
      );
      // The vote cast before the outage is still there (Redis keeps an append-only file).
      expect((await vote(before, USERS.bob)).text).toContain('You have no vote in this poll now.');

      for (const rally of [web, worker]) {
        expect(rally.child.exitCode).toBeNull();
        expect(crashLines(rally.logs())).toEqual([]);
        // Everything it wrote is a log line: no stack traces printed around the logger.
        expect(rally.stderr.join('')).toBe('');
        expect(rally.stdout.filter((line) => !line.startsWith('{'))).toEqual([]);
      }
    },
    60_000 + chaos.redisOutageSeconds * 3_000,
  );
});
