import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/** Step records are kept a week: long enough for any retry, short enough to hold nothing for long. */
const recordSeconds = 7 * 24 * 3_600;

/**
 * One-time steps of a job run (its children added, its summary sent), so that a run that starts again
 * (a retry, a crash, its children done) does not repeat them. Messages themselves are made once by the
 * delivery records.
 */
export class RunSteps {
  readonly #redis: Redis;
  readonly #keys: Keys;

  constructor(redis: Redis, keys: Keys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #key(runId: string): string {
    return this.#keys.key('run', runId);
  }

  /** Whether a one-time step (such as sending the summary) was done. */
  async isDone(runId: string, step: string): Promise<boolean> {
    return (await this.#redis.hexists(this.#key(runId), step)) === 1;
  }

  async markDone(runId: string, step: string): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.#key(runId), step, '1')
      .expire(this.#key(runId), recordSeconds)
      .exec();
  }
}
