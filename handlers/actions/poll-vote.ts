import type { RallyContext } from '../../src/context.js';
import {
  buildVoteConfirmation,
  buildVoteRefusal,
  voteFailed,
  voteFromOtherOrganization,
} from '../../src/polls/blocks/poll-notices.js';
import { parsePollVoteValue } from '../../src/polls/button-values.js';
import { castVote } from '../../src/polls/cast-vote.js';
import type { MessageContent } from '../../src/slack/blocks/messages.js';
import { type ButtonArgs, ephemeralReply, fromAnotherOrganization } from '../types.js';

/**
 * A vote button. The vote is cast before the click is acknowledged, so one person's clicks take effect in
 * the order Slack saw them answered. The voter is then told privately what Rally holds for them (through
 * the response_url, so nothing about them is queued).
 */
export function createPollVoteAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'poll-vote' });

  async function vote(value: string | undefined, userId: string): Promise<MessageContent | undefined> {
    const parsed = parsePollVoteValue(value);
    if (!parsed) {
      logger.warn('vote button with an unreadable value ignored');
      return undefined;
    }
    const outcome = await castVote(ctx, {
      pollId: parsed.pollId,
      userId,
      option: parsed.optionIndex,
      action: 'toggle',
    });
    if (!outcome.ok) return buildVoteRefusal(outcome.reason);
    return buildVoteConfirmation(outcome.poll.options, outcome.selection, outcome.poll.anonymous);
  }

  return async ({ ack, body, action, respond, context }: ButtonArgs): Promise<void> => {
    let reply: MessageContent | undefined;
    try {
      reply = fromAnotherOrganization(body, context)
        ? voteFromOtherOrganization
        : await vote(action.value, body.user.id);
    } catch (err) {
      logger.error({ err }, 'vote not recorded');
      reply = voteFailed;
    } finally {
      await ack();
    }
    if (reply) await respond(ephemeralReply(reply));
  };
}
