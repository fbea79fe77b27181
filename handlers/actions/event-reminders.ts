import type { RallyContext } from '../../src/context.js';
import { switchReminders } from '../../src/events/answer-event.js';
import { buildAnswerConfirmation } from '../../src/events/blocks/answer-notice.js';
import { calendarLinksFor } from '../../src/events/calendar-links.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

const valuePattern = /^([A-Za-z0-9_-]{6,32}):(on|off)$/;

/** The reminder switch in a person's private confirmation: turns their reminders on or off, and redraws it. */
export function createEventRemindersAction(ctx: RallyContext) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const match = valuePattern.exec(action.value ?? '');
    if (!match?.[1]) return;
    const switched = await switchReminders(ctx, match[1], body.user.id, match[2] === 'on');
    if (!switched.ok) {
      await respond(
        ephemeralReply({
          text: 'Reminders are for people who answered Going or Maybe to an event that is still ahead.',
        }),
      );
      return;
    }
    const links = calendarLinksFor(ctx, switched.event, switched.answer === 'going');
    const content = buildAnswerConfirmation(switched.event, switched.answer, switched.reminders, links);
    await respond({ ...content, response_type: 'ephemeral', replace_original: true });
  };
}
