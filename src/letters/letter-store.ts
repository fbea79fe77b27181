import type { Redis } from 'ioredis';
import { newScopeKey } from '../privacy/sealed-box.js';
import type { Keys } from '../redis/keys.js';
import { newRecordId } from '../redis/new-id.js';
import type { Letter, LetterStatus } from './model.js';

/** What a new draft is made of; the store adds its ID, status and time. */
export type NewLetter = Omit<
  Letter,
  'id' | 'status' | 'createdAt' | 'openedAt' | 'closedAt' | 'replacedBy' | 'textVersion'
>;

/** What may change in a letter whose text is not frozen. */
export type LetterEdit = Partial<
  Pick<Letter, 'text' | 'goal' | 'closesAt' | 'closesWords' | 'allowAnonymous' | 'allowConditional'>
>;

// Opens a draft for signing, once: its random key is made in the same step. KEYS: letter, key. ARGV: now, key.
const openScript = `
if redis.call('HGET', KEYS[1], 'status') ~= 'draft' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'open', 'openedAt', ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
return 1
`;

// Edits a letter only while its text is not frozen (a draft, or open with nobody signed), counting a change
// of its text in textVersion. KEYS: letter, signers, named. ARGV: '1' when the text changes, then field,
// value, field, value... Returns 0 when frozen.
const editScript = `
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'draft' and status ~= 'open' then return 0 end
if status == 'open' and (redis.call('SCARD', KEYS[2]) > 0 or redis.call('HLEN', KEYS[3]) > 0) then return 0 end
if #ARGV > 1 then redis.call('HSET', KEYS[1], unpack(ARGV, 2)) end
if ARGV[1] == '1' then redis.call('HINCRBY', KEYS[1], 'textVersion', 1) end
return 1
`;

/** The fields of a letter's hash that hold its text and settings (its signatures are elsewhere). */
function toHash(fields: LetterEdit & Partial<Letter>): Record<string, string> {
  const hash: Record<string, string> = {};
  if (fields.slug !== undefined) hash.slug = fields.slug;
  if (fields.text) {
    hash.title = fields.text.title;
    hash.addressee = fields.text.addressee;
    hash.paragraphs = JSON.stringify(fields.text.paragraphs);
  }
  if (fields.goal !== undefined) hash.goal = String(fields.goal);
  if (fields.closesAt !== undefined) hash.closesAt = String(fields.closesAt);
  if (fields.closesWords !== undefined) hash.closesWords = fields.closesWords;
  if (fields.allowAnonymous !== undefined) hash.allowAnonymous = fields.allowAnonymous ? '1' : '0';
  if (fields.allowConditional !== undefined) hash.allowConditional = fields.allowConditional ? '1' : '0';
  if (fields.revisionOf !== undefined) hash.revisionOf = fields.revisionOf;
  if (fields.origin !== undefined) hash.origin = fields.origin;
  return hash;
}

const statusOf = (value: string | undefined): LetterStatus | undefined =>
  value === 'draft' || value === 'open'
    ? value
    : value === 'closed' || value === 'closing'
      ? 'closed'
      : undefined;

/**
 * Letters as organizers write and run them: their text, settings and state, an index by creation time and
 * one by short name. The signatures live in `signature-store.ts`, in keys beside the same letter hash.
 */
export class LetterStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(id: string, part?: string): string {
    return part ? this.#keys.key('letter', id, part) : this.#keys.key('letter', id);
  }

  #slugKey(slug: string): string {
    return this.#keys.key('letter-slug', slug);
  }

  #indexKey(): string {
    return this.#keys.key('letters');
  }

  /** A new letter ID: short, random, URL-safe, with no `:`. */
  static newId(): string {
    return newRecordId('l', 6);
  }

  /** Claims a short name for a letter; false when another letter has it. */
  async claimSlug(slug: string, id: string): Promise<boolean> {
    return (await this.#redis.set(this.#slugKey(slug), id, 'NX')) === 'OK';
  }

  async idBySlug(slug: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#slugKey(slug.toLowerCase()))) ?? undefined;
  }

  /** Stores a new draft (its slug already claimed). `id` is given for the letter of the campaign file. */
  async createDraft(letter: NewLetter, id: string = LetterStore.newId()): Promise<string> {
    const createdAt = Date.now();
    await this.#redis
      .multi()
      .hset(this.#key(id), {
        ...toHash(letter),
        status: 'draft',
        createdAt: String(createdAt),
        textVersion: '1',
      })
      .zadd(this.#indexKey(), createdAt, id)
      .exec();
    return id;
  }

  /**
   * Gives a letter that has signatures but no text (one migrated from the first version of Rally) its
   * text and name, without touching its state or signatures.
   */
  async adoptText(id: string, letter: NewLetter): Promise<void> {
    const createdAt = Date.now();
    await this.#redis
      .multi()
      .hset(this.#key(id), toHash(letter))
      .hsetnx(this.#key(id), 'createdAt', String(createdAt))
      .zadd(this.#indexKey(), 'NX', createdAt, id)
      .exec();
  }

  async get(id: string): Promise<Letter | undefined> {
    const hash = await this.#redis.hgetall(this.#key(id));
    const status = statusOf(hash.status);
    if (!status || !hash.title || !hash.slug) return undefined;
    return {
      id,
      slug: hash.slug,
      status,
      text: {
        title: hash.title,
        addressee: hash.addressee ?? '',
        paragraphs: JSON.parse(hash.paragraphs ?? '[]') as string[],
      },
      ...(hash.goal ? { goal: Number(hash.goal) } : {}),
      ...(hash.closesAt ? { closesAt: Number(hash.closesAt) } : {}),
      ...(hash.closesWords ? { closesWords: hash.closesWords } : {}),
      allowAnonymous: hash.allowAnonymous !== '0',
      allowConditional: hash.allowConditional !== '0',
      createdAt: Number(hash.createdAt ?? 0),
      ...(hash.openedAt ? { openedAt: Number(hash.openedAt) } : {}),
      ...(hash.closedAt ? { closedAt: Number(hash.closedAt) } : {}),
      ...(hash.revisionOf ? { revisionOf: hash.revisionOf } : {}),
      ...(hash.replacedBy ? { replacedBy: hash.replacedBy } : {}),
      origin: hash.origin === 'file' ? 'file' : 'slack',
      textVersion: Number(hash.textVersion ?? 1),
    };
  }

  /** Every letter Rally holds, newest first. */
  async list(): Promise<Letter[]> {
    const ids = await this.#redis.zrevrange(this.#indexKey(), 0, -1);
    return (await Promise.all(ids.map((id) => this.get(id)))).filter((l): l is Letter => l !== undefined);
  }

  /** Changes a letter's text or settings; false when its text is frozen (someone signed, or it closed). */
  async edit(id: string, edit: LetterEdit): Promise<boolean> {
    const fields = Object.entries(toHash(edit)).flat();
    const current = edit.text ? await this.get(id) : undefined;
    const textChanges =
      edit.text !== undefined && JSON.stringify(edit.text) !== JSON.stringify(current?.text);
    const done = await this.#redis.eval(
      editScript,
      3,
      this.#key(id),
      this.#key(id, 'signers'),
      this.#key(id, 'named'),
      textChanges ? '1' : '0',
      ...fields,
    );
    return done === 1;
  }

  /** Whether the letter's text can no longer change: someone signed it, or it closed. */
  async isFrozen(id: string): Promise<boolean> {
    return !(await this.edit(id, {}));
  }

  /** Opens a draft for signing (at its first post), with its own random key. False when not a draft. */
  async open(id: string): Promise<boolean> {
    const opened = await this.#redis.eval(
      openScript,
      2,
      this.#key(id),
      this.#key(id, 'key'),
      String(Date.now()),
      newScopeKey(),
    );
    return opened === 1;
  }

  /** Sets when signing closes by itself (a setting, not the text: it may change while the letter is open). */
  async setClosing(id: string, closesAt: number | undefined): Promise<void> {
    if (closesAt === undefined) await this.#redis.hdel(this.#key(id), 'closesAt');
    else await this.#redis.hset(this.#key(id), 'closesAt', String(closesAt));
  }

  async markReplaced(id: string, replacedBy: string): Promise<void> {
    await this.#redis.hset(this.#key(id), 'replacedBy', replacedBy);
  }

  /** Deletes a draft that was never posted (its name is freed). False for anything but a draft. */
  async discardDraft(id: string): Promise<boolean> {
    const letter = await this.get(id);
    if (letter?.status !== 'draft') return false;
    await this.#redis
      .multi()
      .del(this.#key(id))
      .zrem(this.#indexKey(), id)
      .del(this.#slugKey(letter.slug))
      .exec();
    return true;
  }
}
