import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId } from '../src/letters/model.js';
import {
  letterChoiceBlock,
  letterViews,
  pollBlocks,
  pollViews,
  pollVoteActionId,
  reminderFormBlocks,
  reminderViews,
  shortcuts,
  signViews,
} from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS, dmChannelId, plainTextValue, selectedOptionValue, USERS } from './support/slack/index.js';

/**
 * The shortcuts, for people who never type a command: each opens its form from the shortcuts menu (or a
 * message's menu) and completes, through the real app and the stand-in.
 */

let h: Harness;

type Ack = {
  response_action?: string;
  errors?: Record<string, string>;
  view?: { callback_id?: string; private_metadata?: string; title?: { text: string } };
};

/** The view Rally opens after `run`, once Slack accepted it. */
async function viewOpenedBy(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const before = h.standIn.calls('views.open').length;
  await run();
  const call = await h.standIn.waitForCall(
    'views.open',
    (c) => h.standIn.calls('views.open').indexOf(c) >= before && c.status === 200,
  );
  return call.args.view as Record<string, unknown>;
}

const signValues = (kind: string) => ({
  [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
  [signFormFields.role]: { [signFormFields.role]: plainTextValue(null) },
});

const pollValues = (question: string, options: string) => ({
  [pollBlocks.question]: { [pollBlocks.question]: plainTextValue(question) },
  [pollBlocks.options]: { [pollBlocks.options]: plainTextValue(options) },
});

/** The poll Rally posted in `channel` whose text contains `question`, once posted. */
const pollPosted = (channel: string, question: string) =>
  h.standIn.waitForCall(
    'chat.postMessage',
    (c) =>
      c.args.channel === channel &&
      c.status === 200 &&
      JSON.stringify(c.args.blocks ?? []).includes(pollVoteActionId(0)) &&
      JSON.stringify(c.args.blocks ?? []).includes(question),
    10_000,
  );

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.alice } });
});

afterAll(async () => {
  await h.stop();
});

describe('Sign a letter', () => {
  it('opens the signing form of the one open letter, which signs', async () => {
    const view = await viewOpenedBy(() =>
      h.slack.shortcut({ callbackId: shortcuts.signLetter, user: USERS.bob }),
    );
    expect(view.callback_id).toBe(signViews.sign);
    expect(view.private_metadata).toBe(`${campaignLetterId}@1`);
    const res = await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: signViews.sign,
      privateMetadata: String(view.private_metadata),
      values: signValues('anonymous'),
    });
    expect((res.json as Ack).view?.title?.text).toBe('Signed');
    expect((await h.rally.ctx.signatures.tally(campaignLetterId)).anonymous).toBe(1);
  });

  it('asks which letter when several are open, then shows that letter’s form', async () => {
    const { letters } = h.rally.ctx;
    const id = 'lsecond01';
    await letters.claimSlug('fair-schedules', id);
    await letters.createDraft(
      {
        slug: 'fair-schedules',
        text: { title: 'Fair schedules', addressee: 'The COO', paragraphs: ['Two weeks notice.'] },
        allowAnonymous: true,
        allowConditional: true,
        origin: 'slack',
      },
      id,
    );
    await letters.open(id);

    const view = await viewOpenedBy(() =>
      h.slack.shortcut({ callbackId: shortcuts.signLetter, user: USERS.carla }),
    );
    expect(view.callback_id).toBe(letterViews.choose);
    expect(JSON.stringify(view.blocks)).toContain('Fair schedules (fair-schedules)');
    const chosen = await h.slack.viewSubmission({
      user: USERS.carla,
      callbackId: letterViews.choose,
      values: { [letterChoiceBlock]: { [letterChoiceBlock]: selectedOptionValue(id) } },
    });
    const form = (chosen.json as Ack).view;
    expect((chosen.json as Ack).response_action).toBe('update');
    expect(form?.callback_id).toBe(signViews.sign);
    expect(form?.private_metadata).toBe(`${id}@1`);
    const signed = await h.slack.viewSubmission({
      user: USERS.carla,
      callbackId: signViews.sign,
      privateMetadata: String(form?.private_metadata),
      values: signValues('named'),
    });
    expect((signed.json as Ack).view?.title?.text).toBe('Signed');
    expect((await h.rally.ctx.signatures.tally(id)).named).toBe(1);
    expect((await h.rally.ctx.signatures.tally(campaignLetterId)).named).toBe(0);
  });
});

describe('New poll', () => {
  it('asks where to post, since a shortcut has no channel, then posts the poll there', async () => {
    const view = await viewOpenedBy(() =>
      h.slack.shortcut({ callbackId: shortcuts.newPoll, user: USERS.deepa }),
    );
    expect(view.callback_id).toBe(pollViews.create);
    expect(JSON.stringify(view.blocks)).toContain(pollBlocks.channel);
    const noChannel = await h.slack.viewSubmission({
      user: USERS.deepa,
      callbackId: pollViews.create,
      privateMetadata: String(view.private_metadata),
      values: pollValues('Lunch together on Friday?', 'Yes\nNo'),
    });
    expect((noChannel.json as Ack).errors).toEqual({
      [pollBlocks.channel]: 'Pick the channel to post it in.',
    });
    const res = await h.slack.viewSubmission({
      user: USERS.deepa,
      callbackId: pollViews.create,
      privateMetadata: String(view.private_metadata),
      values: {
        ...pollValues('Lunch together on Friday?', 'Yes\nNo'),
        [pollBlocks.channel]: {
          [pollBlocks.channel]: { type: 'conversations_select', selected_conversation: CHANNELS.general },
        },
      },
    });
    expect(res.text).toBe('');
    await pollPosted(CHANNELS.general, 'Lunch together on Friday?');
  });
});

describe('Poll from this message', () => {
  it('fills the question with the message as people read it, and posts the poll in its channel', async () => {
    const message = h.standIn.seedMessage({
      channel: CHANNELS.general,
      user: USERS.emeka,
      text: `Should we walk out on *Friday* &amp; Monday? ask <@${USERS.bob}|bob>`,
    });
    const view = await viewOpenedBy(() =>
      h.slack.messageShortcut({
        callbackId: shortcuts.pollFromMessage,
        user: USERS.emeka,
        channel: CHANNELS.general,
        messageTs: message.ts,
      }),
    );
    expect(view.callback_id).toBe(pollViews.create);
    expect(JSON.stringify(view.blocks)).toContain('Should we walk out on *Friday* & Monday? ask @bob');
    expect(JSON.stringify(view.blocks)).not.toContain(pollBlocks.channel);
    const res = await h.slack.viewSubmission({
      user: USERS.emeka,
      callbackId: pollViews.create,
      privateMetadata: String(view.private_metadata),
      values: pollValues('Should we walk out on Friday & Monday?', 'Friday\nMonday\nBoth'),
    });
    expect(res.text).toBe('');
    const posted = await pollPosted(CHANNELS.general, 'Should we walk out on Friday');
    expect(posted.args.text).toContain('Should we walk out on Friday &amp; Monday?');
  });
});

describe('Remind…', () => {
  it('sends mistakes back into the form, then sets the reminder and confirms in a message from Rally', async () => {
    const view = await viewOpenedBy(() =>
      h.slack.shortcut({ callbackId: shortcuts.remind, user: USERS.bob }),
    );
    expect(view.callback_id).toBe(reminderViews.create);
    const who = (value: string) => ({
      [reminderFormBlocks.who]: {
        [reminderFormBlocks.who]: selectedOptionValue(value, value, 'radio_buttons'),
      },
    });
    const wrong = await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: reminderViews.create,
      values: {
        ...who('channel'),
        [reminderFormBlocks.text]: { [reminderFormBlocks.text]: plainTextValue('  ') },
        [reminderFormBlocks.when]: { [reminderFormBlocks.when]: plainTextValue('tomorrow at 9am') },
      },
    });
    expect(Object.keys((wrong.json as Ack).errors ?? {}).sort()).toEqual(
      [reminderFormBlocks.channel, reminderFormBlocks.text].sort(),
    );
    expect(await h.rally.ctx.reminders.listFor(USERS.bob, CHANNELS.general)).toHaveLength(0);

    const res = await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: reminderViews.create,
      values: {
        ...who('me'),
        [reminderFormBlocks.text]: { [reminderFormBlocks.text]: plainTextValue('Bring the flyers') },
        [reminderFormBlocks.when]: { [reminderFormBlocks.when]: plainTextValue('in 2 hours') },
      },
    });
    expect(res.text).toBe('');
    const confirmation = await h.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === USERS.bob && String(c.args.text ?? '').includes("I'll remind you"),
      10_000,
    );
    expect(confirmation.status).toBe(200);
    expect(h.standIn.messages(dmChannelId(USERS.bob)).some((m) => m.text?.includes("I'll remind you"))).toBe(
      true,
    );
    const [reminder] = await h.rally.ctx.reminders.listFor(USERS.bob, CHANNELS.general);
    expect(reminder).toMatchObject({ text: 'Bring the flyers', target: USERS.bob });
  });
});
