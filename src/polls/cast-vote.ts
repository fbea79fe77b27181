import type { PendingRedraws } from '../delivery/redraw-clock.js';
import type { Logger } from '../logger.js';
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
  logger: Logger;
}

/** One person's vote on one option: a button press, a reaction added or removed, or a missed reaction. */
export interface VoteRequest {
  pollId: string;
  userId: string;
  option: number;
  action: VoteAction;
  /** Ask for the message to be redrawn (default); the close job redraws it itself. */
  redraw?: boolean;
  /** When it happened (ms; now by default): a second press of one option soon after is a double click. */
  at?: number;
  /**
   * Cast by the close itself (a reaction Slack's event never brought): counted though the closing time has
   * passed, since the reaction was there before the poll closed.
   */
  atClose?: boolean;
}

export type VoteOutcome =
  | { ok: true; poll: StoredPoll; selection: number[] }
  | { ok: false; reason: 'closed' | 'unknown-poll' | 'bad-option' };

/**
 * Casts a vote: the one place a vote happens, whether it comes from a button, a reaction or the
 * reconciliation of reactions at close. The voter is recorded by user ID in a public poll and by a hash
 * under the poll's random key in an anonymous one; the vote itself is one atomic Redis script, which also
 * takes a second press of the same button within `doublePressMs` for a double click and changes nothing
 * then (the voter is told the same as after the first). Past the poll's closing time no vote counts, even
 * before the close job has run. The message is redrawn later (see
 * `requestPollRedraw`), never at once. Once the vote is stored it stands: if asking for the redraw then
 * fails (Redis going away between the two), the voter is still told what Rally holds, and the message
 * shows the vote with the next change or at close.
 */
export async function castVote(deps: CastVoteDeps, request: VoteRequest): Promise<VoteOutcome> {
  const poll = await deps.polls.get(request.pollId);
  if (!poll) return { ok: false, reason: 'unknown-poll' };
  // The closing time holds even when the job that closes the poll is late (workers down, Redis away).
  const at = request.at ?? Date.now();
  if (poll.closesAt !== undefined && at >= poll.closesAt && !request.atClose)
    return { ok: false, reason: 'closed' };
  const key = poll.anonymous ? await deps.polls.anonymityKey(poll.id) : undefined;
  const voter = voterId(deps.anonymousIds, poll, request.userId, key);
  if (!voter) return { ok: false, reason: 'closed' };
  const result = await deps.polls.vote(poll.id, voter, request.option, request.action, poll.multiple, at);
  if (!result.ok) return result;
  if (request.redraw !== false) {
    try {
      await requestPollRedraw(deps, poll);
    } catch (err) {
      deps.logger.warn(
        { err },
        'vote recorded, but its redraw could not be asked for: it comes with the next',
      );
    }
  }
  return { ok: true, poll, selection: result.selection };
}
