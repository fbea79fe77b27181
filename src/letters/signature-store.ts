import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type {
  NamedSigner,
  OwnSignature,
  SignatureKind,
  SignatureTally,
  Signer,
  SignRequest,
  SignResult,
} from './model.js';
import { revealedSigners } from './reveal.js';

interface StoredNamed {
  name: string;
  role?: string;
  day: string;
  threshold?: number;
}

// Adds a signature unless the person already has one of any kind; returns the existing record if so.
// KEYS: named, conditional, anonymous. ARGV: kind, userId, anonymousId, value.
const signScript = `
local named = redis.call('HGET', KEYS[1], ARGV[2])
if named then return {'named', named} end
local conditional = redis.call('HGET', KEYS[2], ARGV[2])
if conditional then return {'conditional', conditional} end
local anonymous = redis.call('HGET', KEYS[3], ARGV[3])
if anonymous then return {'anonymous', anonymous} end
if ARGV[1] == 'named' then redis.call('HSET', KEYS[1], ARGV[2], ARGV[4])
elseif ARGV[1] == 'conditional' then redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
else redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) end
return false
`;

/** The open letter's signatures: one per person, of one kind, changed only by removing it first. */
export class SignatureStore {
  readonly #redis: Redis;
  readonly #keys: { named: string; conditional: string; anonymous: string };

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = {
      named: keys.key('letter', 'named'),
      conditional: keys.key('letter', 'conditional'),
      anonymous: keys.key('letter', 'anonymous'),
    };
  }

  /** Signs atomically: concurrent or repeated requests from one person leave exactly one signature. */
  async sign(request: SignRequest, signer: Signer, day: string): Promise<SignResult> {
    const value =
      request.kind === 'anonymous'
        ? day
        : JSON.stringify({
            name: request.name,
            ...(request.role ? { role: request.role } : {}),
            day,
            ...(request.kind === 'conditional' ? { threshold: request.threshold } : {}),
          } satisfies StoredNamed);
    const { named, conditional, anonymous } = this.#keys;
    const reply = (await this.#redis.eval(
      signScript,
      3,
      named,
      conditional,
      anonymous,
      request.kind,
      signer.userId,
      signer.anonymousId,
      value,
    )) as [SignatureKind, string] | null;
    if (!reply) return { ok: true };
    return { ok: false, existing: toOwnSignature(reply[0], reply[1]) };
  }

  /** The person's signature, if any. */
  async find(signer: Signer): Promise<OwnSignature | undefined> {
    const [named, conditional, anonymous] = await this.#redis
      .multi()
      .hget(this.#keys.named, signer.userId)
      .hget(this.#keys.conditional, signer.userId)
      .hget(this.#keys.anonymous, signer.anonymousId)
      .exec()
      .then((replies) => (replies ?? []).map(([, value]) => value as string | null));
    if (named) return toOwnSignature('named', named);
    if (conditional) return toOwnSignature('conditional', conditional);
    if (anonymous) return toOwnSignature('anonymous', anonymous);
    return undefined;
  }

  /** Removes the person's signature of whatever kind; returns what was removed. */
  async remove(signer: Signer): Promise<SignatureKind | undefined> {
    const replies = await this.#redis
      .multi()
      .hdel(this.#keys.named, signer.userId)
      .hdel(this.#keys.conditional, signer.userId)
      .hdel(this.#keys.anonymous, signer.anonymousId)
      .exec();
    const removed = (replies ?? []).map(([, count]) => count === 1);
    if (removed[0]) return 'named';
    if (removed[1]) return 'conditional';
    if (removed[2]) return 'anonymous';
    return undefined;
  }

  async tally(): Promise<SignatureTally> {
    const { plain, conditional, revealed, anonymous } = await this.#snapshot();
    return {
      named: plain.length + revealed.length,
      anonymous,
      waiting: conditional.length - revealed.length,
    };
  }

  /** The names shown, for the delivery export. Conditional signers appear only once revealed. */
  async namedSigners(): Promise<NamedSigner[]> {
    const { plain, revealed } = await this.#snapshot();
    return [...plain, ...revealed]
      .map(({ name, role }) => ({ name, ...(role ? { role } : {}) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One consistent read of every signature (MULTI), with the revealed conditional signers worked out. */
  async #snapshot(): Promise<{
    plain: StoredNamed[];
    conditional: StoredNamed[];
    revealed: StoredNamed[];
    anonymous: number;
  }> {
    const replies = await this.#redis
      .multi()
      .hvals(this.#keys.named)
      .hvals(this.#keys.conditional)
      .hlen(this.#keys.anonymous)
      .exec();
    const [plainValues, conditionalValues, anonymous] = (replies ?? []).map(([, value]) => value) as [
      string[],
      string[],
      number,
    ];
    const plain = plainValues.map((v) => JSON.parse(v) as StoredNamed);
    const conditional = conditionalValues.map((v) => JSON.parse(v) as StoredNamed);
    const revealedIndexes = revealedSigners(
      plain.length,
      conditional.map((signer, index) => ({
        id: index,
        threshold: signer.threshold ?? Number.POSITIVE_INFINITY,
      })),
    );
    const revealed = revealedIndexes.map((index) => conditional[index] as StoredNamed);
    return { plain, conditional, revealed, anonymous };
  }
}

function toOwnSignature(kind: SignatureKind, value: string): OwnSignature {
  if (kind === 'anonymous') return { kind, day: value };
  const stored = JSON.parse(value) as StoredNamed;
  return { kind, day: stored.day, ...(stored.threshold ? { threshold: stored.threshold } : {}) };
}
