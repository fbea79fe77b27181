import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizerActionHandlers, organizerViewHandlers, ownerActionHandlers } from '../handlers/index.js';
import { subcommands } from '../src/commands/catalog.js';
import {
  organizerActions,
  postConfirmSharedActionId,
  postConfirmSharedActionPattern,
} from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import {
  addCoworkers,
  CHANNELS,
  type ResponseUrlPost,
  type SentRequest,
  USERS,
} from './support/slack/index.js';

/**
 * Owners and organizers, end to end: who owns Rally when `RALLY_ORGANIZERS` is empty (the workspace's owners
 * and admins, never everyone), owners adding and removing organizers in Slack with the change holding at once
 * in every process, and every organizer-only path refused to a participant through the one role check.
 */

const owner = USERS.alice; // the workspace's primary owner in the stand-in
const admin = 'U0ADMIN01';
const member = USERS.bob;
const participant = USERS.carla;

type Ack = { text?: string; blocks?: Block[]; response_action?: string; view?: { blocks: Block[] } };
type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id?: string; value?: string };
  elements?: { type: string; action_id?: string }[];
};

const ackOf = (res: { json?: unknown }) => (res.json ?? {}) as Ack;

/** What Rally answered through a request's response_url. */
function responseTo(h: Harness, sent: SentRequest<Record<string, unknown>>): Promise<ResponseUrlPost> {
  const url = String(sent.sent.response_url);
  return h.standIn.waitForResponse((post) => post.url === url);
}

const bodyOf = (post: ResponseUrlPost) =>
  post.body as { text: string; blocks?: Block[]; replace_original?: boolean };

/** The user IDs the Remove buttons of an organizer list carry. */
const removable = (blocks: Block[] = []) =>
  blocks.filter((b) => b.accessory?.action_id === organizerActions.remove).map((b) => b.accessory?.value);

const hasPicker = (blocks: Block[] = []) =>
  blocks.some((b) =>
    b.elements?.some((e) => e.type === 'users_select' && e.action_id === organizerActions.add),
  );

/** Every key of a namespace with its serialized value: equal snapshots mean nothing was written. */
async function snapshot(redis: Redis, namespace: string): Promise<[string, string][]> {
  const keys = (await redis.keys(`{${namespace}}*`)).sort();
  return Promise.all(
    keys.map(
      async (key): Promise<[string, string]> => [
        key,
        ((await redis.dumpBuffer(key)) ?? Buffer.alloc(0)).toString('base64'),
      ],
    ),
  );
}

describe('with RALLY_ORGANIZERS empty, the workspace owners and admins own Rally', () => {
  let h: Harness;
  let second: Harness;
  const namespace = `roles-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    h = await startHarness({ namespace });
    addCoworkers(h.standIn.workspace, [{ id: admin, realName: 'Ada Admin', role: 'admin' }]);
    // A second Rally process on the same Redis and namespace, answering Slack only.
    second = await startHarness({ redis: h.redis, standIn: h.standIn, namespace, role: 'web' });
  });

  afterAll(async () => {
    await second?.stop();
    await h?.stop();
  });

  it('refuses a plain member the signatures, saying who can grant the role, and lets an admin have them', async () => {
    const refused = await h.slack.command('signatures', { user: member });
    expect(ackOf(refused).text).toBe(
      'Only organizers can export the signatures. Ask an owner or admin of this workspace to add you with /rally organizers.',
    );

    const allowed = await h.slack.command('signatures', { user: admin });
    expect(ackOf(allowed).text).toBe('Preparing the signatures for delivery: they will be here in a moment.');
  });

  it('asks Slack, and counts a deactivated admin, a bot or an admin of another organization as no owner', async () => {
    const { roles } = h.rally.ctx;
    expect(await roles.isOwner(owner)).toBe(true);
    expect(await roles.isOwner(admin)).toBe(true);
    expect(await roles.isOwner(member)).toBe(false);
    // The partner organization's admin reaches this workspace through a shared channel.
    const partner = h.standIn.workspace.users.find((u) => u.id === USERS.partner);
    if (partner) partner.is_admin = true;
    expect(await roles.isOwner(USERS.partner)).toBe(false);
    expect(await roles.isOrganizer(USERS.partner)).toBe(false);
    expect(await roles.isOwner(USERS.bot)).toBe(false);
  });

  it('lets an owner add an organizer with the picker, who can then post, and remove them: refused at once, in every process', async () => {
    // Before: Bob is refused in both processes.
    for (const rally of [h, second]) {
      expect(ackOf(await rally.slack.command('post letter', { user: member })).text).toMatch(
        /^Only organizers can post the campaign\./,
      );
    }

    // The owner's list offers the picker, and nobody to remove yet.
    const list = ackOf(await h.slack.command('organizers', { user: owner }));
    expect(hasPicker(list.blocks)).toBe(true);
    expect(removable(list.blocks)).toEqual([]);
    expect(list.text).toContain('Owners of this Rally: the owners and admins of this workspace.');

    const picked = await h.slack.action({
      actionId: organizerActions.add,
      actionType: 'users_select',
      selectedUser: member,
      user: owner,
      isEphemeral: true,
    });
    expect(picked.status).toBe(200);
    const added = bodyOf(await responseTo(h, picked));
    expect(added.replace_original).toBe(true);
    expect(added.text).toContain(`<@${member}> is now an organizer.`);
    expect(removable(added.blocks)).toEqual([member]);

    // Bob posts the letter, through either process.
    const posting = ackOf(await h.slack.command('post letter', { user: member, channel: CHANNELS.general }));
    expect(posting.text).toMatch(/^Posting the letter ".+" to <#C0GENERAL1>\./);
    await h.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNELS.general && c.status === 200,
      15_000,
    );
    expect(ackOf(await second.slack.command('signatures', { user: member })).text).toBe(
      'Preparing the signatures for delivery: they will be here in a moment.',
    );

    // An organizer sees the list, without the means to change it, and cannot use them anyway.
    const seen = ackOf(await second.slack.command('organizers', { user: member }));
    expect(seen.text).toContain(`Organizers added by owners: <@${member}>.`);
    expect(hasPicker(seen.blocks)).toBe(false);
    expect(removable(seen.blocks)).toEqual([]);
    const tried = await h.slack.action({
      actionId: organizerActions.remove,
      value: member,
      user: member,
      isEphemeral: true,
    });
    expect(bodyOf(await responseTo(h, tried)).text).toBe(
      'Only owners of this Rally can remove organizers: the owners and admins of this workspace.',
    );
    expect(await h.rally.ctx.organizers.list()).toEqual([member]);

    // The owner removes Bob: the next request is refused, in both processes.
    const removed = await h.slack.action({
      actionId: organizerActions.remove,
      value: member,
      user: owner,
      isEphemeral: true,
    });
    const answer = bodyOf(await responseTo(h, removed));
    expect(answer.text).toContain(`<@${member}> is no longer an organizer.`);
    expect(removable(answer.blocks)).toEqual([]);
    for (const rally of [h, second]) {
      expect(ackOf(await rally.slack.command('post letter', { user: member })).text).toMatch(
        /^Only organizers can post the campaign\./,
      );
      expect(ackOf(await rally.slack.command('organizers', { user: member })).text).toBe(
        'Only organizers can see who the organizers are. Ask an owner or admin of this workspace to add you with /rally organizers.',
      );
    }

    // The owner's two changes are in the audit of organizers' actions, naming who was added and removed.
    const audit = JSON.stringify(ackOf(await h.slack.command('audit', { user: owner })).blocks);
    expect(audit).toContain(`<@${owner}> removed an organizer: <@${member}>`);
    expect(audit).toContain(`<@${owner}> made an organizer: <@${member}>`);
  });

  it('refuses to make a bot or a person from another organization an organizer, and says why', async () => {
    const pick = async (userId: string) => {
      const sent = await h.slack.action({
        actionId: organizerActions.add,
        actionType: 'users_select',
        selectedUser: userId,
        user: owner,
        isEphemeral: true,
      });
      return bodyOf(await responseTo(h, sent)).text;
    };
    expect(await pick(USERS.bot)).toContain(
      `<@${USERS.bot}> is a bot or an app: only people can be organizers.`,
    );
    expect(await pick(USERS.partner)).toContain(
      `<@${USERS.partner}> belongs to another organization (they reach this workspace through a shared channel): only members of this workspace can be organizers.`,
    );
    expect(await pick(USERS.former)).toContain('account is deactivated');
    expect(await pick(admin)).toContain(
      `<@${admin}> is an owner of this Rally, and owners are always organizers.`,
    );
    expect(await h.rally.ctx.organizers.list()).toEqual([]);
  });
});

describe('every organizer-only path', () => {
  let h: Harness;
  const namespace = `roles-${randomBytes(4).toString('hex')}`;
  const grant = `Ask an owner of this Rally (<@${owner}>) to add you with /rally organizers.`;
  const organizerRefusal = (what: string) => `Only organizers can ${what}. ${grant}`;
  const ownerRefusal = (what: string) =>
    `Only owners of this Rally can ${what}. They are <@${owner}>, named by whoever runs Rally.`;
  /** An action ID for each pattern in the registration list, for a test to press. */
  const examples = new Map([
    [postConfirmSharedActionPattern.source, postConfirmSharedActionId(CHANNELS.general)],
  ]);
  const actionIdOf = (id: string | RegExp): string => {
    if (typeof id === 'string') return id;
    const example = examples.get(id.source);
    if (!example) throw new Error(`no example action ID for ${id}: add one to this test`);
    expect(example).toMatch(id);
    return example;
  };

  beforeAll(async () => {
    // Answering Slack only, so that no worker writes to Redis while the test looks for writes.
    h = await startHarness({ namespace, role: 'web', env: { RALLY_ORGANIZERS: owner } });
    await h.rally.ctx.organizers.add(member);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('is refused to a participant with the one refusal text, and changes nothing', async () => {
    const before = await snapshot(h.rally.ctx.redis, namespace);
    const callsBefore = h.standIn.calls().length;
    let paths = 0;

    for (const sub of subcommands.filter((s) => s.audience !== 'anyone')) {
      const refusal = sub.audience === 'owners' ? ownerRefusal : organizerRefusal;
      const refused = sub.audience === 'owners' ? [participant, member] : [participant];
      for (const user of refused) {
        const res = await h.slack.command(sub.name, { user });
        expect(ackOf(res).text, `/rally ${sub.name}`).toBe(refusal(sub.refusal ?? `use /rally ${sub.name}`));
        paths++;
      }
    }

    const guarded = [
      ...organizerActionHandlers.map(([id, , what]) => ({
        id,
        refusal: organizerRefusal(what),
        users: [participant],
      })),
      ...ownerActionHandlers.map(([id, , what]) => ({
        id,
        refusal: ownerRefusal(what),
        users: [participant, member],
      })),
    ];
    for (const { id, refusal, users } of guarded) {
      for (const user of users) {
        const sent = await h.slack.action({
          actionId: actionIdOf(id),
          value: member,
          user,
          isEphemeral: true,
        });
        expect(sent.status).toBe(200);
        const answer = bodyOf(await responseTo(h, sent));
        expect(answer.text, String(id)).toBe(refusal);
        expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
        paths++;
      }
    }

    for (const [callbackId, , what] of organizerViewHandlers) {
      const res = await h.slack.viewSubmission({ callbackId, user: participant });
      const ack = ackOf(res);
      expect(ack.response_action, callbackId).toBe('update');
      expect(ack.view?.blocks[0]?.text?.text, callbackId).toBe(organizerRefusal(what));
      paths++;
    }

    expect(paths).toBeGreaterThanOrEqual(
      subcommands.filter((s) => s.audience !== 'anyone').length +
        organizerActionHandlers.length +
        ownerActionHandlers.length +
        organizerViewHandlers.length,
    );
    // Nothing written to Redis, nothing asked of or posted to Slack: only the private answers.
    expect(await snapshot(h.rally.ctx.redis, namespace)).toEqual(before);
    expect(
      h.standIn
        .calls()
        .slice(callsBefore)
        .map((c) => c.method),
    ).toEqual([]);
  });

  it('lets the organizer an owner added through, and counts an admin not named in RALLY_ORGANIZERS as no owner', async () => {
    const res = await h.slack.command('organizers', { user: member });
    expect(ackOf(res).text).toContain(`Owners of this Rally: <@${owner}>.`);
    const { roles } = h.rally.ctx;
    expect(await roles.isOwner(owner)).toBe(true);
    expect(await roles.isOwner(member)).toBe(false);
    expect(await roles.isOrganizer(member)).toBe(true);
    addCoworkers(h.standIn.workspace, [{ id: admin, realName: 'Ada Admin', role: 'admin' }]);
    expect(await roles.isOrganizer(admin)).toBe(false);
  });
});
