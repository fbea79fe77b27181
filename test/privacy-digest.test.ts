import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureLine } from '../src/letters/blocks/letter-message.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId, type SignatureKind, type SignatureTally } from '../src/letters/model.js';
import { signViews } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, selectedOptionValue, USERS } from './support/slack/index.js';

/*
 * Finding 7 of the privacy audit: a digest's "(N new since the last digest)" gave away the unnamed count
 * that the letter itself hides below RALLY_MIN_ANONYMOUS_VOTES (5 by default). Likewise a change of that
 * hidden count alone is no news: a digest that said more than "nothing new" (or, quiet, was posted at all)
 * told that someone had just signed without their name.
 */

let h: Harness;
const channel = CHANNELS.organizing;
const rule = { minAnonymous: 5 };
let signers = 0;

/** Signs the letter through the signing form as a new coworker. */
async function sign(kind: SignatureKind): Promise<void> {
  signers++;
  const res = await h.slack.viewSubmission({
    user: `U0DGST${String(signers).padStart(4, '0')}`,
    callbackId: signViews.sign,
    privateMetadata: campaignLetterId,
    values: {
      [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
    },
  });
  expect(JSON.stringify(res.json)).toContain('Thank you');
}

/** `/rally digest now` in the channel; the digest's text once it is posted. */
async function digestNow(): Promise<string> {
  const digests = () =>
    h.standIn
      .calls('chat.postMessage')
      .filter(
        (c) =>
          c.args.channel === channel && c.status === 200 && String(c.args.text).startsWith('Rally digest'),
      );
  const before = digests().length;
  const res = await h.slack.command('digest now', { channel, user: USERS.alice });
  expect((res.json as { text: string }).text).toBe('Posting the digest of this channel now.');
  await expect.poll(() => digests().length, { timeout: 15_000 }).toBe(before + 1);
  return JSON.stringify(digests().at(-1)?.args.blocks);
}

/** The letter's line for the signatures it holds, checked to be `tally`: what the digest repeats. */
async function letterLine(tally: SignatureTally): Promise<string> {
  expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual(tally);
  return signatureLine(tally, rule);
}

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.alice } });
});

afterAll(async () => {
  await h.stop();
});

describe('finding 7: "new since the last digest"', () => {
  it('is not said while the unnamed signatures are fewer than 5, on either digest; once both show them, it is', async () => {
    await h.slack.command(`post letter <#${channel}|organizing>`, { user: USERS.alice });
    await expect
      .poll(() => h.rally.ctx.letterCopies.list(campaignLetterId), { timeout: 15_000 })
      .toHaveLength(1);
    for (let i = 0; i < 3; i++) await sign('named');
    for (let i = 0; i < 2; i++) await sign('anonymous');
    const first = await digestNow();
    expect(first).toContain(await letterLine({ named: 3, anonymous: 2, waiting: 0 }));
    expect(first).not.toMatch(/\(\d+ new/);

    // One more anonymous signature: the letter still says only "a few", and so must the digest. Nor is the
    // hidden change news on its own: "nothing new", as if nobody had signed.
    await sign('anonymous');
    const second = await digestNow();
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual({
      named: 3,
      anonymous: 3,
      waiting: 0,
    });
    expect(second).toContain(': nothing new.');
    expect(second).not.toMatch(/\(\d+ new/);

    // Another, while a poll makes the digest worth posting: the letter's line is there, without an increase.
    await sign('anonymous');
    await h.slack.command('poll "Meet on Thursday?" "Yes" "No"', { channel, user: USERS.alice });
    await expect.poll(() => h.rally.ctx.polls.idsInChannel(channel, 0)).toHaveLength(1);
    const third = await digestNow();
    expect(third).toContain(await letterLine({ named: 3, anonymous: 4, waiting: 0 }));
    expect(third).toContain('Meet on Thursday?');
    expect(third).not.toMatch(/\(\d+ new/);

    // Above the threshold now, but the last digest hid its unnamed count: the difference would tell it.
    for (let i = 0; i < 2; i++) await sign('anonymous');
    const fourth = await digestNow();
    expect(fourth).toContain(await letterLine({ named: 3, anonymous: 6, waiting: 0 }));
    expect(fourth).not.toMatch(/\(\d+ new/);

    // Both readings show their unnamed count: the increase names nobody.
    await sign('anonymous');
    await sign('named');
    const fifth = await digestNow();
    expect(fifth).toContain(await letterLine({ named: 4, anonymous: 7, waiting: 0 }));
    expect(fifth).toContain('(2 new since the last digest)');
  });
});
