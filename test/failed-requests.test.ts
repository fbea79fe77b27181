import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPrivacy } from '../src/privacy/check/check.js';
import { textOf } from './chaos/support.js';
import { type Harness, startHarness } from './support/rally.js';
import { dumpRedis } from './support/redis-dump.js';
import { CHANNELS, dmChannelId, USERS } from './support/slack/index.js';
import { until } from './support/until.js';

/**
 * A request whose job fails for good is answered: the person who asked hears that Rally could not do it,
 * why, and what to look at, through the response_url of their command, else a direct message when one may
 * be sent. Here Slack refuses for good (the app lost a permission), which ends the job at once; a job whose
 * retries run out (about two minutes) takes the same path.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.alice } });
});
afterAll(async () => {
  await h?.stop();
});

const idOf = (url: unknown) => String(url).split('/').pop();

/**
 * `/rally poll <text>` as `user` in #general, whose job Slack refuses for good: it reads the creator's zone
 * (`users.info`) to read the closing time, and Slack answers that Rally lacks a permission. With
 * `responseUrlFails`, the command's response_url refuses what is posted to it next.
 */
async function refusedPoll(text: string, user: string, responseUrlFails = false) {
  h.standIn.failWhen('users.info', (args) => args.user === user, { kind: 'error', error: 'missing_scope' });
  if (responseUrlFails) h.standIn.failNext('response_url', { kind: 'http', status: 404 });
  const res = await h.slack.command(`poll ${text}`, { user, channel: CHANNELS.general });
  expect(res.status).toBe(200);
  return res;
}

describe('a request that failed for good', () => {
  it('tells the person who asked, through their command’s response_url, why and what to check', async () => {
    const res = await refusedPoll('"Pizza or tacos?" "Pizza" "Tacos" closes in 2 days', USERS.bob);
    const answer = await h.standIn.waitForResponse(
      (r) => r.id === idOf(res.sent.response_url) && textOf(r).includes('could not'),
      20_000,
    );
    expect(textOf(answer)).toBe(
      ':warning: Rally could not create your poll. Slack refused it. The Slack app lacks a permission it needs; reinstall it from manifest.yml. Look in the channel before asking again: it may have been posted.',
    );
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
    expect(h.standIn.messages(CHANNELS.general).some((m) => m.text?.includes('Pizza or tacos?'))).toBe(false);
  });

  it('sends a direct message instead when the response_url no longer answers', async () => {
    await refusedPoll('"Picnic on Sunday?" "Yes" "No" closes in 2 days', USERS.carla, true);
    const told = await until(
      'the direct message',
      () => h.standIn.messages(dmChannelId(USERS.carla)).find((m) => m.text?.includes('could not create')),
      20_000,
    );
    expect(told.text).toContain('Slack refused it.');
  });

  it('never sends a direct message about an anonymous poll, and leaves its creator’s ID nowhere in Redis', async () => {
    await refusedPoll('"Strike vote?" "Yes" "No" anonymous closes in 2 days', USERS.deepa, true);
    // The notice was tried at the response_url, which refused it; no direct message is sent in its place.
    await until(
      'the notice to be given up',
      () => h.logs.find('response_url refused the message: dropped, no direct message'),
      20_000,
    );
    expect(h.standIn.messages(dmChannelId(USERS.deepa))).toEqual([]);
    // The failed job's record and the notice's were deleted as they ended.
    await until(
      'no record naming the creator',
      async () => !(await dumpRedis(h.rally.ctx.redis)).some((v) => v.includes(USERS.deepa)),
      20_000,
    );
    // And the privacy check finds nothing to report after these failures.
    const report = await checkPrivacy({
      redis: h.rally.ctx.redis,
      namespace: h.rally.ctx.keys.prefix.slice(1, -1),
    });
    expect(report.rules.filter((r) => r.status === 'fail')).toEqual([]);
  });
});
