import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPrivacy } from '../src/privacy/check/check.js';
import { jobIds } from '../src/queues/job-ids.js';
import { eventActions, eventFormBlocks, eventViews } from '../src/slack/ids.js';
import { createEventByCommand, press, shownOn } from './support/events.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, plainTextValue, USERS } from './support/slack/index.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    env: {
      RALLY_ORGANIZERS: `${USERS.alice},${USERS.carla}`,
      RALLY_PUBLIC_URL: 'https://rally.example.org',
    },
  });
});

afterAll(async () => {
  await h.stop();
});

const people = (n: number, prefix = 'U0RSVP') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe('creating an event', () => {
  it('inline: posts the event in the channel with its time, place, answer buttons and calendar button', async () => {
    const copy = await createEventByCommand(
      h,
      '"Walkout for families" friday 12:00 until 13:30 at "Building 92 lobby"',
    );
    const { event } = copy;
    expect(event).toMatchObject({
      title: 'Walkout for families',
      place: 'Building 92 lobby',
      placeFor: 'everyone',
      mode: 'named',
      zone: 'America/Los_Angeles',
      status: 'open',
      endGiven: true,
    });
    // Friday 12:00 read in Alice's zone (Los Angeles).
    const start = new Date(event.startsAt);
    expect(
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/Los_Angeles',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }).format(start),
    ).toBe('Fri 12:00');
    expect(event.endsAt - event.startsAt).toBe(90 * 60_000);
    const shown = shownOn(h, copy);
    expect(shown).toContain(`<!date^${event.startsAt / 1000}^`);
    expect(shown).toContain('Building 92 lobby');
    for (const id of [eventActions.going, eventActions.maybe, eventActions.cant, eventActions.calendar]) {
      expect(shown).toContain(id);
    }
    expect(shown).toContain(eventActions.attendees);
    // The organizer heard how the posting went.
    await h.standIn.waitForResponse(
      (r) => JSON.stringify(r.body).includes('Posting the event: 1 of 1'),
      10_000,
    );
  });

  it('by form: posts to the channels picked, reads the times in the zone the form named', async () => {
    await h.slack.command('event', { user: USERS.alice, channel: CHANNELS.general });
    const open = await h.standIn.waitForCall(
      'views.open',
      (c) => c.status === 200 && JSON.stringify(c.args.view).includes(eventViews.create),
    );
    const view = open.args.view as { private_metadata: string; blocks: unknown[] };
    expect(JSON.parse(view.private_metadata)).toEqual({
      channel: CHANNELS.general,
      zone: 'America/Los_Angeles',
    });
    expect(JSON.stringify(view.blocks)).toContain('America/Los_Angeles');
    const values = {
      [eventFormBlocks.title]: { [eventFormBlocks.title]: plainTextValue('Town hall with the CEO') },
      [eventFormBlocks.starts]: { [eventFormBlocks.starts]: plainTextValue('in 3 days') },
      [eventFormBlocks.place]: { [eventFormBlocks.place]: plainTextValue('Room 4') },
      [eventFormBlocks.placeFor]: {
        [eventFormBlocks.placeFor]: { type: 'checkboxes', selected_options: [{ value: 'going' }] },
      },
      [eventFormBlocks.capacity]: { [eventFormBlocks.capacity]: plainTextValue('2') },
      [eventFormBlocks.answers]: {
        [eventFormBlocks.answers]: { type: 'radio_buttons', selected_option: { value: 'counts' } },
      },
      [eventFormBlocks.channels]: {
        [eventFormBlocks.channels]: {
          type: 'multi_conversations_select',
          selected_conversations: [CHANNELS.organizing],
        },
      },
    };
    // A counts-only event's capacity below the small-numbers threshold is refused in the form.
    const refused = await h.slack.viewSubmission({
      user: USERS.alice,
      callbackId: eventViews.create,
      privateMetadata: view.private_metadata,
      values,
    });
    expect(refused.json).toMatchObject({ response_action: 'errors' });
    expect(Object.keys((refused.json as { errors: object }).errors)).toEqual([eventFormBlocks.capacity]);
    const bad = await h.slack.viewSubmission({
      user: USERS.alice,
      callbackId: eventViews.create,
      privateMetadata: view.private_metadata,
      values: {
        ...values,
        [eventFormBlocks.capacity]: { [eventFormBlocks.capacity]: plainTextValue('') },
        [eventFormBlocks.starts]: { [eventFormBlocks.starts]: plainTextValue('yesterday at noon') },
      },
    });
    expect(bad.json).toMatchObject({ response_action: 'errors' });
    expect((bad.json as { errors: Record<string, string> }).errors[eventFormBlocks.starts]).toContain(
      'already passed',
    );
    const good = await h.slack.viewSubmission({
      user: USERS.alice,
      callbackId: eventViews.create,
      privateMetadata: view.private_metadata,
      values: { ...values, [eventFormBlocks.capacity]: { [eventFormBlocks.capacity]: plainTextValue('') } },
    });
    expect(good.status).toBe(200);
    expect(good.text).toBe('');
    const posted = await h.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.status === 200 && String(c.args.text).includes('Town hall with the CEO'),
      15_000,
    );
    expect(posted.args.channel).toBe(CHANNELS.organizing);
    const blocks = JSON.stringify(posted.args.blocks);
    expect(blocks).toContain('shown to people who are going');
    expect(blocks).not.toContain('Room 4');
    expect(blocks).toContain('Counts only');
    expect(blocks).not.toContain(eventActions.attendees);
  });

  const mistakes = [
    ['Walkout friday 12:00', 'title, in quotes'],
    ['"Walkout"', 'when it starts'],
    ['"Walkout" yesterday 12:00', 'already passed'],
    ['"Walkout" friday 12:00 at "Lobby" "extra"', 'I don\'t know what "extra" is for'],
    ['"Walkout" friday 12:00 capacity many', 'capacity'],
    ['"Walkout" friday 12:00 counts-only capacity 2', 'at least 5'],
  ] as const;
  for (const [text, named] of mistakes) {
    it(`answers "/rally event ${text}" privately with the mistake and the right form`, async () => {
      const posts = h.standIn.calls('chat.postMessage').length;
      const res = await h.slack.command(`event ${text}`, { user: USERS.alice });
      const body = res.json as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain(named);
      expect(body.text).toContain('/rally event "Title"');
      expect(h.standIn.calls('chat.postMessage').length).toBe(posts);
    });
  }

  it('refuses a participant: the command, the form, Edit and Cancel', async () => {
    const command = await h.slack.command('event "Mine" friday 12:00', { user: USERS.bob });
    expect(JSON.stringify(command.json)).toContain('Only organizers can create events');
    const form = await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: eventViews.create,
      privateMetadata: JSON.stringify({ channel: CHANNELS.general }),
      values: {},
    });
    expect(JSON.stringify(form.json)).toContain('Organizers only');
    const copy = await createEventByCommand(h, '"Rally downtown" saturday 10:00');
    for (const actionId of [eventActions.edit, eventActions.cancel]) {
      const res = await h.slack.action({
        actionId,
        user: USERS.bob,
        channel: copy.channel,
        messageTs: copy.ts,
      });
      const id = String(res.sent.response_url).split('/').pop();
      const reply = await h.standIn.waitForResponse((r) => r.id === id, 10_000);
      expect(JSON.stringify(reply.body)).toMatch(/Only organizers can (edit|cancel) events/);
    }
    const edit = await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: eventViews.edit,
      privateMetadata: JSON.stringify({ eventId: copy.event.id }),
      values: {},
    });
    expect(JSON.stringify(edit.json)).toContain('Organizers only');
    expect((await h.rally.ctx.events.get(copy.event.id))?.status).toBe('open');
  });
});

describe('answering a named event', () => {
  it('30 people answer, change and withdraw: exact counts in Redis and on the message', async () => {
    const copy = await createEventByCommand(h, '"Solidarity lunch" in 4 days at "Cafeteria"');
    const crowd = people(30);
    // Everyone answers; every third changes to Maybe; every fifth withdraws (presses their answer again).
    await Promise.all(crowd.map((user, i) => press(h, copy, user, i % 2 === 0 ? 'going' : 'cant')));
    await new Promise((resolve) => setTimeout(resolve, 1_600)); // past the double-click window
    await Promise.all(
      crowd.map(async (user, i) => {
        if (i % 3 === 0) await press(h, copy, user, 'maybe');
        else if (i % 5 === 0) await press(h, copy, user, i % 2 === 0 ? 'going' : 'cant');
      }),
    );
    const expected = { going: 0, maybe: 0, cant: 0, waitlist: 0 };
    crowd.forEach((_, i) => {
      if (i % 3 === 0) expected.maybe++;
      else if (i % 5 !== 0) expected[i % 2 === 0 ? 'going' : 'cant']++;
    });
    expect(await h.rally.ctx.events.counts(copy.event.id)).toEqual(expected);
    await expect
      .poll(() => shownOn(h, copy), { timeout: 10_000 })
      .toContain(`*${expected.going} going* · ${expected.maybe} maybe · ${expected.cant} can’t go`);
  });

  it('a double click counts once; pressing again later takes the answer back', async () => {
    const copy = await createEventByCommand(h, '"Picket" in 5 days');
    const [first, second] = await Promise.all([
      press(h, copy, USERS.bob, 'going'),
      press(h, copy, USERS.bob, 'going'),
    ]);
    expect(first).toContain('You’re going to');
    expect(second).toContain('You’re going to');
    expect((await h.rally.ctx.events.counts(copy.event.id)).going).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await press(h, copy, USERS.bob, 'going')).toContain('taken back');
    expect((await h.rally.ctx.events.counts(copy.event.id)).going).toBe(0);
  });

  it('capacity: the full event puts Going on a waitlist, and a withdrawal promotes the first in line', async () => {
    const copy = await createEventByCommand(h, '"Bus to the capitol" in 6 days capacity 3');
    const [a, b, c, d, e] = people(5, 'U0SEAT');
    for (const user of [a, b, c])
      expect(await press(h, copy, user as string, 'going')).toContain('You’re going');
    expect(await press(h, copy, d as string, 'going')).toContain('on the waitlist');
    expect(await press(h, copy, e as string, 'going')).toContain('on the waitlist');
    expect(await h.rally.ctx.events.counts(copy.event.id)).toEqual({
      going: 3,
      maybe: 0,
      cant: 0,
      waitlist: 2,
    });
    await expect
      .poll(() => shownOn(h, copy), { timeout: 10_000 })
      .toContain('full, 2 people on the waitlist');
    // b can't go after all: d (first in line) moves up, e still waits.
    await press(h, copy, b as string, 'cant');
    expect(await h.rally.ctx.events.answerOf(copy.event.id, d as string)).toBe('going');
    expect(await h.rally.ctx.events.answerOf(copy.event.id, e as string)).toBe('waitlist');
    expect(await h.rally.ctx.events.counts(copy.event.id)).toEqual({
      going: 3,
      maybe: 0,
      cant: 1,
      waitlist: 1,
    });
  });
});

/** Parses an `.ics` file with ical.js and returns its one event's start and end (UTC ms) and fields. */
function parseCalendar(ics: string) {
  const [vevent] = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    start: event.startDate.toJSDate().getTime(),
    end: event.endDate.toJSDate().getTime(),
    summary: event.summary,
    location: event.location,
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    uid: event.uid,
  };
}

const wallClock = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(ms)
    .replace(',', '');

const calendarFile = async (id: string, code?: string) => {
  const res = await fetch(`${h.baseUrl}/events/${id}.ics${code ? `?place=${code}` : ''}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  return res.text();
};

describe('calendars', () => {
  it('the .ics file parses, and its times are right in two zones on both sides of daylight-saving changes', async () => {
    // US clocks go forward on 14 March 2027, European ones on 28 March 2027.
    const cases = [
      { user: USERS.alice, when: 'march 12 2027 10:00', utc: '2027-03-12 18:00', berlin: '2027-03-12 19:00' },
      { user: USERS.alice, when: 'march 16 2027 10:00', utc: '2027-03-16 17:00', berlin: '2027-03-16 18:00' },
      { user: USERS.carla, when: 'march 26 2027 10:00', utc: '2027-03-26 09:00', berlin: '2027-03-26 10:00' },
      { user: USERS.carla, when: 'march 30 2027 10:00', utc: '2027-03-30 08:00', berlin: '2027-03-30 10:00' },
    ];
    for (const c of cases) {
      const copy = await createEventByCommand(h, `"Vigil" ${c.when} until 11:30 at "The square"`, {
        user: c.user,
      });
      const parsed = parseCalendar(await calendarFile(copy.event.id));
      expect(wallClock(parsed.start, 'UTC')).toBe(c.utc);
      expect(wallClock(parsed.start, 'Europe/Berlin')).toBe(c.berlin);
      expect(wallClock(parsed.start, c.user === USERS.alice ? 'America/Los_Angeles' : 'Europe/Berlin')).toBe(
        `${c.utc.slice(0, 10)} 10:00`,
      );
      expect(parsed.end - parsed.start).toBe(90 * 60_000);
      expect(parsed).toMatchObject({
        summary: 'Vigil',
        location: 'The square',
        uid: `${copy.event.id}@rally`,
      });
    }
  });

  it('a place kept for people going is left out, except in the links Add to calendar gives someone going', async () => {
    const copy = await createEventByCommand(h, '"Sit-in" in 8 days at "Floor 3, room 12" place-for-going');
    expect(parseCalendar(await calendarFile(copy.event.id)).location).toBeNull();
    const linksFor = async (user: string) => {
      const res = await h.slack.action({
        actionId: eventActions.calendar,
        user,
        channel: copy.channel,
        messageTs: copy.ts,
      });
      const id = String(res.sent.response_url).split('/').pop();
      return String(
        ((await h.standIn.waitForResponse((r) => r.id === id, 10_000)).body as { text: string }).text,
      );
    };
    const outsider = await linksFor(USERS.deepa);
    expect(outsider).toContain('https://calendar.google.com/calendar/render?');
    expect(outsider).not.toContain('Floor');
    expect(outsider).toContain(`https://rally.example.org/events/${copy.event.id}.ics|`);
    expect(outsider).toContain('shown to people who are going');
    const confirmation = await press(h, copy, USERS.deepa, 'going');
    expect(confirmation).toContain('Floor 3, room 12');
    const going = await linksFor(USERS.deepa);
    const code = /\.ics\?place=([A-Za-z0-9_%-]+)\|/.exec(going)?.[1];
    expect(code).toBeDefined();
    expect(decodeURIComponent(/location=([^&|]+)/.exec(going)?.[1] ?? '').replace(/\+/g, ' ')).toBe(
      'Floor 3, room 12',
    );
    expect(parseCalendar(await calendarFile(copy.event.id, code)).location).toBe('Floor 3, room 12');
    expect(parseCalendar(await calendarFile(copy.event.id, 'made-up-code')).location).toBeNull();
    expect((await fetch(`${h.baseUrl}/events/nothing-here.ics`)).status).toBe(404);
  });
});

describe('a counts-only event', () => {
  it('shows no count below the threshold, then counts on the clock, and keeps nothing linkable after it ends', async () => {
    const copy = await createEventByCommand(h, '"Quiet caucus" in 2 days at "Room 5" counts-only');
    const crowd = people(7, 'U0QUIET');
    for (const user of crowd.slice(0, 4)) await press(h, copy, user, 'going');
    // Well past a few ticks of the redraw clock: four answers, under the threshold of 5, show no number.
    await expect.poll(() => shownOn(h, copy), { timeout: 10_000 }).toContain('Counts show once at least 5');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(shownOn(h, copy)).not.toMatch(/\d+ going/);
    for (const user of crowd.slice(4)) await press(h, copy, user, user.endsWith('6') ? 'maybe' : 'going');
    await expect.poll(() => shownOn(h, copy), { timeout: 10_000 }).toContain('*6 going* · 1 maybe');
    // Nothing in Redis holds these people's IDs.
    const redis = h.rally.ctx.redis;
    const prefix = h.rally.ctx.keys.prefix;
    for (const key of await redis.keys(`${prefix}:event:${copy.event.id}*`)) {
      const dump = JSON.stringify(
        (await redis.type(key)) === 'hash' ? await redis.hgetall(key) : await redis.dump(key),
      );
      for (const user of crowd) expect(`${key}${dump}`).not.toContain(user);
    }
    for (const line of h.logs.lines) for (const user of crowd) expect(line).not.toContain(user);

    // The event ends at its end time: answers close, the key and every answer record go.
    const ending = await h.rally.ctx.queues
      .queue('event-end')
      .getJob(jobIds.eventEnd(copy.event.id, copy.event.endsAt));
    await ending?.promote();
    await expect.poll(() => shownOn(h, copy), { timeout: 10_000 }).toContain('It took place');
    expect(shownOn(h, copy)).toContain('*6 going* · 1 maybe');
    expect(shownOn(h, copy)).not.toContain(eventActions.going);
    expect(await h.rally.ctx.events.scopeKey(copy.event.id)).toBeUndefined();
    expect(await redis.exists(`${prefix}:event:${copy.event.id}:answers`)).toBe(0);
    expect(await redis.ttl(`${prefix}:event:${copy.event.id}:counts`)).toBeGreaterThan(0);
    const report = await checkPrivacy({ redis, namespace: prefix.slice(1, -1) });
    const failed = report.rules.filter((r) => r.status === 'fail');
    expect(failed).toEqual([]);
    const ended = report.rules.find((r) => r.id === 'ended-scopes');
    expect(ended?.checked).toMatch(/[1-9]\d* ended scope/);
  });
});

describe('everywhere else', () => {
  it('/rally events lists this channel’s upcoming events and those the person answered', async () => {
    await createEventByCommand(h, '"Coffee with the union" in 9 days');
    const elsewhere = await createEventByCommand(h, '"Letter delivery" in 10 days', {
      channel: CHANNELS.organizing,
    });
    await press(h, elsewhere, USERS.bob, 'maybe');
    const res = await h.slack.command('events', { user: USERS.bob, channel: CHANNELS.general });
    const list = JSON.stringify(res.json);
    expect(list).toContain('Coffee with the union');
    expect(list).toContain('Letter delivery');
    expect(list).toContain('You answered Maybe');
    expect(list).toContain(eventActions.going);
    // Posted elsewhere, it is listed because Bob answered it; one event in another channel he did not answer is not.
    const notHis = await createEventByCommand(h, '"Steering meeting" in 10 days', {
      channel: CHANNELS.organizing,
    });
    const again = JSON.stringify(
      (await h.slack.command('events', { user: USERS.bob, channel: CHANNELS.general })).json,
    );
    expect(again).not.toContain(notHis.event.title);
  });

  it('the digest lists upcoming events with their counts, a counts-only one within the small-numbers rule', async () => {
    const open = await createEventByCommand(h, '"Teach-in" in 11 days at "Auditorium"', {
      channel: CHANNELS.organizing,
    });
    await press(h, open, USERS.carla, 'going');
    const quiet = await createEventByCommand(h, '"Closed-door meeting" in 12 days counts-only', {
      channel: CHANNELS.organizing,
    });
    await press(h, quiet, USERS.carla, 'going');
    await press(h, quiet, USERS.deepa, 'going');
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // a redraw tick or two
    await h.slack.command('digest now', { user: USERS.alice, channel: CHANNELS.organizing });
    const digest = await h.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.status === 200 && String(c.args.text).startsWith('Rally digest for'),
      15_000,
    );
    const blocks = JSON.stringify(digest.args.blocks);
    expect(blocks).toContain('Teach-in');
    expect(blocks).toMatch(/Teach-in[^•]*1 going · 0 maybe · 0 can’t go/);
    expect(blocks).toMatch(/Closed-door meeting[^•]*Counts show once at least 5/);
    expect(blocks).not.toMatch(/Closed-door meeting[^•]*2 going/);
  });

  it('/rally forget me takes a person’s answers and reminders out of every event', async () => {
    const copy = await createEventByCommand(h, '"Potluck" in 13 days capacity 1');
    await press(h, copy, USERS.emeka, 'going');
    await press(h, copy, USERS.deepa, 'going'); // waitlisted
    const res = await h.slack.command('forget me', { user: USERS.emeka, channel: CHANNELS.general });
    const id = String(res.sent.response_url).split('/').pop();
    const report = await h.standIn.waitForResponse(
      (r) => r.id === id && JSON.stringify(r.body).includes('Removed'),
      15_000,
    );
    expect(JSON.stringify(report.body)).toContain('answer to events');
    expect(await h.rally.ctx.events.answerOf(copy.event.id, USERS.emeka)).toBeUndefined();
    expect(await h.rally.ctx.events.reminderOf(copy.event.id, USERS.emeka)).toBeUndefined();
    // The place Emeka held goes to the first in line.
    expect(await h.rally.ctx.events.answerOf(copy.event.id, USERS.deepa)).toBe('going');
    expect(await h.rally.ctx.events.counts(copy.event.id)).toEqual({
      going: 1,
      maybe: 0,
      cant: 0,
      waitlist: 0,
    });
  });
});
