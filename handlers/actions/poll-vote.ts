import type { MessageContent } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { requestPollRefresh } from '../../src/delivery/redraw.js';
import { buildVoteConfirmation, buildVoteRefusal, voteFailed } from '../../src/polls/blocks/poll-notices.js';
import { parsePollVoteValue } from '../../src/polls/button-values.js';
import { voterId } from '../../src/polls/voter.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

/**
 * A vote button. The vote is one atomic Redis script, applied before the click is acknowledged, so one
 * person's clicks take effect in the order Slack saw them answered. The voter is then told privately what
 * Rally holds for them (through the response_url, so nothing about them is queued); the message is
 * redrawn by the coalesced refresh, never at once.
 */
export function createPollVoteAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'poll-vote' });

  async function vote(value: string | undefined, userId: string): Promise<MessageContent | undefined> {
    const parsed = parsePollVoteValue(value);
    if (!parsed) {
      logger.warn('vote button with an unreadable value ignored');
      return undefined;
    }
    const poll = await ctx.polls.get(parsed.pollId);
    if (!poll) return buildVoteRefusal('unknown-poll');
    const key = poll.anonymous ? await ctx.polls.anonymityKey(poll.id) : undefined;
    const voter = voterId(ctx.anonymousIds, poll, userId, key);
    if (!voter) return buildVoteRefusal('closed');
    const result = await ctx.polls.vote(poll.id, voter, parsed.optionIndex, 'toggle', poll.multiple);
    if (!result.ok) return buildVoteRefusal(result.reason);
    await requestPollRefresh(ctx.queues, poll.id, poll.anonymous);
    return buildVoteConfirmation(poll.options, result.selection, poll.anonymous);
  }

  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    let reply: MessageContent | undefined;
    try {
      reply = await vote(action.value, body.user.id);
    } catch (err) {
      logger.error({ err }, 'vote not recorded');
      reply = voteFailed;
    } finally {
      await ack();
    }
    if (reply) await respond(ephemeralReply(reply));
  };
}
