import { buildNotice, buildOrganizersOnlyMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { stopDigest } from '../../src/digests/stop-digest.js';
import { stopDonationPrompts } from '../../src/donations/schedule.js';
import { cancelReminder } from '../../src/reminders/cancel-reminder.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

/** **Cancel** on a reminder in `/rally reminders`: only its creator or an organizer. */
export function createReminderCancelAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const reminder = await ctx.reminders.get(action.value ?? '');
    if (!reminder) {
      await respond(ephemeralReply(buildNotice('That reminder is no longer scheduled.')));
      return;
    }
    if (reminder.creator !== body.user.id && !ctx.isOrganizer(body.user.id)) {
      await respond(
        ephemeralReply(buildNotice('Only the person who set this reminder, or an organizer, can cancel it.')),
      );
      return;
    }
    await cancelReminder(ctx.queues, ctx.reminders, reminder);
    await respond(ephemeralReply(buildNotice('Reminder cancelled: it will not be posted.')));
  };
}

/**
 * A **Stop** button in `/rally reminders` for a channel's schedule (organizers only): `stop` ends it and
 * says whether there was one; the button's value is the channel.
 */
function createStopAction(
  ctx: RallyContext,
  what: string,
  stop: (channel: string) => Promise<boolean>,
  answers: { stopped: string; already: string },
) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    if (!ctx.isOrganizer(body.user.id)) {
      await respond(ephemeralReply(buildOrganizersOnlyMessage(what)));
      return;
    }
    const stopped = await stop(action.value ?? '');
    await respond(ephemeralReply(buildNotice(stopped ? answers.stopped : answers.already)));
  };
}

export const createDonationStopAction = (ctx: RallyContext) =>
  createStopAction(
    ctx,
    'stop donation prompts',
    async (c) => (await stopDonationPrompts(ctx, [c])).length > 0,
    {
      stopped: 'Scheduled donation prompt stopped.',
      already: 'That schedule was already stopped.',
    },
  );

export const createDigestStopAction = (ctx: RallyContext) =>
  createStopAction(ctx, 'stop the digest', (c) => stopDigest(ctx, c), {
    stopped: 'The digest of this channel is off.',
    already: 'That digest was already off.',
  });
