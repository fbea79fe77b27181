import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signatureLine } from '../src/letters/blocks/letter-message.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId, type SignatureKind } from '../src/letters/model.js';
import { today } from '../src/letters/signer.js';
import { letterActions, letterBlocks, letterViews, signViews } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import {
  addCoworkers,
  CHANNELS,
  dmChannelId,
  plainTextValue,
  selectedOptionValue,
  USERS,
} from './support/slack/index.js';

let h: Harness;
let inspector: Redis;
let letterTs: string;
const rule = { minAnonymous: 5 };

interface FormInput {
  kind: SignatureKind;
  role?: string;
  threshold?: number;
}

const formValues = ({ kind, role, threshold }: FormInput) => ({
  [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
  [signFormFields.threshold]: {
    [signFormFields.threshold]: selectedOptionValue(String(threshold ?? 5)),
  },
  [signFormFields.role]: { [signFormFields.role]: plainTextValue(role ?? null) },
});

/** Submits the signing form as `user`. */
const submit = (user: string, input: FormInput) =>
  h.slack.viewSubmission({
    user,
    callbackId: signViews.sign,
    privateMetadata: campaignLetterId,
    values: formValues(input),
  });

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

const letterKey = (part: string) => `${h.rally.ctx.keys.prefix}:letter:${campaignLetterId}:${part}`;

async function clearSignatures(): Promise<void> {
  const parts = ['signers', 'named', 'anonymous', 'conditional', 'legacy-anonymous'];
  await inspector.del(...parts.map(letterKey), `${h.rally.ctx.keys.prefix}:redraw:pending`);
}

/** The delivery export an organizer receives privately (a job sends it through the response_url). */
async function exportText(): Promise<string> {
  const before = h.standIn.responses().length;
  const ack = await h.slack.command('signatures', { user: USERS.alice });
  expect((ack.json as { text: string }).text).toContain('Preparing the signatures');
  const post = await h.standIn.waitForResponse(
    (p) =>
      h.standIn.responses().indexOf(p) >= before &&
      String((p.body as { text?: string }).text ?? '').startsWith('Signatures for delivery'),
    10_000,
  );
  return String((post.body as { text?: string }).text);
}

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.alice } });
  inspector = new Redis(h.redis.url);
  addCoworkers(h.standIn.workspace, [
    { id: 'U0COND0001', realName: 'Cara Three' },
    { id: 'U0COND0002', realName: 'Cody Three' },
    { id: 'U0COND0003', realName: 'Cleo Five' },
    { id: 'U0COND0004', realName: 'Cruz Ten' },
    { id: 'U0NAMED001', realName: 'Nina Named' },
    { id: 'U0NAMED002', realName: 'Noah Named' },
    { id: 'U0FORMULA1', realName: '=HYPERLINK("https://evil.example","click")' },
  ]);
  const res = await h.slack.command(
    `post letter <#${CHANNELS.general}|general> <#${CHANNELS.organizing}|organizing>`,
    { user: USERS.alice },
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
  it('opens a form with three ways to sign, each saying who can learn what, and no name to type', async () => {
    await h.slack.action({
      actionId: letterActions.sign,
      user: USERS.bob,
      channel: CHANNELS.general,
      messageTs: letterTs,
    });
    const call = await h.standIn.waitForCall('views.open', (c) => c.status === 200);
    const view = call.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe(signViews.sign);
    expect(view.private_metadata).toBe(`${campaignLetterId}@1`);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain(`as <@${USERS.bob}>`);
    expect(text).toContain('Your name as it is in your Slack profile');
    expect(text).toContain('whoever runs Rally could check whether a given person signed');
    expect(text).toContain('when the letter closes, the key that makes this possible is erased');
    expect(text).toContain('then your Slack profile name is shown together with theirs, never alone');
    expect(text).not.toContain('sign_name');
    for (const kind of ['named', 'anonymous', 'conditional']) expect(text).toContain(`"value":"${kind}"`);
  });

  it('tells someone from another organization, in a shared channel, that they cannot sign', async () => {
    await h.slack.action({
      actionId: letterActions.sign,
      user: USERS.partner,
      channel: CHANNELS.general,
      messageTs: letterTs,
    });
    const call = await h.standIn.waitForCall(
      'views.open',
      (c) => c.status === 200 && JSON.stringify(c.args.view).includes('another organization'),
    );
    expect(JSON.stringify(call.args.view)).toContain('cannot sign, vote or pledge');
    const ack = (await submit(USERS.partner, { kind: 'anonymous' })).json as Ack;
    expect(JSON.stringify(ack.view)).toContain('cannot sign, vote or pledge');
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual({
      named: 0,
      anonymous: 0,
      waiting: 0,
    });
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
  it('counts signatures on every copy of the letter, on the redraw clock, two acts at a time', async () => {
    const ack = (await submit(USERS.bob, { kind: 'named', role: 'Azure' })).json as Ack;
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('Thank you for signing with your name');
    await submit(USERS.carla, { kind: 'named' });
    const expected = signatureLine({ named: 2, anonymous: 0, waiting: 0 }, rule);
    for (const channel of [CHANNELS.general, CHANNELS.organizing]) {
      const ts = h.standIn.messages(channel)[0]?.ts ?? '';
      await expect.poll(() => shownLine(channel, ts)).toBe(expected);
    }
  });

  it('does not redraw the letter for one lone signature', async () => {
    const updates = () => h.standIn.calls('chat.update').filter((c) => c.args.ts === letterTs).length;
    const before = updates();
    await submit(USERS.bob, { kind: 'named' });
    await submit(USERS.carla, { kind: 'named' });
    await expect.poll(updates).toBe(before + 1);
    const two = signatureLine({ named: 2, anonymous: 0, waiting: 0 }, rule);
    expect(shownLine(CHANNELS.general, letterTs)).toBe(two);
    await submit(USERS.deepa, { kind: 'anonymous' });
    // Three clock ticks later the lone signature still shows nowhere; a second act lets both show.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(updates()).toBe(before + 1);
    expect(shownLine(CHANNELS.general, letterTs)).toBe(two);
    await submit(USERS.emeka, { kind: 'anonymous' });
    const four = signatureLine({ named: 2, anonymous: 2, waiting: 0 }, rule);
    await expect.poll(() => shownLine(CHANNELS.general, letterTs)).toBe(four);
  });

  it('answers a second signature privately with what Rally holds, for anonymous signers too', async () => {
    await submit(USERS.deepa, { kind: 'anonymous' });
    const again = (await submit(USERS.deepa, { kind: 'named' })).json as Ack;
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
    await submit(USERS.emeka, { kind: 'conditional', threshold: 3 });
    const removed = (
      await h.slack.viewSubmission({
        user: USERS.emeka,
        callbackId: signViews.unsign,
        privateMetadata: campaignLetterId,
      })
    ).json as Ack;
    expect(JSON.stringify(removed.view)).toContain(
      'Your signature (with your name once enough coworkers sign) was removed.',
    );
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual({
      named: 0,
      anonymous: 0,
      waiting: 0,
    });

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
          ? { kind: 'named' }
          : { kind: 'conditional', threshold: 3 };
    const twice = people.filter((_, i) => i % 7 === 0);
    const results = await Promise.all([
      ...people.map((user, i) => submit(user, kindOf(i))),
      ...twice.map((user) => submit(user, kindOf(people.indexOf(user)))),
    ]);
    expect(results.every((r) => r.status === 200)).toBe(true);

    const expected = { named: 200, anonymous: 100, waiting: 0 };
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual(expected);
    const line = signatureLine(expected, rule);
    for (const channel of [CHANNELS.general, CHANNELS.organizing]) {
      const ts = h.standIn.messages(channel)[0]?.ts ?? '';
      await expect.poll(() => shownLine(channel, ts), { interval: 100 }).toBe(line);
      // The last update of each copy is the exact one, and the burst became a few updates, not hundreds.
      const updates = h.standIn
        .calls('chat.update')
        .filter((c) => c.args.channel === channel && c.args.ts === ts);
      expect(lineIn(updates.at(-1)?.args.blocks)).toBe(line);
      expect(updates.length).toBeLessThan(40);
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
      value: campaignLetterId,
    });
    await h.standIn.waitForCall('views.open', (c) => c.status === 200);
    await submit('U0SECRET03', { kind: 'anonymous' });
    const line = signatureLine({ named: 0, anonymous: 6, waiting: 0 }, rule);
    await expect.poll(() => shownLine(CHANNELS.general, letterTs)).toBe(line);

    // Every key and value, of every type, BullMQ's job hashes and event streams included.
    const dump = await dumpRedis(inspector);
    const everything = [...dump, ...h.logs.lines].join('\n');
    for (const user of [...anonymous, 'U0SECRET03']) expect(everything, user).not.toContain(user);
    expect(await inspector.hlen(letterKey('anonymous'))).toBe(6);
  });

  it('keeps conditional signers under the letter hash, with who they are sealed, never their ID in clear', async () => {
    await submit('U0COND0001', { kind: 'conditional', role: 'Platform team', threshold: 3 });
    const dump = (await dumpRedis(inspector)).join('\n');
    expect(dump).not.toContain('U0COND0001');
    expect(dump).not.toContain('Platform team');
    expect(await inspector.hlen(letterKey('conditional'))).toBe(1);
  });
});

describe('the assurance rule', () => {
  it('with thresholds 3, 3, 5 and 10 among 6 signers, reveals exactly the right names at the right moment', async () => {
    // The names on the CSV of the delivery package, sent to the organizer's direct messages.
    const exportNames = async () => {
      await exportText();
      const csv = h.standIn
        .files(dmChannelId(USERS.alice))
        .filter((f) => f.name.endsWith('.csv'))
        .at(-1);
      return (csv?.bytes?.toString('utf8') ?? '')
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',')[0]);
    };
    await submit('U0COND0001', { kind: 'conditional', threshold: 3 });
    await submit('U0COND0002', { kind: 'conditional', threshold: 3 });
    await submit('U0COND0003', { kind: 'conditional', threshold: 5 });
    await submit('U0COND0004', { kind: 'conditional', threshold: 10 });
    expect(await exportNames()).toEqual([]);

    await submit('U0NAMED001', { kind: 'named' });
    expect(await exportNames()).toEqual(['Nina Named']);

    await submit('U0NAMED002', { kind: 'named' });
    expect(await exportNames()).toEqual(['Cara Three', 'Cody Three', 'Nina Named', 'Noah Named']);
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual({
      named: 4,
      anonymous: 0,
      waiting: 2,
    });
  });
});

describe('/rally signatures', () => {
  it('tells organizers the counts and that the delivery package is in their messages, never IDs or hashes', async () => {
    await submit(USERS.bob, { kind: 'named', role: 'Azure, infra' });
    await submit('U0FORMULA1', { kind: 'named', role: '+1 for the walkout' });
    for (const user of ['U0ANON0001', 'U0ANON0002', 'U0ANON0003', 'U0ANON0004', 'U0ANON0005']) {
      await submit(user, { kind: 'anonymous' });
    }
    const text = await exportText();
    // The PDF and the CSV themselves are checked in delivery-package.test.ts.
    expect(text.split('\n')).toEqual([
      'Signatures for delivery: 2 named. Also 5 signed anonymously; 0 signed with their name once enough others do, and are counted as anonymous until then.',
      'The letter as it will be delivered (PDF, 1 page) and the named signers (CSV) are in your direct messages with Rally.',
    ]);
    expect(text).not.toMatch(/U0[A-Z0-9]+/);
  });

  it('is refused to anyone who is not an organizer', async () => {
    const res = await h.slack.command('signatures', { user: USERS.bob });
    expect((res.json as { text: string }).text).toContain('Only organizers can export the signatures.');
  });
});
