import type { RallyContext } from '../context.js';
import type { StoredPoll } from './store.js';
import { creatorId } from './voter.js';

/** Whether someone may close a poll early or nudge its non-voters: its creator, or an organizer. */
export function canManagePoll(
  ctx: Pick<RallyContext, 'anonymousIds' | 'isOrganizer'>,
  poll: StoredPoll,
  userId: string,
): boolean {
  if (ctx.isOrganizer(userId)) return true;
  return creatorId(ctx.anonymousIds, poll.anonymous, poll.id, poll.teamId, userId) === poll.creator;
}
