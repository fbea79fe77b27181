/** Slack's rule: a request signed more than five minutes from now is refused, as a replay. */
const maxSkewSeconds = 5 * 60;

/**
 * True when `X-Slack-Request-Timestamp` is within five minutes of now, in either direction.
 * Bolt rejects only old timestamps; a request dated in the future is just as much a replay risk.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function isFreshRequestTimestamp(header: string | string[] | undefined, nowMs = Date.now()): boolean {
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(nowMs / 1000 - Number(header)) <= maxSkewSeconds;
}
