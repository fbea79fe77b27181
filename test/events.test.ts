import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventActions, eventFormBlocks, eventViews } from '../src/slack/ids.js';
import { createEventByCommand, press, shownOn } from './support/events.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, plainTextValue, USERS } from './support/slack/index.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    env: { RALLY_ORGANIZERS: USERS.alice, RALLY_PUBLIC_URL: 'https://rally.example.org' },
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
