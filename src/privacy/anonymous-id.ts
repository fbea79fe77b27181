import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Keyed hashes that stand for a person in anonymous records (signatures, votes, pledges).
 *
 * HMAC-SHA256 over team and user, keyed by a key derived from `RALLY_SECRET` for one scope (the letter,
 * one donation prompt, one poll). The secret never reaches Redis, so a dump alone cannot be turned back
 * into people; a key per scope means two dumps of different features cannot be joined on the hash either.
 */
export interface AnonymousIds {
  /** The hash for `userId` of `teamId` in `scope`; `extraKey` mixes in a per-record random key (polls). */
  of(scope: string, teamId: string, userId: string, extraKey?: string): string;
}

export function createAnonymousIds(rallySecret: string): AnonymousIds {
  const keys = new Map<string, Buffer>();
  const keyFor = (scope: string): Buffer => {
    let key = keys.get(scope);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', rallySecret, 'rally-anonymous-id', scope, 32));
      keys.set(scope, key);
    }
    return key;
  };
  return {
    of(scope, teamId, userId, extraKey) {
      const hmac = createHmac('sha256', keyFor(scope));
      if (extraKey) hmac.update(`${extraKey}\u0000`);
      return hmac.update(`${teamId}\u0000${userId}`).digest('base64url');
    },
  };
}
