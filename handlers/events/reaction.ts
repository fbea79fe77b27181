import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { RallyContext } from '../../src/context.js';
import { reactionNotCounted, reactionNotCountedShared } from '../../src/polls/blocks/poll-notices.js';
import { type ReactionOutcome, voteByReaction } from '../../src/polls/vote-by-reaction.js';
import type { MessageContent } from '../../src/slack/blocks/messages.js';

type ReactionArgs = SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'> & AllMiddlewareArgs;

/**
 * `reaction_added` / `reaction_removed`: a vote on a public poll. Someone reacting to an anonymous poll is
 * told privately that reactions are not counted there. (Bolt already drops Rally's own reactions.)
 */
/** What someone whose reaction did not count is told, privately. */
const refusals: Partial<Record<ReactionOutcome, MessageContent>> = {
  'refused-anonymous': reactionNotCounted,
  'refused-shared': reactionNotCountedShared,
};

export function createReactionHandler(ctx: RallyContext) {
  return async ({ event, client }: ReactionArgs): Promise<void> => {
    if (event.item.type !== 'message') return;
    const outcome = await voteByReaction(ctx, {
      user: event.user,
      reaction: event.reaction,
      channel: event.item.channel,
      ts: event.item.ts,
      added: event.type === 'reaction_added',
    });
    const notice = refusals[outcome];
    // Told at once, not through a job: nothing about this person is written to Redis.
    if (notice) await client.chat.postEphemeral({ channel: event.item.channel, user: event.user, ...notice });
  };
}
