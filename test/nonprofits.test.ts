import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subcommand } from '../src/commands/catalog.js';
import { collectDigest } from '../src/digests/collect-digest.js';
import { buildDonationPrompt, donationCountsLine } from '../src/donations/blocks/donation-prompt.js';
import { pledgerOnPrompt } from '../src/donations/pledger.js';
import type { NonprofitDetails } from '../src/nonprofits/model.js';
import { escapeMrkdwn } from '../src/slack/blocks/mrkdwn.js';
import {
  donationActions,
  donationBlocks,
  donationLinkActionId,
  donationViews,
  nonprofitActions,
  nonprofitFormBlocks,
  nonprofitViews,
} from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import {
  CHANNELS,
  plainTextValue,
  selectedOptionValue,
  TEAM_ID,
  USERS,
  type ViewStateValues,
} from './support/slack/index.js';

let h: Harness;
let inspector: Redis;
const organizer: string = USERS.alice;
const participant: string = USERS.bob;
const channel = CHANNELS.general;

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; url?: string; text?: { text: string } }[];
  accessory?: { action_id?: string; value?: string };
};
type Answer = { response_type?: string; text: string; blocks?: Block[] };

const names = async () => (await h.rally.ctx.nonprofits.list()).map((n) => n.name);

/** The private list `/rally nonprofits` answers with, shown in the channel so that its buttons can be pressed. */
async function showList(user = organizer): Promise<{ answer: Answer; ts: string }> {
  const answer = (await h.slack.command('nonprofits', { user, channel: CHANNELS.organizing })).json as Answer;
  const seeded = h.standIn.seedMessage({
    channel: CHANNELS.organizing,
    user: h.standIn.botUserId,
    text: answer.text,
    blocks: answer.blocks ?? [],
  });
  return { answer, ts: seeded.ts };
}

/** Presses a button of the list shown at `ts` and returns what Rally answered through the response_url. */
async function press(ts: string, actionId: string, value: string, user = organizer) {
  const click = await h.slack.action({ actionId, value, user, channel: CHANNELS.organizing, messageTs: ts });
  const id = String(click.sent.response_url).split('/').pop();
  return h.standIn.waitForResponse((r) => r.id === id, 10_000);
}

const removeButtonOf = (blocks: Block[] | undefined, name: string) =>
  blocks?.find((b) => b.text?.text.startsWith(`*${escapeMrkdwn(name)}*`))?.accessory;

/** The nonprofit form Rally opened most recently for `user`, once it is open. */
async function openedForm(user: string, before: number) {
  const forms = () =>
    h.standIn.views().filter((v) => v.user === user && v.view.callback_id === nonprofitViews.form);
  await expect.poll(() => forms().length, { timeout: 5_000 }).toBe(before + 1);
  return forms().at(-1);
}
const formsOpened = (user: string) =>
  h.standIn.views().filter((v) => v.user === user && v.view.callback_id === nonprofitViews.form).length;

const formValues = (details: Partial<NonprofitDetails>): ViewStateValues => ({
  [nonprofitFormBlocks.name]: { [nonprofitFormBlocks.name]: plainTextValue(details.name ?? null) },
  [nonprofitFormBlocks.url]: { [nonprofitFormBlocks.url]: plainTextValue(details.url ?? null) },
  [nonprofitFormBlocks.description]: {
    [nonprofitFormBlocks.description]: plainTextValue(details.description ?? null),
  },
});

const submitForm = (user: string, values: ViewStateValues, viewId?: string) =>
  h.slack.viewSubmission({ user, callbackId: nonprofitViews.form, values, ...(viewId ? { viewId } : {}) });

/** Posts a donation prompt in the channel and waits until Rally recorded it; its ts and prompt ID. */
async function postPrompt(): Promise<{ ts: string; promptId: string }> {
  const before = h.standIn.calls('chat.postMessage').length;
  await h.slack.command(`donate <#${channel}|general>`, { user: organizer });
  const post = await h.standIn.waitForCall(
    'chat.postMessage',
    (c) =>
      h.standIn.calls('chat.postMessage').indexOf(c) >= before &&
      c.args.channel === channel &&
      c.status === 200 &&
      JSON.stringify(c.args.blocks).includes(donationActions.gave),
    15_000,
  );
  const blocks = post.args.blocks as Block[];
  const promptId =
    blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === donationActions.gave)?.value ?? '';
  await expect.poll(() => h.rally.ctx.donations.message(promptId), { timeout: 10_000 }).toBeTruthy();
  const message = await h.rally.ctx.donations.message(promptId);
  return { ts: message?.ts ?? '', promptId };
}

const linkButtons = (blocks: unknown) =>
  ((blocks ?? []) as Block[])
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.action_id?.startsWith(`${donationActions.link}_`));

/** The line of counts on the prompt at `ts` (a context block: its element's text is a string). */
const countsShown = (ts: string): string | undefined => {
  const block = (h.standIn.message(channel, ts)?.blocks as Block[] | undefined)?.find(
    (b) => b.block_id === donationBlocks.counts,
  ) as { elements?: { text?: string }[] } | undefined;
  return block?.elements?.[0]?.text;
};

const pledge = (user: string, promptId: string, nonprofit: number) =>
  h.slack.viewSubmission({
    user,
    callbackId: donationViews.pledge,
    privateMetadata: promptId,
    values: {
      [donationBlocks.nonprofit]: { [donationBlocks.nonprofit]: selectedOptionValue(String(nonprofit)) },
    },
  });

/** The pledge form **I gave** opens on the prompt at `ts`: the names it offers. */
async function pledgeFormOptions(ts: string, promptId: string, user: string): Promise<string[]> {
  const before = h.standIn.calls('views.open').length;
  await h.slack.action({ actionId: donationActions.gave, user, channel, messageTs: ts, value: promptId });
  await expect.poll(() => h.standIn.calls('views.open').length, { timeout: 5_000 }).toBe(before + 1);
  const view = h.standIn.calls('views.open').at(-1)?.args.view as {
    blocks: { block_id?: string; element?: { options?: { text: { text: string } }[] } }[];
  };
  const select = view.blocks.find((b) => b.block_id === donationBlocks.nonprofit);
  return (select?.element?.options ?? []).map((o) => o.text.text);
}

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: organizer } });
  inspector = new Redis(h.redis.url);
});

afterAll(async () => {
  inspector.disconnect();
  await h.stop();
});

describe('/rally nonprofits', () => {
  it("lists the campaign file's nonprofits to an organizer, in order, each with Remove, and Add", async () => {
    const { answer } = await showList();
    expect(answer.response_type).toBe('ephemeral');
    const listed = await h.rally.ctx.nonprofits.list();
    expect(listed.map((n) => n.name)).toEqual(h.rally.ctx.campaign.donations.map((d) => d.name));
    for (const nonprofit of listed) {
      expect(removeButtonOf(answer.blocks, nonprofit.name)).toEqual({
        type: 'button',
        action_id: nonprofitActions.remove,
        text: { type: 'plain_text', text: 'Remove', emoji: true },
        value: nonprofit.id,
      });
    }
    const add = answer.blocks
      ?.flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === nonprofitActions.add);
    expect(add?.text?.text).toBe('Add a nonprofit');
  });

  it('refuses a participant privately, by command, by button and by form, and changes nothing', async () => {
    const before = await names();
    const answer = (await h.slack.command('nonprofits add', { user: participant })).json as Answer;
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe(
      `Only organizers can manage the nonprofits. Ask an owner of this Rally (<@${organizer}>) to add you with /rally organizers.`,
    );
    expect(formsOpened(participant)).toBe(0);

    const { answer: list, ts } = await showList();
    const first = removeButtonOf(list.blocks, before[0] ?? '');
    const refused = await press(ts, nonprofitActions.remove, first?.value ?? '', participant);
    expect((refused.body as Answer).text).toContain('Only organizers can manage the nonprofits.');
    const addRefused = await press(ts, nonprofitActions.add, 'add', participant);
    expect((addRefused.body as Answer).text).toContain('Only organizers can manage the nonprofits.');

    const submitted = await submitForm(
      participant,
      formValues({ name: 'Sneaky Fund', url: 'https://sneaky.example.org/', description: 'No.' }),
    );
    expect(JSON.stringify(submitted.json)).toContain('Only organizers can manage the nonprofits.');
    expect(formsOpened(participant)).toBe(0);
    expect(await names()).toEqual(before);
  });

  it('adds one by command: the form comes filled in with the link and the name', async () => {
    const before = formsOpened(organizer);
    const res = await h.slack.command('nonprofits add https://www.example-fund.org/give Example Fund', {
      user: organizer,
    });
    expect(res.text).toBe('');
    const form = await openedForm(organizer, before);
    const initial = (
      (form?.view.blocks ?? []) as { block_id: string; element?: { initial_value?: string } }[]
    ).map((b) => [b.block_id, b.element?.initial_value]);
    expect(initial.slice(0, 3)).toEqual([
      [nonprofitFormBlocks.name, 'Example Fund'],
      [nonprofitFormBlocks.url, 'https://www.example-fund.org/give'],
      [nonprofitFormBlocks.description, undefined],
    ]);
    const ack = await submitForm(
      organizer,
      formValues({
        name: 'Example Fund',
        url: 'https://www.example-fund.org/give',
        description: 'Bail and legal help for detained parents.',
      }),
      form?.id,
    );
    const body = ack.json as { response_action: string; view: { blocks: Block[] } };
    expect(body.response_action).toBe('update');
    expect(body.view.blocks[0]?.text?.text).toContain('*Example Fund* was added.');
    const added = (await h.rally.ctx.nonprofits.list()).at(-1);
    expect(added).toMatchObject({
      name: 'Example Fund',
      url: 'https://www.example-fund.org/give',
      description: 'Bail and legal help for detained parents.',
    });
  });

  it('adds one with the form the Add button opens', async () => {
    const { ts } = await showList();
    const before = formsOpened(organizer);
    await h.slack.action({
      actionId: nonprofitActions.add,
      user: organizer,
      channel: CHANNELS.organizing,
      messageTs: ts,
    });
    const form = await openedForm(organizer, before);
    expect(JSON.stringify(form?.view.blocks)).not.toContain('initial_value');
    const ack = await submitForm(
      organizer,
      formValues({
        name: 'Second Fund',
        url: 'https://second.example.org/donate',
        description: 'Pays for interpreters in court.',
      }),
      form?.id,
    );
    expect((ack.json as { response_action: string }).response_action).toBe('update');
    expect((await names()).slice(-2)).toEqual(['Example Fund', 'Second Fund']);
  });

  it('refuses a link that is not https: by command with the right form, and in the form on its field', async () => {
    const before = await names();
    const opened = formsOpened(organizer);
    const answer = (
      await h.slack.command('nonprofits add http://bad.example.org/give Bad Fund', { user: organizer })
    ).json as Answer;
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain(
      '"http://bad.example.org/give" cannot be used. The link must be a full https:// address',
    );
    expect(answer.text).toContain(`The right form is: \`${escapeMrkdwn(subcommand('nonprofits').usage)}\``);
    expect(formsOpened(organizer)).toBe(opened);

    const ack = await submitForm(
      organizer,
      formValues({ name: 'Bad Fund', url: 'http://bad.example.org/give', description: 'Helps.' }),
    );
    expect(ack.json).toEqual({
      response_action: 'errors',
      errors: {
        [nonprofitFormBlocks.url]:
          'The link must be a full https:// address, such as https://example.org/donate.',
      },
    });
    const duplicate = await submitForm(
      organizer,
      formValues({ name: 'example fund', url: 'https://dup.example.org/give', description: 'Helps.' }),
    );
    expect(duplicate.json).toEqual({
      response_action: 'errors',
      errors: { [nonprofitFormBlocks.name]: 'A nonprofit called "example fund" is already listed.' },
    });
    expect(await names()).toEqual(before);
  });
});

describe('a posted donation prompt', () => {
  let posted: { ts: string; promptId: string };
  let postedWith: string[];

  it('keeps its list, buttons, counts, pledge form and digest line when nonprofits are removed', async () => {
    postedWith = await names();
    expect(postedWith).toHaveLength(6);
    posted = await postPrompt();
    const { ts, promptId } = posted;

    // Remove the first and the last listed; the list answers in place with what happened.
    const { answer, ts: listTs } = await showList();
    const first = postedWith[0] ?? '';
    const removal = await press(
      listTs,
      nonprofitActions.remove,
      removeButtonOf(answer.blocks, first)?.value ?? '',
    );
    const replaced = removal.body as Answer & { replace_original: boolean };
    expect(replaced.replace_original).toBe(true);
    expect(replaced.text).toContain(`*${first}* was removed. New donation prompts will not list it`);
    expect(JSON.stringify(h.standIn.message(CHANNELS.organizing, listTs)?.blocks)).not.toContain(
      `*${first}*\\n`,
    );
    await press(
      listTs,
      nonprofitActions.remove,
      removeButtonOf(answer.blocks, postedWith[5] ?? '')?.value ?? '',
    );
    expect(await names()).toEqual(postedWith.slice(1, 5));

    // The last link of the posted prompt is beyond today's list: still counted, for its own nonprofit.
    const click = await h.slack.action({
      actionId: donationLinkActionId(5),
      user: USERS.carla,
      channel,
      messageTs: ts,
    });
    expect(click.status).toBe(200);
    await h.slack.action({ actionId: donationLinkActionId(0), user: USERS.deepa, channel, messageTs: ts });
    await expect
      .poll(async () => (await h.rally.ctx.donations.tally(promptId, 6)).clicks, { timeout: 5_000 })
      .toEqual([1, 0, 0, 0, 0, 1]);

    // I gave offers the six it was posted with; a pledge to the one removed last is kept as made.
    expect(await pledgeFormOptions(ts, promptId, USERS.emeka)).toEqual(postedWith);
    const givers = ['U0NPGIV001', 'U0NPGIV002', 'U0NPGIV003', 'U0NPGIV004', 'U0NPGIV005'];
    for (const user of givers) await pledge(user, promptId, 5);
    const pledger = await pledgerOnPrompt(h.rally.ctx, promptId, {
      teamId: TEAM_ID,
      userId: givers[0] ?? '',
    });
    expect(await h.rally.ctx.donations.pledgeOf(promptId, pledger ?? '')).toEqual({ nonprofit: 5 });

    // Redrawn on the clock with its own six nonprofits and their counts.
    await expect
      .poll(() => countsShown(ts), { timeout: 20_000, interval: 250 })
      .toContain('*5 coworkers say they gave.*');
    expect(countsShown(ts)).toContain(`${escapeMrkdwn(first)}: fewer than 5`);
    const redrawn = h.standIn.message(channel, ts)?.blocks;
    expect(linkButtons(redrawn).map((b) => b.text?.text)).toEqual(postedWith);

    const digest = await collectDigest(h.rally.ctx, channel, undefined);
    const line = digest.data.donations.find((d) => d.link?.endsWith(`/p${ts.replace('.', '')}`))?.summary;
    expect(line).toContain(`Link clicks: ${first}: fewer than 5`);
    expect(line).toContain(`${postedWith[5]}: fewer than 5`);
  }, 40_000);

  it('a prompt posted after the removals lists only what is listed now', async () => {
    const later = await postPrompt();
    const blocks = h.standIn.message(channel, later.ts)?.blocks;
    expect(linkButtons(blocks).map((b) => b.text?.text)).toEqual(await names());
    // The earlier prompt kept its own six.
    expect(linkButtons(h.standIn.message(channel, posted.ts)?.blocks).map((b) => b.text?.text)).toEqual(
      postedWith,
    );
  }, 20_000);
});

describe('a prompt posted before prompts kept their list', () => {
  it("still counts, offers and redraws the campaign file's nonprofits", async () => {
    const { ctx } = h.rally;
    const campaignNames = ctx.campaign.donations.map((d) => d.name);
    expect(await names()).not.toEqual(campaignNames);
    // What the previous version did: post the campaign's list, then record the message, and nothing more.
    const promptId = 'legacyPrompt01';
    const tally = { clicks: ctx.campaign.donations.map(() => 0), pledges: 0 };
    const content = buildDonationPrompt(ctx.campaign.donations, promptId, tally, ctx.config, {
      ended: false,
    });
    const sent = await ctx.slack.chat.postMessage({ channel, ...content });
    const ts = sent.ts ?? '';
    await ctx.donations.setMessage(promptId, { channel, ts });
    expect(await inspector.hexists(`${ctx.keys.prefix}:donation:${promptId}`, 'nonprofits')).toBe(0);

    const last = campaignNames.length - 1;
    await h.slack.action({ actionId: donationLinkActionId(last), user: USERS.carla, channel, messageTs: ts });
    await expect
      .poll(async () => (await ctx.donations.tally(promptId, campaignNames.length)).clicks[last], {
        timeout: 5_000,
      })
      .toBe(1);
    expect(await pledgeFormOptions(ts, promptId, USERS.emeka)).toEqual(campaignNames);
    const givers = ['U0NPOLD001', 'U0NPOLD002', 'U0NPOLD003', 'U0NPOLD004', 'U0NPOLD005'];
    for (const user of givers) await pledge(user, promptId, 0);
    const pledger = await pledgerOnPrompt(ctx, promptId, { teamId: TEAM_ID, userId: givers[0] ?? '' });
    expect(await ctx.donations.pledgeOf(promptId, pledger ?? '')).toEqual({ nonprofit: 0 });

    await expect
      .poll(() => countsShown(ts), { timeout: 20_000, interval: 250 })
      .toContain('*5 coworkers say they gave.*');
    const expected = { clicks: campaignNames.map((_, i) => (i === last ? 1 : 0)), pledges: 5 };
    expect(countsShown(ts)).toBe(donationCountsLine(ctx.campaign.donations, expected, ctx.config));
    expect(linkButtons(h.standIn.message(channel, ts)?.blocks).map((b) => b.text?.text)).toEqual(
      campaignNames,
    );
    // Reading it never gave it a list of its own.
    expect(await inspector.hexists(`${ctx.keys.prefix}:donation:${promptId}`, 'nonprofits')).toBe(0);
  }, 40_000);
});

describe('with no nonprofits listed', () => {
  it('/rally donate says privately to add one with /rally nonprofits add, and posts nothing', async () => {
    for (const nonprofit of await h.rally.ctx.nonprofits.list())
      await h.rally.ctx.nonprofits.remove(nonprofit.id);
    const posts = h.standIn.calls('chat.postMessage').length;
    const answer = (await h.slack.command(`donate <#${channel}|general>`, { user: organizer }))
      .json as Answer;
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe(
      'No nonprofits are listed, so a donation prompt would have no links. Add one first with `/rally nonprofits add &lt;https link&gt; &lt;name&gt;`, then try again.',
    );
    const off = (await h.slack.command(`donate off <#${channel}|general>`, { user: organizer }))
      .json as Answer;
    expect(off.text).toContain('There was no scheduled donation prompt');
    const { answer: list } = await showList();
    expect(list.text).toContain('No nonprofits are listed, so `/rally donate` has nothing to post.');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.standIn.calls('chat.postMessage').length).toBe(posts);
  });
});
