/** A failure a test makes the stand-in answer instead of the real result. */
export type ApiFault =
  /** HTTP 429 with `Retry-After: <retryAfter>` and body `{ ok: false, error: 'ratelimited' }`. */
  | { kind: 'rate_limited'; retryAfter: number }
  /** A bare HTTP error status such as 500 or 503 (WebClient raises `WebAPIHTTPError`). */
  | { kind: 'http'; status: number }
  /** HTTP 200 with `{ ok: false, error, ...extra }` (WebClient raises `WebAPIPlatformError`). */
  | { kind: 'error'; error: string; extra?: Record<string, unknown> }
  /** No answer at all until the stand-in closes (exercise client timeouts). */
  | { kind: 'hang' }
  /** The TCP connection is destroyed without an answer (WebClient raises `WebAPIRequestError`). */
  | { kind: 'reset' }
  /**
   * Slack does the work (the message is posted) but the answer never arrives: the connection is destroyed
   * after the method ran, as when a response is lost to a timeout or a reset on the way back. The caller
   * cannot know whether the call took effect.
   */
  | { kind: 'lost_response' };

/**
 * Decides, call by call, whether a call fails and how (`undefined`: it is answered normally). For faults
 * that last a while, such as an outage with a mix of 500s, timeouts and 429s.
 */
export type FaultPolicy = (method: string, args: Record<string, unknown>) => ApiFault | undefined;

/** Limits applied to one method; calls over a limit get HTTP 429 with the `Retry-After` that would succeed. */
export interface RateLimitRule {
  /** Per value of the `channel` argument, within any 1 s window (Slack: ~1 message/s/channel for chat.postMessage). */
  perChannelPerSecond?: number;
  /** Across all calls of the method, within any 60 s window (Slack tiers: 1, 20, 50, 100+ per minute). */
  perMinute?: number;
}

interface Accepted {
  at: number;
  channel: string | undefined;
}

/** Injected faults, delays and rate limits, keyed by method name. */
export class FaultPlan {
  readonly #faults = new Map<string, ApiFault[]>();
  readonly #matching: {
    method: string;
    match: (args: Record<string, unknown>) => boolean;
    fault: ApiFault;
    times: number;
  }[] = [];
  #policy: FaultPolicy | undefined;
  readonly #delays = new Map<string, number>();
  readonly #limits = new Map<string, RateLimitRule>();
  readonly #accepted = new Map<string, Accepted[]>();

  failNext(method: string, fault: ApiFault, times: number): void {
    const queue = this.#faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.#faults.set(method, queue);
  }

  failWhen(
    method: string,
    match: (args: Record<string, unknown>) => boolean,
    fault: ApiFault,
    times: number,
  ): void {
    this.#matching.push({ method, match, fault, times });
  }

  failWith(policy: FaultPolicy | undefined): void {
    this.#policy = policy;
  }

  takeFault(method: string, args: Record<string, unknown> = {}): ApiFault | undefined {
    const matching = this.#matching.find((m) => m.method === method && m.times > 0 && m.match(args));
    if (matching) {
      matching.times--;
      return matching.fault;
    }
    return this.#faults.get(method)?.shift() ?? this.#policy?.(method, args);
  }

  setDelay(method: string, ms: number): void {
    if (ms > 0) this.#delays.set(method, ms);
    else this.#delays.delete(method);
  }

  delayFor(method: string): number {
    return this.#delays.get(method) ?? 0;
  }

  setRateLimit(method: string, rule: RateLimitRule | null): void {
    this.#accepted.delete(method);
    if (rule) this.#limits.set(method, rule);
    else this.#limits.delete(method);
  }

  /**
   * Counts a call against the method's limits. Returns the seconds the caller must wait when a limit is
   * exceeded (the call is then not counted), or undefined when the call may proceed.
   */
  checkRateLimit(method: string, channel: string | undefined, now: number): number | undefined {
    const rule = this.#limits.get(method);
    if (!rule) return undefined;
    const accepted = (this.#accepted.get(method) ?? []).filter((entry) => entry.at > now - 60_000);
    this.#accepted.set(method, accepted);
    const waits: number[] = [];
    if (rule.perMinute !== undefined) waits.push(waitMs(accepted, rule.perMinute, 60_000, now));
    if (rule.perChannelPerSecond !== undefined) {
      const sameChannel = accepted.filter((entry) => entry.channel === channel);
      waits.push(waitMs(sameChannel, rule.perChannelPerSecond, 1_000, now));
    }
    const wait = Math.max(0, ...waits);
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    accepted.push({ at: now, channel });
    return undefined;
  }

  clear(): void {
    this.#faults.clear();
    this.#matching.length = 0;
    this.#delays.clear();
    this.#limits.clear();
    this.#accepted.clear();
    this.#policy = undefined;
  }
}

/** How long until one more call fits in a sliding window of `windowMs` allowing `limit` calls. */
function waitMs(accepted: Accepted[], limit: number, windowMs: number, now: number): number {
  const inWindow = accepted.filter((entry) => entry.at > now - windowMs);
  if (inWindow.length < limit) return 0;
  const oldestThatMustExpire = inWindow[inWindow.length - limit];
  return oldestThatMustExpire ? oldestThatMustExpire.at + windowMs - now : windowMs;
}
