import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { newRecordId } from '../redis/new-id.js';
import type {
  Answer,
  AnswerResult,
  EventCopy,
  EventCounts,
  EventStatus,
  Pressed,
  StoredEvent,
} from './model.js';

/**
 * A second press of the same answer by the same person within this time is taken for a double click: it
 * changes nothing and is answered like the first. A press after it takes the answer back.
 */
export const doublePressMs = 1_500;

/** Open events, and the people who answered them, are kept at most this long (a year and a day). */
const eventSeconds = 367 * 24 * 3_600;

// One press, atomically. The event must be open. Pressing the answer one holds takes it back (a Going on
// the waitlist included), unless it is a double click (see `doublePressMs`, kept as the polls keep theirs);
// `none` takes back whatever is held, with no double-click check (`/rally forget me`). A Going that finds
// the event full goes on the waitlist, in order. A place that frees up goes to the first on the waitlist,
// who is returned. Named events ask for reminders by default: a Going or Maybe without a choice gets one.
// Can't go, or no answer, drops the person's reminders. `person` is a user ID (named) or a keyed hash.
// Returns the answer held now, the one held before, the person promoted (or ''), and whether the person
// has reminders (1|0).
// KEYS: event, counts, answers, waitlist, last presses, their times, reminders.
// ARGV: person, pressed (going|maybe|cant|none), now ms, window ms, capacity (0: none), named (1|0).
const answerScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {err = 'unknown-event'} end
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return {err = 'closed'} end
local person = ARGV[1]
local pressed = ARGV[2]
local held = redis.call('HGET', KEYS[3], person) or ''
if pressed ~= 'none' then
  local now = tonumber(ARGV[3])
  local window = tonumber(ARGV[4])
  local stale = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', now - window, 'LIMIT', 0, 1000)
  if #stale > 0 then
    redis.call('HDEL', KEYS[5], unpack(stale))
    redis.call('ZREM', KEYS[6], unpack(stale))
  end
  local last = redis.call('HGET', KEYS[5], person)
  if last then
    local lastAnswer, lastAt = string.match(last, '^(%a+):(%d+)$')
    if lastAnswer == pressed and now - tonumber(lastAt) < window then
      local kept = redis.call('HGET', KEYS[7], person)
      return {held, held, '', (kept and kept ~= '0') and '1' or '0'}
    end
  end
  redis.call('HSET', KEYS[5], person, pressed .. ':' .. ARGV[3])
  redis.call('ZADD', KEYS[6], ARGV[3], person)
  redis.call('PEXPIRE', KEYS[5], ARGV[4])
  redis.call('PEXPIRE', KEYS[6], ARGV[4])
else
  redis.call('HDEL', KEYS[5], person)
  redis.call('ZREM', KEYS[6], person)
end
local capacity = tonumber(ARGV[5])
if held ~= '' then
  redis.call('HINCRBY', KEYS[2], held, -1)
  if held == 'waitlist' then redis.call('ZREM', KEYS[4], person) end
end
local same = pressed == 'none' or held == pressed or (held == 'waitlist' and pressed == 'going')
local next = ''
if same then
  redis.call('HDEL', KEYS[3], person)
else
  next = pressed
  if pressed == 'going' and capacity > 0 and tonumber(redis.call('HGET', KEYS[2], 'going') or '0') >= capacity then
    next = 'waitlist'
    redis.call('ZADD', KEYS[4], redis.call('HINCRBY', KEYS[1], 'waitSeq', 1), person)
  end
  redis.call('HINCRBY', KEYS[2], next, 1)
  redis.call('HSET', KEYS[3], person, next)
  redis.call('EXPIRE', KEYS[3], ${eventSeconds})
  redis.call('EXPIRE', KEYS[2], ${eventSeconds})
end
if next == '' or next == 'cant' then
  redis.call('HDEL', KEYS[7], person)
elseif ARGV[6] == '1' and redis.call('HEXISTS', KEYS[7], person) == 0 then
  redis.call('HSET', KEYS[7], person, '1')
  redis.call('EXPIRE', KEYS[7], ${eventSeconds})
end
local promoted = ''
if held == 'going' and next ~= 'going' and capacity > 0 then
  if tonumber(redis.call('HGET', KEYS[2], 'going') or '0') < capacity then
    local first = redis.call('ZPOPMIN', KEYS[4])
    if first[1] then
      promoted = first[1]
      redis.call('HSET', KEYS[3], promoted, 'going')
      redis.call('HINCRBY', KEYS[2], 'waitlist', -1)
      redis.call('HINCRBY', KEYS[2], 'going', 1)
    end
  end
end
local kept = redis.call('HGET', KEYS[7], person)
return {next, held, promoted, (kept and kept ~= '0') and '1' or '0'}
`;

// Sets a person's reminders, only while the event is open and they hold Going, Maybe or a waitlist place.
// KEYS: event, answers, reminders. ARGV: person, value ('' removes them). Returns 1 when set as asked.
const remindersScript = `
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held or held == 'cant' then return 0 end
if ARGV[2] == '' then redis.call('HDEL', KEYS[3], ARGV[1]) else
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
  redis.call('EXPIRE', KEYS[3], ${eventSeconds})
end
return 1
`;

// Stops answers once (cancelled or ended). KEYS: event, open events. ARGV: status, now ms, event ID.
const closeScript = `
redis.call('SREM', KEYS[2], ARGV[3])
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'closedAt', ARGV[2])
return 1
`;

// Ends what an event holds about people: its reminders and last presses always; for a counts-only event
// also its random key, its answer records and its waitlist, leaving the counts. Everything left expires
// after the retention period. KEYS: event, key, answers, waitlist, reminders, last presses, their times,
// counts, copies, attendee lists. ARGV: counts only (1|0), retention seconds.
const eraseScript = `
redis.call('DEL', KEYS[5], KEYS[6], KEYS[7])
if ARGV[1] == '1' then redis.call('DEL', KEYS[2], KEYS[3], KEYS[4]) end
for _, key in ipairs({KEYS[1], KEYS[3], KEYS[4], KEYS[8], KEYS[9], KEYS[10]}) do redis.call('EXPIRE', key, ARGV[2]) end
return 1
`;

const countsOf = (hash: Record<string, string>): EventCounts => ({
  going: Math.max(0, Number(hash.going ?? 0)),
  maybe: Math.max(0, Number(hash.maybe ?? 0)),
  cant: Math.max(0, Number(hash.cant ?? 0)),
  waitlist: Math.max(0, Number(hash.waitlist ?? 0)),
});

/** Events, the answers people gave, their reminders and the posted copies. */
export class EventStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(id: string, part?: string): string {
    return part ? this.#keys.key('event', id, part) : this.#keys.key('event', id);
  }

  #openKey(): string {
    return this.#keys.key('events', 'open');
  }

  /** Every event Rally holds, by start time (an expired one drops out when read). */
  #allKey(): string {
    return this.#keys.key('events', 'all');
  }

  #channelKey(channel: string): string {
    return this.#keys.key('events', 'channel', channel);
  }

  /** A new event ID: random, URL-safe, with no `:` so it can name jobs. */
  static newId(): string {
    return newRecordId();
  }

  /**
   * Stores a new event, open for answers, unless one with this ID exists (a retried job). A counts-only
   * event also stores its random key, which lives until the event ends.
   */
  async create(
    event: Omit<StoredEvent, 'status' | 'revision' | 'createdAt' | 'closedAt' | 'shown'>,
    scopeKey?: string,
  ): Promise<boolean> {
    const createdAt = Date.now();
    const fields: Record<string, string> = {
      teamId: event.teamId,
      title: event.title,
      description: event.description,
      place: event.place,
      placeFor: event.placeFor,
      mode: event.mode,
      startsAt: String(event.startsAt),
      endsAt: String(event.endsAt),
      endGiven: event.endGiven ? '1' : '0',
      zone: event.zone,
      status: 'open',
      revision: '0',
      createdAt: String(createdAt),
      ...(event.capacity ? { capacity: String(event.capacity) } : {}),
    };
    // A retried job finds the event it stored (the whole record is written in one MULTI below).
    if ((await this.#redis.hexists(this.#key(event.id), 'title')) === 1) return false;
    const multi = this.#redis
      .multi()
      .hset(this.#key(event.id), fields)
      .expire(this.#key(event.id), eventSeconds)
      .sadd(this.#openKey(), event.id)
      .zadd(this.#allKey(), event.startsAt, event.id);
    if (scopeKey) multi.set(this.#key(event.id, 'key'), scopeKey, 'EX', eventSeconds);
    await multi.exec();
    return true;
  }

  async get(id: string): Promise<StoredEvent | undefined> {
    const hash = await this.#redis.hgetall(this.#key(id));
    if (!hash.title) return undefined;
    return {
      id,
      teamId: hash.teamId ?? '',
      title: hash.title,
      description: hash.description ?? '',
      place: hash.place ?? '',
      placeFor: hash.placeFor === 'going' ? 'going' : 'everyone',
      mode: hash.mode === 'counts' ? 'counts' : 'named',
      ...(hash.capacity ? { capacity: Number(hash.capacity) } : {}),
      startsAt: Number(hash.startsAt ?? 0),
      endsAt: Number(hash.endsAt ?? 0),
      endGiven: hash.endGiven === '1',
      zone: hash.zone ?? 'UTC',
      status: (hash.status ?? 'open') as EventStatus,
      revision: Number(hash.revision ?? 0),
      createdAt: Number(hash.createdAt ?? 0),
      ...(hash.closedAt ? { closedAt: Number(hash.closedAt) } : {}),
      ...(hash.shown ? { shown: JSON.parse(hash.shown) as EventCounts } : {}),
    };
  }

  /** Changes what an event says (its words, place, times) and counts one more revision; false when not open. */
  async update(
    id: string,
    changes: Partial<
      Pick<StoredEvent, 'title' | 'description' | 'place' | 'placeFor' | 'startsAt' | 'endsAt'>
    >,
  ): Promise<boolean> {
    if ((await this.#redis.hget(this.#key(id), 'status')) !== 'open') return false;
    const fields = Object.fromEntries(Object.entries(changes).map(([name, value]) => [name, String(value)]));
    const multi = this.#redis.multi().hset(this.#key(id), fields).hincrby(this.#key(id), 'revision', 1);
    if (changes.startsAt !== undefined) multi.zadd(this.#allKey(), changes.startsAt, id);
    await multi.exec();
    return true;
  }

  async setEndGiven(id: string, given: boolean): Promise<void> {
    await this.#redis.hset(this.#key(id), 'endGiven', given ? '1' : '0');
  }

  /** The counts-only event's random key, mixed into answerers' hashes; absent once it ended. */
  async scopeKey(id: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#key(id, 'key'))) ?? undefined;
  }

  /**
   * Applies one press atomically (see the script above): `person` is a user ID (named events) or a keyed
   * hash (counts-only ones); `pressed` `none` takes back whatever they hold. `now` is when it happened (ms).
   */
  async answer(
    event: Pick<StoredEvent, 'id' | 'capacity' | 'mode'>,
    person: string,
    pressed: Pressed | 'none',
    now: number = Date.now(),
  ): Promise<AnswerResult> {
    try {
      const [answer, previous, promoted, reminders] = (await this.#redis.eval(
        answerScript,
        7,
        this.#key(event.id),
        this.#key(event.id, 'counts'),
        this.#key(event.id, 'answers'),
        this.#key(event.id, 'waitlist'),
        this.#key(event.id, 'last-press'),
        this.#key(event.id, 'last-press-at'),
        this.#key(event.id, 'reminders'),
        person,
        pressed,
        String(Math.floor(now)),
        String(doublePressMs),
        String(event.capacity ?? 0),
        event.mode === 'named' ? '1' : '0',
      )) as [string, string, string, string];
      return {
        ok: true,
        answer: (answer || undefined) as Answer | undefined,
        previous: (previous || undefined) as Answer | undefined,
        reminders: reminders === '1',
        ...(promoted ? { promoted } : {}),
      };
    } catch (err) {
      const reason = (err as Error).message;
      if (reason === 'closed' || reason === 'unknown-event') return { ok: false, reason };
      throw err;
    }
  }

  async answerOf(id: string, person: string): Promise<Answer | undefined> {
    return ((await this.#redis.hget(this.#key(id, 'answers'), person)) ?? undefined) as Answer | undefined;
  }

  async counts(id: string): Promise<EventCounts> {
    return countsOf(await this.#redis.hgetall(this.#key(id, 'counts')));
  }

  /** Remembers the counts just drawn on the event's messages (see `StoredEvent.shown`). */
  async markShown(id: string, counts: EventCounts): Promise<void> {
    await this.#redis.hset(this.#key(id), 'shown', JSON.stringify(counts));
  }

  /** People going and on the waitlist (in order), by how a named event records them: user IDs. */
  async attendees(id: string): Promise<{ going: string[]; waitlist: string[] }> {
    const [answers, waitlist] = await Promise.all([
      this.#redis.hgetall(this.#key(id, 'answers')),
      this.#redis.zrange(this.#key(id, 'waitlist'), '0', '-1'),
    ]);
    const going = Object.entries(answers)
      .filter(([, answer]) => answer === 'going')
      .map(([person]) => person)
      .sort();
    return { going, waitlist };
  }

  /** Sets (`value`) or removes (`''`) a person's reminders; false unless they hold Going, Maybe or a waitlist place. */
  async setReminders(id: string, person: string, value: string): Promise<boolean> {
    const set = await this.#redis.eval(
      remindersScript,
      3,
      this.#key(id),
      this.#key(id, 'answers'),
      this.#key(id, 'reminders'),
      person,
      value,
    );
    return set === 1;
  }

  /** What a person's reminders hold: `1` (named), a sealed user ID (counts-only), `0` (turned off), or nothing. */
  async reminderOf(id: string, person: string): Promise<string | undefined> {
    return (await this.#redis.hget(this.#key(id, 'reminders'), person)) ?? undefined;
  }

  /** Everyone who asked for reminders: person → what is kept for them (turned-off ones left out). */
  async reminders(id: string): Promise<Map<string, string>> {
    const all = await this.#redis.hgetall(this.#key(id, 'reminders'));
    return new Map(Object.entries(all).filter(([, value]) => value !== '0'));
  }

  async addCopy(id: string, copy: EventCopy, startsAt: number): Promise<void> {
    await this.#redis
      .multi()
      .sadd(this.#key(id, 'copies'), `${copy.channel}/${copy.ts}`)
      .expire(this.#key(id, 'copies'), eventSeconds)
      .zadd(this.#channelKey(copy.channel), startsAt, id)
      .exec();
  }

  async removeCopy(id: string, copy: EventCopy): Promise<void> {
    await this.#redis.srem(this.#key(id, 'copies'), `${copy.channel}/${copy.ts}`);
  }

  async copies(id: string): Promise<EventCopy[]> {
    const members = await this.#redis.smembers(this.#key(id, 'copies'));
    return members.sort().map((member) => {
      const [channel = '', ts = ''] = member.split('/');
      return { channel, ts };
    });
  }

  /** The attendee list posted in a copy's thread (its ts), to update rather than post again. */
  async attendeeList(id: string, copy: EventCopy): Promise<string | undefined> {
    return (await this.#redis.hget(this.#key(id, 'lists'), `${copy.channel}/${copy.ts}`)) ?? undefined;
  }

  async setAttendeeList(id: string, copy: EventCopy, ts: string): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.#key(id, 'lists'), `${copy.channel}/${copy.ts}`, ts)
      .expire(this.#key(id, 'lists'), eventSeconds)
      .exec();
  }

  /** Events with a copy in a channel, by start time (gone ones drop out). */
  async idsInChannel(channel: string): Promise<string[]> {
    return this.#live(this.#channelKey(channel));
  }

  /** Every event Rally still holds, by start time. */
  async allIds(): Promise<string[]> {
    return this.#live(this.#allKey());
  }

  async openIds(): Promise<string[]> {
    return this.#redis.smembers(this.#openKey());
  }

  async #live(index: string): Promise<string[]> {
    const ids = await this.#redis.zrange(index, '0', '-1');
    if (ids.length === 0) return [];
    const pipe = this.#redis.pipeline();
    for (const id of ids) pipe.exists(this.#key(id));
    const exists = ((await pipe.exec()) ?? []).map(([, value]) => value === 1);
    const gone = ids.filter((_, i) => !exists[i]);
    if (gone.length > 0) await this.#redis.zrem(index, ...gone);
    return ids.filter((_, i) => exists[i]);
  }

  /** Forgets a person's answer to an event that is over (its counts stay as announced). True if there was one. */
  async forgetClosed(id: string, person: string): Promise<boolean> {
    const [removed] = (await this.#redis
      .multi()
      .hdel(this.#key(id, 'answers'), person)
      .zrem(this.#key(id, 'waitlist'), person)
      .hdel(this.#key(id, 'reminders'), person)
      .exec()
      .then((replies) => (replies ?? []).map(([, value]) => value))) as number[];
    return removed === 1;
  }

  /** Stops answers (the event was cancelled, or it is over). False when it had stopped already. */
  async close(id: string, status: Exclude<EventStatus, 'open'>): Promise<boolean> {
    const closed = await this.#redis.eval(
      closeScript,
      2,
      this.#key(id),
      this.#openKey(),
      status,
      String(Date.now()),
      id,
    );
    return closed === 1;
  }

  /**
   * Erases what a closed event holds about people (see the script): for a counts-only event its key and
   * every answer record, so nobody can tell any more who answered what; everything left expires after
   * `retentionSeconds`.
   */
  async erase(event: Pick<StoredEvent, 'id' | 'mode'>, retentionSeconds: number): Promise<void> {
    const k = (part?: string) => this.#key(event.id, part);
    await this.#redis.eval(
      eraseScript,
      10,
      k(),
      k('key'),
      k('answers'),
      k('waitlist'),
      k('reminders'),
      k('last-press'),
      k('last-press-at'),
      k('counts'),
      k('copies'),
      k('lists'),
      event.mode === 'counts' ? '1' : '0',
      String(retentionSeconds),
    );
  }

  /** Deletes the delivery records of the messages sent about one counts-only event (see `end-event.ts`). */
  async deleteDeliveryRecords(pattern: string): Promise<number> {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.#redis.scan(
        cursor,
        'MATCH',
        this.#keys.key('delivery', pattern),
        'COUNT',
        500,
      );
      cursor = next;
      if (keys.length > 0) deleted += await this.#redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  }
}
