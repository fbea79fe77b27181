import type { RallyContext } from '../../src/context.js';
import { calendarAnswer } from '../../src/events/calendar-answer.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

/** **Add to calendar**: the calendar links, privately. */
export function createEventCalendarAction(ctx: RallyContext) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    if (!/^[A-Za-z0-9_-]{6,32}$/.test(action.value ?? '')) return;
    await respond(ephemeralReply(await calendarAnswer(ctx, action.value ?? '', body.user.id)));
  };
}
