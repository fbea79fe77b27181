import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signatureLine } from '../src/letters/blocks/letter-message.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import type { SignatureKind } from '../src/letters/model.js';
import { today } from '../src/letters/signer.js';
import { letterActions, letterBlocks, letterViews, signViews } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import { CHANNELS, plainTextValue, selectedOptionValue, USERS } from './support/slack/index.js';

let h: Harness;
let inspector: Redis;
let letterTs: string;

interface FormInput {
  kind: SignatureKind;
  name?: string;
  role?: string;
  threshold?: number;
}

const formValues = ({ kind, name, role, threshold }: FormInput) => ({
  [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
  [signFormFields.threshold]: {
    [signFormFields.threshold]: selectedOptionValue(String(threshold ?? 5)),
  },
  [signFormFields.name]: { [signFormFields.name]: plainTextValue(name ?? null) },
  [signFormFields.role]: { [signFormFields.role]: plainTextValue(role ?? null) },
});

/** Submits the signing form as `user`. */
const submit = (user: string, input: FormInput) =>
  h.slack.viewSubmission({ user, callbackId: signViews.sign, values: formValues(input) });

type Ack = {
  response_action?: string;
  view?: { title?: { text: string }; blocks: unknown[] };
  errors?: Record<string, string>;
};

/** The signature line in a letter's blocks. */
const lineIn = (blocks: unknown): string | undefined => {
  const block = (blocks as { block_id?: string }[] | undefined)?.find(
    (b) => b.block_id === letterBlocks.signatures,
  ) as { elements: { text: string }[] } | undefined;
  return block?.elements.map((e) => e.text).join('');
};

/** The signature line currently shown on a posted copy of the letter. */
const shownLine = (channel: string, ts: string): string | undefined =>
  lineIn(h.standIn.message(channel, ts)?.blocks);

async function clearSignatures(): Promise<void> {
  const keys = await inspector.keys(`${h.rally.ctx.keys.prefix}:letter:*`);
  const signatureKeys = keys.filter((k) => !k.endsWith(':copies'));
  if (signatureKeys.length > 0) await inspector.del(...signatureKeys);
}

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.alice } });
  inspector = new Redis(h.redis.url);
  const res = await h.slack.command(
    `post letter <#${CHANNELS.general}|general> <#${CHANNELS.organizing}|organizing>`,
    {
      user: USERS.alice,
    },
  );
  expect(res.status).toBe(200);
  await h.standIn.waitForResponse(undefined, 10_000);
  letterTs = h.standIn.messages(CHANNELS.general)[0]?.ts ?? '';
});

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

beforeEach(async () => {
  await clearSignatures();
});

describe('the Sign button', () => {
  it('opens a form with three ways to sign, each saying who can see what', async () => {
    await h.slack.action({
      actionId: letterActions.sign,
      user: USERS.bob,
      channel: CHANNELS.general,
      messageTs: letterTs,
    });
    const call = await h.standIn.waitForCall('views.open', (c) => c.status === 200);
    const view = call.args.view as { callback_id: string; blocks: unknown[] };
    expect(view.callback_id).toBe(signViews.sign);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('goes on the list the organizers deliver with the letter');
    expect(text).toContain('nobody can see that you signed');
    expect(text).toContain('then your name is shown together with theirs, never alone');
    for (const kind of ['named', 'anonymous', 'conditional']) expect(text).toContain(`"value":"${kind}"`);
  });
});

describe('Read the full letter', () => {
  it('opens the whole letter in a modal', async () => {
    await h.slack.action({
      actionId: letterActions.read,
      user: USERS.carla,
      channel: CHANNELS.general,
      messageTs: letterTs,
    });
    const call = await h.standIn.waitForCall(
      'views.open',
      (c) => (c.args.view as { callback_id?: string }).callback_id === letterViews.read && c.status === 200,
    );
    const text = JSON.stringify(call.args.view);
    expect(text).toContain(h.rally.ctx.campaign.letter.ask.slice(0, 40));
  });
});

describe('signing', () => {
  it('counts a named signature on every copy of the letter', async () => {
    const ack = (await submit(USERS.bob, { kind: 'named', name: 'Bob Baker', role: 'Azure' })).json as Ack;
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('Thank you for signing with your name');
    const expected = signatureLine({ named: 1, anonymous: 0, waiting: 0 }, 5);
    for (const channel of [CHANNELS.general, CHANNELS.organizing]) {
      const ts = h.standIn.messages(channel)[0]?.ts ?? '';
      await expect.poll(() => shownLine(channel, ts), { timeout: 5_000 }).toBe(expected);
    }
  });

  it('asks for a name when signing with one', async () => {
    const ack = (await submit(USERS.carla, { kind: 'named', name: '  ' })).json as Ack;
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { [signFormFields.name]: 'Type the name to show with your signature.' },
    });
  });

  it('answers a second signature privately with what Rally holds, for anonymous signers too', async () => {
    await submit(USERS.deepa, { kind: 'anonymous' });
    const again = (await submit(USERS.deepa, { kind: 'named', name: 'Deepa' })).json as Ack;
    expect(again.response_action).toBe('update');
    const day = new Date(`${today()}T00:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(JSON.stringify(again.view)).toContain(`You signed anonymously on ${day}. Remove your signature?`);

    // /rally sign shows the same instead of the form.
    const opened = h.standIn.calls('views.open').length;
    await h.slack.command('sign', { user: USERS.deepa });
    await expect.poll(() => h.standIn.calls('views.open').length).toBe(opened + 1);
    const open = h.standIn.calls('views.open').at(-1);
    expect((open?.args.view as { callback_id?: string } | undefined)?.callback_id).toBe(signViews.unsign);
  });

  it('removes a signature of any kind, from the modal or with /rally unsign', async () => {
    await submit(USERS.emeka, { kind: 'conditional', name: 'Emeka', threshold: 3 });
    const removed = (await h.slack.viewSubmission({ user: USERS.emeka, callbackId: signViews.unsign }))
      .json as Ack;
    expect(JSON.stringify(removed.view)).toContain(
      'Your signature (with your name once enough coworkers sign) was removed.',
    );
    expect(await h.rally.ctx.signatures.tally()).toEqual({ named: 0, anonymous: 0, waiting: 0 });

    await submit(USERS.emeka, { kind: 'anonymous' });
    const unsign = await h.slack.command('unsign', { user: USERS.emeka });
    expect((unsign.json as { text: string }).text).toBe('Your anonymous signature was removed.');
    const nothing = await h.slack.command('unsign', { user: USERS.emeka });
    expect((nothing.json as { text: string }).text).toBe('You have not signed the letter.');
  });
});

describe('under concurrency', () => {
  it('300 people signing in parallel, some twice, are counted exactly in Redis and on every copy', async () => {
    const people = Array.from({ length: 300 }, (_, i) => `U0LOAD${String(i).padStart(4, '0')}`);
    const kindOf = (i: number): FormInput =>
      i % 3 === 0
        ? { kind: 'anonymous' }
        : i % 3 === 1
          ? { kind: 'named', name: `Person ${i}` }
          : { kind: 'conditional', name: `Person ${i}`, threshold: 3 };
    const twice = people.filter((_, i) => i % 7 === 0);
    const results = await Promise.all([
      ...people.map((user, i) => submit(user, kindOf(i))),
      ...twice.map((user) => submit(user, kindOf(people.indexOf(user)))),
    ]);
    expect(results.every((r) => r.status === 200)).toBe(true);

    const expected = { named: 200, anonymous: 100, waiting: 0 };
    expect(await h.rally.ctx.signatures.tally()).toEqual(expected);
    const line = signatureLine(expected, 5);
    for (const channel of [CHANNELS.general, CHANNELS.organizing]) {
      const ts = h.standIn.messages(channel)[0]?.ts ?? '';
      await expect.poll(() => shownLine(channel, ts), { timeout: 10_000, interval: 100 }).toBe(line);
      // The last update of each copy is the exact one, and the burst became a few updates, not hundreds.
      const updates = h.standIn
        .calls('chat.update')
        .filter((c) => c.args.channel === channel && c.args.ts === ts);
      expect(lineIn(updates.at(-1)?.args.blocks)).toBe(line);
      expect(updates.length).toBeLessThan(20);
      const gaps = updates.slice(1).map((u, i) => u.at - (updates[i]?.at ?? 0));
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
    }
  });
});

describe('privacy', () => {
  it('an anonymous signature leaves no Slack user ID in Redis, in job data or in the logs', async () => {
    const anonymous = [USERS.bob, USERS.carla, USERS.deepa, 'U0SECRET01', 'U0SECRET02'];
    for (const user of anonymous) await submit(user, { kind: 'anonymous' });
    await h.slack.action({
      actionId: letterActions.sign,
      user: 'U0SECRET03',
      channel: CHANNELS.general,
      messageTs: letterTs,
    });
    await h.standIn.waitForCall('views.open', (c) => c.status === 200);
    await submit('U0SECRET03', { kind: 'anonymous' });
    const line = signatureLine({ named: 0, anonymous: 6, waiting: 0 }, 5);
    await expect.poll(() => shownLine(CHANNELS.general, letterTs), { timeout: 5_000 }).toBe(line);

    // Every key and value, of every type, BullMQ's job hashes included.
    const dump = await dumpRedis(inspector);
    const everything = [...dump, ...h.logs.lines].join('\n');
    for (const user of [...anonymous, 'U0SECRET03']) expect(everything, user).not.toContain(user);
    expect(await inspector.hlen(`${h.rally.ctx.keys.prefix}:letter:anonymous`)).toBe(6);
  });
});

describe('the assurance rule', () => {
  it('with thresholds 3, 3, 5 and 10 among 6 signers, reveals exactly the right names at the right moment', async () => {
    const exportNames = async () => {
      const res = await h.slack.command('signatures', { user: USERS.alice });
      const text = (res.json as { text: string }).text;
      return text
        .split('\n')
        .slice(2)
        .map((l) => l.split(',')[0]);
    };
    await submit('U0COND0001', { kind: 'conditional', name: 'Cara Three', threshold: 3 });
    await submit('U0COND0002', { kind: 'conditional', name: 'Cody Three', threshold: 3 });
    await submit('U0COND0003', { kind: 'conditional', name: 'Cleo Five', threshold: 5 });
    await submit('U0COND0004', { kind: 'conditional', name: 'Cruz Ten', threshold: 10 });
    expect(await exportNames()).toEqual([]);

    await submit('U0NAMED001', { kind: 'named', name: 'Nina Named' });
    expect(await exportNames()).toEqual(['Nina Named']);

    await submit('U0NAMED002', { kind: 'named', name: 'Noah Named' });
    expect(await exportNames()).toEqual(['Cara Three', 'Cody Three', 'Nina Named', 'Noah Named']);
    expect(await h.rally.ctx.signatures.tally()).toEqual({ named: 4, anonymous: 0, waiting: 2 });
  });
});

describe('/rally signatures', () => {
  it('gives organizers the named signers as CSV and the counts, never IDs or hashes', async () => {
    await submit(USERS.bob, { kind: 'named', name: 'Bob "BB" Baker', role: 'Azure, infra' });
    for (const user of ['U0ANON0001', 'U0ANON0002', 'U0ANON0003', 'U0ANON0004', 'U0ANON0005']) {
      await submit(user, { kind: 'anonymous' });
    }
    const res = await h.slack.command('signatures', { user: USERS.alice });
    const body = res.json as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text.split('\n')).toEqual([
      'Signatures for delivery: 1 named. Also 5 signed anonymously; 0 signed with their name once enough others do, and are counted as anonymous until then.',
      'name,team or role',
      '"Bob ""BB"" Baker","Azure, infra"',
    ]);
    expect(body.text).not.toMatch(/U0[A-Z0-9]+/);
  });

  it('is refused to anyone who is not an organizer', async () => {
    const res = await h.slack.command('signatures', { user: USERS.bob });
    expect((res.json as { text: string }).text).toContain('Only organizers can export the signatures.');
  });
});
