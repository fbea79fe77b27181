import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueName } from '../src/queues/contracts.js';
import { jobIds } from '../src/queues/job-ids.js';
import { eventActions, eventFormBlocks, eventViews } from '../src/slack/ids.js';
import { createEventByCommand, type PostedEvent, press } from './support/events.js';
import { type Harness, startHarness, testSigningSecret } from './support/rally.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import {
  addCoworkers,
  createWorkspace,
  dmChannelId,
  plainTextValue,
  SlackStandIn,
  USERS,
} from './support/slack/index.js';

const members = Array.from({ length: 10 }, (_, i) => `U0MEMB${String(i).padStart(3, '0')}`);
const namespace = 'events-reminders';
const env = { RALLY_ORGANIZERS: USERS.alice };

let redis: TestRedis;
let standIn: SlackStandIn;
let h: Harness;
let named: PostedEvent;
let countsOnly: PostedEvent;

/** The direct messages Rally sent a person that contain `text`. */
const dms = (user: string, text: string) =>
  standIn.messages(dmChannelId(user)).filter((m) => String(m.text).includes(text));

/** Runs a delayed job now (what its time coming would do). */
async function runNow(queue: QueueName, id: string): Promise<void> {
  const job = await h.rally.ctx.queues.queue(queue).getJob(id);
  expect(await job?.getState()).toBe('delayed');
  await job?.promote();
}

/** Presses the reminder switch in the person's last private confirmation (an ephemeral message). */
async function switchReminders(copy: PostedEvent, user: string, on: boolean) {
  const confirmation = standIn
    .ephemerals(user)
    .filter((e) => JSON.stringify(e.blocks).includes(`${copy.event.id}:${on ? 'on' : 'off'}`))
    .at(-1);
  expect(confirmation).toBeDefined();
  const res = await h.slack.action({
    actionId: eventActions.reminders,
    value: `${copy.event.id}:${on ? 'on' : 'off'}`,
    user,
    channel: copy.channel,
    messageTs: confirmation?.ts ?? '',
    isEphemeral: true,
  });
  expect(res.status).toBe(200);
  const id = String(res.sent.response_url).split('/').pop();
  await standIn.waitForResponse((r) => r.id === id, 10_000);
  // The confirmation was replaced where it was, as Slack replaces an ephemeral message.
  return String(standIn.ephemerals(user).find((e) => e.ts === confirmation?.ts)?.text);
}

beforeAll(async () => {
  redis = await startRedis();
  const workspace = addCoworkers(
    createWorkspace(),
    members.map((id, i) => ({
      id,
      realName: `Member ${i}`,
      tz: i % 2 ? 'Europe/Berlin' : 'America/New_York',
    })),
  );
  standIn = await SlackStandIn.start({ signingSecret: testSigningSecret, workspace });
  h = await startHarness({ redis, standIn, namespace, env });
});

afterAll(async () => {
  await h.stop();
  await standIn.close();
  await redis.stop();
});

describe('reminders people ask for', () => {
  it('named events ask by default; counts-only events only when asked, with the line saying why', async () => {
    named = await createEventByCommand(h, '"March on city hall" in 3 days at "City hall steps"');
    countsOnly = await createEventByCommand(h, '"Quiet meeting" in 3 days at "Room 2" counts-only');
    const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = members as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    for (const m of [m0, m1, m2])
      expect(await press(h, named, m, 'going')).toContain('I’ll remind you privately');
    expect(await press(h, named, m3 as string, 'maybe')).toContain('I’ll remind you privately');
    expect(await press(h, named, m4 as string, 'going')).toContain('I’ll remind you');
    expect(await switchReminders(named, m4 as string, false)).toContain('No reminders');
    expect(await press(h, named, m5 as string, 'cant')).not.toContain('remind');
    await press(h, named, m6 as string, 'going');
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await press(h, named, m6 as string, 'going')).toContain('taken back');

    const off = await press(h, countsOnly, m7 as string, 'going');
    expect(off).toContain('Reminders are off for this counts-only event');
    expect(off).toContain('workspace owner can export direct messages');
    expect(await switchReminders(countsOnly, m7 as string, true)).toContain(
      'I’ll remind you by direct message',
    );
    await press(h, countsOnly, m8 as string, 'going');
  });

  it('fire once each, for exactly those who asked, after a restart', async () => {
    await h.stop();
    h = await startHarness({ redis, standIn, namespace, env });
    for (const copy of [named, countsOnly]) {
      for (const kind of ['day-before', 'hour-before']) {
        await runNow('event-remind', jobIds.eventRemind(copy.event.id, kind, copy.event.startsAt));
      }
    }
    const asked = [...members.slice(0, 4), members[7] as string];
    for (const user of asked) {
      await expect.poll(() => dms(user, 'Tomorrow:').length, { timeout: 15_000 }).toBe(1);
      await expect.poll(() => dms(user, 'In an hour:').length, { timeout: 15_000 }).toBe(1);
    }
    for (const user of members.filter((m) => !asked.includes(m))) {
      expect(dms(user, 'Tomorrow:')).toEqual([]);
      expect(dms(user, 'In an hour:')).toEqual([]);
    }
    // A Going person sees the place; the counts-only reminder names the event only to the person who asked.
    expect(dms(members[0] as string, 'Tomorrow:')[0]?.text).toContain('City hall steps');
    expect(dms(members[7] as string, 'Tomorrow:')[0]?.text).toContain('Quiet meeting');
    // Running a reminder again sends nothing more.
    await h.rally.ctx.queues.enqueue(
      'event-remind',
      { eventId: named.event.id, kind: 'day-before', startsAt: named.event.startsAt },
      { jobId: 'rerun-day-before' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const user of asked.slice(0, 4)) expect(dms(user, 'Tomorrow:')).toHaveLength(1);
  });

  it('no job, delivery record or log line pairs a user ID with the counts-only event', async () => {
    const { redis: r } = h.rally.ctx;
    const keys = await r.keys(`{${namespace}}:*`);
    for (const key of keys) {
      const type = await r.type(key);
      const value =
        type === 'hash'
          ? JSON.stringify(await r.hgetall(key))
          : type === 'string'
            ? String(await r.get(key))
            : type === 'set'
              ? JSON.stringify(await r.smembers(key))
              : type === 'zset'
                ? JSON.stringify(await r.zrange(key, '0', '-1'))
                : '';
      if (!`${key} ${value}`.includes(countsOnly.event.id)) continue;
      for (const member of [members[7], members[8]]) expect(`${key} ${value}`).not.toContain(member);
    }
    for (const line of h.logs.lines) {
      if (!line.includes(countsOnly.event.id)) continue;
      for (const member of members) expect(line).not.toContain(member);
    }
  });
});

describe('changes and cancellation', () => {
  it('moving a named event moves its reminders, notifies in the thread and privately', async () => {
    const event = named.event;
    const res = await h.slack.action({
      actionId: eventActions.edit,
      user: USERS.alice,
      channel: named.channel,
      messageTs: named.ts,
    });
    expect(res.status).toBe(200);
    const open = await standIn.waitForCall(
      'views.open',
      (c) => c.status === 200 && JSON.stringify(c.args.view).includes(eventViews.edit),
    );
    const view = open.args.view as { private_metadata: string };
    const submit = await h.slack.viewSubmission({
      user: USERS.alice,
      callbackId: eventViews.edit,
      privateMetadata: view.private_metadata,
      values: {
        [eventFormBlocks.title]: { [eventFormBlocks.title]: plainTextValue(event.title) },
        [eventFormBlocks.starts]: { [eventFormBlocks.starts]: plainTextValue('in 5 days') },
        [eventFormBlocks.place]: { [eventFormBlocks.place]: plainTextValue(event.place) },
      },
    });
    expect(submit.text).toBe('');
    const moved = await h.rally.ctx.events.get(event.id);
    expect(moved?.startsAt).toBeGreaterThan(event.startsAt + 40 * 3_600_000);
    const remind = h.rally.ctx.queues.queue('event-remind');
    for (const kind of ['day-before', 'hour-before']) {
      expect(await remind.getJob(jobIds.eventRemind(event.id, kind, moved?.startsAt ?? 0))).toBeDefined();
      expect(
        await (await remind.getJob(jobIds.eventRemind(event.id, kind, moved?.startsAt ?? 0)))?.getState(),
      ).toBe('delayed');
    }
    expect(
      await (
        await h.rally.ctx.queues.queue('event-end').getJob(jobIds.eventEnd(event.id, event.endsAt))
      )?.getState(),
    ).toBeUndefined();
    await expect
      .poll(
        () =>
          standIn
            .messages(named.channel)
            .filter((m) => m.thread_ts === named.ts && String(m.text).includes('This event changed')).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    for (const user of members.slice(0, 4)) {
      await expect.poll(() => dms(user, 'changed').length, { timeout: 15_000 }).toBe(1);
    }
    expect(dms(members[4] as string, 'changed')).toEqual([]);
    expect(dms(members[5] as string, 'changed')).toEqual([]);
  });

  it('cancelling a counts-only event tells those who asked, stops its reminders and erases its key', async () => {
    const id = countsOnly.event.id;
    await h.slack.action({
      actionId: eventActions.cancel,
      user: USERS.alice,
      channel: countsOnly.channel,
      messageTs: countsOnly.ts,
    });
    await expect.poll(() => dms(members[7] as string, 'is cancelled').length, { timeout: 15_000 }).toBe(1);
    expect(dms(members[8] as string, 'is cancelled')).toEqual([]);
    await expect.poll(async () => h.rally.ctx.events.scopeKey(id), { timeout: 10_000 }).toBeUndefined();
    const event = await h.rally.ctx.events.get(id);
    expect(event?.status).toBe('cancelled');
    // Its end is no longer scheduled, and a reminder that comes anyway sends nothing.
    const ending = await h.rally.ctx.queues
      .queue('event-end')
      .getJob(jobIds.eventEnd(id, countsOnly.event.endsAt));
    expect(ending).toBeUndefined();
    await h.rally.ctx.queues.enqueue(
      'event-remind',
      { eventId: id, kind: 'hour-before', startsAt: countsOnly.event.startsAt },
      { jobId: 'late-hour-before' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(dms(members[7] as string, 'In an hour:')).toHaveLength(1);
    expect(await h.rally.ctx.redis.exists(`{${namespace}}:event:${id}:answers`)).toBe(0);
    expect(await h.rally.ctx.redis.exists(`{${namespace}}:event:${id}:reminders`)).toBe(0);
    expect(await h.rally.ctx.redis.keys(`{${namespace}}:delivery:event-notice-${id}-*`)).toEqual([]);
    expect(await h.rally.ctx.redis.ttl(`{${namespace}}:event:${id}`)).toBeGreaterThan(0);
    await expect
      .poll(() => JSON.stringify(standIn.message(countsOnly.channel, countsOnly.ts)?.blocks))
      .toContain('Cancelled');
    expect(
      standIn
        .messages(countsOnly.channel)
        .filter((m) => m.thread_ts === countsOnly.ts && String(m.text).includes('is cancelled')),
    ).toHaveLength(1);
    // Answers stop.
    expect(await press(h, countsOnly, members[9] as string, 'going')).toContain('no longer takes answers');
  });
});

describe('the audit', () => {
  it('records who posted, edited and cancelled events, and nothing a participant did', async () => {
    const { entries } = await h.rally.ctx.audit.page(0, 100);
    const events = entries.filter((e) => /event/.test(`${e.action} ${e.subject ?? ''}`));
    expect(events.map((e) => e.action).sort()).toEqual([
      'cancelled-event',
      'edited-event',
      'posted',
      'posted',
    ]);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set([USERS.alice]));
    expect(JSON.stringify(entries)).not.toMatch(/U0MEMB/);
  });
});
