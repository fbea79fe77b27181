import type { PendingRedraws } from '../delivery/redraw-clock.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { Queues } from '../queues/queues.js';
import type { StoredPoll, VoteAction } from './model.js';
import { requestPollRedraw } from './redraw-poll.js';
import type { PollStore } from './store.js';
import { voterId } from './voter.js';

export interface CastVoteDeps {
  polls: PollStore;
  anonymousIds: AnonymousIds;
  queues: Queues;
  pendingRedraws: PendingRedraws;
}

/** One person's vote on one option: a button press, a reaction added or removed, or a missed reaction. */
export interface VoteRequest {
  pollId: string;
  userId: string;
  option: number;
  action: VoteAction;
  /** Ask for the message to be redrawn (default); the close job redraws it itself. */
  redraw?: boolean;
}

export type VoteOutcome =
  | { ok: true; poll: StoredPoll; selection: number[] }
  | { ok: false; reason: 'closed' | 'unknown-poll' | 'bad-option' };

/**
 * Casts a vote: the one place a vote happens, whether it comes from a button, a reaction or the
 * reconciliation of reactions at close. The voter is recorded by user ID in a public poll and by a hash
 * under the poll's random key in an anonymous one; the vote itself is one atomic Redis script. The
 * message is redrawn later (see `requestPollRedraw`), never at once.
 */
export async function castVote(deps: CastVoteDeps, request: VoteRequest): Promise<VoteOutcome> {
  const poll = await deps.polls.get(request.pollId);
  if (!poll) return { ok: false, reason: 'unknown-poll' };
  const key = poll.anonymous ? await deps.polls.anonymityKey(poll.id) : undefined;
  const voter = voterId(deps.anonymousIds, poll, request.userId, key);
  if (!voter) return { ok: false, reason: 'closed' };
  const result = await deps.polls.vote(poll.id, voter, request.option, request.action, poll.multiple);
  if (!result.ok) return result;
  if (request.redraw !== false) await requestPollRedraw(deps, poll);
  return { ok: true, poll, selection: result.selection };
}
