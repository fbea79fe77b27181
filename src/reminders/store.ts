import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { Reminder } from './model.js';

/** Reminders, with indexes by creator and by target channel for `/rally reminders`. */
export class ReminderStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(id: string): string {
    return this.#keys.key('reminder', id);
  }

  #byCreator(userId: string): string {
    return this.#keys.key('reminders', 'creator', userId);
  }

  #byTarget(target: string): string {
    return this.#keys.key('reminders', 'target', target);
  }

  async create(reminder: Reminder): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.#key(reminder.id), toHash(reminder))
      .sadd(this.#byCreator(reminder.creator), reminder.id)
      .sadd(this.#byTarget(reminder.target), reminder.id)
      .exec();
  }

  async update(
    id: string,
    fields: Partial<Pick<Reminder, 'at' | 'pattern' | 'tz' | 'description'>>,
  ): Promise<void> {
    await this.#redis.hset(this.#key(id), toHash(fields));
  }

  async get(id: string): Promise<Reminder | undefined> {
    const hash = await this.#redis.hgetall(this.#key(id));
    if (!hash.id || !hash.text) return undefined;
    return {
      id: hash.id,
      teamId: hash.teamId ?? '',
      creator: hash.creator ?? '',
      target: hash.target ?? '',
      text: hash.text,
      when: hash.when ?? '',
      ...(hash.at ? { at: Number(hash.at) } : {}),
      ...(hash.pattern ? { pattern: hash.pattern } : {}),
      ...(hash.tz ? { tz: hash.tz } : {}),
      ...(hash.description ? { description: hash.description } : {}),
    };
  }

  /** Deletes the reminder and its text. */
  async delete(reminder: Pick<Reminder, 'id' | 'creator' | 'target'>): Promise<void> {
    await this.#redis
      .multi()
      .del(this.#key(reminder.id))
      .srem(this.#byCreator(reminder.creator), reminder.id)
      .srem(this.#byTarget(reminder.target), reminder.id)
      .exec();
  }

  /** The reminders someone set, and those set for a channel, soonest first. */
  async listFor(userId: string, channel: string): Promise<Reminder[]> {
    const ids = await this.#redis.sunion(this.#byCreator(userId), this.#byTarget(channel));
    const reminders = (await Promise.all(ids.map((id) => this.get(id)))).filter((r): r is Reminder => !!r);
    return reminders.sort((a, b) => (a.at ?? Number.MAX_SAFE_INTEGER) - (b.at ?? Number.MAX_SAFE_INTEGER));
  }
}

function toHash(fields: Partial<Reminder>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}
