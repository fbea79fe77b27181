import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pledgerId } from '../src/donations/pledger.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId } from '../src/letters/model.js';
import { letterSigner } from '../src/letters/signer.js';
import type { StoredPoll } from '../src/polls/model.js';
import { voterId } from '../src/polls/voter.js';
import { donationActions, donationViews, pollVoteActionId, signViews } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { freePort, startRedis, type TestRedis } from './support/redis-server.js';
import { CHANNELS, selectedOptionValue, TEAM_ID, USERS } from './support/slack/index.js';

/**
 * Redis that refuses writes (out of memory under `noeviction`, or a read-only replica) while people sign,
 * vote and pledge anonymously: each is told plainly that nothing was recorded, and no log line holds a
 * Slack user ID or a keyed hash, although the failure itself is logged.
 */

let redis: TestRedis;
let h: Harness;
let admin: Redis;
let poll: { id: string; ts: string };
let promptId: string;

/** A keyed hash as Rally stores it for a person: 43 characters of base64url (an HMAC-SHA256). */
const keyedHashPattern = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;
const pollQuestion = 'Do we unionize before the reorg?';

interface Refusal {
  name: string;
  /** The words Redis answers a write with while refusing. */
  reply: string;
  refuse(): Promise<void>;
  restore(): Promise<void>;
}

const refusals: Refusal[] = [
  {
    name: 'out of memory under noeviction',
    reply: 'OOM',
    refuse: async () => {
      await admin.config('SET', 'maxmemory', '1');
    },
    restore: async () => {
      await admin.config('SET', 'maxmemory', '0');
    },
  },
  {
    name: 'a read-only replica of a master that never answers',
    reply: 'READONLY',
    refuse: async () => {
      await admin.call('REPLICAOF', '127.0.0.1', String(await freePort()));
    },
    restore: async () => {
      await admin.call('REPLICAOF', 'NO', 'ONE');
    },
  },
];

/** The three anonymous acts: signing the letter, voting Yes in the anonymous poll, saying one gave. */
const sign = (user: string) =>
  h.slack.viewSubmission({
    user,
    callbackId: signViews.sign,
    privateMetadata: campaignLetterId,
    values: {
      [signFormFields.mode]: {
        [signFormFields.mode]: selectedOptionValue('anonymous', 'Anonymously', 'radio_buttons'),
      },
    },
  });

const pledge = (user: string) =>
  h.slack.viewSubmission({ user, callbackId: donationViews.pledge, privateMetadata: promptId });

const vote = (user: string) =>
  h.slack.action({
    actionId: pollVoteActionId(0),
    user,
    channel: CHANNELS.general,
    messageTs: poll.ts,
  });

type ViewAck = { response_action?: string; view?: unknown; errors?: Record<string, string> };

/** What a view submission's acknowledgement shows the person (the modal it becomes, or its errors). */
const shownByAck = (json: unknown): string => {
  const ack = json as ViewAck | undefined;
  if (ack?.response_action === 'update') return JSON.stringify(ack.view);
  if (ack?.response_action === 'errors') return JSON.stringify(ack.errors);
  return '';
};

/** What the vote button answered privately, through the click's response_url. */
async function answeredToVote(res: { sent: Record<string, unknown> }): Promise<string> {
  const id = String(res.sent.response_url).split('/').pop();
  const post = await h.standIn.waitForResponse((p) => p.id === id, 5_000);
  return JSON.stringify(post.body);
}

/** Every keyed hash Rally computes for `user` in this test's letter, poll and donation prompt. */
async function hashesOf(user: string): Promise<string[]> {
  const { anonymousIds } = h.rally.ctx;
  const stored = (await h.rally.ctx.polls.get(poll.id)) as StoredPoll;
  const key = await h.rally.ctx.polls.anonymityKey(poll.id);
  const signer = await letterSigner(h.rally.ctx, campaignLetterId, { teamId: TEAM_ID, userId: user });
  return [
    signer?.hash ?? '',
    signer?.legacyHash ?? '',
    pledgerId(anonymousIds, promptId, TEAM_ID, user, await h.rally.ctx.donations.scopeKey(promptId)),
    voterId(anonymousIds, stored, user, key) ?? '',
  ];
}

/** Resolves with what `read` gives once it is truthy (hooks cannot use `expect.poll`). */
async function eventually<T>(read: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The value of the I gave button on the donation prompt posted in `channel`: the prompt's ID. */
const gaveButtonValue = (channel: string): string | undefined =>
  h.standIn
    .messages(channel)
    .flatMap((m) => (m.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === donationActions.gave)?.value;

beforeAll(async () => {
  redis = await startRedis({ private: true, args: ['--maxmemory-policy', 'noeviction'] });
  h = await startHarness({ redis, env: { RALLY_ORGANIZERS: USERS.alice } });
  admin = new Redis(redis.url);

  await h.slack.command(`poll "${pollQuestion}" "Yes" "No" anonymous`, {
    user: USERS.alice,
    channel: CHANNELS.general,
  });
  await h.standIn.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === CHANNELS.general && c.status === 200,
    10_000,
  );
  const ts = h.standIn.messages(CHANNELS.general).at(-1)?.ts ?? '';
  const id = await eventually(() => h.rally.ctx.polls.findByMessage(CHANNELS.general, ts));
  poll = { id, ts };

  await h.slack.command(`donate <#${CHANNELS.organizing}|organizing>`, { user: USERS.alice });
  promptId = await eventually(() => gaveButtonValue(CHANNELS.organizing));
  // The posting job records the prompt right after Slack answers: before Redis is made to refuse writes.
  await eventually(() => h.rally.ctx.donations.message(promptId));
}, 30_000);

afterEach(async () => {
  // Whatever a test did, Redis takes writes again for the next one.
  await admin.call('REPLICAOF', 'NO', 'ONE');
  await admin.config('SET', 'maxmemory', '0');
});

afterAll(async () => {
  admin?.disconnect();
  await h?.stop();
  await redis?.stop();
});

const people = [
  { signer: USERS.bob, voter: USERS.carla, pledger: USERS.deepa },
  { signer: USERS.emeka, voter: USERS.bob, pledger: USERS.carla },
];

describe('while Redis refuses writes', () => {
  for (const [i, refusal] of refusals.entries()) {
    const { signer, voter, pledger } = people[i % people.length] as (typeof people)[number];
    it(`(${refusal.name}) tells each person nothing was recorded, and a retry afterwards works`, async () => {
      await refusal.refuse();
      const from = h.logs.lines.length;

      const signed = await sign(signer);
      expect(signed.status).toBe(200);
      expect(shownByAck(signed.json)).toMatch(/could not be confirmed/);

      const voted = await vote(voter);
      expect(voted.status).toBe(200);
      expect(await answeredToVote(voted)).toMatch(/could not be confirmed/);

      const pledged = await pledge(pledger);
      expect(pledged.status).toBe(200);
      expect(shownByAck(pledged.json)).toMatch(/could not be confirmed/);

      // Each failure was logged as an error, with Redis's own reason.
      const errors = h.logs
        .entries()
        .slice(from)
        .filter((e) => (e.level as number) >= 50);
      expect(errors.map((e) => e.msg)).toEqual(
        expect.arrayContaining(['signature not recorded', 'vote not recorded', 'pledge not recorded']),
      );
      expect(JSON.stringify(errors)).toContain(refusal.reply);

      // Nothing was half-kept: once Redis takes writes again, trying again works as a first attempt.
      await refusal.restore();
      expect(shownByAck((await sign(signer)).json)).toContain('Your signature is counted anonymously');
      expect(await answeredToVote(await vote(voter))).toContain('Your vote: *Yes*');
      expect(shownByAck((await pledge(pledger)).json)).toContain('Thank you for giving');
    });
  }

  it('leaves no Slack user ID, keyed hash or poll text in any log line', async () => {
    const lines = h.logs.lines;
    // Not vacuous: the refusals above were logged.
    expect(lines.filter((l) => l.includes('"level":50') && l.includes('not recorded')).length).toBe(6);
    const everything = lines.join('\n');
    for (const user of Object.values(USERS)) expect(everything, user).not.toContain(user);
    for (const user of [USERS.bob, USERS.carla, USERS.deepa, USERS.emeka]) {
      for (const hash of await hashesOf(user)) expect(everything, `hash of ${user}`).not.toContain(hash);
    }
    for (const line of lines) expect(line).not.toMatch(keyedHashPattern);
    expect(everything).not.toContain(pollQuestion);
  });
});
