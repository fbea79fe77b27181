import { createHmac } from 'node:crypto';

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`, as Slack signs requests (X-Slack-Signature). */
export function slackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return `v0=${digest}`;
}

/** The two headers Slack adds to every request it sends to an app. */
export function signatureHeaders(
  signingSecret: string,
  rawBody: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': slackSignature(signingSecret, timestampSeconds, rawBody),
  };
}

/** Header values for a body signed now (or at `timestampSeconds`): `{ timestamp, signature }`. */
export function signRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): { timestamp: string; signature: string } {
  return {
    timestamp: String(timestampSeconds),
    signature: slackSignature(signingSecret, timestampSeconds, rawBody),
  };
}
