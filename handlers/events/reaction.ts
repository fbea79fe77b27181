import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { RallyContext } from '../../src/context.js';
import { reactionNotCounted } from '../../src/polls/blocks/poll-notices.js';
import { voteByReaction } from '../../src/polls/vote-by-reaction.js';

type ReactionArgs = SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'> & AllMiddlewareArgs;

/**
 * `reaction_added` / `reaction_removed`: a vote on a public poll. Someone reacting to an anonymous poll is
 * told privately that reactions are not counted there. (Bolt already drops Rally's own reactions.)
 */
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
    if (outcome === 'refused-anonymous') {
      // Told at once, not through a job: nothing about this person is written to Redis.
      await client.chat.postEphemeral({
        channel: event.item.channel,
        user: event.user,
        ...reactionNotCounted,
      });
    }
  };
}
