import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { CastVoteDeps } from './cast-vote.js';
import { isPollCreator } from './manage.js';
import type { StoredPoll } from './model.js';
import { requestPollRedraw } from './redraw-poll.js';
import { voterId } from './voter.js';

/** What the polls held about one person, now removed. */
export interface PollsForgotten {
  votes: number;
  pollsStarted: number;
  /** Open polls they voted in where a reaction of theirs will no longer count: only they can remove it. */
  reactionPolls: number;
}

export type ForgetInPollsDeps = CastVoteDeps & { redis: Redis; keys: Keys };

const forgottenReactorScope = 'forgotten-reactor';

/**
 * The hashes under which a poll may remember that a person asked to be forgotten (see
 * `markForgottenReactor`): under the poll's random key for that record, when it has one, and as polls
 * opened before that key existed stored them, keyed by the poll's ID only (recognised until they close).
 */
export function forgottenReactorHashes(
  deps: Pick<CastVoteDeps, 'anonymousIds'>,
  poll: Pick<StoredPoll, 'id' | 'teamId'>,
  userId: string,
  key: string | undefined,
): string[] {
  const legacy = deps.anonymousIds.of(forgottenReactorScope, poll.teamId, userId, poll.id);
  return key ? [deps.anonymousIds.of(forgottenReactorScope, poll.teamId, userId, key), legacy] : [legacy];
}

/** Deletes the records of nudges sent to a person (named by their hash for the poll). */
async function forgetNudges(deps: ForgetInPollsDeps, poll: StoredPoll, userId: string): Promise<void> {
  const memberHash = deps.anonymousIds.of('nudge', poll.teamId, userId, poll.id);
  let cursor = '0';
  do {
    const [next, keys] = await deps.redis.scan(
      cursor,
      'MATCH',
      deps.keys.key('delivery', `nudge-*-${memberHash}`),
      'COUNT',
      500,
    );
    cursor = next;
    if (keys.length > 0) await deps.redis.del(...keys);
  } while (cursor !== '0');
}

/**
 * Removes a person from every poll Rally holds: their vote records (withdrawing their votes while a poll
 * is open; closed polls keep the totals they announced), their name as a poll's starter, the records of
 * nudges sent to them; and open public polls remember not to count their reaction again, as a hash under
 * a random key of the poll that closing deletes with it.
 */
export async function forgetInPolls(
  deps: ForgetInPollsDeps,
  teamId: string,
  userId: string,
): Promise<PollsForgotten> {
  const { polls, anonymousIds } = deps;
  const forgotten: PollsForgotten = { votes: 0, pollsStarted: 0, reactionPolls: 0 };
  for (const id of await polls.allIds()) {
    const poll = await polls.get(id);
    if (!poll || poll.teamId !== teamId) continue;
    const key = poll.anonymous ? await polls.anonymityKey(id) : undefined;
    const voter = voterId(anonymousIds, poll, userId, key);
    const hadVote = voter !== undefined && (await polls.forgetVoter(id, voter));
    if (hadVote) {
      forgotten.votes++;
      if (!poll.closed) await requestPollRedraw(deps, poll);
    }
    if (await isPollCreator(deps, poll, userId)) {
      await polls.forgetCreator(id);
      forgotten.pollsStarted++;
    }
    if (poll.reactions && !poll.closed) {
      const marked = await polls.markForgottenReactor(id, (key) =>
        anonymousIds.of(forgottenReactorScope, poll.teamId, userId, key),
      );
      if (marked && hadVote) forgotten.reactionPolls++;
    }
    if (!poll.anonymous) await forgetNudges(deps, poll, userId);
  }
  return forgotten;
}
