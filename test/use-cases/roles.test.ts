import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys } from '../../src/redis/keys.js';
import { addOrganizer } from '../../src/roles/add-organizer.js';
import { checkRole, roleUnknownMessage } from '../../src/roles/check-role.js';
import { OrganizerStore } from '../../src/roles/organizer-store.js';
import { removeOrganizer } from '../../src/roles/remove-organizer.js';
import { createRoles, type Roles } from '../../src/roles/roles.js';
import { readWorkspaceMember } from '../../src/slack/workspace-member.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { TEAM_ID, USERS } from '../support/slack/index.js';

/** Roles against a real Redis and the Slack stand-in, on a clock the test moves. */
describe('roles', () => {
  let h: ContextHarness;
  let clock = 0;
  let roles: Roles;
  const usersInfoCalls = () => h.standIn.calls('users.info').length;
  const alice = () => h.standIn.workspace.users.find((u) => u.id === USERS.alice);

  beforeAll(async () => {
    h = await startContext();
    roles = createRoles({
      listedOwners: [],
      organizers: h.ctx.organizers,
      readMember: (userId) => readWorkspaceMember(h.ctx.slack, userId),
      workspaceTeamId: async () => TEAM_ID,
      logger: h.ctx.logger,
      now: () => clock,
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('remembers what Slack said about a person for five minutes, then asks again', async () => {
    expect(await roles.isOwner(USERS.alice)).toBe(true);
    const asked = usersInfoCalls();
    const primaryOwner = alice();
    if (!primaryOwner) throw new Error('no Alice in the stand-in');
    // Alice hands the workspace over: Rally learns it within five minutes.
    Object.assign(primaryOwner, { is_admin: false, is_owner: false, is_primary_owner: false });
    clock += 4 * 60_000;
    expect(await roles.isOwner(USERS.alice)).toBe(true);
    expect(await roles.isOrganizer(USERS.alice)).toBe(true);
    expect(usersInfoCalls()).toBe(asked);
    clock += 60_000 + 1;
    expect(await roles.isOwner(USERS.alice)).toBe(false);
    expect(usersInfoCalls()).toBe(asked + 1);
    Object.assign(primaryOwner, { is_admin: true, is_owner: true, is_primary_owner: true });
    clock += 5 * 60_000 + 1;
  });

  it('takes a failed answer from Slack as no, and asks again next time', async () => {
    h.standIn.failNext('users.info', { kind: 'error', error: 'internal_error' });
    expect(await roles.isOwner(USERS.alice)).toBe(false);
    expect(await roles.isOwner(USERS.alice)).toBe(true);
    expect(h.logs.find('could not ask Slack whether a person runs the workspace: taken as no')).toMatchObject(
      {
        reason: 'transient',
      },
    );
  });

  it('checks the organizers in Redis on every call: an addition and a removal hold at once', async () => {
    expect(await roles.isOrganizer(USERS.bob)).toBe(false);
    expect(
      await addOrganizer(
        { ...h.ctx, roles },
        { userId: USERS.bob, workspaceTeamId: TEAM_ID, actor: USERS.alice },
      ),
    ).toEqual({
      outcome: 'added',
      userId: USERS.bob,
    });
    expect(await h.ctx.roles.isOrganizer(USERS.bob)).toBe(true);
    expect(await roles.isOrganizer(USERS.bob)).toBe(true);
    expect(
      (
        await addOrganizer(
          { ...h.ctx, roles },
          { userId: USERS.bob, workspaceTeamId: TEAM_ID, actor: USERS.alice },
        )
      ).outcome,
    ).toBe('already');
    expect(await removeOrganizer({ ...h.ctx, roles }, { userId: USERS.bob, actor: USERS.alice })).toEqual({
      outcome: 'removed',
      userId: USERS.bob,
    });
    expect(await roles.isOrganizer(USERS.bob)).toBe(false);
    expect(
      (await removeOrganizer({ ...h.ctx, roles }, { userId: USERS.bob, actor: USERS.alice })).outcome,
    ).toBe('not-listed');
    // Each change an owner made is in the audit of organizers' actions, once; nothing for the one that changed nothing.
    const { entries } = await h.ctx.audit.page(0, 10);
    expect(entries.map(({ actor, action, person }) => ({ actor, action, person }))).toEqual([
      { actor: USERS.alice, action: 'removed-organizer', person: USERS.bob },
      { actor: USERS.alice, action: 'added-organizer', person: USERS.bob },
    ]);
  });

  it('says when Slack cannot tell who was picked, or knows no such person, and adds nobody', async () => {
    h.standIn.failNext('users.info', { kind: 'http', status: 503 });
    const deps = { ...h.ctx, roles };
    expect(
      (await addOrganizer(deps, { userId: USERS.carla, workspaceTeamId: TEAM_ID, actor: USERS.alice }))
        .outcome,
    ).toBe('slack-unavailable');
    expect(
      (await addOrganizer(deps, { userId: 'U0NOBODY01', workspaceTeamId: TEAM_ID, actor: USERS.alice }))
        .outcome,
    ).toBe('unknown');
    expect(await h.ctx.organizers.list()).toEqual([]);
  });

  it('names the owners in RALLY_ORGANIZERS without asking Slack, and a listed owner stays an organizer when taken off the list', async () => {
    let asked = 0;
    const listed = createRoles({
      listedOwners: [USERS.emeka],
      organizers: h.ctx.organizers,
      readMember: async () => {
        asked++;
        return undefined;
      },
      workspaceTeamId: async () => TEAM_ID,
      logger: h.ctx.logger,
    });
    expect(await listed.isOwner(USERS.emeka)).toBe(true);
    expect(await listed.isOwner(USERS.alice)).toBe(false);
    expect(await listed.isOrganizer(USERS.alice)).toBe(false);
    await h.ctx.organizers.add(USERS.emeka);
    expect(
      await removeOrganizer({ ...h.ctx, roles: listed }, { userId: USERS.emeka, actor: USERS.alice }),
    ).toEqual({
      outcome: 'removed-still-owner',
      userId: USERS.emeka,
    });
    expect(await listed.isOrganizer(USERS.emeka)).toBe(true);
    expect(asked).toBe(0);
  });

  it('lets nobody through when Redis does not answer, and says so rather than that they lack the role', async () => {
    // A client that never connects and queues nothing: every command fails at once, as with Redis away.
    const away = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    const cut = createRoles({
      listedOwners: [USERS.emeka],
      organizers: new OrganizerStore(away, createKeys('away')),
      readMember: (userId) => readWorkspaceMember(h.ctx.slack, userId),
      workspaceTeamId: async () => TEAM_ID,
      logger: h.ctx.logger,
    });
    expect(await checkRole(cut, 'organizers', USERS.bob, 'post the campaign')).toEqual({
      allowed: false,
      title: 'Not now',
      refusal: roleUnknownMessage,
    });
    // A listed owner needs no Redis to be recognised.
    expect(await checkRole(cut, 'organizers', USERS.emeka, 'post the campaign')).toEqual({ allowed: true });
    expect(h.logs.find('could not read the organizers from Redis')).toBeDefined();
    away.disconnect();
  });
});
