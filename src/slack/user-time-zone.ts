import type { WebClient } from '@slack/web-api';
import { knownTimeZone } from '../time/zones.js';

/** A person's IANA time zone from their Slack profile (`users.info`), or UTC when Slack has none. */
export async function userTimeZone(slack: WebClient, userId: string): Promise<string> {
  const info = await slack.users.info({ user: userId });
  return knownTimeZone(info.user?.tz ?? '');
}
