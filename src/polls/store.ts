import type { Redis } from 'ioredis';
import { newScopeKey } from '../privacy/sealed-box.js';
import type { Keys } from '../redis/keys.js';
import { newRecordId } from '../redis/new-id.js';
import { membersOfSortedSets } from '../redis/scan.js';
import type { PollTally, StoredPoll, VoteAction, VoteResult } from './model.js';

/**
 * A second press of the same option by the same voter within this time is taken for a double click (people
 * double-click buttons): it is answered like the first and changes nothing. A press after it withdraws.
 */
export const doublePressMs = 1_500;

// One vote, atomically: the poll must be open; the voter's selection is a bitmask of option indexes.
// A button press ('toggle') of the option the same voter last pressed less than `doublePressMs` before
// changes nothing (a double click). The last presses are kept per poll, in a hash (voter -> option:time)
// and a sorted set (voter by time): each press first drops those older than `doublePressMs`, and both keys
// expire `doublePressMs` after the poll's last press; closing the poll deletes them with the votes. The
// voter is as the poll records them (a hash in an anonymous poll). Reactions ('add', 'remove') never look.
// KEYS: poll, counts, votes, last presses, their times. ARGV: voter, option, action, multiple (1|0),
// now ms, window ms.
const voteScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {err = 'unknown-poll'} end
if redis.call('HGET', KEYS[1], 'closed') == '1' then return {err = 'closed'} end
local optionCount = tonumber(redis.call('HGET', KEYS[1], 'optionCount'))
local option = tonumber(ARGV[2])
if option == nil or option < 0 or option >= optionCount then return {err = 'bad-option'} end
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
local action = ARGV[3]
if action == 'toggle' then
  local now = tonumber(ARGV[5])
  local window = tonumber(ARGV[6])
  local stale = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now - window, 'LIMIT', 0, 1000)
  if #stale > 0 then
    redis.call('HDEL', KEYS[4], unpack(stale))
    redis.call('ZREM', KEYS[5], unpack(stale))
  end
  local last = redis.call('HGET', KEYS[4], ARGV[1])
  if last then
    local lastOption, lastAt = string.match(last, '^(%d+):(%d+)$')
    if tonumber(lastOption) == option and now - tonumber(lastAt) < window then
      return {tostring(held), optionCount}
    end
  end
  redis.call('HSET', KEYS[4], ARGV[1], tostring(option) .. ':' .. ARGV[5])
  redis.call('ZADD', KEYS[5], ARGV[5], ARGV[1])
  redis.call('PEXPIRE', KEYS[4], ARGV[6])
  redis.call('PEXPIRE', KEYS[5], ARGV[6])
end
local bit = 2 ^ option
local has = math.floor(held / bit) % 2 == 1
local multiple = ARGV[4] == '1'
local next = held
if action == 'remove' then
  if has then next = held - bit end
elseif action == 'add' then
  if not has then next = multiple and held + bit or bit end
else
  if has then next = held - bit else next = multiple and held + bit or bit end
end
if next ~= held then
  for i = 0, optionCount - 1 do
    local b = 2 ^ i
    local before = math.floor(held / b) % 2
    local after = math.floor(next / b) % 2
    if after ~= before then redis.call('HINCRBY', KEYS[2], tostring(i), after - before) end
  end
  if next == 0 then redis.call('HDEL', KEYS[3], ARGV[1]) else redis.call('HSET', KEYS[3], ARGV[1], tostring(next)) end
end
return {tostring(next), optionCount}
`;

// Closes once, atomically: marks the poll closed and records how many voted; for an anonymous poll deletes
// its random key, every per-voter record and its creator's code; takes it out of the open polls; deletes
// the record of people who asked to be forgotten, and its key (nothing reads them once reactions are no
// longer read back); sets every key left to expire after the retention period. The last presses kept
// against double clicks go too.
// KEYS: poll, votes, counts, anonymity key, message index, open polls, last presses, their times,
// forgotten reactors, their key. ARGV: anonymous (1|0), retention seconds, now ms, poll ID.
// Returns 0 when it was already closed, 1 when it closed, 2 when it closed and erased a key or codes.
const closeScript = `
redis.call('SREM', KEYS[6], ARGV[4])
if redis.call('HGET', KEYS[1], 'closed') == '1' then return 0 end
redis.call('DEL', KEYS[7], KEYS[8])
redis.call('HSET', KEYS[1], 'closed', '1', 'finalVoters', redis.call('HLEN', KEYS[2]), 'closedAt', ARGV[3])
local erased = redis.call('DEL', KEYS[9], KEYS[10])
if ARGV[1] == '1' then
  erased = erased + redis.call('DEL', KEYS[4], KEYS[2]) + redis.call('HDEL', KEYS[1], 'creator')
end
for _, key in ipairs({KEYS[1], KEYS[2], KEYS[3], KEYS[5]}) do redis.call('EXPIRE', key, ARGV[2]) end
if erased > 0 then return 2 end
return 1
`;

// Tidies a poll that closed before closing did all of the above: deletes an anonymous poll's creator code
// and any record of people who asked to be forgotten, with its key (also when the poll itself has expired).
// Does nothing to an open poll. KEYS: poll, forgotten reactors, their key. Returns how many it deleted.
const tidyClosedScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.call('DEL', KEYS[2], KEYS[3]) end
if redis.call('HGET', KEYS[1], 'closed') ~= '1' then return 0 end
local erased = redis.call('DEL', KEYS[2], KEYS[3])
if redis.call('HGET', KEYS[1], 'anonymous') == '1' then
  local creator = redis.call('HGET', KEYS[1], 'creator')
  if creator and creator ~= '' then erased = erased + redis.call('HDEL', KEYS[1], 'creator') end
end
return erased
`;

// While the poll is open: its random key for the record of people who asked to be forgotten, created on
// first use. KEYS: poll, that key. ARGV: a new key, seconds it may live. Returns the key, or nil when the
// poll is closed or gone.
const forgottenKeyScript = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'closed') == '1' then return false end
redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2], 'NX')
return redis.call('GET', KEYS[2])
`;

// Adds a hash to the record of people who asked to be forgotten, only while the poll is open (closing
// deletes the record). KEYS: poll, the record. ARGV: the hash, seconds it may live. Returns 1 when added.
const markForgottenScript = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'closed') == '1' then return 0 end
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
`;

/**
 * How long the record of people who asked to be forgotten may live: closing the poll deletes it; this only
 * bounds it for a poll stored before polls closed by themselves, which may never close.
 */
const forgottenSeconds = 400 * 24 * 3_600;

// Forgets one voter: withdraws their votes from an open poll's counts (a closed poll's totals stay as they
// were announced) and deletes their record and that of their last press.
// KEYS: poll, counts, votes, last presses, their times. ARGV: voter. Returns 1 if they had a vote.
const forgetVoterScript = `
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if held == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'closed') ~= '1' then
  local n = tonumber(redis.call('HGET', KEYS[1], 'optionCount'))
  for i = 0, n - 1 do
    if math.floor(held / 2 ^ i) % 2 == 1 then redis.call('HINCRBY', KEYS[2], tostring(i), -1) end
  end
end
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
`;

// Deletes a lock only if it is still the one taken with this token. KEYS: lock. ARGV: token.
const unlockScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const selectionOf = (mask: number, optionCount: number): number[] =>
  Array.from({ length: optionCount }, (_, i) => i).filter((i) => Math.floor(mask / 2 ** i) % 2 === 1);

/** Polls, their tallies and their voters. */
export class PollStore {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(id: string, part?: string): string {
    return part ? this.#keys.key('poll', id, part) : this.#keys.key('poll', id);
  }

  /** The last button presses of the poll's voters, and their times (see `doublePressMs`). */
  #lastPressKeys(id: string): [string, string] {
    return [this.#key(id, 'last-press'), this.#key(id, 'last-press-at')];
  }

  #channelKey(channel: string): string {
    return this.#keys.key('polls', 'channel', channel);
  }

  /** The IDs of polls started in a channel since `since` (ms), oldest first. Expired polls drop out. */
  async idsInChannel(channel: string, since: number): Promise<string[]> {
    await this.#redis.zremrangebyscore(this.#channelKey(channel), 0, Date.now() - 400 * 24 * 3_600_000);
    return this.#redis.zrangebyscore(this.#channelKey(channel), since, '+inf');
  }

  /** The IDs of the polls not yet closed (nothing else: see `quota.ts`). */
  #openKey(): string {
    return this.#keys.key('polls', 'open');
  }

  #messageKey(channel: string, ts: string): string {
    return this.#keys.key('poll-message', channel, ts);
  }

  /** A new poll ID: random, URL-safe, with no `:` so it can name jobs. */
  static newId(): string {
    return newRecordId();
  }

  /**
   * Stores a new poll. An anonymous poll also stores its random key (see `newScopeKey`), which only lives
   * until the poll closes.
   */
  async create(
    poll: Omit<StoredPoll, 'closed' | 'ts' | 'finalVoters' | 'createdAt' | 'closedAt'>,
    anonymityKey?: string,
  ): Promise<void> {
    const createdAt = Date.now();
    const multi = this.#redis.multi().hset(this.#key(poll.id), {
      createdAt: String(createdAt),
      teamId: poll.teamId,
      channel: poll.channel,
      question: poll.question,
      options: JSON.stringify(poll.options),
      optionCount: String(poll.options.length),
      emojis: JSON.stringify(poll.emojis),
      anonymous: poll.anonymous ? '1' : '0',
      multiple: poll.multiple ? '1' : '0',
      hidden: poll.hidden ? '1' : '0',
      creator: poll.creator,
      reactions: poll.reactions ? '1' : '0',
      closed: '0',
      ...(poll.closesAt ? { closesAt: String(poll.closesAt) } : {}),
      ...(poll.closesByAge ? { closesByAge: '1' } : {}),
    });
    if (anonymityKey) multi.set(this.#key(poll.id, 'key'), anonymityKey);
    multi.zadd(this.#channelKey(poll.channel), createdAt, poll.id);
    multi.sadd(this.#openKey(), poll.id);
    await multi.exec();
  }

  async get(id: string): Promise<StoredPoll | undefined> {
    const hash = await this.#redis.hgetall(this.#key(id));
    if (!hash.question) return undefined;
    return {
      id,
      teamId: hash.teamId ?? '',
      channel: hash.channel ?? '',
      ...(hash.ts ? { ts: hash.ts } : {}),
      question: hash.question,
      options: JSON.parse(hash.options ?? '[]') as string[],
      emojis: JSON.parse(hash.emojis ?? '[]') as string[],
      anonymous: hash.anonymous === '1',
      multiple: hash.multiple === '1',
      hidden: hash.hidden === '1',
      creator: hash.creator ?? '',
      reactions: hash.reactions !== '0' && hash.anonymous !== '1',
      ...(hash.closesAt ? { closesAt: Number(hash.closesAt) } : {}),
      ...(hash.closesByAge === '1' ? { closesByAge: true } : {}),
      closed: hash.closed === '1',
      ...(hash.finalVoters !== undefined ? { finalVoters: Number(hash.finalVoters) } : {}),
      createdAt: Number(hash.createdAt ?? 0),
      ...(hash.closedAt ? { closedAt: Number(hash.closedAt) } : {}),
    };
  }

  /** The anonymous poll's random key, mixed into voters' hashes; absent once the poll closed. */
  async anonymityKey(id: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#key(id, 'key'))) ?? undefined;
  }

  /** Records where the poll was posted, so reactions on that message find it. */
  async setMessage(id: string, channel: string, ts: string): Promise<void> {
    await this.#redis.multi().hset(this.#key(id), 'ts', ts).set(this.#messageKey(channel, ts), id).exec();
  }

  async findByMessage(channel: string, ts: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#messageKey(channel, ts))) ?? undefined;
  }

  /**
   * Applies one vote atomically; `voter` is a user ID (public polls) or keyed hash (anonymous ones). A
   * button press (`toggle`) of the option the voter pressed less than {@link doublePressMs} before changes
   * nothing and returns what they hold; `now` is when this press happened (ms).
   */
  async vote(
    id: string,
    voter: string,
    option: number,
    action: VoteAction,
    multiple: boolean,
    now: number = Date.now(),
  ): Promise<VoteResult> {
    try {
      const [mask, optionCount] = (await this.#redis.eval(
        voteScript,
        5,
        this.#key(id),
        this.#key(id, 'counts'),
        this.#key(id, 'votes'),
        ...this.#lastPressKeys(id),
        voter,
        String(option),
        action,
        multiple ? '1' : '0',
        String(Math.floor(now)),
        String(doublePressMs),
      )) as [string, number];
      return { ok: true, selection: selectionOf(Number(mask), Number(optionCount)) };
    } catch (err) {
      const reason = (err as Error).message;
      if (reason === 'closed' || reason === 'unknown-poll' || reason === 'bad-option')
        return { ok: false, reason };
      throw err;
    }
  }

  /** The options a voter holds now (empty when none). */
  async selection(id: string, voter: string, optionCount: number): Promise<number[]> {
    const mask = await this.#redis.hget(this.#key(id, 'votes'), voter);
    return selectionOf(Number(mask ?? 0), optionCount);
  }

  /** Forgets a voter's record (and, while the poll is open, their votes). True when there was one. */
  async forgetVoter(id: string, voter: string): Promise<boolean> {
    const keys = [this.#key(id), this.#key(id, 'counts'), this.#key(id, 'votes'), ...this.#lastPressKeys(id)];
    return ((await this.#redis.eval(forgetVoterScript, 5, ...keys, voter)) as number) === 1;
  }

  /** Forgets who started a poll; from then on only organizers can close it or send reminders. */
  async forgetCreator(id: string): Promise<void> {
    await this.#redis.hset(this.#key(id), 'creator', '');
  }

  /** The polls not yet closed, in every channel (polls stored before this index was kept are not in it). */
  async openIds(): Promise<string[]> {
    return this.#redis.smembers(this.#openKey());
  }

  /** Takes polls that are gone (expired) out of the open polls. */
  async dropOpen(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.#redis.srem(this.#openKey(), ...ids);
  }

  /**
   * Takes the lock under which one person's new poll is counted and stored, for `ms` at most, so that two
   * polls requested at once cannot both take their last place. `holder` is a code for the person (never
   * their user ID); `token` tells this holder's lock from a later one. False while someone holds it.
   */
  async lockCreation(holder: string, token: string, ms: number): Promise<boolean> {
    const key = this.#keys.key('polls', 'creating', holder);
    return (await this.#redis.set(key, token, 'PX', ms, 'NX')) === 'OK';
  }

  async unlockCreation(holder: string, token: string): Promise<void> {
    const key = this.#keys.key('polls', 'creating', holder);
    await this.#redis.eval(unlockScript, 1, key, token);
  }

  /** Every poll Rally still holds, in every channel. */
  async allIds(): Promise<string[]> {
    return membersOfSortedSets(this.#redis, this.#keys.key('polls', 'channel', '*'));
  }

  async hasVoted(id: string, voter: string): Promise<boolean> {
    return (await this.#redis.hexists(this.#key(id, 'votes'), voter)) === 1;
  }

  async tally(id: string, optionCount: number): Promise<PollTally> {
    const [counts, voters, finalVoters] = (await this.#redis
      .multi()
      .hgetall(this.#key(id, 'counts'))
      .hlen(this.#key(id, 'votes'))
      .hget(this.#key(id), 'finalVoters')
      .exec()
      .then((replies) => (replies ?? []).map(([, value]) => value))) as [
      Record<string, string>,
      number,
      string | null,
    ];
    return {
      counts: Array.from({ length: optionCount }, (_, i) => Number(counts[String(i)] ?? 0)),
      voters: finalVoters !== null ? Number(finalVoters) : voters,
    };
  }

  /** The record of people who asked to be forgotten, and the poll's random key it is hashed under. */
  #forgottenKeys(id: string): [string, string] {
    return [this.#key(id, 'forgotten'), this.#key(id, 'forgotten-key')];
  }

  /**
   * Closes the poll once. For an anonymous poll the random key, every per-voter record and the creator's
   * code are deleted in the same transaction, leaving only the totals: from then on nobody can link anyone
   * to a vote, or to having started the poll. Any poll's record of people who asked to be forgotten goes
   * too. Everything left expires `retentionSeconds` later. `closed` is false when it was already closed;
   * `erased` says that a key or codes were deleted, which Redis's files still hold until they are rewritten.
   */
  async close(
    id: string,
    anonymous: boolean,
    retentionSeconds: number,
  ): Promise<{ closed: boolean; erased: boolean }> {
    const [channel, ts] = await this.#redis.hmget(this.#key(id), 'channel', 'ts');
    const outcome = (await this.#redis.eval(
      closeScript,
      10,
      this.#key(id),
      this.#key(id, 'votes'),
      this.#key(id, 'counts'),
      this.#key(id, 'key'),
      channel && ts ? this.#messageKey(channel, ts) : this.#key(id),
      this.#openKey(),
      ...this.#lastPressKeys(id),
      ...this.#forgottenKeys(id),
      anonymous ? '1' : '0',
      String(retentionSeconds),
      String(Date.now()),
      id,
    )) as number;
    return { closed: outcome > 0, erased: outcome === 2 };
  }

  /**
   * For a poll that closed before closing deleted all it now does: deletes an anonymous poll's creator code
   * and any record of people who asked to be forgotten (also once the poll itself expired). Returns how many
   * records went (0 for an open poll).
   */
  async tidyClosed(id: string): Promise<number> {
    return (await this.#redis.eval(tidyClosedScript, 3, this.#key(id), ...this.#forgottenKeys(id))) as number;
  }

  /** Takes the poll's one nudge for `seconds`; false while an earlier one still holds it. */
  async claimNudge(id: string, seconds: number): Promise<boolean> {
    return (await this.#redis.set(this.#key(id, 'nudged'), '1', 'EX', seconds, 'NX')) === 'OK';
  }

  /** Seconds until the poll may be nudged again (0 when it may now). */
  async nudgeWait(id: string): Promise<number> {
    return Math.max(0, await this.#redis.ttl(this.#key(id, 'nudged')));
  }

  /**
   * Remembers, while the poll is open, that someone asked to be forgotten, so that their reaction (which
   * only they can remove) is not counted again when the poll closes and its reactions are read back. They
   * are kept as a hash under a random key of this poll (created here on first use; `hashUnder` makes the
   * hash from it), which closing deletes with the record. False when the poll is closed or gone.
   */
  async markForgottenReactor(id: string, hashUnder: (key: string) => string): Promise<boolean> {
    const [record, keyName] = this.#forgottenKeys(id);
    const key = (await this.#redis.eval(
      forgottenKeyScript,
      2,
      this.#key(id),
      keyName,
      newScopeKey(),
      String(forgottenSeconds),
    )) as string | null;
    if (!key) return false;
    const added = await this.#redis.eval(
      markForgottenScript,
      2,
      this.#key(id),
      record,
      hashUnder(key),
      String(forgottenSeconds),
    );
    return added === 1;
  }

  /** The random key this poll's forgotten reactors are hashed under; undefined when nobody asked (or closed). */
  async forgottenReactorKey(id: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#forgottenKeys(id)[1])) ?? undefined;
  }

  /** Whether any of `hashes` (one person's, see `forgottenReactorHashes`) is among the forgotten reactors. */
  async isForgottenReactor(id: string, hashes: readonly string[]): Promise<boolean> {
    if (hashes.length === 0) return false;
    const found = await this.#redis.smismember(this.#forgottenKeys(id)[0], ...hashes);
    return found.some((member) => member === 1);
  }
}
