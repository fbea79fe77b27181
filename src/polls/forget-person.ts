import type { CastVoteDeps } from './cast-vote.js';
import { requestPollRedraw } from './redraw-poll.js';
import { creatorId, voterId } from './voter.js';

/** What the polls held about one person, now removed. */
export interface PollsForgotten {
  votes: number;
  pollsStarted: number;
}

/**
 * Removes a person from every poll Rally holds: their vote records (withdrawing their votes while a poll
 * is open; closed polls keep the totals they announced) and their name as a poll's starter.
 */
export async function forgetInPolls(deps: CastVoteDeps, userId: string): Promise<PollsForgotten> {
  const { polls, anonymousIds } = deps;
  const forgotten: PollsForgotten = { votes: 0, pollsStarted: 0 };
  for (const id of await polls.allIds()) {
    const poll = await polls.get(id);
    if (!poll) continue;
    const key = poll.anonymous ? await polls.anonymityKey(id) : undefined;
    const voter = voterId(anonymousIds, poll, userId, key);
    if (voter && (await polls.forgetVoter(id, voter))) {
      forgotten.votes++;
      if (!poll.closed) await requestPollRedraw(deps.queues, poll);
    }
    if (poll.creator && poll.creator === creatorId(anonymousIds, poll.anonymous, id, poll.teamId, userId)) {
      await polls.forgetCreator(id);
      forgotten.pollsStarted++;
    }
  }
  return forgotten;
}
