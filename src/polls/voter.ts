import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { StoredPoll } from './model.js';

/** The anonymous-ID scopes of polls: voters, and creators of anonymous polls. */
const voterScope = 'poll-voter';
const creatorScope = 'poll-creator';

/**
 * How a poll records a voter: the user ID for a public poll; for an anonymous one, a keyed hash that also
 * mixes in the poll's random key, so that once the key is deleted at close the hash can no longer be
 * recomputed by anyone, the operator included. Undefined when an anonymous poll's key is gone (closed).
 */
export function voterId(
  ids: AnonymousIds,
  poll: Pick<StoredPoll, 'anonymous' | 'teamId' | 'id'>,
  userId: string,
  anonymityKey: string | undefined,
): string | undefined {
  if (!poll.anonymous) return userId;
  if (!anonymityKey) return undefined;
  return ids.of(voterScope, poll.teamId, userId, anonymityKey);
}

/** How a poll records its creator: the user ID, or for an anonymous poll a keyed hash. */
export function creatorId(
  ids: AnonymousIds,
  anonymous: boolean,
  pollId: string,
  teamId: string,
  userId: string,
): string {
  return anonymous ? ids.of(creatorScope, teamId, userId, pollId) : userId;
}
