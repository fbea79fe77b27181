import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { newRecordId } from '../redis/new-id.js';
import type { Article, ArticleText, Quote } from './model.js';

/** What a new article is made of; the store adds its times. */
export interface NewArticle {
  slug: string;
  text: ArticleText;
  origin: Article['origin'];
}

/** The optional fields of an article's hash, removed when an edit leaves them out. */
const optionalFields = ['url', 'published', 'framing'];

// Replaces an article's words while it exists (a deleted article is not brought back by an edit or a
// post). KEYS: article. ARGV: field, value, field, value... Returns 0 when it is gone.
const replaceScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[1], ${optionalFields.map((f) => `'${f}'`).join(', ')})
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

// Sets fields of an article that exists. KEYS: article. ARGV: field, value... Returns 0 when it is gone.
const touchScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

// Deletes an article, its place in the index and its short name (when the name is still its own).
// KEYS: article, index, slug key. ARGV: id. Returns 0 when it was already gone.
const deleteScript = `
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
return 1
`;

/** The fields of an article's hash that hold its words. */
function textHash(text: ArticleText): Record<string, string> {
  return {
    headline: text.headline,
    source: text.source,
    ...(text.url ? { url: text.url } : {}),
    ...(text.published ? { published: text.published } : {}),
    summary: JSON.stringify(text.summary),
    quotes: JSON.stringify(text.quotes),
    ...(text.framing ? { framing: text.framing } : {}),
    discussionPrompt: text.discussionPrompt,
  };
}

const strings = (json: string | undefined): string[] => {
  const value: unknown = JSON.parse(json ?? '[]');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

const quotes = (json: string | undefined): Quote[] => {
  const value: unknown = JSON.parse(json ?? '[]');
  if (!Array.isArray(value)) return [];
  return value.flatMap((q: { text?: unknown; speaker?: unknown }) =>
    typeof q?.text === 'string' && typeof q.speaker === 'string'
      ? [{ text: q.text, speaker: q.speaker }]
      : [],
  );
};

/**
 * Articles as organizers write and post them: one hash per article (its words, short name and times), an
 * index by creation time, one key per short name, and the names of the campaign file's articles already
 * imported (so a deleted one is not imported again). Nothing here names a person.
 */
export class ArticleStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(id: string): string {
    return this.#keys.key('article', id);
  }

  #slugKey(slug: string): string {
    return this.#keys.key('article-slug', slug);
  }

  #indexKey(): string {
    return this.#keys.key('articles');
  }

  #importedKey(): string {
    return this.#keys.key('articles-imported');
  }

  /** A new article ID: short, random, URL-safe, with no `:`. */
  static newId(): string {
    return newRecordId('a', 6);
  }

  /** Claims a short name for an article; false when another article has it. */
  async claimSlug(slug: string, id: string): Promise<boolean> {
    return (await this.#redis.set(this.#slugKey(slug), id, 'NX')) === 'OK';
  }

  async idBySlug(slug: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#slugKey(slug.toLowerCase()))) ?? undefined;
  }

  /** Stores a new article under the short name it already claimed. */
  async create(article: NewArticle, id: string = ArticleStore.newId()): Promise<string> {
    const createdAt = Date.now();
    await this.#redis
      .multi()
      .hset(this.#key(id), {
        ...textHash(article.text),
        slug: article.slug,
        origin: article.origin,
        createdAt: String(createdAt),
      })
      .zadd(this.#indexKey(), createdAt, id)
      .exec();
    return id;
  }

  async get(id: string): Promise<Article | undefined> {
    const hash = await this.#redis.hgetall(this.#key(id));
    if (!hash.headline || !hash.slug) return undefined;
    return {
      id,
      slug: hash.slug,
      text: {
        headline: hash.headline,
        source: hash.source ?? '',
        ...(hash.url ? { url: hash.url } : {}),
        ...(hash.published ? { published: hash.published } : {}),
        summary: strings(hash.summary),
        quotes: quotes(hash.quotes),
        ...(hash.framing ? { framing: hash.framing } : {}),
        discussionPrompt: hash.discussionPrompt ?? '',
      },
      createdAt: Number(hash.createdAt ?? 0),
      ...(hash.updatedAt ? { updatedAt: Number(hash.updatedAt) } : {}),
      ...(hash.postedAt ? { postedAt: Number(hash.postedAt) } : {}),
      origin: hash.origin === 'file' ? 'file' : 'slack',
    };
  }

  /** Every article Rally holds, newest first. */
  async list(): Promise<Article[]> {
    const ids = await this.#redis.zrevrange(this.#indexKey(), 0, -1);
    return (await Promise.all(ids.map((id) => this.get(id)))).filter((a): a is Article => a !== undefined);
  }

  /** The newest article: what `/rally post article` posts when no name is given. */
  async newest(): Promise<Article | undefined> {
    const [id] = await this.#redis.zrevrange(this.#indexKey(), 0, 0);
    return id ? this.get(id) : undefined;
  }

  /** Replaces an article's words (its short name stays); false when it was deleted meanwhile. */
  async replaceText(id: string, text: ArticleText): Promise<boolean> {
    const fields = { ...textHash(text), updatedAt: String(Date.now()) };
    const done = await this.#redis.eval(replaceScript, 1, this.#key(id), ...Object.entries(fields).flat());
    return done === 1;
  }

  /** Notes that a copy was posted now; nothing when the article was deleted meanwhile. */
  async markPosted(id: string, at: number = Date.now()): Promise<void> {
    await this.#redis.eval(touchScript, 1, this.#key(id), 'postedAt', String(at));
  }

  /** Deletes an article and frees its short name; copies already posted stay in their channels. */
  async delete(id: string): Promise<boolean> {
    const article = await this.get(id);
    if (!article) return false;
    const done = await this.#redis.eval(
      deleteScript,
      3,
      this.#key(id),
      this.#indexKey(),
      this.#slugKey(article.slug),
      id,
    );
    return done === 1;
  }

  /** Remembers that the campaign file's article of this name was imported (it is not imported again). */
  async markImported(slug: string): Promise<void> {
    await this.#redis.sadd(this.#importedKey(), slug);
  }

  async wasImported(slug: string): Promise<boolean> {
    return (await this.#redis.sismember(this.#importedKey(), slug)) === 1;
  }
}
