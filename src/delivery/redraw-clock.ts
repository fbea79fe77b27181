import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { RedrawTarget } from './redraw.js';

/*
 * Anonymous counts change on screen only on a fixed clock (`RALLY_REDRAW_CLOCK_SECONDS`, 10 s by default:
 * BullMQ aligns `every` schedules to the epoch, the same for every message), never relative to a click, so
 * the moment a number moves says nothing about who acted.
 */

/** A redraw happens only once at least this many acts changed the message since its last redraw. */
export const minActsPerRedraw = 2;

// Takes the targets with at least ARGV[1] acts pending and resets them; the rest wait for more acts.
// KEYS: pending acts hash.
const takeDueScript = `
local due = {}
local pending = redis.call('HGETALL', KEYS[1])
for i = 1, #pending, 2 do
  if tonumber(pending[i + 1]) >= tonumber(ARGV[1]) then
    redis.call('HDEL', KEYS[1], pending[i])
    table.insert(due, pending[i])
  end
end
return due
`;

const refOf = (target: RedrawTarget): string => JSON.stringify(target);

/**
 * The acts on anonymous tallies that no redraw has shown yet: a count per message, with no person and no
 * time in it. The clock job (`takeDue`) redraws those with enough acts; a scope that ends is redrawn at once.
 */
export class PendingRedraws {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#key = keys.key('redraw', 'pending');
  }

  /** Counts one act on `target`'s message (a signature, an anonymous vote, a pledge, a click). */
  async add(target: RedrawTarget): Promise<void> {
    await this.#redis.hincrby(this.#key, refOf(target), 1);
  }

  /** The targets due for a redraw now (at least `minActsPerRedraw` acts pending), taken atomically. */
  async takeDue(): Promise<RedrawTarget[]> {
    const due = (await this.#redis.eval(takeDueScript, 1, this.#key, String(minActsPerRedraw))) as string[];
    return due.map((ref) => JSON.parse(ref) as RedrawTarget);
  }

  /** Forgets pending acts of a target that was just redrawn for another reason (its scope ended). */
  async clear(target: RedrawTarget): Promise<void> {
    await this.#redis.hdel(this.#key, refOf(target));
  }
}
