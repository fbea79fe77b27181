import type { FetchFunction } from '@slack/web-api';
import { isTransientPlatformError } from '../slack/errors.js';

/**
 * What became of one Web API call: `ok`; `ratelimited` (HTTP 429, or `error: ratelimited`); `refused` (an
 * `ok: false` answer that will not change on retry, such as `channel_not_found`, or an HTTP 4xx);
 * `server_error` (Slack's temporary errors and HTTP 5xx); `timeout`; `network_error`.
 */
export type SlackCallOutcome =
  | 'ok'
  | 'ratelimited'
  | 'refused'
  | 'server_error'
  | 'timeout'
  | 'network_error';

export type RecordSlackCall = (method: string, outcome: SlackCallOutcome, seconds: number) => void;

/** Slack method names (`chat.postMessage`, `apps.connections.open`). */
const methodName = /^[a-z]+(?:\.[a-zA-Z]+){1,4}$/;

/**
 * The Web API method a request URL names: its last path segment, when it has a method's shape; `other`
 * for anything else, such as a `response_url` (Bolt's `respond` uses the same `fetch`).
 */
export function slackMethodOf(url: string | URL): string {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    return methodName.test(last) ? last : 'other';
  } catch {
    return 'other';
  }
}

function outcomeOfBody(body: unknown): SlackCallOutcome {
  const { ok, error } = (body ?? {}) as { ok?: unknown; error?: unknown };
  if (ok === true) return 'ok';
  if (error === 'ratelimited') return 'ratelimited';
  return typeof error === 'string' && isTransientPlatformError(error) ? 'server_error' : 'refused';
}

const isTimeout = (err: unknown): boolean => {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
};

/**
 * A `fetch` for `WebClientOptions.fetch` that counts every Web API call by method and outcome and times it
 * (until Slack's response headers). It reads a copy of a 200 answer for its `ok` and `error` fields, and
 * nothing else; the client gets the response untouched.
 */
export function countingFetch(
  record: RecordSlackCall,
  fetchFn: typeof fetch = globalThis.fetch,
): FetchFunction {
  return async (url, init) => {
    const method = slackMethodOf(url);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let response: Response;
    try {
      response = await fetchFn(url, init);
    } catch (err) {
      record(method, isTimeout(err) ? 'timeout' : 'network_error', seconds());
      throw err;
    }
    const took = seconds();
    if (response.status === 200 && method === 'other') {
      // Not a Web API method: its answer need not be JSON.
      record(method, 'ok', took);
    } else if (response.status === 200) {
      response
        .clone()
        .json()
        .then(
          (body: unknown) => record(method, outcomeOfBody(body), took),
          // The body was cut off (the client's timeout, or the connection) or was not JSON.
          (err: unknown) => record(method, isTimeout(err) ? 'timeout' : 'server_error', took),
        );
    } else if (response.status === 429) {
      record(method, 'ratelimited', took);
    } else {
      record(method, response.status >= 500 || response.status === 408 ? 'server_error' : 'refused', took);
    }
    return response;
  };
}
