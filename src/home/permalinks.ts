import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import { classifySlackError } from '../slack/errors.js';
import type { HomeStore } from './store.js';

export type PermalinkDeps = { homes: HomeStore; slack: WebClient; logger: Logger };

/**
 * A message's link (`chat.getPermalink`), asked once and kept under `name` (a poll's ID, or an event copy's
 * name); none when Slack refuses it for good.
 */
export async function permalinkOf(
  deps: PermalinkDeps,
  name: string,
  message: { channel: string; ts: string },
): Promise<string | undefined> {
  const kept = await deps.homes.permalink(name);
  if (kept) return kept;
  try {
    const answer = await deps.slack.chat.getPermalink({ channel: message.channel, message_ts: message.ts });
    if (!answer.permalink) return undefined;
    await deps.homes.keepPermalink(name, answer.permalink);
    return answer.permalink;
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind !== 'permanent') throw err;
    deps.logger.info({ reason: failure.reason }, 'no link to a message for the Home tab');
    return undefined;
  }
}
