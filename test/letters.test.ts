import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyBoxId } from '../src/letters/blocks/letter-form.js';
import { signatureLine } from '../src/letters/blocks/letter-message.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId, type Letter, type SignatureKind } from '../src/letters/model.js';
import { letterActions, letterBlocks, letterFormBlocks, letterViews, signViews } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import {
  addCoworkers,
  CHANNELS,
  dmChannelId,
  plainTextValue,
  SlackStandIn,
  selectedOptionValue,
  USERS,
  type ViewStateValues,
} from './support/slack/index.js';

/**
 * Letters as organizers run them from Slack, end to end: written in the form, previewed, edited, posted to
 * channels, signed three ways, frozen once signed, revised, closed at their closing time across a restart,
 * and two letters open at once, each with its own counts.
 */

const organizer = USERS.alice;
const frank = 'U0FRANK01';
const grace = 'U0GRACE01';
const rule = { minAnonymous: 5 };

interface LetterInput {
  title: string;
  addressee: string;
  body: string;
  more?: string;
  goal?: number;
  closes?: string;
  ways?: ('anonymous' | 'conditional')[];
}

const checkboxes = (values: readonly string[]) => ({
  type: 'checkboxes',
  selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
});

/** What Slack sends as the letter form's state for `input`. */
function letterFormValues(input: LetterInput): ViewStateValues {
  return {
    [letterFormBlocks.title]: { [letterFormBlocks.title]: plainTextValue(input.title) },
    [letterFormBlocks.addressee]: { [letterFormBlocks.addressee]: plainTextValue(input.addressee) },
    [bodyBoxId(0)]: { [bodyBoxId(0)]: plainTextValue(input.body) },
    [bodyBoxId(1)]: { [bodyBoxId(1)]: plainTextValue(input.more ?? null) },
    [letterFormBlocks.goal]: {
      [letterFormBlocks.goal]: { type: 'number_input', value: input.goal ? String(input.goal) : null },
    },
    [letterFormBlocks.closes]: { [letterFormBlocks.closes]: plainTextValue(input.closes ?? null) },
    [letterFormBlocks.ways]: {
      [letterFormBlocks.ways]: checkboxes(input.ways ?? ['anonymous', 'conditional']),
    },
  };
}

type Ack = { response_action?: string; errors?: Record<string, string>; view?: { title?: { text: string } } };

/** The text of every block of a message, joined, to look for words in. */
const textOf = (blocks: unknown): string => JSON.stringify(blocks ?? []);

/** The signature line shown on a posted copy. */
function shownLine(h: Harness, channel: string, ts: string): string | undefined {
  const blocks = h.standIn.message(channel, ts)?.blocks as {
    block_id?: string;
    elements?: { text: string }[];
  }[];
  return blocks
    ?.find((b) => b.block_id === letterBlocks.signatures)
    ?.elements?.map((e) => e.text)
    .join('');
}

async function eventually<T>(
  read: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Drives Rally the way an organizer and coworkers do in Slack. */
class Organizing {
  constructor(readonly h: Harness) {}

  /** The ID of the modal Rally opened last. */
  lastModalId(): string {
    const modals = this.h.standIn.views().filter((v) => v.type === 'modal');
    return modals[modals.length - 1]?.id ?? '';
  }

  /** `/rally letter new`: the form Rally opens. */
  async openNewForm(user: string = organizer): Promise<string> {
    const before = this.h.standIn.calls('views.open').length;
    const res = await this.h.slack.command('letter new', { user });
    expect(res.status).toBe(200);
    const call = await this.h.standIn.waitForCall(
      'views.open',
      (c) => this.h.standIn.calls('views.open').indexOf(c) >= before && c.status === 200,
    );
    const view = call.args.view as { callback_id: string };
    expect(view.callback_id).toBe(letterViews.form);
    return this.lastModalId();
  }

  submitForm(input: LetterInput, options: { viewId?: string; letterId?: string; user?: string } = {}) {
    return this.h.slack.viewSubmission({
      user: options.user ?? organizer,
      callbackId: letterViews.form,
      ...(options.viewId ? { viewId: options.viewId } : {}),
      privateMetadata: options.letterId ?? '',
      values: letterFormValues(input),
    });
  }

  /** The newest preview Rally sent the organizer, once there are more than `seen`. */
  async preview(seen: number): Promise<{ ts: string; blocks: unknown; text: string }> {
    const dm = dmChannelId(organizer);
    return eventually(() => {
      const previews = this.h.standIn.messages(dm).filter((m) => m.text?.startsWith('Preview of the letter'));
      const last = previews[previews.length - 1];
      return previews.length > seen && last
        ? { ts: last.ts, blocks: last.blocks, text: last.text ?? '' }
        : undefined;
    });
  }

  previews(): number {
    return this.h.standIn
      .messages(dmChannelId(organizer))
      .filter((m) => m.text?.startsWith('Preview of the letter')).length;
  }

  /** Presses one of the organizers' buttons (preview or list) on `letterId`. */
  press(actionId: string, letterId: string, user: string = organizer) {
    return this.h.slack.action({ actionId, value: letterId, user, channel: dmChannelId(user) });
  }

  /** The view Rally opened last (after a button or a command), with the call that opened it. */
  async openedView(after: number): Promise<{ id: string; view: Record<string, unknown> }> {
    const call = await this.h.standIn.waitForCall(
      'views.open',
      (c) => this.h.standIn.calls('views.open').indexOf(c) >= after && c.status === 200,
    );
    return {
      id: this.lastModalId(),
      view: call.args.view as Record<string, unknown>,
    };
  }

  /** Posts a letter through **Post to channels…** and its form. */
  async postThroughForm(letterId: string, channels: string[]): Promise<void> {
    const before = this.h.standIn.calls('views.open').length;
    await this.press(letterActions.post, letterId);
    const { id, view } = await this.openedView(before);
    expect(view.callback_id).toBe(letterViews.post);
    const res = await this.h.slack.viewSubmission({
      user: organizer,
      viewId: id,
      values: {
        [letterFormBlocks.channels]: {
          [letterFormBlocks.channels]: {
            type: 'multi_conversations_select',
            selected_conversations: channels,
          },
        },
      },
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  }

  /** The copy of the letter titled `title` in `channel`, once posted. */
  copy(channel: string, title: string): Promise<string> {
    return eventually(
      () => this.h.standIn.messages(channel).find((m) => textOf(m.blocks).includes(title))?.ts,
    );
  }

  async letterBySlug(slug: string): Promise<Letter> {
    const id = await eventually(() => this.h.rally.ctx.letters.idBySlug(slug));
    return eventually(() => this.h.rally.ctx.letters.get(id));
  }

  /**
   * `/rally sign <slug>`, then the form as `user` fills it in. Gives the title of what they see last: the
   * answer to the form, or what Rally opened instead of a form.
   */
  async sign(
    user: string,
    slug: string,
    kind: SignatureKind,
    extra: { role?: string; threshold?: number } = {},
  ): Promise<string> {
    const before = this.h.standIn.calls('views.open').length;
    await this.h.slack.command(`sign ${slug}`, { user });
    const { id, view } = await this.openedView(before);
    if (view.callback_id !== signViews.sign) return (view.title as { text: string }).text;
    const res = await this.h.slack.viewSubmission({
      user,
      viewId: id,
      values: {
        [signFormFields.mode]: { [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons') },
        [signFormFields.threshold]: {
          [signFormFields.threshold]: selectedOptionValue(String(extra.threshold ?? 2)),
        },
        [signFormFields.role]: { [signFormFields.role]: plainTextValue(extra.role ?? null) },
      },
    });
    return (res.json as Ack).view?.title?.text ?? '';
  }
}

describe('a letter written, run and revised from Slack', () => {
  let h: Harness;
  let o: Organizing;
  let inspector: Redis;
  let letter: Letter;
  const title = 'Fair schedules for warehouse staff';
  const copies: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness({ env: { RALLY_ORGANIZERS: organizer } });
    addCoworkers(h.standIn.workspace, [
      { id: frank, realName: 'Frank Late' },
      { id: grace, realName: 'Grace Early' },
    ]);
    o = new Organizing(h);
    inspector = new Redis(h.redis.url);
  });

  afterAll(async () => {
    inspector.disconnect();
    await h.stop();
  });

  it('refuses a form without a title or a text, naming each field, and saves nothing', async () => {
    const viewId = await o.openNewForm();
    const res = await o.submitForm({ title: '  ', addressee: 'The COO', body: '' }, { viewId });
    const ack = res.json as Ack;
    expect(ack.response_action).toBe('errors');
    expect(ack.errors).toEqual({
      [letterFormBlocks.title]: 'Give the letter a title.',
      [letterFormBlocks.body]: 'Write the letter.',
    });
    expect(await h.rally.ctx.letters.list()).toHaveLength(1); // the campaign file's letter only
  });

  it('saves a draft from the form and sends the organizer a private preview with its buttons', async () => {
    const viewId = await o.openNewForm();
    const res = await o.submitForm(
      {
        title,
        addressee: 'Dana Ortiz, chief operating officer',
        body: 'We, the undersigned, ask for *two weeks* notice of shifts.\n\nIrregular schedules hurt our families.',
        goal: 4,
      },
      { viewId },
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const preview = await o.preview(0);
    letter = await o.letterBySlug('fair-schedules-for-warehouse-staff');
    expect(letter).toMatchObject({ status: 'draft', goal: 4, allowAnonymous: true, allowConditional: true });
    expect(letter.text.paragraphs).toEqual([
      'We, the undersigned, ask for *two weeks* notice of shifts.',
      'Irregular schedules hurt our families.',
    ]);
    const shown = textOf(preview.blocks);
    expect(shown).toContain('fair-schedules-for-warehouse-staff');
    expect(shown).toContain('only you see it');
    for (const action of [letterActions.post, letterActions.edit, letterActions.discard]) {
      expect(shown).toContain(action);
    }
    // Nothing is posted to any channel while it is a draft, and only organizers see it listed.
    expect(h.standIn.messages(CHANNELS.general)).toHaveLength(0);
    const listed = await h.slack.command('letters', { user: USERS.bob });
    expect(textOf(listed.json)).not.toContain(title);
  });

  it('edits the draft in the same form, filled in, and previews it again', async () => {
    const before = h.standIn.calls('views.open').length;
    const seen = o.previews();
    await o.press(letterActions.edit, letter.id);
    const { id, view } = await o.openedView(before);
    expect(view.callback_id).toBe(letterViews.form);
    expect(view.private_metadata).toBe(letter.id);
    expect(textOf(view.blocks)).toContain('Irregular schedules hurt our families.');
    await o.submitForm(
      {
        title,
        addressee: 'Dana Ortiz, chief operating officer',
        body: 'We, the undersigned, ask for *two weeks* notice of shifts.',
        more: 'Irregular schedules hurt our families and our health.',
        goal: 4,
      },
      { viewId: id, letterId: letter.id },
    );
    await o.preview(seen);
    letter = await o.letterBySlug(letter.slug);
    expect(letter.text.paragraphs[1]).toBe('Irregular schedules hurt our families and our health.');
    expect(letter.status).toBe('draft');
  });

  it('posts to two channels through the post form, which opens it for signing', async () => {
    await o.postThroughForm(letter.id, [CHANNELS.general, CHANNELS.organizing]);
    copies[CHANNELS.general] = await o.copy(CHANNELS.general, title);
    copies[CHANNELS.organizing] = await o.copy(CHANNELS.organizing, title);
    letter = await o.letterBySlug(letter.slug);
    expect(letter.status).toBe('open');
    const copy = h.standIn.message(CHANNELS.general, copies[CHANNELS.general] ?? '');
    expect(textOf(copy?.blocks)).toContain('/rally sign fair-schedules-for-warehouse-staff');
    expect(textOf(copy?.blocks)).toContain('Goal: 4 signatures');
    expect(await inspector.exists(`${h.rally.ctx.keys.prefix}:letter:${letter.id}:key`)).toBe(1);
  });

  it('takes signatures three ways, and every copy shows its own count, not the other letter’s', async () => {
    expect(await o.sign(USERS.bob, letter.slug, 'named', { role: 'Picker, night shift' })).toBe('Signed');
    expect(await o.sign(USERS.carla, letter.slug, 'anonymous')).toBe('Signed');
    expect(await o.sign(USERS.deepa, letter.slug, 'conditional', { threshold: 5 })).toBe('Signed');
    // The campaign's letter, open at the same time, gets a signature of its own.
    expect(await o.sign(USERS.emeka, 'end-microsofts-contract-with-ice', 'named')).toBe('Signed');

    const expected = signatureLine({ named: 1, anonymous: 1, waiting: 1 }, rule);
    for (const channel of [CHANNELS.general, CHANNELS.organizing]) {
      await eventually(() => shownLine(h, channel, copies[channel] ?? '') === expected);
    }
    expect(await h.rally.ctx.signatures.tally(letter.id)).toEqual({ named: 1, anonymous: 1, waiting: 1 });
    expect(await h.rally.ctx.signatures.tally(campaignLetterId)).toEqual({
      named: 1,
      anonymous: 0,
      waiting: 0,
    });
  });

  it('refuses to edit a letter someone signed: its text is frozen', async () => {
    const before = h.standIn.calls('views.open').length;
    await o.press(letterActions.edit, letter.id);
    const { view } = await o.openedView(before);
    expect(textOf(view.blocks)).toContain('Someone signed this letter, so its text is frozen.');
    // A form opened before the first signature cannot change it either.
    const res = await o.submitForm(
      { title, addressee: 'Someone else', body: 'Different words.' },
      { letterId: letter.id },
    );
    expect((res.json as Ack).errors?.[letterFormBlocks.title]).toContain('its text is frozen');
    expect((await o.letterBySlug(letter.slug)).text.addressee).toBe('Dana Ortiz, chief operating officer');
  });

  it('revises it into a new letter whose first post closes the old one', async () => {
    const seen = o.previews();
    await o.press(letterActions.revise, letter.id);
    await o.preview(seen);
    const revision = await o.letterBySlug('fair-schedules-for-warehouse-staff-2');
    expect(revision).toMatchObject({ status: 'draft', revisionOf: letter.id, text: letter.text });
    expect((await o.letterBySlug(letter.slug)).status).toBe('open');

    await o.postThroughForm(revision.id, [CHANNELS.general]);
    await eventually(async () => (await o.letterBySlug(letter.slug)).status === 'closed');
    // Every copy of the old letter says it is closed, with its final count and no Sign button.
    for (const channel of [CHANNELS.general, CHANNELS.organizing]) {
      await eventually(() =>
        shownLine(h, channel, copies[channel] ?? '')?.startsWith('*Signing is closed.*'),
      );
      const blocks = textOf(h.standIn.message(channel, copies[channel] ?? '')?.blocks);
      expect(blocks).not.toContain(`"action_id":"${letterActions.sign}"`);
      expect(blocks).toContain('A new version replaces this letter');
      expect(blocks).toContain('/rally sign fair-schedules-for-warehouse-staff-2');
    }
    expect(await inspector.exists(`${h.rally.ctx.keys.prefix}:letter:${letter.id}:key`)).toBe(0);
    // The new copy says which letter it replaces; its signers start from nothing.
    const newCopy = await eventually(() =>
      h.standIn
        .messages(CHANNELS.general)
        .find((m) => m.ts !== copies[CHANNELS.general] && textOf(m.blocks).includes(title)),
    );
    expect(textOf(newCopy.blocks)).toContain('This letter replaces');
    expect(await h.rally.ctx.signatures.tally(revision.id)).toEqual({ named: 0, anonymous: 0, waiting: 0 });
    expect(await o.sign(frank, letter.slug, 'named')).toBe('Letter closed');
  });

  it('lists every letter with its state for organizers, and only open ones for participants', async () => {
    const forOrganizer = textOf((await h.slack.command('letters', { user: organizer })).json);
    expect(forOrganizer).toContain(':lock: Closed');
    expect(forOrganizer).toContain(':large_green_circle: Open');
    expect(forOrganizer).toContain('fair-schedules-for-warehouse-staff-2');
    const forParticipant = textOf((await h.slack.command('letters', { user: USERS.bob })).json);
    expect(forParticipant).toContain('fair-schedules-for-warehouse-staff-2');
    expect(forParticipant).not.toContain(':lock: Closed');
    expect(forParticipant).not.toContain(letterActions.revise);
  });

  it('answers a participant who runs organizer commands or presses organizer buttons privately, changing nothing', async () => {
    const command = await h.slack.command('letter new', { user: USERS.bob });
    expect(command.json).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(command.json)).toContain('organizer');
    const post = await h.slack.command(`post letter ${letter.slug}`, { user: USERS.bob });
    expect(post.json).toMatchObject({ response_type: 'ephemeral' });
    const opened = h.standIn.calls('views.open').length;
    const press = await o.press(letterActions.discard, letter.id, USERS.bob);
    expect(press.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.standIn.calls('views.open')).toHaveLength(opened);
    expect(await h.rally.ctx.letters.get(letter.id)).toBeDefined();
  });

  it('refuses a signature given on a form opened before the text changed', async () => {
    const viewId = await o.openNewForm();
    await o.submitForm(
      { title: 'Heat in the loading dock', addressee: 'Facilities', body: 'Fans, please.' },
      { viewId },
    );
    const heat = await o.letterBySlug('heat-in-the-loading-dock');
    await o.postThroughForm(heat.id, [CHANNELS.general]);
    await eventually(async () => (await o.letterBySlug(heat.slug)).status === 'open');
    // Grace opens the form; meanwhile the organizer rewrites the letter nobody has signed yet.
    const before = h.standIn.calls('views.open').length;
    await h.slack.command(`sign ${heat.slug}`, { user: grace });
    const form = await o.openedView(before);
    await o.submitForm(
      { title: 'Heat in the loading dock', addressee: 'Facilities', body: 'Air conditioning by June.' },
      { letterId: heat.id },
    );
    await eventually(async () => (await o.letterBySlug(heat.slug)).textVersion === 2);
    const res = await h.slack.viewSubmission({
      user: grace,
      viewId: form.id,
      values: {
        [signFormFields.mode]: {
          [signFormFields.mode]: selectedOptionValue('named', 'named', 'radio_buttons'),
        },
        [signFormFields.role]: { [signFormFields.role]: plainTextValue(null) },
      },
    });
    expect(textOf(res.json)).toContain('text changed after you opened this form');
    expect(await h.rally.ctx.signatures.tally(heat.id)).toEqual({ named: 0, anonymous: 0, waiting: 0 });
  });
});

describe('a letter’s closing time', () => {
  let redis: TestRedis;
  let standIn: SlackStandIn;
  const namespace = 'letters-closing';

  beforeAll(async () => {
    redis = await startRedis();
    standIn = await SlackStandIn.start({ signingSecret: 'test-signing-secret-0123456789' });
  });

  afterAll(async () => {
    await standIn.close();
    await redis.stop();
  });

  it('passes while Rally is down: at restart signing stops, the copies say closed, the key is erased', async () => {
    const env = { RALLY_ORGANIZERS: organizer };
    const first = await startHarness({ redis, standIn, namespace, env });
    const o = new Organizing(first);
    const viewId = await o.openNewForm();
    await o.submitForm(
      { title: 'Overtime pay now', addressee: 'Payroll', body: 'Pay what is owed.', closes: 'in 6 seconds' },
      { viewId },
    );
    await o.preview(0);
    const letter = await o.letterBySlug('overtime-pay-now');
    expect(letter.closesAt).toBeGreaterThan(Date.now());
    await o.postThroughForm(letter.id, [CHANNELS.general]);
    const ts = await o.copy(CHANNELS.general, 'Overtime pay now');
    await eventually(() => textOf(standIn.message(CHANNELS.general, ts)?.blocks).includes('Signing closes'));
    expect(await o.sign(USERS.bob, letter.slug, 'anonymous')).toBe('Signed');
    await first.stop();

    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, (letter.closesAt ?? 0) - Date.now() + 500)),
    );
    const second = await startHarness({ redis, standIn, namespace, env });
    try {
      const inspector = new Redis(redis.url);
      const key = `${second.rally.ctx.keys.prefix}:letter:${letter.id}`;
      await eventually(async () => (await inspector.hget(key, 'status')) === 'closed', 15_000);
      expect(await inspector.exists(`${key}:key`)).toBe(0);
      inspector.disconnect();
      await eventually(() => shownLine(second, CHANNELS.general, ts)?.startsWith('*Signing is closed.*'));
      expect(await new Organizing(second).sign(USERS.carla, letter.slug, 'anonymous')).toBe('Letter closed');
    } finally {
      await second.stop();
    }
  }, 60_000);
});
