import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { Roles } from '../roles/roles.js';
import type { StoredPoll } from './model.js';
import type { PollStore } from './store.js';
import { creatorId, legacyCreatorId } from './voter.js';

export interface ManageDeps {
  polls: PollStore;
  anonymousIds: AnonymousIds;
  roles: Pick<Roles, 'isOrganizer'>;
}

/** Whether `userId` started `poll` (read through the poll's key when it is anonymous). */
export async function isPollCreator(
  deps: Omit<ManageDeps, 'roles'>,
  poll: StoredPoll,
  userId: string,
): Promise<boolean> {
  if (!poll.creator) return false;
  const key = poll.anonymous ? await deps.polls.anonymityKey(poll.id) : undefined;
  if (creatorId(deps.anonymousIds, poll, userId, key) === poll.creator) return true;
  return poll.anonymous && legacyCreatorId(deps.anonymousIds, poll, userId) === poll.creator;
}

/**
 * Whether someone may close a poll early or nudge its non-voters: its creator, or an organizer (asked of the
 * one role check's source, `roles`).
 */
export async function canManagePoll(deps: ManageDeps, poll: StoredPoll, userId: string): Promise<boolean> {
  return (await isPollCreator(deps, poll, userId)) || (await deps.roles.isOrganizer(userId));
}
