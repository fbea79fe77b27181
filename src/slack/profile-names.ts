import type { WebClient } from '@slack/web-api';
import { classifySlackError } from './errors.js';

/** Above this many people, one paged `users.list` is cheaper than a `users.info` each. */
const listAbove = 20;

type Member = {
  id?: string;
  deleted?: boolean;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string };
};

const nameOf = (user: Member | undefined): string | undefined =>
  user?.profile?.real_name || user?.real_name || user?.profile?.display_name || undefined;

/**
 * The names people have in their Slack profiles (their real name, else their display name), by user ID.
 * Read when needed, never stored: someone who changes their name is shown with the new one.
 */
export async function profileNames(
  slack: WebClient,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const wanted = new Set(userIds);
  const names = new Map<string, string>();
  if (wanted.size <= listAbove) {
    for (const user of wanted) {
      const info = await slack.users.info({ user }).catch((err: unknown) => {
        // A person Slack no longer knows keeps their place on the letter, without a name to show.
        if (classifySlackError(err).kind === 'permanent') return undefined;
        throw err;
      });
      const name = nameOf(info?.user as Member | undefined);
      if (name) names.set(user, name);
    }
    return names;
  }
  let cursor: string | undefined;
  do {
    const page = await slack.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const member of (page.members ?? []) as Member[]) {
      const name = member.id && wanted.has(member.id) ? nameOf(member) : undefined;
      if (member.id && name) names.set(member.id, name);
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor && names.size < wanted.size);
  return names;
}
