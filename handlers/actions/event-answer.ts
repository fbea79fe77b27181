import type { RallyContext } from '../../src/context.js';
import { answerEvent } from '../../src/events/answer-event.js';
import { buildAnswerConfirmation, buildAnswerRefusal } from '../../src/events/blocks/answer-notice.js';
import { calendarLinksFor } from '../../src/events/calendar-links.js';
import type { Pressed, StoredEvent } from '../../src/events/model.js';
import { requestOwnHomeRefresh } from '../../src/home/publish-home.js';
import { type MessageContent, otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { eventAnswerActionPattern } from '../../src/slack/ids.js';
import { type ButtonArgs, ephemeralReply, fromAnotherOrganization, teamIdOf } from '../types.js';

const eventIdPattern = /^[A-Za-z0-9_-]{6,32}$/;

/**
 * **Going**, **Maybe**, **Can't go**. The answer is recorded before the click is acknowledged, so one
 * person's clicks take effect in the order Slack saw them; the person is then told privately what Rally
 * holds for them (through the response_url). Only an answer to a named event, which the Home tab shows,
 * asks for their tab to be published again: an answer to a counts-only event queues nothing about them.
 */
export function createEventAnswerAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'event-answer' });

  async function answer(
    args: ButtonArgs,
    answered: { event?: StoredEvent },
  ): Promise<MessageContent | undefined> {
    const { body, action, context } = args;
    if (fromAnotherOrganization(body, context)) return { text: otherOrganizationMessage, blocks: [] };
    const pressed = eventAnswerActionPattern.exec(action.action_id)?.[1] as Pressed | undefined;
    const eventId = action.value ?? '';
    if (!pressed || !eventIdPattern.test(eventId)) {
      logger.warn('event button with an unreadable value ignored');
      return undefined;
    }
    const outcome = await answerEvent(ctx, eventId, body.user.id, pressed);
    if (!outcome.ok) return buildAnswerRefusal(outcome.reason);
    answered.event = outcome.event;
    const links = calendarLinksFor(ctx, outcome.event, outcome.answer === 'going');
    return buildAnswerConfirmation(outcome.event, outcome.answer, outcome.reminders, links);
  }

  return async (args: ButtonArgs): Promise<void> => {
    let reply: MessageContent | undefined;
    const answered: { event?: StoredEvent } = {};
    try {
      reply = await answer(args, answered);
    } catch (err) {
      logger.error({ err }, 'event answer not recorded');
      reply = {
        text: ':warning: Your answer could not be confirmed just now. Please press it again in a moment: Rally will then tell you which answer it holds for you.',
        blocks: [],
      };
    } finally {
      await args.ack();
    }
    if (reply) await args.respond(ephemeralReply(reply));
    // The answer stands and was confirmed: a tab that cannot be refreshed now is refreshed on the next change.
    if (answered.event?.mode === 'named')
      await requestOwnHomeRefresh(ctx, teamIdOf(args.body), args.body.user.id).catch((err: unknown) => {
        logger.warn({ err }, 'Home tab refresh not asked for after an answer');
      });
  };
}
