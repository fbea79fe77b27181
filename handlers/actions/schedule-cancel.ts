import { buildOrganizersOnlyMessage } from '../../src/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { stopDigest } from '../../src/digest/scheduler.js';
import { stopDonationPrompts } from '../../src/donations/schedule.js';
import { cancelReminder } from '../../src/reminders/cancel.js';
import type { ButtonArgs } from '../types.js';

const privately = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });

/** **Cancel** on a reminder in `/rally reminders`: only its creator or an organizer. */
export function createReminderCancelAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const reminder = await ctx.reminders.get(action.value ?? '');
    if (!reminder) {
      await respond(privately('That reminder is no longer scheduled.'));
      return;
    }
    if (reminder.creator !== body.user.id && !ctx.isOrganizer(body.user.id)) {
      await respond(privately('Only the person who set this reminder, or an organizer, can cancel it.'));
      return;
    }
    await cancelReminder(ctx.queues, ctx.reminders, reminder);
    await respond(privately('Reminder cancelled: it will not be posted.'));
  };
}

/** **Stop** on a scheduled donation prompt in `/rally reminders`: organizers only. */
export function createDonationStopAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    if (!ctx.isOrganizer(body.user.id)) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...buildOrganizersOnlyMessage('stop donation prompts'),
      });
      return;
    }
    const stopped = await stopDonationPrompts(ctx, [action.value ?? '']);
    await respond(
      privately(stopped.length ? 'Scheduled donation prompt stopped.' : 'That schedule was already stopped.'),
    );
  };
}

/** **Stop** on the channel digest in `/rally reminders`: organizers only. */
export function createDigestStopAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    if (!ctx.isOrganizer(body.user.id)) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...buildOrganizersOnlyMessage('stop the digest'),
      });
      return;
    }
    const stopped = await stopDigest(ctx, action.value ?? '');
    await respond(privately(stopped ? 'The digest of this channel is off.' : 'That digest was already off.'));
  };
}
