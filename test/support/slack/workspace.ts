/**
 * The fake Slack workspace the stand-in serves: one team, its people, its channels and the Rally app's ids
 * and tokens. `createWorkspace()` returns a fresh copy that a test may change freely before starting the
 * stand-in.
 */
import { offsetAt } from '../../../src/time/zones.js';

export interface SlackUserProfile {
  display_name: string;
  real_name: string;
  email?: string;
  image_48: string;
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  profile: SlackUserProfile;
  /** IANA zone, e.g. `Europe/Berlin`. */
  tz: string;
  /** Zone name at the workspace's `now`, e.g. `Central European Standard Time`. */
  tz_label: string;
  /** Offset from UTC in seconds at the workspace's `now` (so it follows daylight saving time, as Slack's does). */
  tz_offset: number;
  is_bot: boolean;
  is_app_user: boolean;
  /**
   * The person's standing in the workspace, as `users.info` and `users.list` report it: the primary owner is
   * also an owner and an admin, an owner is also an admin.
   * https://docs.slack.dev/reference/objects/user-object
   */
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  deleted: boolean;
}

export interface SlackChannel {
  id: string;
  name: string;
  /** False for old-style private channels whose id starts with `G` (those have `is_group: true`). */
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  /** Slack Connect: shared with another organisation. */
  is_ext_shared: boolean;
  /**
   * Whether the bot is a member. `members` is what the stand-in checks; this flag is recomputed from it
   * in every answer, so change `members` to change membership.
   */
  is_member: boolean;
  members: string[];
  created: number;
  creator: string;
  /** The other party of a direct message channel. */
  user?: string;
}

export interface Workspace {
  team: { id: string; name: string; domain: string };
  appId: string;
  botUserId: string;
  botId: string;
  botToken: string;
  appToken: string;
  /** The deprecated verification token Slack still puts in command and interaction payloads. */
  verificationToken: string;
  /** Scopes granted to the bot token; a method needing a missing one answers `missing_scope`. */
  botScopes: string[];
  users: SlackUser[];
  channels: SlackChannel[];
}

export const TEAM_ID = 'T0RALLY01';
export const BOT_USER_ID = 'U0RALLYBOT';
export const BOT_ID = 'B0RALLYBOT';
export const APP_ID = 'A0RALLY01';
export const BOT_TOKEN = 'xoxb-test-rally';
export const APP_TOKEN = 'xapp-1-test-rally';
export const PARTNER_TEAM_ID = 'T0PARTNER1';

/** Readable names for the people of the default workspace. */
export const USERS = {
  alice: 'U0ALICE01',
  bob: 'U0BOB0001',
  carla: 'U0CARLA01',
  deepa: 'U0DEEPA01',
  emeka: 'U0EMEKA01',
  /** A deactivated account. */
  former: 'U0GONE001',
  /** Belongs to the partner organisation of the Slack Connect channel #partners. */
  partner: 'U0PARTNR1',
  bot: BOT_USER_ID,
} as const;

/** Readable names for the channels of the default workspace. */
export const CHANNELS = {
  general: 'C0GENERAL1',
  organizing: 'C0ORGANIZE',
  /** Public, the bot is not a member. */
  random: 'C0NOTJOIN1',
  /** Private, the bot is a member. */
  coreTeam: 'G0PRIVATE1',
  /** Private, the bot is not a member. */
  secret: 'G0PRIVNOT1',
  archived: 'C0ARCHIVE1',
  /** Slack Connect (`is_ext_shared`), the bot is a member. */
  partners: 'C0SHARED01',
} as const;

export const DEFAULT_BOT_SCOPES = [
  'app_mentions:read',
  'channels:history',
  'channels:join',
  'channels:read',
  'chat:write',
  'commands',
  'files:write',
  'groups:history',
  'groups:read',
  'im:history',
  'im:read',
  'im:write',
  'reactions:read',
  'reactions:write',
  'users:read',
];

/** A person's standing in the workspace, beyond a member's. */
export type WorkspaceRole = 'primary_owner' | 'owner' | 'admin';

interface Person {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  tz: string;
  teamId?: string;
  deleted?: boolean;
  isBot?: boolean;
  role?: WorkspaceRole;
}

const PEOPLE: Person[] = [
  {
    id: USERS.alice,
    name: 'alice',
    realName: 'Alice Alvarez',
    displayName: 'alice',
    tz: 'America/Los_Angeles',
    // Created the workspace; with `RALLY_ORGANIZERS` empty she is one of Rally's owners.
    role: 'primary_owner',
  },
  { id: USERS.bob, name: 'bob', realName: 'Bob Baptiste', displayName: 'Bob B.', tz: 'America/New_York' },
  { id: USERS.carla, name: 'carla', realName: 'Carla Schmidt', displayName: 'carla', tz: 'Europe/Berlin' },
  { id: USERS.deepa, name: 'deepa', realName: 'Deepa Iyer', displayName: '', tz: 'Asia/Kolkata' },
  { id: USERS.emeka, name: 'emeka', realName: 'Emeka Okafor', displayName: 'Emeka', tz: 'UTC' },
  {
    id: USERS.former,
    name: 'former',
    realName: 'Former Colleague',
    displayName: '',
    tz: 'America/Chicago',
    deleted: true,
  },
  {
    id: USERS.partner,
    name: 'pat',
    realName: 'Pat Partner',
    displayName: 'Pat (Partner Org)',
    tz: 'Europe/London',
    teamId: PARTNER_TEAM_ID,
  },
  {
    id: BOT_USER_ID,
    name: 'rally',
    realName: 'Rally',
    displayName: '',
    tz: 'America/Los_Angeles',
    isBot: true,
  },
];

const INTERNAL_HUMANS = [USERS.alice, USERS.bob, USERS.carla, USERS.deepa, USERS.emeka];

interface Room {
  id: string;
  name: string;
  members: string[];
  private?: boolean;
  archived?: boolean;
  extShared?: boolean;
  general?: boolean;
}

const ROOMS: Room[] = [
  { id: CHANNELS.general, name: 'general', members: [...INTERNAL_HUMANS, BOT_USER_ID], general: true },
  {
    id: CHANNELS.organizing,
    name: 'organizing',
    members: [USERS.alice, USERS.bob, USERS.carla, USERS.deepa, BOT_USER_ID],
  },
  { id: CHANNELS.random, name: 'random', members: [...INTERNAL_HUMANS] },
  { id: CHANNELS.coreTeam, name: 'core-team', members: [USERS.alice, USERS.bob, BOT_USER_ID], private: true },
  { id: CHANNELS.secret, name: 'secret', members: [USERS.carla, USERS.deepa], private: true },
  {
    id: CHANNELS.archived,
    name: 'old-stuff',
    members: [USERS.alice, USERS.bob, BOT_USER_ID],
    archived: true,
  },
  {
    id: CHANNELS.partners,
    name: 'partners',
    members: [USERS.alice, USERS.emeka, USERS.partner, BOT_USER_ID],
    extShared: true,
  },
];

/** The long name of `tz` at `at`, as Slack's `tz_label` shows it, e.g. `Pacific Standard Time`. */
function zoneLabel(tz: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** Offset of `tz` from UTC in seconds at `at`, e.g. -28800 for Los Angeles in winter. */
export function zoneOffsetSeconds(tz: string, at: Date): number {
  return Math.round(offsetAt(at.getTime(), tz) / 1000);
}

function toUser(person: Person, now: Date): SlackUser {
  return {
    id: person.id,
    team_id: person.teamId ?? TEAM_ID,
    name: person.name,
    real_name: person.realName,
    profile: {
      display_name: person.displayName,
      real_name: person.realName,
      image_48: `https://avatars.slack-edge.com/stand-in/${person.id}_48.png`,
    },
    tz: person.tz,
    tz_label: zoneLabel(person.tz, now),
    tz_offset: zoneOffsetSeconds(person.tz, now),
    is_bot: person.isBot ?? false,
    is_app_user: false,
    is_admin: person.role !== undefined,
    is_owner: person.role === 'owner' || person.role === 'primary_owner',
    is_primary_owner: person.role === 'primary_owner',
    deleted: person.deleted ?? false,
  };
}

function toChannel(room: Room): SlackChannel {
  const legacyPrivate = room.id.startsWith('G');
  return {
    id: room.id,
    name: room.name,
    is_channel: !legacyPrivate,
    is_group: legacyPrivate,
    is_im: false,
    is_private: room.private ?? false,
    is_archived: room.archived ?? false,
    is_general: room.general ?? false,
    is_ext_shared: room.extShared ?? false,
    is_member: room.members.includes(BOT_USER_ID),
    members: [...room.members],
    created: 1_700_000_000,
    creator: USERS.alice,
  };
}

/**
 * A public channel with these members (the bot is in it when `members` has it), created by `creator`:
 * for tests and benchmarks that need more channels than the default ones.
 */
export function publicChannel(
  id: string,
  name: string,
  members: string[],
  creator: string = USERS.alice,
): SlackChannel {
  return { ...toChannel({ id, name, members }), creator };
}

export interface CreateWorkspaceOptions {
  /** The moment time zone labels and offsets are computed for; defaults to now. */
  now?: Date;
}

/** A fresh, independent copy of the default workspace. */
export function createWorkspace(options: CreateWorkspaceOptions = {}): Workspace {
  const now = options.now ?? new Date();
  return {
    team: { id: TEAM_ID, name: 'Rally Test', domain: 'rally-test' },
    appId: APP_ID,
    botUserId: BOT_USER_ID,
    botId: BOT_ID,
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    verificationToken: 'rally-test-verification-token',
    botScopes: [...DEFAULT_BOT_SCOPES],
    users: PEOPLE.map((person) => toUser(person, now)),
    channels: ROOMS.map(toChannel),
  };
}

export function findUser(workspace: Workspace, id: string): SlackUser | undefined {
  return workspace.users.find((user) => user.id === id);
}

export function findChannel(workspace: Workspace, id: string): SlackChannel | undefined {
  return workspace.channels.find((channel) => channel.id === id);
}

/** The id of the direct message channel between the bot and `userId`: `U0ALICE01` → `D0ALICE01`. */
export function dmChannelId(userId: string): string {
  return `D${userId.slice(1)}`;
}

/** Adds coworkers to a workspace (for tests that need more named people than the default ones). */
export function addCoworkers(
  workspace: Workspace,
  people: { id: string; realName: string; tz?: string; role?: WorkspaceRole }[],
): Workspace {
  for (const person of people) {
    workspace.users.push(
      toUser(
        {
          id: person.id,
          name: person.realName.toLowerCase().replace(/\s+/g, '.'),
          realName: person.realName,
          displayName: '',
          tz: person.tz ?? 'UTC',
          ...(person.role ? { role: person.role } : {}),
        },
        new Date(),
      ),
    );
  }
  return workspace;
}
