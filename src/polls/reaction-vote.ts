import type { RallyContext } from '../context.js';
import { requestPollRefresh } from '../delivery/redraw.js';
import { normalizeReaction } from './emoji.js';

export interface ReactionChange {
  user: string;
  reaction: string;
  channel: string;
  ts: string;
  added: boolean;
}

/** What a reaction meant: nothing (not a poll, not an option), a vote, or a reaction an anonymous poll refuses. */
export type ReactionOutcome = 'ignored' | 'counted' | 'refused-anonymous' | 'closed';

/**
 * A reaction on a poll message with one of its option emojis is a vote (added) or takes one back
 * (removed). On an anonymous poll reactions are public, so they are never counted.
 */
export async function applyReaction(
  ctx: Pick<RallyContext, 'polls' | 'queues'>,
  change: ReactionChange,
): Promise<ReactionOutcome> {
  const pollId = await ctx.polls.findByMessage(change.channel, change.ts);
  if (!pollId) return 'ignored';
  const poll = await ctx.polls.get(pollId);
  if (!poll) return 'ignored';
  const option = poll.emojis.indexOf(normalizeReaction(change.reaction));
  if (option < 0) return 'ignored';
  if (poll.anonymous) return change.added ? 'refused-anonymous' : 'ignored';
  const result = await ctx.polls.vote(
    poll.id,
    change.user,
    option,
    change.added ? 'add' : 'remove',
    poll.multiple,
  );
  if (!result.ok) return result.reason === 'closed' ? 'closed' : 'ignored';
  await requestPollRefresh(ctx.queues, poll.id, false);
  return 'counted';
}
