import type { Redis } from 'ioredis';
import type { SealedBox } from '../privacy/sealed-box.js';
import { newScopeKey } from '../privacy/sealed-box.js';
import type { Keys } from '../redis/keys.js';
import type { LetterStatus, NamedSigner, OwnSignature, SignatureKind, SignatureTally } from './model.js';
import { revealedSigners } from './reveal.js';

/** A named signature as stored under the signer's user ID: public by design. */
interface StoredNamed {
  role?: string;
  day: string;
}

/** A conditional signature as stored under the signer's hash: who they are is sealed under the letter's key. */
interface StoredConditional {
  threshold: number;
  day: string;
  /** `{ userId, role }`, sealed: readable while the letter is open, by nobody once its key is erased. */
  sealed: string;
}

/** Who a conditional signer is, inside the sealed box. */
interface SealedSigner {
  userId: string;
  role?: string;
}

export type ClaimResult =
  | { ok: true }
  | { ok: false; reason: 'closed' | 'text-changed' }
  | { ok: false; existing: { kind: SignatureKind; value?: string } };

// Records an anonymous or conditional signature, or claims the person's place for a named one, unless they
// already signed (any kind) or the letter is not open. Every argument is a hash or a day: never a user ID.
// A signature given to another version of the text than the one the signer was shown is refused.
// KEYS: letter, signers, anonymous, conditional, legacy anonymous.
// ARGV: hash, legacy hash, 'anonymous' | 'conditional' | 'claim', value, text version ('' for any).
const claimScript = `
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return {'closed'} end
if ARGV[5] ~= '' and (redis.call('HGET', KEYS[1], 'textVersion') or '1') ~= ARGV[5] then return {'text-changed'} end
local anonymous = redis.call('HGET', KEYS[3], ARGV[1])
if anonymous then return {'anonymous', anonymous} end
local conditional = redis.call('HGET', KEYS[4], ARGV[1])
if conditional then return {'conditional', conditional} end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return {'named'} end
local legacy = redis.call('HGET', KEYS[5], ARGV[2])
if legacy then return {'anonymous', legacy} end
redis.call('SADD', KEYS[2], ARGV[1])
if ARGV[3] == 'anonymous' then redis.call('HSET', KEYS[3], ARGV[1], ARGV[4]) end
if ARGV[3] == 'conditional' then redis.call('HSET', KEYS[4], ARGV[1], ARGV[4]) end
return {'ok'}
`;

// Stores a named signature for a person whose place was claimed. KEYS: letter, named. ARGV: user ID, value.
const namedScript = `
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
`;

// Removes what a hash holds on the letter. KEYS: signers, anonymous, conditional, legacy. ARGV: hash, legacy hash.
const removeByHashScript = `
local kind = false
if redis.call('HDEL', KEYS[2], ARGV[1]) == 1 then kind = 'anonymous'
elseif redis.call('HDEL', KEYS[3], ARGV[1]) == 1 then kind = 'conditional'
elseif redis.call('HDEL', KEYS[4], ARGV[2]) == 1 then kind = 'anonymous' end
local claimed = redis.call('SREM', KEYS[1], ARGV[1]) == 1
if not kind and claimed then kind = 'claim' end
return kind
`;

// Starts closing an open letter. KEYS: letter.
const startClosingScript = `
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'closing')
return 1
`;

// Closes the letter once: records the final counts and erases its key and every hash it held (signers,
// anonymous, waiting conditional signers); its named signers and copies expire after the retention time.
// KEYS: letter, key, signers, anonymous, conditional, legacy, named, copies.
// ARGV: now, final named, final anonymous, final waiting, retention seconds.
const closeScript = `
if redis.call('HGET', KEYS[1], 'status') == 'closed' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'closed', 'closedAt', ARGV[1], 'named', ARGV[2], 'anonymous', ARGV[3], 'waiting', ARGV[4])
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
redis.call('EXPIRE', KEYS[7], ARGV[5])
redis.call('EXPIRE', KEYS[8], ARGV[5])
return 1
`;

const parse = <T>(value: string): T => JSON.parse(value) as T;

/**
 * The signatures of each letter: one per person, of one kind, changed only by removing it first. Named
 * signatures are kept under the user ID; anonymous and conditional ones only under a hash keyed by the
 * letter's random key, which is erased when the letter closes (see `close`).
 */
export class SignatureStore {
  readonly #redis: Redis;
  readonly #keys: Keys;
  readonly #seals: SealedBox;

  constructor(redis: Redis, keys: Keys, seals: SealedBox) {
    this.#redis = redis;
    this.#keys = keys;
    this.#seals = seals;
  }

  #key(letterId: string, part?: string): string {
    return part ? this.#keys.key('letter', letterId, part) : this.#keys.key('letter', letterId);
  }

  #hashKeys(letterId: string): string[] {
    return ['signers', 'anonymous', 'conditional', 'legacy-anonymous'].map((part) =>
      this.#key(letterId, part),
    );
  }

  /** Opens a letter for signing with a new random key, unless it exists (a closed letter stays closed). */
  async ensureOpen(letterId: string): Promise<void> {
    const created = await this.#redis.hsetnx(this.#key(letterId), 'status', 'open');
    if (created === 1) await this.#redis.set(this.#key(letterId, 'key'), newScopeKey(), 'NX');
  }

  async status(letterId: string): Promise<LetterStatus | undefined> {
    const status = await this.#redis.hget(this.#key(letterId), 'status');
    if (status === 'open' || status === 'draft') return status;
    return status === 'closed' || status === 'closing' ? 'closed' : undefined;
  }

  /** The letter's random key while it is open; undefined once closed. */
  async scopeKey(letterId: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#key(letterId, 'key'))) ?? undefined;
  }

  /**
   * Records an anonymous signature or a conditional one (whose signer is sealed under the letter's key), or
   * claims the person's place before a named signature is stored with `recordNamed`.
   */
  async claim(
    letterId: string,
    hashes: { hash: string; legacyHash: string },
    entry:
      | { kind: 'anonymous'; day: string }
      | { kind: 'conditional'; day: string; threshold: number; signer: SealedSigner; scopeKey: string }
      | { kind: 'claim' },
    textVersion?: number,
  ): Promise<ClaimResult> {
    let value = '';
    if (entry.kind === 'anonymous') value = entry.day;
    if (entry.kind === 'conditional') {
      const sealed = this.#seals.seal(entry.scopeKey, JSON.stringify(entry.signer));
      value = JSON.stringify({
        threshold: entry.threshold,
        day: entry.day,
        sealed,
      } satisfies StoredConditional);
    }
    const reply = (await this.#redis.eval(
      claimScript,
      5,
      this.#key(letterId),
      ...this.#hashKeys(letterId),
      hashes.hash,
      hashes.legacyHash,
      entry.kind,
      value,
      textVersion === undefined ? '' : String(textVersion),
    )) as [string, string?];
    const [kind, stored] = reply;
    if (kind === 'ok') return { ok: true };
    if (kind === 'closed' || kind === 'text-changed') return { ok: false, reason: kind };
    return { ok: false, existing: { kind: kind as SignatureKind, ...(stored ? { value: stored } : {}) } };
  }

  /** Stores a named signature after its place was claimed; false when the letter closed in between. */
  async recordNamed(letterId: string, userId: string, named: StoredNamed): Promise<boolean> {
    const value = JSON.stringify(named);
    const stored = await this.#redis.eval(
      namedScript,
      2,
      this.#key(letterId),
      this.#key(letterId, 'named'),
      userId,
      value,
    );
    return stored === 1;
  }

  /** Gives back a claimed place whose named signature was never stored. */
  async releaseClaim(letterId: string, hash: string): Promise<void> {
    await this.#redis.srem(this.#key(letterId, 'signers'), hash);
  }

  async named(letterId: string, userId: string): Promise<OwnSignature | undefined> {
    const value = await this.#redis.hget(this.#key(letterId, 'named'), userId);
    return value ? { kind: 'named', day: parse<StoredNamed>(value).day } : undefined;
  }

  /** The anonymous or conditional signature a hash holds, or `claim` for a named signer's place. */
  async findByHash(
    letterId: string,
    hashes: { hash: string; legacyHash: string },
  ): Promise<OwnSignature | 'claim' | undefined> {
    const [anonymous, conditional, claimed, legacy] = (await this.#redis
      .multi()
      .hget(this.#key(letterId, 'anonymous'), hashes.hash)
      .hget(this.#key(letterId, 'conditional'), hashes.hash)
      .sismember(this.#key(letterId, 'signers'), hashes.hash)
      .hget(this.#key(letterId, 'legacy-anonymous'), hashes.legacyHash)
      .exec()
      .then((replies) => (replies ?? []).map(([, value]) => value))) as [
      string | null,
      string | null,
      number,
      string | null,
    ];
    if (anonymous) return { kind: 'anonymous', day: anonymous };
    if (legacy) return { kind: 'anonymous', day: legacy };
    if (conditional) return ownConditional(conditional);
    return claimed === 1 ? 'claim' : undefined;
  }

  /** Removes what a hash holds; returns which kind went (`claim` for a named signer's place). */
  async removeByHash(
    letterId: string,
    hashes: { hash: string; legacyHash: string },
  ): Promise<'anonymous' | 'conditional' | 'claim' | undefined> {
    const kind = await this.#redis.eval(
      removeByHashScript,
      4,
      ...this.#hashKeys(letterId),
      hashes.hash,
      hashes.legacyHash,
    );
    return (kind as 'anonymous' | 'conditional' | 'claim' | null) ?? undefined;
  }

  async removeNamed(letterId: string, userId: string): Promise<boolean> {
    return (await this.#redis.hdel(this.#key(letterId, 'named'), userId)) === 1;
  }

  async tally(letterId: string): Promise<SignatureTally> {
    const state = await this.#redis.hgetall(this.#key(letterId));
    if (state.status === 'closed' && state.named !== undefined) {
      return {
        named: Number(state.named ?? 0),
        anonymous: Number(state.anonymous ?? 0),
        waiting: Number(state.waiting ?? 0),
      };
    }
    const { named, anonymous, conditional, revealed } = await this.#snapshot(letterId);
    return {
      named: named.length + revealed.length,
      anonymous,
      waiting: conditional.length - revealed.length,
    };
  }

  /**
   * The people whose names go on the letter: named signers, and conditional ones whose condition holds
   * (read from their sealed box with the letter's key). User IDs, so their names come from their profiles.
   */
  async namedSigners(letterId: string): Promise<NamedSigner[]> {
    const { named, conditional, revealed } = await this.#snapshot(letterId);
    const scopeKey = revealed.length > 0 ? await this.scopeKey(letterId) : undefined;
    const opened = revealed.flatMap((index) => {
      const text = scopeKey ? this.#seals.open(scopeKey, conditional[index]?.sealed ?? '') : undefined;
      return text ? [parse<SealedSigner>(text)] : [];
    });
    return [...named, ...opened].map(({ userId, role }) => ({ userId, ...(role ? { role } : {}) }));
  }

  /**
   * Closes the letter: conditional signers whose condition holds become named signatures; the final counts
   * are kept; the letter's key and every hash it held (anonymous signers, waiting conditional signers,
   * claims) are erased. Returns false when it was already closed.
   */
  async close(letterId: string, day: string, retentionSeconds: number): Promise<boolean> {
    // 'closing' refuses new signatures (the scripts want 'open') while the final counts are worked out.
    const started = await this.#redis.eval(startClosingScript, 1, this.#key(letterId));
    if (started !== 1) return false;
    const tally = await this.tally(letterId);
    const { named } = await this.#snapshot(letterId);
    const revealed = (await this.namedSigners(letterId)).slice(named.length);
    for (const { userId, role } of revealed) {
      const value = JSON.stringify({ day, ...(role ? { role } : {}) } satisfies StoredNamed);
      await this.#redis.hset(this.#key(letterId, 'named'), userId, value);
    }
    await this.#redis.eval(
      closeScript,
      8,
      this.#key(letterId),
      this.#key(letterId, 'key'),
      ...this.#hashKeys(letterId),
      this.#key(letterId, 'named'),
      this.#key(letterId, 'copies'),
      String(Date.now()),
      String(tally.named),
      String(tally.anonymous),
      String(tally.waiting),
      String(retentionSeconds),
    );
    return true;
  }

  /** One consistent read of the letter's signatures, with the revealed conditional signers worked out. */
  async #snapshot(letterId: string): Promise<{
    named: NamedSigner[];
    conditional: StoredConditional[];
    revealed: number[];
    anonymous: number;
  }> {
    const replies = await this.#redis
      .multi()
      .hgetall(this.#key(letterId, 'named'))
      .hvals(this.#key(letterId, 'conditional'))
      .hlen(this.#key(letterId, 'anonymous'))
      .hlen(this.#key(letterId, 'legacy-anonymous'))
      .exec();
    const [namedHash, conditionalValues, anonymous, legacy] = (replies ?? []).map(([, value]) => value) as [
      Record<string, string>,
      string[],
      number,
      number,
    ];
    const named = Object.entries(namedHash).map(([userId, value]) => {
      const { role } = parse<StoredNamed>(value);
      return { userId, ...(role ? { role } : {}) };
    });
    const conditional = conditionalValues.map((v) => parse<StoredConditional>(v));
    const revealed = revealedSigners(
      named.length,
      conditional.map((signer, index) => ({ id: index, threshold: signer.threshold })),
    );
    return { named, conditional, revealed, anonymous: anonymous + legacy };
  }
}

function ownConditional(value: string): OwnSignature {
  const stored = parse<StoredConditional>(value);
  return { kind: 'conditional', day: stored.day, threshold: stored.threshold };
}

/** What the claim script returned for an existing signature, as its signer is told. */
export function ownSignatureOf(
  existing: { kind: SignatureKind; value?: string },
  named?: OwnSignature,
): OwnSignature {
  if (existing.kind === 'anonymous') return { kind: 'anonymous', day: existing.value ?? '' };
  if (existing.kind === 'conditional' && existing.value) return ownConditional(existing.value);
  return named ?? { kind: 'named', day: '' };
}
