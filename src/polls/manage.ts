import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { StoredPoll } from './model.js';
import { creatorId } from './voter.js';

/** Whether someone may close a poll early or nudge its non-voters: its creator, or an organizer. */
export function canManagePoll(
  deps: { anonymousIds: AnonymousIds; isOrganizer(userId: string): boolean },
  poll: StoredPoll,
  userId: string,
): boolean {
  if (deps.isOrganizer(userId)) return true;
  return creatorId(deps.anonymousIds, poll.anonymous, poll.id, poll.teamId, userId) === poll.creator;
}
