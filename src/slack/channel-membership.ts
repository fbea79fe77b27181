import type { WebClient } from '@slack/web-api';
import { classifySlackError } from './errors.js';

/**
 * Whether `userId` is a member of `channel`, read from `conversations.members` page by page (stopping at
 * the page that names them). Slack answers only for channels Rally can see: public ones, and private
 * ones Rally was invited to; for any other (and a channel that is gone) the answer is `unknown` with
 * Slack's reason. A temporary failure (rate limit, Slack down) is thrown, so the job is retried.
 */
export async function channelMembership(
  slack: WebClient,
  channel: string,
  userId: string,
): Promise<'member' | 'not-member' | { unknown: string }> {
  let cursor: string | undefined;
  try {
    do {
      const page = await slack.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) });
      if (page.members?.includes(userId)) return 'member';
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind === 'permanent') return { unknown: failure.reason };
    throw err;
  }
  return 'not-member';
}
