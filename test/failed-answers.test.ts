import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignLetterId } from '../src/letters/model.js';
import { interactionFailedMessage } from '../src/slack/blocks/messages.js';
import { homeActions, letterActions, letterFormBlocks, letterViews, shortcuts } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { CHANNELS, plainTextValue, USERS } from './support/slack/index.js';
import { until } from './support/until.js';

/**
 * Buttons, shortcuts and forms with no failure answer of their own, while Redis refuses writes or is away:
 * each is acknowledged once within Slack's 3 s and answered privately that Rally could not finish and
 * cannot tell whether it took effect; each failure is one error line naming nobody; Rally stays up.
 */

let redis: TestRedis;
let h: Harness;
let admin: Redis;
let letterTs: string;

const failedText = interactionFailedMessage.text;

beforeAll(async () => {
  // Kept on disk, so the letter is still there after Redis comes back.
  redis = await startRedis({
    private: true,
    args: ['--maxmemory-policy', 'noeviction', '--appendonly', 'yes', '--appendfsync', 'always'],
  });
  h = await startHarness({ redis, env: { RALLY_ORGANIZERS: USERS.alice } });
  admin = new Redis(redis.url);
  // It is cut off with the rest while Redis is away.
  admin.on('error', () => {});

  await h.slack.command(`post letter <#${CHANNELS.general}|general>`, { user: USERS.alice });
  letterTs = await until(
    'the letter to be posted',
    () =>
      h.standIn
        .messages(CHANNELS.general)
        .find((m) => JSON.stringify(m.blocks ?? []).includes(letterActions.sign))?.ts,
    15_000,
  );
  await h.slack.appHomeOpened(USERS.bob);
  await until('the Home tab to be published', () => h.standIn.homeView(USERS.bob)?.id, 10_000);
}, 60_000);

afterAll(async () => {
  admin?.disconnect();
  await h?.stop();
  await redis?.stop();
}, 30_000);

/** Sends one interaction and returns Rally's HTTP answer with how long it took. */
async function timed<T extends { status: number }>(send: () => Promise<T>): Promise<T & { ms: number }> {
  const sentAt = Date.now();
  const res = await send();
  return { ...res, ms: Date.now() - sentAt };
}

/** The text of the modal Rally opened with `triggerId`, once it did. */
const modalOpenedWith = (triggerId: unknown) =>
  until(
    'the failure modal',
    () => {
      const call = h.standIn
        .calls('views.open')
        .find((c) => c.args.trigger_id === triggerId && c.status === 200);
      return call ? JSON.stringify(call.args.view) : undefined;
    },
    5_000,
  );

/** The error lines logged from `from` on. */
const errorsSince = (from: number) =>
  h.logs
    .entries()
    .slice(from)
    .filter((e) => (e.level as number) >= 50);

describe('an interaction whose listener fails', () => {
  it('while Redis refuses writes, an organizer form gets the answer on its first field, its text kept', async () => {
    const opened = h.standIn.calls('views.open').length;
    await h.slack.command('letter new', { user: USERS.alice });
    await until(
      'the letter form',
      () =>
        h.standIn
          .calls('views.open')
          .slice(opened)
          .find((c) => c.status === 200),
      5_000,
    );
    const formId = h.standIn.views().findLast((v) => v.view.callback_id === letterViews.form)?.id ?? '';
    await admin.config('SET', 'maxmemory', '1');
    const from = h.logs.lines.length;
    try {
      const res = await timed(() =>
        h.slack.viewSubmission({
          user: USERS.alice,
          viewId: formId,
          values: {
            [letterFormBlocks.title]: { [letterFormBlocks.title]: plainTextValue('Fair schedules') },
            [letterFormBlocks.addressee]: { [letterFormBlocks.addressee]: plainTextValue('Our CEO') },
            letter_body: { letter_body: plainTextValue('We ask for schedules two weeks ahead.') },
          },
        }),
      );
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(3_000);
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: { [letterFormBlocks.title]: failedText },
      });
    } finally {
      await admin.config('SET', 'maxmemory', '0');
    }
    const errors = errorsSince(from).filter((e) => e.msg === 'interaction failed');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ listener: letterViews.form, kind: 'view_submission', acked: false });
    expect(JSON.stringify(errors[0])).toContain('OOM');
  });

  it('while Redis is away, a letter’s Sign button, a Home tab button, a shortcut and an organizer’s button are each answered privately', async () => {
    await redis.kill();
    const from = h.logs.lines.length;
    try {
      // Sign on a letter in a channel: answered below it, to the presser only.
      const signed = await timed(() =>
        h.slack.action({
          actionId: letterActions.sign,
          user: USERS.bob,
          channel: CHANNELS.general,
          messageTs: letterTs,
          value: campaignLetterId,
        }),
      );
      expect(signed.status).toBe(200);
      expect(signed.ms).toBeLessThan(3_000);
      const id = String(signed.sent.response_url).split('/').pop();
      const answer = await h.standIn.waitForResponse((r) => r.id === id, 5_000);
      expect(answer.body).toMatchObject({
        text: failedText,
        response_type: 'ephemeral',
        replace_original: false,
      });

      // Sign on the Home tab, which has no response_url: a small modal, on the press's own trigger.
      const home = await timed(() =>
        h.slack.action({
          actionId: letterActions.sign,
          user: USERS.bob,
          viewId: h.standIn.homeView(USERS.bob)?.id ?? '',
          value: campaignLetterId,
        }),
      );
      expect(home.status).toBe(200);
      expect(home.ms).toBeLessThan(3_000);
      expect(await modalOpenedWith(home.sent.trigger_id)).toContain(failedText);

      // What Rally holds about me opens its window before it queues its job: that window says it.
      const holdings = await timed(() =>
        h.slack.action({
          actionId: homeActions.holdings,
          user: USERS.bob,
          viewId: h.standIn.homeView(USERS.bob)?.id ?? '',
        }),
      );
      expect(holdings.status).toBe(200);
      expect(holdings.ms).toBeLessThan(3_000);
      expect(await modalOpenedWith(holdings.sent.trigger_id)).toContain('Looking');
      await until(
        'the holdings window to say it',
        () =>
          h.standIn
            .views()
            .some(
              (v) =>
                v.user === USERS.bob &&
                JSON.stringify(v.view.title ?? {}).includes('What Rally holds') &&
                JSON.stringify(v.view).includes(failedText),
            ),
        5_000,
      );

      // The Sign a letter shortcut: no message to answer under either.
      const shortcut = await timed(() =>
        h.slack.shortcut({ callbackId: shortcuts.signLetter, user: USERS.carla }),
      );
      expect(shortcut.status).toBe(200);
      expect(shortcut.ms).toBeLessThan(3_000);
      expect(await modalOpenedWith(shortcut.sent.trigger_id)).toContain(failedText);

      // An organizer's button (Close signing, below the delivery export): the role check passes, since
      // Alice is a listed owner, and the job cannot be asked for.
      const closed = await timed(() =>
        h.slack.action({
          actionId: letterActions.close,
          user: USERS.alice,
          channel: CHANNELS.organizing,
          value: campaignLetterId,
        }),
      );
      expect(closed.status).toBe(200);
      expect(closed.ms).toBeLessThan(3_000);
      const closedId = String(closed.sent.response_url).split('/').pop();
      const closedAnswer = await h.standIn.waitForResponse((r) => r.id === closedId, 5_000);
      expect(closedAnswer.body).toMatchObject({ text: failedText, response_type: 'ephemeral' });
    } finally {
      await redis.restart();
    }

    // One error line for each, naming the listener and nobody.
    const failed = errorsSince(from).filter((e) => e.msg === 'interaction failed');
    // Each listener had acknowledged before it failed: the answer came after, with no second ack.
    expect(failed.map((e) => [e.listener, e.kind, e.acked])).toEqual([
      [letterActions.sign, 'block_actions', true],
      [letterActions.sign, 'block_actions', true],
      [homeActions.holdings, 'block_actions', true],
      [shortcuts.signLetter, 'shortcut', true],
      [letterActions.close, 'block_actions', true],
    ]);
    expect(errorsSince(from).filter((e) => e.msg === 'listener failed')).toEqual([]);
    const unanswered = h.logs
      .entries()
      .slice(from)
      .filter((e) => String(e.msg).includes('not answered'));
    expect(unanswered).toEqual([]);
    const lines = h.logs.lines.slice(from).join('\n');
    for (const user of Object.values(USERS)) expect(lines, user).not.toContain(user);

    // Still up: once Redis is back, the same Sign button opens the signing form.
    await until('Redis to answer Rally again', () => h.rally.ctx.redis.ping().catch(() => ''), 15_000);
    const again = await h.slack.action({
      actionId: letterActions.sign,
      user: USERS.bob,
      channel: CHANNELS.general,
      messageTs: letterTs,
      value: campaignLetterId,
    });
    expect(again.status).toBe(200);
    expect(await modalOpenedWith(again.sent.trigger_id)).toContain('Sign the letter');
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});
