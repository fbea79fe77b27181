import type { MessageContent } from '../../src/blocks/help.js';
import { buildVoteConfirmation, buildVoteRefusal } from '../../src/blocks/poll-notices.js';
import type { RallyContext } from '../../src/context.js';
import { parsePollVoteValue } from '../../src/polls/button-values.js';
import { voterId } from '../../src/polls/voter.js';
import { requestPollRefresh } from '../../src/refresh.js';
import type { ButtonArgs } from '../types.js';

/**
 * A vote button. The vote is one atomic Redis script; the voter is told privately what Rally now holds for
 * them (through the response_url, so nothing about them is queued); the message is redrawn by the
 * coalesced refresh, never at once.
 */
export function createPollVoteAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'poll-vote' });
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const vote = parsePollVoteValue(action.value);
    if (!vote) {
      logger.warn('vote button with an unreadable value ignored');
      return;
    }
    const poll = await ctx.polls.get(vote.pollId);
    const reply = (content: MessageContent) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...content });
    if (!poll) {
      await reply(buildVoteRefusal('unknown-poll'));
      return;
    }
    const key = poll.anonymous ? await ctx.polls.anonymityKey(poll.id) : undefined;
    const voter = voterId(ctx.anonymousIds, poll, body.user.id, key);
    if (!voter) {
      await reply(buildVoteRefusal('closed'));
      return;
    }
    const result = await ctx.polls.vote(poll.id, voter, vote.optionIndex, 'toggle', poll.multiple);
    if (!result.ok) {
      await reply(buildVoteRefusal(result.reason));
      return;
    }
    await requestPollRefresh(ctx.queues, poll.id, poll.anonymous);
    await reply(buildVoteConfirmation(poll.options, result.selection, poll.anonymous));
  };
}
