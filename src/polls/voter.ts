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
  poll: Pick<StoredPoll, 'anonymous' | 'teamId'>,
  userId: string,
  anonymityKey: string | undefined,
): string | undefined {
  if (!poll.anonymous) return userId;
  if (!anonymityKey) return undefined;
  return ids.of(voterScope, poll.teamId, userId, anonymityKey);
}

/**
 * How a poll records its creator: the user ID, or for an anonymous poll a hash under the poll's random
 * key, which nobody can recompute once the poll closed. Undefined for an anonymous poll without a key.
 */
export function creatorId(
  ids: AnonymousIds,
  poll: Pick<StoredPoll, 'anonymous' | 'teamId'>,
  userId: string,
  anonymityKey: string | undefined,
): string | undefined {
  if (!poll.anonymous) return userId;
  return anonymityKey ? ids.of(creatorScope, poll.teamId, userId, anonymityKey) : undefined;
}

/**
 * The creator hash of anonymous polls made before creator hashes used the poll's key (keyed by the poll
 * ID only): still recognised so their creators keep their buttons until those polls close.
 */
export function legacyCreatorId(
  ids: AnonymousIds,
  poll: Pick<StoredPoll, 'id' | 'teamId'>,
  userId: string,
): string {
  return ids.of(creatorScope, poll.teamId, userId, poll.id);
}
