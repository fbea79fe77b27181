interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** An append-only list that a test can wait on: `waitFor` resolves with a matching item already present or still to come. */
export class RecordLog<T> {
  readonly #items: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();

  add(item: T): void {
    this.#items.push(item);
    this.touch(item);
  }

  /** Re-checks pending waiters against `item` after it changed (e.g. a call got its answer). */
  touch(item: T): void {
    for (const waiter of [...this.#waiters]) {
      if (safeMatch(waiter.match, item)) {
        this.#settle(waiter);
        waiter.resolve(item);
      }
    }
  }

  all(): T[] {
    return [...this.#items];
  }

  clear(): void {
    this.#items.length = 0;
  }

  waitFor(match: (item: T) => boolean, timeoutMs: number, timeoutMessage: () => string): Promise<T> {
    const found = this.#items.find((item) => safeMatch(match, item));
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#settle(waiter);
          reject(new Error(timeoutMessage()));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Fails every pending `waitFor` (used when the stand-in closes). */
  rejectWaiters(reason: string): void {
    for (const waiter of [...this.#waiters]) {
      this.#settle(waiter);
      waiter.reject(new Error(reason));
    }
  }

  #settle(waiter: Waiter<T>): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
  }
}

/** A predicate that throws (e.g. reading a field of a differently shaped item) counts as no match. */
function safeMatch<T>(match: (item: T) => boolean, item: T): boolean {
  try {
    return match(item);
  } catch {
    return false;
  }
}
