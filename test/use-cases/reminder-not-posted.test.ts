import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tellRequesterItFailed } from '../../src/failed-requests/tell-requester.js';
import type { Reminder } from '../../src/reminders/model.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { CHANNELS, dmChannelId, TEAM_ID, USERS } from '../support/slack/index.js';

/**
 * A reminder whose run failed for good (its job's retries spent while Slack or Redis was away): the
 * worker queues a `request-failed` job carrying only the reminder's ID, and that job tells its creator.
 * (The worker's side is tested with a refused poll in test/failed-requests.test.ts: a reminder's retries
 * take two minutes.)
 */

let h: ContextHarness;
let n = 0;

beforeAll(async () => {
  h = await startContext({ RALLY_MAX_POSTS_PER_SECOND: '1000' });
});
afterAll(async () => {
  await h.stop();
});

async function storedReminder(fields: Partial<Reminder>): Promise<Reminder> {
  const reminder: Reminder = {
    id: `reminder-test-${++n}`,
    teamId: TEAM_ID,
    creator: USERS.alice,
    target: CHANNELS.general,
    text: 'Walkout at noon',
    when: 'tomorrow at 11:30',
    at: Date.now() + 3_600_000,
    ...fields,
  };
  expect(await h.ctx.reminders.create(reminder, 100)).toEqual({ ok: true });
  return reminder;
}

/** What the request-failed job does for a reminder's failed run; paced like any post, so tried again. */
async function tellCreator(reminderId: string): Promise<void> {
  for (;;) {
    try {
      return await tellRequesterItFailed(
        h.ctx,
        { queue: 'reminder-fire', reminderId, directMessage: true },
        `notice-${reminderId}`,
      );
    } catch (err) {
      if ((err as Error).name !== 'PacedError') throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const toldAlice = (text: string) =>
  h.standIn.messages(dmChannelId(USERS.alice)).filter((m) => m.text?.includes(text));

describe('a reminder that could not go out at its time', () => {
  it('tells its creator which one, removes a one-off with its text, and keeps a series going', async () => {
    const once = await storedReminder({ text: 'Walkout at noon' });
    await tellCreator(once.id);
    expect(toldAlice('Walkout at noon').map((m) => m.text)).toEqual([
      `:warning: Your reminder "Walkout at noon" could not be posted in <#${CHANNELS.general}>: Slack or Rally’s storage kept failing at its time, and Rally has stopped trying. It is removed: set it again with \`/rally remind\` if it is still useful.`,
    ]);
    expect(await h.ctx.reminders.get(once.id)).toBeUndefined();

    const weekly = await storedReminder({ text: 'Weekly check-in', pattern: '0 9 * * 1', tz: 'UTC' });
    await tellCreator(weekly.id);
    expect(toldAlice('Weekly check-in')[0]?.text).toContain('The next times are still set.');
    expect(await h.ctx.reminders.get(weekly.id)).toMatchObject({ text: 'Weekly check-in' });
  });

  it('gives a reminder to oneself in full, late', async () => {
    const mine = await storedReminder({ target: USERS.alice, text: 'Call the union rep' });
    await tellCreator(mine.id);
    expect(toldAlice('Call the union rep')[0]?.text).toBe(
      ':alarm_clock: Your reminder could not be sent at its time (Slack or Rally’s storage kept failing at its time, and Rally has stopped trying.) Here it is, late: Call the union rep',
    );
  });

  it('tells nobody about a reminder cancelled meanwhile', async () => {
    const before = h.standIn.calls('chat.postMessage').length;
    await tellCreator('reminder-gone');
    expect(h.standIn.calls('chat.postMessage')).toHaveLength(before);
  });
});
