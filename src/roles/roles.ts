import type { Logger } from '../logger.js';
import { classifySlackError } from '../slack/errors.js';
import type { WorkspaceMember } from '../slack/workspace-member.js';
import type { OrganizerStore } from './organizer-store.js';

/**
 * Who may do what in Rally. **Owners** are the user IDs in `RALLY_ORGANIZERS` or, when it is empty, the
 * workspace's primary owner, owners and admins (never everyone); they add and remove organizers.
 * **Organizers** are the owners and the people owners added.
 */
export interface Roles {
  /** The owners named in `RALLY_ORGANIZERS`; empty when the workspace's owners and admins are Rally's. */
  readonly listedOwners: readonly string[];
  isOwner(userId: string): Promise<boolean>;
  isOrganizer(userId: string): Promise<boolean>;
}

export interface RolesSources {
  listedOwners: readonly string[];
  organizers: OrganizerStore;
  /** A person as Slack describes them; only asked when `listedOwners` is empty. */
  readMember(userId: string): Promise<WorkspaceMember | undefined>;
  /** The workspace Rally is installed in, so that an admin of another organization is not taken for one. */
  workspaceTeamId(): Promise<string>;
  logger: Logger;
  /** How long Slack's answer about a person is trusted (5 minutes by default). */
  memberTtlMs?: number;
  now?: () => number;
}

/** Answers about people kept in memory; far more than a workspace's admins are ever asked about at once. */
const maxCachedPeople = 10_000;

/**
 * Roles from `RALLY_ORGANIZERS`, the organizers' set in Redis and, when no owner is listed, Slack.
 *
 * Slack's answer (is this person an owner or admin of the workspace?) is kept in this process's memory for
 * `memberTtlMs`, not in Redis: it comes from Slack, which every process can ask, so there is nothing to
 * share or invalidate, and Redis gets no record of who administers the workspace. A change of someone's
 * standing in Slack reaches Rally within that time. A failed answer is not kept, and counts as "no".
 */
export function createRoles(sources: RolesSources): Roles {
  const listed = new Set(sources.listedOwners);
  const ttlMs = sources.memberTtlMs ?? 5 * 60_000;
  const now = sources.now ?? Date.now;
  const logger = sources.logger.child({ component: 'roles' });
  const answers = new Map<string, { runsWorkspace: Promise<boolean>; until: number }>();

  async function askSlack(userId: string): Promise<boolean> {
    const [member, teamId] = await Promise.all([sources.readMember(userId), sources.workspaceTeamId()]);
    return Boolean(member?.runsWorkspace && !member.deleted && !member.isBot && member.teamId === teamId);
  }

  function runsWorkspace(userId: string): Promise<boolean> {
    const cached = answers.get(userId);
    if (cached && cached.until > now()) return cached.runsWorkspace;
    answers.delete(userId);
    const entry = {
      runsWorkspace: askSlack(userId).catch((err: unknown) => {
        if (answers.get(userId) === entry) answers.delete(userId);
        logger.warn(
          { reason: classifySlackError(err).kind },
          'could not ask Slack whether a person runs the workspace: taken as no',
        );
        return false;
      }),
      until: now() + ttlMs,
    };
    answers.set(userId, entry);
    if (answers.size > maxCachedPeople) answers.delete(answers.keys().next().value as string);
    return entry.runsWorkspace;
  }

  const isOwner = async (userId: string): Promise<boolean> =>
    listed.size > 0 ? listed.has(userId) : runsWorkspace(userId);

  return {
    listedOwners: [...listed],
    isOwner,
    async isOrganizer(userId) {
      if (listed.has(userId)) return true;
      const onTheList = await sources.organizers.has(userId).catch((err: unknown) => {
        logger.error({ err }, 'could not read the organizers from Redis');
        throw err;
      });
      if (onTheList) return true;
      return listed.size === 0 && runsWorkspace(userId);
    },
  };
}
