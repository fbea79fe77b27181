import type { RallyContext } from '../../src/context.js';
import { turnOffDigest } from '../../src/digests/stop-digest.js';
import { stopDonationSchedules } from '../../src/donations/schedule.js';
import { requestOwnHomeRefresh } from '../../src/home/publish-home.js';
import { cancelReminderFor } from '../../src/reminders/cancel-reminder.js';
import { buildNotice } from '../../src/slack/blocks/messages.js';
import { answerPrivately, type ButtonArgs, teamIdOf } from '../types.js';

const cancelAnswers = {
  cancelled: 'Reminder cancelled: it will not be posted.',
  gone: 'That reminder is no longer scheduled.',
  'not-allowed': 'Only the person who set this reminder, or an organizer, can cancel it.',
} as const;

/**
 * **Cancel** on a reminder (`/rally reminders`, the Home tab): only its creator or an organizer. The Home tabs
 * of whoever pressed and of whoever set it are refreshed.
 */
export function createReminderCancelAction(ctx: RallyContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body } = args;
    await ack();
    const reminderId = action.value ?? '';
    const creator = (await ctx.reminders.get(reminderId))?.creator;
    const outcome = await cancelReminderFor(ctx, reminderId, body.user.id);
    await answerPrivately(args, 'Reminders', buildNotice(cancelAnswers[outcome]));
    if (outcome !== 'cancelled') return;
    const teamId = teamIdOf(body);
    await requestOwnHomeRefresh(ctx, teamId, body.user.id);
    if (creator && creator !== body.user.id) await requestOwnHomeRefresh(ctx, teamId, creator);
  };
}

/** **Stop** on a channel's scheduled donation prompt (organizers); the button's value is the channel. */
export function createDonationStopAction(ctx: RallyContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body } = args;
    await ack();
    const stopped = (await stopDonationSchedules(ctx, [action.value ?? ''], body.user.id)).length > 0;
    const text = stopped ? 'Scheduled donation prompt stopped.' : 'That schedule was already stopped.';
    await answerPrivately(args, 'Donation prompts', buildNotice(text));
    if (stopped) await requestOwnHomeRefresh(ctx, teamIdOf(body), body.user.id);
  };
}

/** **Stop** on a channel's digest (organizers); the button's value is the channel. */
export function createDigestStopAction(ctx: RallyContext) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body } = args;
    await ack();
    const stopped = await turnOffDigest(ctx, action.value ?? '', body.user.id);
    const text = stopped ? 'The digest of this channel is off.' : 'That digest was already off.';
    await answerPrivately(args, 'Digest', buildNotice(text));
    if (stopped) await requestOwnHomeRefresh(ctx, teamIdOf(body), body.user.id);
  };
}
