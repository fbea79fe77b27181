import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPageSize } from '../src/audit/blocks/audit-log.js';
import { AuditLog } from '../src/audit/store.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId } from '../src/letters/model.js';
import { forgetPerson } from '../src/people/forget-person.js';
import { auditActions, letterActions, pollVoteActionId, signViews } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, plainTextValue, selectedOptionValue, USERS } from './support/slack/index.js';

/**
 * The audit of organizers' actions: what organizers do is listed, newest first and paged, for organizers
 * only; what participants do (signing, voting, reminders) never is.
 */

let h: Harness;
const organizer = USERS.alice;

/** The audit as an organizer reads it with `/rally audit`: its text. */
async function auditText(user: string = organizer): Promise<{ status: number; text: string; json: unknown }> {
  const res = await h.slack.command('audit', { user });
  return { status: res.status, text: JSON.stringify(res.json), json: res.json };
}

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: organizer } });
});

afterAll(async () => {
  await h.stop();
});

describe('/rally audit', () => {
  it('says it is empty before organizers did anything', async () => {
    const { text } = await auditText();
    expect(text).toContain('Nothing in the audit yet');
  });

  it('lists what organizers did, newest first, and nothing participants did', async () => {
    await h.slack.command(`post letter <#${CHANNELS.general}|general>`, { user: organizer });
    await expect
      .poll(() => h.standIn.messages(CHANNELS.general).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await h.slack.command('digest daily 09:00', { user: organizer, channel: CHANNELS.organizing });
    await h.slack.command('signatures', { user: organizer });

    // Participants sign, set a reminder and vote: none of it is an organizer's action.
    await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: signViews.sign,
      privateMetadata: `${campaignLetterId}@1`,
      values: {
        [signFormFields.mode]: {
          [signFormFields.mode]: selectedOptionValue('named', 'named', 'radio_buttons'),
        },
        [signFormFields.role]: { [signFormFields.role]: plainTextValue(null) },
      },
    });
    await h.slack.command('remind me "Bring flyers" in 2 hours', { user: USERS.carla });
    await h.slack.command('poll "Lunch?" "Yes" "No"', { user: USERS.deepa, channel: CHANNELS.general });
    const poll = await h.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.status === 200 && JSON.stringify(c.args.blocks ?? []).includes(pollVoteActionId(0)),
      10_000,
    );
    const ts = h.standIn.messages(CHANNELS.general).find((m) => m.text === poll.args.text)?.ts ?? '';
    await h.slack.action({
      actionId: pollVoteActionId(0),
      user: USERS.emeka,
      channel: CHANNELS.general,
      messageTs: ts,
    });

    const { text } = await auditText();
    const posted = text.indexOf('posted the letter');
    const digest = text.indexOf('set the digest');
    const exported = text.indexOf('exported the signatures of');
    expect(posted).toBeGreaterThan(-1);
    expect(digest).toBeGreaterThan(-1);
    expect(exported).toBeGreaterThan(-1);
    // Newest first.
    expect(exported).toBeLessThan(digest);
    expect(digest).toBeLessThan(posted);
    expect(text).toContain(`<@${organizer}>`);
    expect(text).toContain(`<#${CHANNELS.general}>`);
    expect(text).toContain('daily 09:00');
    for (const participant of [USERS.bob, USERS.carla, USERS.deepa, USERS.emeka]) {
      expect(text).not.toContain(participant);
    }
    expect(text).not.toContain('Bring flyers');
    expect(text).not.toContain('Lunch?');
  });

  it('records closing a letter from its button, once', async () => {
    await h.slack.action({ actionId: letterActions.close, value: campaignLetterId, user: organizer });
    await expect
      .poll(async () => (await auditText()).text, { timeout: 5_000 })
      .toContain('closed signing of');
    const entries = await h.rally.ctx.audit.page(0, 50);
    expect(entries.entries.filter((e) => e.action === 'closed-letter')).toHaveLength(1);
  });

  it('pages through what is kept with Newer and Older', async () => {
    for (let i = 0; i < auditPageSize + 5; i++) {
      await h.rally.ctx.audit.record({
        at: Date.now(),
        actor: organizer,
        action: 'set-digest',
        subject: `run ${i}`,
      });
    }
    const first = await auditText();
    expect(first.text).toContain(`1–${auditPageSize} of`);
    expect(first.text).toContain(`run ${auditPageSize + 4}`);
    expect(first.text).toContain(auditActions.page);
    const older = await h.slack.action({
      actionId: auditActions.page,
      value: String(auditPageSize),
      user: organizer,
    });
    const replaced = await h.standIn.waitForResponse(
      (r) => r.id === String(older.sent.response_url).split('/').pop(),
    );
    const olderText = JSON.stringify(replaced.body);
    expect(olderText).toContain(`${auditPageSize + 1}–`);
    expect(olderText).toContain('run 0');
    expect(olderText).toContain('Newer');
  });

  it('is refused to participants, by command and by button, privately', async () => {
    const { json, text } = await auditText(USERS.bob);
    expect(json).toMatchObject({ response_type: 'ephemeral' });
    expect(text).toContain('Only organizers can see the audit');
    const press = await h.slack.action({ actionId: auditActions.page, value: '0', user: USERS.bob });
    const refusal = await h.standIn.waitForResponse(
      (r) => r.id === String(press.sent.response_url).split('/').pop(),
    );
    expect(JSON.stringify(refusal.body)).toContain('Only organizers can see the audit');
  });
});

describe('forget me', () => {
  it('takes an organizer’s ID out of the audit; the actions stay, without them', async () => {
    await h.rally.ctx.audit.record({
      at: Date.now(),
      actor: USERS.deepa,
      action: 'posted',
      subject: 'the letter',
    });
    const report = await forgetPerson(h.rally.ctx, h.standIn.teamId, USERS.deepa);
    expect(report.auditEntries).toBe(1);
    const { text } = await auditText();
    expect(text).not.toContain(USERS.deepa);
    expect(text).toContain('An organizer who asked to be forgotten posted the letter');
    expect(
      JSON.stringify(await h.rally.ctx.redis.zrange(`${h.rally.ctx.keys.prefix}:audit`, '0', '-1')),
    ).not.toContain(USERS.deepa);
  });
});

describe('the audit store', () => {
  it('keeps entries for its retention only', async () => {
    const log = new AuditLog(
      h.rally.ctx.redis,
      { prefix: '{audit-test}', key: (...p) => ['{audit-test}', ...p].join(':') },
      1,
    );
    const now = Date.now();
    await log.record({ at: now - 2 * 86_400_000, actor: organizer, action: 'posted', subject: 'old' });
    await log.record({ at: now, actor: organizer, action: 'posted', subject: 'new' });
    const page = await log.page(0, 10, now);
    expect(page.entries.map((e) => e.subject)).toEqual(['new']);
    expect(page.total).toBe(1);
    expect(await h.rally.ctx.redis.zcard('{audit-test}:audit')).toBe(1);
  });
});
