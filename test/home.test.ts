import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homePrivacyNote } from '../src/home/blocks/home.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId, type SignatureKind } from '../src/letters/model.js';
import { schedulerIds } from '../src/queues/job-ids.js';
import {
  donationActions,
  donationViews,
  homeActions,
  homeViews,
  letterActions,
  organizerActions,
  pollVoteActionId,
  scheduleActions,
  signViews,
} from '../src/slack/ids.js';
import { createEventByCommand, press } from './support/events.js';
import {
  type Block,
  homeBlocks as blocksOfHome,
  openHome as openHomeOf,
  publishes as publishesOf,
  homeText as textOfHome,
  textsOf,
} from './support/home.js';
import { startPoll } from './support/polls.js';
import { type Harness, startHarness } from './support/rally.js';
import {
  addCoworkers,
  CHANNELS,
  dmChannelId,
  RESPONSE_URL_FAULT_KEY,
  selectedOptionValue,
  TEAM_ID,
  USERS,
} from './support/slack/index.js';
import { until } from './support/until.js';

/*
 * The Home tab as a dashboard, end to end: what a participant and an organizer see, how it follows what they
 * and others do, and that what Slack keeps of it (the published view) never tells an anonymous act.
 */

let h: Harness;
let inspector: Redis;
const control = 'U0CONTROL1';
const letterTitle = "End Microsoft's contract with ICE";

const homeBlocks = (user: string): Block[] => blocksOfHome(h, user);
const homeText = (user: string): string => textOfHome(h, user);
const publishes = (user: string): number => publishesOf(h, user);
const openHome = (user: string): Promise<void> => openHomeOf(h, user);

/** The Home view's ID, for pressing its buttons. */
const homeId = (user: string): string => h.standIn.homeView(user)?.id ?? '';

/** The newest modal opened for `user`. */
const lastModal = (user: string) =>
  h.standIn
    .views()
    .filter((v) => v.type === 'modal' && v.user === user)
    .at(-1);
const modalText = (viewId: string): string =>
  textsOf((h.standIn.view(viewId)?.view.blocks as Block[] | undefined) ?? []).join('\n');

const signValues = (kind: SignatureKind) => ({
  [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
});

/** Presses Sign on `user`'s Home tab and submits the form that opens. */
async function signFromHome(user: string, kind: SignatureKind): Promise<void> {
  await h.slack.action({ actionId: letterActions.sign, user, viewId: homeId(user), value: campaignLetterId });
  const form = await until(`the sign form for ${user}`, () => {
    const modal = lastModal(user);
    return modal?.view.callback_id === signViews.sign ? modal : undefined;
  });
  const answer = await h.slack.viewSubmission({ user, viewId: form.id, values: signValues(kind) });
  expect((answer.json as { response_action: string }).response_action).toBe('update');
}

const createPoll = (text: string, channel: string) => startPoll(h, text, channel);

const pendingLetterActs = () =>
  inspector.hget(
    `${h.rally.ctx.keys.prefix}:redraw:pending`,
    JSON.stringify({ target: 'letter', letterId: campaignLetterId }),
  );

let publicPoll: { id: string; ts: string };
let anonymousPoll: { id: string; ts: string };
let partnersPoll: { id: string; ts: string };

beforeAll(async () => {
  h = await startHarness({
    env: { RALLY_ORGANIZERS: USERS.alice, RALLY_HOME_REFRESH_SECONDS: '1' },
  });
  inspector = new Redis(h.redis.url);
  addCoworkers(h.standIn.workspace, [{ id: control, realName: 'Cole Control' }]);
  for (const channel of h.standIn.workspace.channels) {
    if (channel.members.includes(USERS.emeka) && !channel.is_im) channel.members.push(control);
  }
  // The letter, open in #general; polls in #general (Bob is in it) and #partners (he is not).
  await h.slack.command(`post letter <#${CHANNELS.general}|general>`, { user: USERS.alice });
  await until('the letter in #general', () =>
    h.standIn.messages(CHANNELS.general).find((m) => JSON.stringify(m.blocks).includes(letterActions.sign)),
  );
  publicPoll = await createPoll('"Walk out on Friday?" "Yes" "No"', CHANNELS.general);
  anonymousPoll = await createPoll(
    '"Tell HR about the contract?" "Agree" "Disagree" anonymous',
    CHANNELS.general,
  );
  partnersPoll = await createPoll('"Joint statement with partners?" "Yes" "No"', CHANNELS.partners);
  // Bob's own reminder and one for #general; Alice's digest of #general.
  await h.slack.command('remind me "Bring the banner" in 2 hours', {
    user: USERS.bob,
    channel: CHANNELS.general,
  });
  await h.slack.command(`remind <#${CHANNELS.general}|general> "Meet in the lobby" in 3 hours`, {
    user: USERS.bob,
    channel: CHANNELS.general,
  });
  await until(
    "Bob's two reminders to be scheduled",
    async () => (await h.rally.ctx.reminders.listFor(USERS.bob, '')).filter((r) => r.at).length === 2,
  );
  await h.slack.command('digest daily 09:00', { user: USERS.alice, channel: CHANNELS.general });
  await until('the digest schedule of #general', () =>
    h.rally.ctx.queues.queue('digest-post').getJobScheduler(schedulerIds.digest(CHANNELS.general)),
  );
}, 60_000);

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

describe('the Home tab of a participant', () => {
  it('shows the open letter with its count and Sign, open polls of their channels with links, their reminders with Cancel, and the two buttons', async () => {
    await openHome(USERS.bob);
    const text = homeText(USERS.bob);
    expect(text).toContain(letterTitle);
    expect(text).toContain('*No signatures yet.*');
    const letter = homeBlocks(USERS.bob).find((b) => JSON.stringify(b).includes(letterActions.sign));
    expect(letter?.accessory).toMatchObject({
      text: { text: 'Sign' },
      value: campaignLetterId,
      style: 'primary',
    });

    // Polls of #general, newest first, each with its link; not the poll of #partners, which Bob is not in.
    const general = h.standIn.workspace.team.domain;
    expect(text).toContain('Walk out on Friday?');
    expect(text).toContain('Tell HR about the contract?');
    expect(text).not.toContain('Joint statement with partners?');
    expect(text.indexOf('Tell HR about the contract?')).toBeLessThan(text.indexOf('Walk out on Friday?'));
    expect(text).toContain(
      `<https://${general}.slack.com/archives/${CHANNELS.general}/p${publicPoll.ts.replace('.', '')}|Open the poll>`,
    );
    expect(text).not.toMatch(/\d+ votes?/);

    // His reminders: the one to himself and the one for #general, each with Cancel.
    expect(text).toContain('*Bring the banner*');
    expect(text).toContain('*Meet in the lobby*');
    const cancels = homeBlocks(USERS.bob).filter(
      (b) => (b.accessory as Block | undefined)?.action_id === scheduleActions.cancelReminder,
    );
    expect(cancels).toHaveLength(2);

    const actions = homeBlocks(USERS.bob).find((b) => b.type === 'actions');
    expect(((actions?.elements ?? []) as Block[]).map((e) => e.action_id)).toEqual([
      homeActions.holdings,
      homeActions.forget,
    ]);
    expect(text).not.toContain('For organizers');
    // Emeka, in #partners, sees its poll.
    await openHome(USERS.emeka);
    expect(homeText(USERS.emeka)).toContain('Joint statement with partners?');
    expect(partnersPoll.id).toBeTruthy();
  });

  it('updates after a signature: the signer’s own at once, and a viewer’s count once the letter is redrawn', async () => {
    await openHome(USERS.carla);
    expect(homeText(USERS.carla)).toContain('*No signatures yet.*');
    await signFromHome(USERS.bob, 'named');
    await expect.poll(() => homeText(USERS.bob), { timeout: 10_000 }).toContain('You signed with your name');
    const letter = homeBlocks(USERS.bob).find((b) => JSON.stringify(b).includes(letterActions.sign));
    expect(letter?.accessory).toMatchObject({ text: { text: 'Your signature' } });

    // One signature alone moves no count, here as on the letter's copies, nor in `/rally letters`.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await openHome(USERS.carla);
    expect(homeText(USERS.carla)).toContain('*No signatures yet.*');
    const listed = await h.slack.command('letters', { user: USERS.carla, channel: CHANNELS.general });
    expect(JSON.stringify(listed.json)).toContain('No signatures yet.');

    // A second one: on the redraw clock the copies and every recent viewer's Home tab show both.
    const carlaBefore = publishes(USERS.carla);
    await signFromHome(USERS.deepa, 'named');
    await expect.poll(() => homeText(USERS.carla), { timeout: 15_000 }).toContain('*2 signatures*: 2 named');
    // Carla did nothing: a job refreshed her Home tab.
    expect(publishes(USERS.carla)).toBeGreaterThan(carlaBefore);
    expect(
      h.standIn.messages(CHANNELS.general).some((m) => JSON.stringify(m.blocks).includes('2 signatures')),
    ).toBe(true);
  });

  it('cancels a reminder from the Home tab, answering in a modal and publishing the tab again', async () => {
    const home = homeBlocks(USERS.bob);
    const banner = home.find((b) => textsOf([b]).some((t) => t.includes('Bring the banner')));
    const reminderId = String(((banner?.accessory ?? {}) as Block).value);
    await h.slack.action({
      actionId: scheduleActions.cancelReminder,
      user: USERS.bob,
      viewId: homeId(USERS.bob),
      value: reminderId,
    });
    const notice = await until('the modal saying the reminder was cancelled', () => {
      const modal = lastModal(USERS.bob);
      return modal && modalText(modal.id).includes('Reminder cancelled') ? modal : undefined;
    });
    expect(notice.view.title).toMatchObject({ text: 'Reminders' });
    await expect.poll(() => homeText(USERS.bob), { timeout: 10_000 }).not.toContain('Bring the banner');
    expect(homeText(USERS.bob)).toContain('Meet in the lobby');
  });

  it('refuses an organizer button pressed on the Home tab in a modal, since there is no message to answer under', async () => {
    await h.slack.action({
      actionId: letterActions.export,
      user: USERS.bob,
      viewId: homeId(USERS.bob),
      value: campaignLetterId,
    });
    const refusal = await until('the "Organizers only" modal', () => {
      const modal = lastModal(USERS.bob);
      return modal?.view.title && (modal.view.title as { text: string }).text === 'Organizers only'
        ? modal
        : undefined;
    });
    expect(modalText(refusal.id)).toContain('Only organizers can export the signatures');
  });
});

describe('the Home tab of an organizer', () => {
  it('adds every letter with its actions, the active schedules with Stop, and the newest audit entries', async () => {
    await openHome(USERS.alice);
    const text = homeText(USERS.alice);
    expect(text).toContain('For organizers');
    expect(text).toContain(':large_green_circle: Open · `');
    expect(text).toMatch(/Export/);
    expect(text).toContain(`Digest of <#${CHANNELS.general}>`);
    expect(text).toContain('Meet in the lobby');
    expect(text).not.toContain('Bring the banner');
    expect(text).toContain('What organizers did lately');
    expect(text).toMatch(/<@U0ALICE01> posted/);
    expect(text).toMatch(/<@U0ALICE01> set the digest/);
    const buttons = homeBlocks(USERS.alice).flatMap((b) => [
      ...((b.elements as Block[] | undefined) ?? []),
      ...(b.accessory ? [b.accessory as Block] : []),
    ]);
    const ids = buttons.map((e) => e.action_id);
    expect(ids).toEqual(
      expect.arrayContaining([
        letterActions.post,
        letterActions.export,
        letterActions.close,
        scheduleActions.stopDigest,
        scheduleActions.cancelReminder,
      ]),
    );
    expect(homeBlocks(USERS.alice).length).toBeLessThanOrEqual(100);
  });

  it('lets an owner add and remove organizers from the Home tab, whose tabs follow', async () => {
    expect(homeText(USERS.alice)).toContain('Who organizes');
    expect(homeText(USERS.alice)).toContain('*Organizers added by owners*\nNobody yet.');
    await h.slack.action({
      actionId: organizerActions.add,
      user: USERS.alice,
      viewId: homeId(USERS.alice),
      selectedUser: USERS.carla,
    });
    await until('the modal saying Carla is now an organizer', () => {
      const modal = lastModal(USERS.alice);
      return modal && modalText(modal.id).includes(`<@${USERS.carla}> is now an organizer.`);
    });
    // Carla opened her tab earlier: it is published again, with the organizers' part.
    await expect.poll(() => homeText(USERS.carla), { timeout: 10_000 }).toContain('For organizers');
    expect(homeText(USERS.carla)).toContain(`<@${USERS.carla}>`);
    // Only owners get the picker and Remove.
    expect(JSON.stringify(homeBlocks(USERS.carla))).not.toContain(organizerActions.remove);
    await expect.poll(() => homeText(USERS.alice), { timeout: 10_000 }).toContain('(1)');

    await h.slack.action({
      actionId: organizerActions.remove,
      user: USERS.alice,
      viewId: homeId(USERS.alice),
      value: USERS.carla,
    });
    await until('the modal saying Carla is no longer an organizer', () => {
      const modal = lastModal(USERS.alice);
      return modal && modalText(modal.id).includes(`<@${USERS.carla}> is no longer an organizer.`);
    });
    await expect.poll(() => homeText(USERS.carla), { timeout: 10_000 }).not.toContain('For organizers');
  });

  it('stops the digest from the Home tab', async () => {
    await h.slack.action({
      actionId: scheduleActions.stopDigest,
      user: USERS.alice,
      viewId: homeId(USERS.alice),
      value: CHANNELS.general,
    });
    await until('the modal saying the digest is off', () => {
      const modal = lastModal(USERS.alice);
      return modal && modalText(modal.id).includes('The digest of this channel is off.');
    });
    await expect.poll(() => homeText(USERS.alice), { timeout: 10_000 }).not.toContain('Digest of');
    expect(homeText(USERS.alice)).toMatch(/<@U0ALICE01> stopped the digest/);
  });
});

describe('what Slack keeps of the Home tab', () => {
  it('never tells an anonymous signature, a vote in an anonymous poll, a pledge or an answer to a counts-only event, and starts no job for them', async () => {
    await openHome(USERS.emeka);
    await openHome(control);
    // Earlier acts on the letter are all drawn, so Emeka's alone moves nothing.
    await expect.poll(pendingLetterActs, { timeout: 10_000 }).toBeNull();
    // A counts-only event in #general is on both their tabs before either answers; then the tabs settle.
    const caucus = await createEventByCommand(h, '"Quiet caucus" in 2 days counts-only');
    await expect.poll(() => homeText(USERS.emeka), { timeout: 10_000 }).toContain('Quiet caucus');
    await expect.poll(() => homeText(control), { timeout: 10_000 }).toContain('Quiet caucus');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const before = publishes(USERS.emeka);
    const since = Date.now();

    await signFromHome(USERS.emeka, 'anonymous');
    await h.slack.action({
      actionId: pollVoteActionId(0),
      user: USERS.emeka,
      channel: CHANNELS.general,
      messageTs: anonymousPoll.ts,
    });
    await h.slack.command(`donate <#${CHANNELS.general}|general>`, { user: USERS.alice });
    const prompt = await until('the donation prompt in #general', () =>
      h.standIn
        .messages(CHANNELS.general)
        .find((m) => JSON.stringify(m.blocks).includes(donationActions.gave)),
    );
    const promptId = JSON.stringify(prompt.blocks).match(/"value":"([^":]+)"/)?.[1] ?? '';
    await until('the record of the donation prompt', () => h.rally.ctx.donations.message(promptId));
    await h.slack.viewSubmission({
      user: USERS.emeka,
      callbackId: donationViews.pledge,
      privateMetadata: promptId,
      values: {},
    });
    expect(await h.rally.ctx.donations.tally(promptId, 1)).toMatchObject({ pledges: 1 });
    expect(await press(h, caucus, USERS.emeka, 'going')).toContain('going to *Quiet caucus*');

    // No publication of his Home tab followed, and no job names him.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(publishes(USERS.emeka)).toBe(before);
    const jobs = await h.rally.ctx.queues
      .queue('home-publish')
      .getJobs(['waiting', 'delayed', 'active', 'completed', 'prioritized']);
    expect(jobs.filter((j) => j.data.userId === USERS.emeka && j.timestamp >= since)).toEqual([]);

    // Published again now, it says nothing of it: his letter is shown as to someone who did nothing.
    await openHome(USERS.emeka);
    await openHome(control);
    const views = [
      h.standIn.homeView(USERS.emeka)?.view,
      ...(h.standIn.homeView(USERS.emeka)?.history ?? []),
    ];
    for (const view of views) {
      const json = JSON.stringify(view).replace(JSON.stringify(homePrivacyNote).slice(1, -1), '');
      expect(json).not.toMatch(/anonym|conditional|pledge|you gave|your vote|Agree|Disagree|going\./i);
    }
    // Slack gives each block an ID of its own; what it shows is the same.
    const blockOf = (user: string, shows: string) => {
      const { block_id: _id, ...block } =
        homeBlocks(user).find((b) => JSON.stringify(b).includes(shows)) ?? {};
      return block;
    };
    expect(blockOf(USERS.emeka, letterActions.sign)).toEqual(blockOf(control, letterActions.sign));
    expect(blockOf(USERS.emeka, 'Quiet caucus')).toEqual(blockOf(control, 'Quiet caucus'));
    expect(blockOf(control, 'Quiet caucus')).toHaveProperty('text');
  });

  it('shows what Rally holds, anonymous acts included, only in the modal the person asks for', async () => {
    await h.slack.action({ actionId: homeActions.holdings, user: USERS.emeka, viewId: homeId(USERS.emeka) });
    const modal = await until('the "What Rally holds" modal', () => {
      const last = lastModal(USERS.emeka);
      return (last?.view.title as { text?: string } | undefined)?.text === 'What Rally holds'
        ? last
        : undefined;
    });
    await expect.poll(() => modalText(modal.id), { timeout: 10_000 }).toContain('*Signatures*');
    const text = modalText(modal.id);
    expect(text).toContain(`*${letterTitle}* (\``);
    expect(text).toContain('anonymously, on');
    expect(text).toContain('*Tell HR about the contract?* in <#C0GENERAL1>: Agree (an anonymous poll');
    expect(text).toContain(`You said you gave, on the donation prompt in <#${CHANNELS.general}>`);
    expect(text).toContain('*Quiet caucus*: Going (a counts-only event: kept under a code');
    expect(text).toContain("That you opened Rally's Home tab");
    // Only the modal: the Home tab is as it was.
    expect(homeText(USERS.emeka)).not.toContain('anonymously, on');
  });

  it('forgets the person from the Home tab, after a confirmation, answering in the modal', async () => {
    await h.slack.action({ actionId: homeActions.forget, user: USERS.emeka, viewId: homeId(USERS.emeka) });
    const confirm = await until('the forget-me confirmation', () => {
      const modal = lastModal(USERS.emeka);
      return modal?.view.callback_id === homeViews.forget ? modal : undefined;
    });
    expect(modalText(confirm.id)).toContain('This cannot be undone.');
    const before = publishes(USERS.emeka);
    const ack = await h.slack.viewSubmission({ user: USERS.emeka, viewId: confirm.id });
    expect(ack.json).toMatchObject({ response_action: 'update' });
    await expect
      .poll(() => modalText(confirm.id), { timeout: 15_000 })
      .toContain('Removed: your anonymous signature on the letter');
    const report = modalText(confirm.id);
    expect(report).toContain('1 pledge that you gave');
    expect(report).toContain('the record that you opened the Home tab');
    // His Home tab was published again, and nothing about him is kept for it.
    await expect.poll(() => publishes(USERS.emeka)).toBeGreaterThan(before);
    expect(await h.rally.ctx.homes.openedAt({ teamId: TEAM_ID, userId: USERS.emeka }, 0)).toBeUndefined();
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toMatchObject({ anonymous: 0 });
    // No direct message told him (or his workspace's owner) what went.
    expect(h.standIn.messages().filter((m) => String(m.text).includes('Removed:'))).toEqual([]);

    await h.slack.action({ actionId: homeActions.holdings, user: USERS.emeka, viewId: homeId(USERS.emeka) });
    const after = await until('a new "What Rally holds" modal', () => {
      const modal = lastModal(USERS.emeka);
      return modal && modal.id !== confirm.id ? modal : undefined;
    });
    await expect
      .poll(() => modalText(after.id), { timeout: 10_000 })
      .toContain('Rally holds nothing under your name right now.');
  });

  it('sends the answer to /rally forget me as a direct message, when its private reply fails, only if it names no anonymous act', async () => {
    const forgetWithReplyFailing = async (user: string) => {
      const dms = h.standIn.messages(dmChannelId(user)).length;
      h.standIn.failNext(RESPONSE_URL_FAULT_KEY, { kind: 'http', status: 404 });
      await h.slack.command('forget me', { user, channel: CHANNELS.general });
      return dms;
    };
    // The control coworker signed anonymously: the answer, which would say so, is dropped.
    await signFromHome(control, 'anonymous');
    const controlDms = await forgetWithReplyFailing(control);
    await expect
      .poll(() => h.rally.ctx.signatures.tally(campaignLetterId), { timeout: 10_000 })
      .toMatchObject({ anonymous: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(h.standIn.messages(dmChannelId(control))).toHaveLength(controlDms);
    // Deepa signed with her name only: her answer comes as a direct message.
    const deepaDms = await forgetWithReplyFailing(USERS.deepa);
    await expect
      .poll(() => h.standIn.messages(dmChannelId(USERS.deepa)).map((m) => String(m.text)), {
        timeout: 10_000,
      })
      .toContainEqual(expect.stringContaining('Removed: your signature on the letter'));
    expect(h.standIn.messages(dmChannelId(USERS.deepa)).length).toBe(deepaDms + 1);
  });
});
