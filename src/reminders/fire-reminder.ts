import type { Config } from '../config.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import { escapeMrkdwn } from '../slack/blocks/mrkdwn.js';
import { buildReminderNotPostedNotice } from './blocks/reminder-not-posted.js';
import { cancelReminder, type ReminderDeps } from './cancel-reminder.js';

export type FireReminderDeps = DeliveryDeps & ReminderDeps & { config: Pick<Config, 'maxReminderRepeats'> };

/**
 * Posts a reminder, once: a one-off's delivery is named by the reminder, each run of a series by its
 * run. A one-off's record and text are deleted once it went out; a series stops (record, text and
 * schedule deleted) after its last run (`maxRuns`, or `RALLY_MAX_REMINDER_REPEATS` for one set before
 * series had an end), which says it is the last, or when Slack refuses it for good (the channel archived
 * or gone, Rally removed from it), which its creator is then told privately.
 */
export async function fireReminder(deps: FireReminderDeps, reminderId: string, runId: string): Promise<void> {
  const reminder = await deps.reminders.get(reminderId);
  if (!reminder) return; // cancelled
  const series = reminder.pattern !== undefined;
  const maxRuns = reminder.maxRuns ?? deps.config.maxReminderRepeats;
  const run = series ? await deps.reminders.countRun(reminderId, runId) : 1;
  if (series && (run === 0 || run > maxRuns)) {
    // Past its last run (a stop that did not finish): stop now, posting nothing more.
    await cancelReminder(deps, reminder);
    return;
  }
  const last = series && run === maxRuns;
  const forMe = reminder.target === reminder.creator;
  const lastNote = last
    ? `\n_This was the last time (${maxRuns === 1 ? 'it was set to go off once' : `it was set to go off ${maxRuns} times`}); set it again with \`/rally remind\` to continue._`
    : '';
  const text = forMe
    ? `:alarm_clock: Reminder: ${escapeMrkdwn(reminder.text)}${lastNote}`
    : `:alarm_clock: Reminder from <@${reminder.creator}>: ${escapeMrkdwn(reminder.text)}${lastNote}`;
  const id = deliveryIds.reminder(reminderId, series ? runId : undefined);
  const sent = await deliver(deps, { id, channel: reminder.target, text, ifUnsure: 'retry' });
  if (!sent.ok) {
    deps.logger.warn({ reason: sent.reason, series }, 'reminder could not be posted');
    // A reminder to oneself that Slack refused cannot be followed by another message to them.
    if (!forMe)
      await notifyPrivately(
        deps,
        { userId: reminder.creator },
        buildReminderNotPostedNotice(reminder, series, sent.reason),
        deliveryIds.reminderRefused(id),
      );
  }
  if (!series || !sent.ok || last) await cancelReminder(deps, reminder);
}
