import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import { type CompactionRequestDeps, requestCompaction } from '../privacy/compaction.js';
import type { SealedBox } from '../privacy/sealed-box.js';
import type { Keys } from '../redis/keys.js';
import { campaignLetterId } from './model.js';
import type { SignatureStore } from './signature-store.js';
import { letterSigner } from './signer.js';

/** A signature as the first version stored it (by user ID, with a typed name). */
interface V1Signature {
  name?: string;
  role?: string;
  day: string;
  threshold?: number;
}

export interface MigrationDeps extends CompactionRequestDeps {
  redis: Redis;
  keys: Keys;
  slack: WebClient;
  signatures: SignatureStore;
  anonymousIds: AnonymousIds;
  seals: SealedBox;
}

/**
 * Moves the signatures of the first version (one letter; named and conditional signers by user ID with a
 * typed name; anonymous signers by a hash keyed only by `RALLY_SECRET`) into the campaign letter of this
 * version without losing one: named signers keep their place (their name now comes from their profile),
 * conditional ones are stored under the letter's hash with who they are sealed, and anonymous ones are kept
 * as they were until the letter closes. Runs once; returns how many signatures it moved. The old keys it
 * deletes named conditional signers by user ID, so Redis is then asked to rewrite its files.
 */
export async function migrateV1Letter(deps: MigrationDeps): Promise<number> {
  const { redis, keys, signatures } = deps;
  const old = {
    named: keys.key('letter', 'named'),
    conditional: keys.key('letter', 'conditional'),
    anonymous: keys.key('letter', 'anonymous'),
    copies: keys.key('letter', 'copies'),
  };
  if ((await redis.exists(old.named, old.conditional, old.anonymous, old.copies)) === 0) return 0;
  const letterId = campaignLetterId;
  await signatures.ensureOpen(letterId);
  const scopeKey = await signatures.scopeKey(letterId);
  const teamId = (await deps.slack.auth.test()).team_id ?? '';
  const target = (part: string) => keys.key('letter', letterId, part);
  let moved = 0;
  for (const [userId, value] of Object.entries(await redis.hgetall(old.named))) {
    const { role, day } = JSON.parse(value) as V1Signature;
    const signer = await letterSigner(deps, letterId, { teamId, userId });
    if (signer) await redis.sadd(target('signers'), signer.hash);
    await redis.hset(target('named'), userId, JSON.stringify({ day, ...(role ? { role } : {}) }));
    moved++;
  }
  for (const [userId, value] of Object.entries(await redis.hgetall(old.conditional))) {
    const { role, day, threshold } = JSON.parse(value) as V1Signature;
    const signer = await letterSigner(deps, letterId, { teamId, userId });
    if (!signer || !scopeKey) continue;
    const sealed = deps.seals.seal(scopeKey, JSON.stringify({ userId, ...(role ? { role } : {}) }));
    await redis.sadd(target('signers'), signer.hash);
    await redis.hset(
      target('conditional'),
      signer.hash,
      JSON.stringify({ threshold: threshold ?? 5, day, sealed }),
    );
    moved++;
  }
  const anonymous = await redis.hgetall(old.anonymous);
  if (Object.keys(anonymous).length > 0) await redis.hset(target('legacy-anonymous'), anonymous);
  moved += Object.keys(anonymous).length;
  const copies = await redis.smembers(old.copies);
  if (copies.length > 0) await redis.sadd(target('copies'), ...copies);
  await redis.del(old.named, old.conditional, old.anonymous, old.copies);
  await requestCompaction(deps);
  return moved;
}
