import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIds } from '../src/queues/job-ids.js';
import { eventActions, eventFormBlocks, eventViews } from '../src/slack/ids.js';
import { createEventByCommand, type PostedEvent, press } from './support/events.js';
import { type Block, homeBlocks, homeText, openHome, publishes } from './support/home.js';
import { type Harness, startHarness } from './support/rally.js';
import { addCoworkers, CHANNELS, plainTextValue, USERS } from './support/slack/index.js';

/*
 * Upcoming events on the Home tab, end to end: which events a person's published tab lists, what it says of
 * each, how it follows events and answers, and that nothing on it tells an answer to a counts-only event.
 */

let h: Harness;
// Two coworkers in #general only: one answers the counts-only event, the other does nothing.
const answerer = 'U0ANSWER1';
const control = 'U0CONTROL1';
const crowd = Array.from({ length: 5 }, (_, i) => `U0CROWD${String(i).padStart(3, '0')}`);

let teachIn: PostedEvent;
let rally: PostedEvent;

const permalinkOf = (copy: PostedEvent): string =>
  `https://${h.standIn.workspace.team.domain}.slack.com/archives/${copy.channel}/p${copy.ts.replace('.', '')}`;

/** The published views of `user`, the current one and every earlier one. */
const publishedViews = (user: string): unknown[] => [
  h.standIn.homeView(user)?.view,
  ...(h.standIn.homeView(user)?.history ?? []),
];

/** The tab's blocks as they show: without the IDs Slack gives each block. */
const shownBlocks = (user: string): Block[] =>
  homeBlocks(h, user).map(({ block_id: _id, ...block }) => block);

beforeAll(async () => {
  h = await startHarness({
    env: { RALLY_ORGANIZERS: USERS.alice, RALLY_HOME_REFRESH_SECONDS: '1', RALLY_REDRAW_CLOCK_SECONDS: '2' },
  });
  addCoworkers(h.standIn.workspace, [
    { id: answerer, realName: 'Ana Answer' },
    { id: control, realName: 'Cole Control' },
  ]);
  h.standIn.workspace.channels.find((c) => c.id === CHANNELS.general)?.members.push(answerer, control);
}, 60_000);

afterAll(async () => {
  await h.stop();
});

describe('upcoming events on the Home tab', () => {
  it('lists the events of the viewer’s channels, soonest first, with when, the place, counts and a link; not those of other channels', async () => {
    await openHome(h, USERS.bob);
    await openHome(h, USERS.emeka);
    // #organizing has Bob in it, not Emeka; #general has both.
    teachIn = await createEventByCommand(h, '"Teach-in" in 3 days at "Auditorium"', {
      channel: CHANNELS.organizing,
    });
    rally = await createEventByCommand(h, '"Rally at noon" in 2 days');

    await expect.poll(() => homeText(h, USERS.bob), { timeout: 10_000 }).toContain('Teach-in');
    await expect.poll(() => homeText(h, USERS.bob), { timeout: 10_000 }).toContain('Rally at noon');
    const text = homeText(h, USERS.bob);
    expect(text.indexOf('Rally at noon')).toBeLessThan(text.indexOf('Teach-in'));
    expect(text).toContain(
      `:spiral_calendar_pad: *Teach-in*\n<!date^${Math.floor(teachIn.event.startsAt / 1000)}^{date_short_pretty} at {time}|`,
    );
    expect(text).toContain(' · Auditorium\nNo answers yet.\n');
    expect(text).toContain(`in <#${CHANNELS.organizing}> · <${permalinkOf(teachIn)}|Open the event>`);
    expect(text).toContain(`in <#${CHANNELS.general}> · <${permalinkOf(rally)}|Open the event>`);

    // Emeka's tab, published after both events were posted, lists only the one of #general.
    await expect.poll(() => homeText(h, USERS.emeka), { timeout: 10_000 }).toContain('Rally at noon');
    expect(homeText(h, USERS.emeka)).not.toContain('Teach-in');
  });

  it('shows a named answer on the answerer’s own tab wherever the event was posted, and the new counts on others’', async () => {
    expect(await press(h, teachIn, USERS.emeka, 'going')).toContain('Teach-in');
    await expect.poll(() => homeText(h, USERS.emeka), { timeout: 10_000 }).toContain('_You’re going._');
    expect(homeText(h, USERS.emeka)).toContain(`<${permalinkOf(teachIn)}|Open the event>`);
    // Bob did nothing: a job refreshed his tab after the event was redrawn.
    await expect
      .poll(() => homeText(h, USERS.bob), { timeout: 10_000 })
      .toContain('*1 going* · 0 maybe · 0 can’t go');
    expect(homeText(h, USERS.bob)).not.toContain('You’re going');
  });

  it('never shows a place kept for people going, even to someone going', async () => {
    const sitIn = await createEventByCommand(h, '"Sit-in" in 4 days at "Floor 3, room 12" place-for-going');
    await press(h, sitIn, USERS.bob, 'going');
    await expect.poll(() => homeText(h, USERS.bob), { timeout: 10_000 }).toContain('Sit-in');
    await expect.poll(() => homeText(h, USERS.bob), { timeout: 10_000 }).toContain('_You’re going._');
    for (const view of publishedViews(USERS.bob)) {
      expect(JSON.stringify(view)).not.toContain('Floor 3');
      expect(JSON.stringify(view)).not.toContain('shown to people who are going');
    }
  });

  it('never tells an answer to a counts-only event: the answerer’s tab is the control’s, and the answer publishes nothing', async () => {
    await openHome(h, answerer);
    await openHome(h, control);
    const caucus = await createEventByCommand(
      h,
      '"Quiet caucus" in 5 days at "Room 5" place-for-going counts-only',
    );
    await expect.poll(() => homeText(h, answerer), { timeout: 10_000 }).toContain('Quiet caucus');
    await expect.poll(() => homeText(h, control), { timeout: 10_000 }).toContain('Quiet caucus');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const before = publishes(h, answerer);
    const since = Date.now();

    expect(await press(h, caucus, answerer, 'going')).toContain('going to *Quiet caucus*');
    // No publication followed, and no job names them: one answer is never timed on the tab.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(publishes(h, answerer)).toBe(before);
    const jobs = await h.rally.ctx.queues
      .queue('home-publish')
      .getJobs(['waiting', 'delayed', 'active', 'completed', 'prioritized']);
    expect(jobs.filter((j) => j.data.userId === answerer && j.timestamp >= since)).toEqual([]);

    // Five more answers: on the redraw clock the counts are taken, and every recent viewer's tab follows.
    const controlBefore = publishes(h, control);
    for (const user of crowd) await press(h, caucus, user, 'going');
    await expect.poll(() => homeText(h, control), { timeout: 15_000 }).toContain('*6 going* · 0 maybe');
    await expect.poll(() => homeText(h, answerer), { timeout: 10_000 }).toContain('*6 going* · 0 maybe');
    expect(publishes(h, control)).toBeGreaterThan(controlBefore);

    // What Slack keeps of the answerer's tab is the control's, block for block, and never held the answer.
    await openHome(h, answerer);
    await openHome(h, control);
    expect(shownBlocks(answerer)).toEqual(shownBlocks(control));
    for (const view of publishedViews(answerer)) {
      const json = JSON.stringify(view);
      expect(json).not.toMatch(/You’re going|You answered|waitlist|Room 5|shown to people who are going/);
    }
  });

  it('shows an organizer’s change to an event on every viewer’s tab', async () => {
    await h.slack.action({
      actionId: eventActions.edit,
      user: USERS.alice,
      channel: rally.channel,
      messageTs: rally.ts,
    });
    const open = await h.standIn.waitForCall(
      'views.open',
      (c) => c.status === 200 && JSON.stringify(c.args.view).includes(eventViews.edit),
    );
    const submit = await h.slack.viewSubmission({
      user: USERS.alice,
      callbackId: eventViews.edit,
      privateMetadata: (open.args.view as { private_metadata: string }).private_metadata,
      values: {
        [eventFormBlocks.title]: { [eventFormBlocks.title]: plainTextValue('Rally at noon') },
        [eventFormBlocks.starts]: { [eventFormBlocks.starts]: plainTextValue('in 2 days') },
        [eventFormBlocks.place]: { [eventFormBlocks.place]: plainTextValue('City Hall steps') },
      },
    });
    expect(submit.status).toBe(200);
    // Neither Bob nor Emeka did anything: the change refreshed their tabs.
    await expect.poll(() => homeText(h, USERS.bob), { timeout: 10_000 }).toContain('City Hall steps');
    await expect.poll(() => homeText(h, USERS.emeka), { timeout: 10_000 }).toContain('City Hall steps');
  });

  it('takes an event off the tab when it is cancelled or over', async () => {
    await h.slack.action({
      actionId: eventActions.cancel,
      user: USERS.alice,
      channel: rally.channel,
      messageTs: rally.ts,
    });
    await expect.poll(() => homeText(h, USERS.bob), { timeout: 15_000 }).not.toContain('Rally at noon');
    await expect.poll(() => homeText(h, USERS.emeka), { timeout: 10_000 }).not.toContain('Rally at noon');

    const ending = await h.rally.ctx.queues
      .queue('event-end')
      .getJob(jobIds.eventEnd(teachIn.event.id, teachIn.event.endsAt));
    await ending?.promote();
    await expect.poll(() => homeText(h, USERS.bob), { timeout: 15_000 }).not.toContain('Teach-in');
    await expect.poll(() => homeText(h, USERS.emeka), { timeout: 10_000 }).not.toContain('Teach-in');
    expect(homeText(h, USERS.bob)).toContain('Sit-in');
  });
});
