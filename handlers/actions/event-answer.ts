import type { RallyContext } from '../../src/context.js';
import { answerEvent } from '../../src/events/answer-event.js';
import { buildAnswerConfirmation, buildAnswerRefusal } from '../../src/events/blocks/answer-notice.js';
import { calendarLinksFor } from '../../src/events/calendar-links.js';
import type { Pressed } from '../../src/events/model.js';
import { type MessageContent, otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { eventAnswerActionPattern } from '../../src/slack/ids.js';
import { type ButtonArgs, ephemeralReply, fromAnotherOrganization } from '../types.js';

const eventIdPattern = /^[A-Za-z0-9_-]{6,32}$/;

/**
 * **Going**, **Maybe**, **Can't go**. The answer is recorded before the click is acknowledged, so one
 * person's clicks take effect in the order Slack saw them; the person is then told privately what Rally
 * holds for them (through the response_url: nothing about them is queued).
 */
export function createEventAnswerAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'event-answer' });

  async function answer(args: ButtonArgs): Promise<MessageContent | undefined> {
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
    const links = calendarLinksFor(ctx, outcome.event, outcome.answer === 'going');
    return buildAnswerConfirmation(outcome.event, outcome.answer, outcome.reminders, links);
  }

  return async (args: ButtonArgs): Promise<void> => {
    let reply: MessageContent | undefined;
    try {
      reply = await answer(args);
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
  };
}
