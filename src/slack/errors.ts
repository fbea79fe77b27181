import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';

/** What a failed Web API call means for a job: wait and retry, retry with backoff, or give up. */
export type SlackFailure =
  | { kind: 'rate-limited'; retryAfterMs: number }
  /**
   * Worth trying again. `outcomeUnknown` when the request may have reached Slack and taken effect (a
   * timeout or a connection lost before the answer); otherwise Slack said it did not do it.
   */
  | { kind: 'transient'; reason: string; outcomeUnknown?: true }
  | { kind: 'permanent'; reason: string };

// Platform errors Slack documents as temporary; every other `ok: false` answer will not change on retry.
const transientPlatformErrors = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/** Whether an `ok: false` error code is one Slack documents as temporary. */
export const isTransientPlatformError = (code: string): boolean => transientPlatformErrors.has(code);

export function classifySlackError(err: unknown): SlackFailure {
  if (err instanceof WebAPIRateLimitedError)
    return { kind: 'rate-limited', retryAfterMs: err.retryAfter * 1000 };
  if (err instanceof WebAPIPlatformError) {
    const reason = err.data.error;
    return transientPlatformErrors.has(reason)
      ? { kind: 'transient', reason }
      : { kind: 'permanent', reason };
  }
  if (err instanceof WebAPIHTTPError) {
    const reason = `http_${err.statusCode}`;
    return err.statusCode >= 500 || err.statusCode === 408
      ? { kind: 'transient', reason }
      : { kind: 'permanent', reason };
  }
  if (err instanceof WebAPIRequestError)
    return { kind: 'transient', reason: 'request_failed', outcomeUnknown: true };
  return { kind: 'transient', reason: err instanceof Error ? err.name : 'unknown', outcomeUnknown: true };
}
