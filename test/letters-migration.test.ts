import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureLine } from '../src/letters/blocks/letter-message.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId } from '../src/letters/model.js';
import { letterBlocks } from '../src/slack/ids.js';
import { type Harness, startHarness, testSigningSecret } from './support/rally.js';
import { loadRedisFixture, type RedisFixture, readRedisFixture } from './support/redis-fixture.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { CHANNELS, plainTextValue, SlackStandIn, selectedOptionValue, USERS } from './support/slack/index.js';

/**
 * Rally started on a Redis written by its first version (one letter, its signatures by user ID or by a
 * secret-keyed hash, its copies): every signature is carried into the campaign's letter, the old keys are
 * gone, each signer still finds their signature, and the old copies go on showing the live count.
 */

const namespace = 'rally';
const slug = 'end-microsofts-contract-with-ice';
const rule = { minAnonymous: 5 };

let redis: TestRedis;
let standIn: SlackStandIn;
let inspector: Redis;
let fixture: RedisFixture;
let h: Harness;

const key = (...parts: string[]) => [`{${namespace}}`, ...parts].join(':');

/** The signature line a copy shows now. */
function shownLine(channel: string, ts: string): string | undefined {
  const blocks = standIn.message(channel, ts)?.blocks as {
    block_id?: string;
    elements?: { text: string }[];
  }[];
  return blocks
    ?.find((b) => b.block_id === letterBlocks.signatures)
    ?.elements?.map((e) => e.text)
    .join('');
}

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `/rally sign` as `user`: the title of what Rally opens (the form, or what they already hold). */
async function openSigning(user: string): Promise<{ title: string; viewId: string }> {
  const before = standIn.calls('views.open').length;
  await h.slack.command(`sign ${slug}`, { user });
  const call = await standIn.waitForCall(
    'views.open',
    (c) => standIn.calls('views.open').indexOf(c) >= before && c.status === 200,
  );
  const modals = standIn.views().filter((v) => v.type === 'modal');
  const view = call.args.view as { title: { text: string } };
  return { title: view.title.text, viewId: modals[modals.length - 1]?.id ?? '' };
}

beforeAll(async () => {
  redis = await startRedis();
  standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
  inspector = new Redis(redis.url);
  fixture = await readRedisFixture('redis-v1-letter.json');
  await loadRedisFixture(inspector, fixture);
  for (const message of fixture.messages) {
    standIn.seedMessage({ ...message, user: 'app' });
  }
  h = await startHarness({ redis, standIn, namespace, env: { RALLY_ORGANIZERS: USERS.alice } });
});

afterAll(async () => {
  await h?.stop();
  inspector.disconnect();
  await standIn.close();
  await redis.stop();
});

describe('a Redis written by the first version', () => {
  it('is what the first version left: five signatures and two copies of its one letter', () => {
    const names = fixture.keys.map((k) => k.key);
    for (const part of ['named', 'anonymous', 'conditional', 'copies']) {
      expect(names).toContain(key('letter', part));
    }
    expect(fixture.messages.map((m) => m.channel)).toEqual([CHANNELS.general, CHANNELS.organizing]);
  });

  it('becomes the campaign letter, open, with every signature counted and the old keys gone', async () => {
    const letter = await h.rally.ctx.letters.get(campaignLetterId);
    expect(letter).toMatchObject({ slug, status: 'open', origin: 'file' });
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual({
      named: 2,
      anonymous: 2,
      waiting: 1,
    });
    const named = await h.rally.ctx.signatures.namedSigners(campaignLetterId);
    expect(named.map((s) => [s.userId, s.role])).toEqual(
      expect.arrayContaining([
        [USERS.bob, 'Picker, night shift'],
        [USERS.emeka, undefined],
      ]),
    );
    for (const part of ['named', 'anonymous', 'conditional', 'copies']) {
      expect(await inspector.exists(key('letter', part))).toBe(0);
    }
    // The first version kept the typed names of conditional signers; this one reads names from profiles.
    expect((await inspector.keys('*')).join('\n')).not.toContain('Deepa Rao');
  });

  it('lets every signer find their signature, however they signed', async () => {
    expect((await openSigning(USERS.bob)).title).toBe('You already signed');
    expect((await openSigning(USERS.carla)).title).toBe('You already signed');
    expect((await openSigning(USERS.deepa)).title).toBe('You already signed');
  });

  it('keeps the old copies live: a new signature and a withdrawal show on both', async () => {
    const form = await openSigning('U0NEWSIGN1');
    expect(form.title).toBe('Sign the letter');
    const signed = await h.slack.viewSubmission({
      user: 'U0NEWSIGN1',
      viewId: form.viewId,
      values: {
        [signFormFields.mode]: {
          [signFormFields.mode]: selectedOptionValue('named', 'named', 'radio_buttons'),
        },
        [signFormFields.role]: { [signFormFields.role]: plainTextValue(null) },
      },
    });
    expect((signed.json as { view: { title: { text: string } } }).view.title.text).toBe('Signed');
    // Carla takes back the anonymous signature she gave the first version.
    const held = await openSigning(USERS.carla);
    const removed = await h.slack.viewSubmission({ user: USERS.carla, viewId: held.viewId, values: {} });
    expect(removed.status).toBe(200);
    expect(held.viewId).not.toBe('');
    const expected = signatureLine({ named: 3, anonymous: 1, waiting: 1 }, rule);
    for (const { channel, ts } of fixture.messages) {
      await eventually(() => shownLine(channel, ts) === expected);
    }
  });

  it('is migrated once: a restart changes nothing', async () => {
    const before = await h.rally.ctx.signatures.tally(campaignLetterId);
    await h.stop();
    h = await startHarness({ redis, standIn, namespace, env: { RALLY_ORGANIZERS: USERS.alice } });
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual(before);
    expect((await h.rally.ctx.letters.list()).map((l) => l.slug)).toEqual([slug]);
    expect(await h.rally.ctx.letterCopies.list(campaignLetterId)).toHaveLength(2);
  });
});
