import {
  type FetchFunction,
  type Logger as SlackLogger,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';

export interface SlackClientSettings {
  apiUrl: string | undefined;
  logger: SlackLogger;
  /** Milliseconds before a Web API call is abandoned. */
  timeoutMs: number;
  /** The client's `fetch`; Rally gives one that counts each call for its metrics. */
  fetch?: FetchFunction;
}

/**
 * Options for every Web API client Rally makes (Bolt's and the workers'): one base URL, an explicit
 * timeout, and no retries inside the client. A 429 is raised at once (`WebAPIRateLimitedError` with
 * `retryAfter`) so that BullMQ, not a sleeping client, decides when to try again.
 */
export function slackClientOptions({
  apiUrl,
  logger,
  timeoutMs,
  fetch,
}: SlackClientSettings): WebClientOptions {
  return {
    ...(fetch ? { fetch } : {}),
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    logger,
    timeout: timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}

export function createSlackClient(token: string, settings: SlackClientSettings): WebClient {
  return new WebClient(token, slackClientOptions(settings));
}
