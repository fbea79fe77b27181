import type { RallyContext } from '../../src/context.js';
import { turnOffDigest } from '../../src/digests/stop-digest.js';
import { stopDonationSchedules } from '../../src/donations/schedule.js';
import { cancelReminderFor } from '../../src/reminders/cancel-reminder.js';
import { buildNotice } from '../../src/slack/blocks/messages.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

const cancelAnswers = {
  cancelled: 'Reminder cancelled: it will not be posted.',
  gone: 'That reminder is no longer scheduled.',
  'not-allowed': 'Only the person who set this reminder, or an organizer, can cancel it.',
} as const;

/** **Cancel** on a reminder in `/rally reminders`: only its creator or an organizer. */
export function createReminderCancelAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const outcome = await cancelReminderFor(ctx, action.value ?? '', body.user.id);
    await respond(ephemeralReply(buildNotice(cancelAnswers[outcome])));
  };
}

/** **Stop** on a channel's scheduled donation prompt (organizers); the button's value is the channel. */
export function createDonationStopAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const stopped = (await stopDonationSchedules(ctx, [action.value ?? ''], body.user.id)).length > 0;
    const text = stopped ? 'Scheduled donation prompt stopped.' : 'That schedule was already stopped.';
    await respond(ephemeralReply(buildNotice(text)));
  };
}

/** **Stop** on a channel's digest (organizers); the button's value is the channel. */
export function createDigestStopAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const stopped = await turnOffDigest(ctx, action.value ?? '', body.user.id);
    await respond(
      ephemeralReply(
        buildNotice(stopped ? 'The digest of this channel is off.' : 'That digest was already off.'),
      ),
    );
  };
}
