import { type CastVoteDeps, castVote } from './cast-vote.js';
import { normalizeReaction } from './emoji.js';

/** A reaction added to or removed from a message. */
export interface ReactionChange {
  user: string;
  reaction: string;
  channel: string;
  ts: string;
  added: boolean;
}

/** What a reaction meant: nothing (not a poll, not an option), a vote, or a reaction an anonymous poll refuses. */
export type ReactionOutcome = 'ignored' | 'counted' | 'refused-anonymous' | 'refused-shared' | 'closed';

/**
 * A reaction on a poll message with one of its option emojis votes for that option (added) or takes the
 * vote back (removed). On an anonymous poll reactions are public, so they are never counted.
 */
export async function voteByReaction(deps: CastVoteDeps, change: ReactionChange): Promise<ReactionOutcome> {
  const pollId = await deps.polls.findByMessage(change.channel, change.ts);
  const poll = pollId ? await deps.polls.get(pollId) : undefined;
  if (!poll) return 'ignored';
  const option = poll.emojis.indexOf(normalizeReaction(change.reaction));
  if (option < 0) return 'ignored';
  if (poll.anonymous) return change.added ? 'refused-anonymous' : 'ignored';
  if (!poll.reactions) return change.added ? 'refused-shared' : 'ignored';
  const outcome = await castVote(deps, {
    pollId: poll.id,
    userId: change.user,
    option,
    action: change.added ? 'add' : 'remove',
  });
  if (!outcome.ok) return outcome.reason === 'closed' ? 'closed' : 'ignored';
  return 'counted';
}
