import { subcommand } from '../commands/catalog.js';
import type { Config } from '../config.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import { jobIds, schedulerIds } from '../queues/job-ids.js';
import { buildCommandErrorMessage, buildNotice } from '../slack/blocks/messages.js';
import { channelMembership } from '../slack/channel-membership.js';
import { describeSlackFailure } from '../slack/failure-reasons.js';
import { userTimeZone } from '../slack/user-time-zone.js';
import { describeInstant } from '../time/instant-words.js';
import { seriesLength, splitSeriesEnd } from '../time/series-end.js';
import { isRecurringPhrase, parseWhen } from '../time/when.js';
import type { ReminderDeps } from './cancel-reminder.js';
import type { Reminder } from './model.js';

export type ScheduleReminderDeps = DeliveryDeps &
  ReminderDeps & { config: Pick<Config, 'maxReminderRepeats'> };

const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);

/**
 * Why the creator may not remind the reminder's channel, or undefined when they may (or it is for
 * themselves): only a member of a channel can have Rally post a reminder there. A private channel
 * Rally is not in cannot be checked, so it is refused too, saying why.
 */
async function channelProblem(deps: ScheduleReminderDeps, reminder: Reminder): Promise<string | undefined> {
  if (reminder.target === reminder.creator) return undefined;
  const channel = `<#${reminder.target}>`;
  const membership = await channelMembership(deps.slack, reminder.target, reminder.creator);
  if (membership === 'member') return undefined;
  if (membership === 'not-member') {
    return `:warning: You can only set reminders in channels you are a member of, and you are not in ${channel}, so I did not set it. Join the channel first, or remind yourself with \`/rally remind me\`.`;
  }
  return `:warning: I could not check that you are in ${channel}, so I did not set the reminder. ${describeSlackFailure(membership.unknown)}`;
}

/**
 * Reads a reminder's "when" in its creator's Slack time zone and schedules it: a delayed job for a
 * one-off, a job scheduler in that zone for a series (so "every monday at 9am" stays at 09:00 across
 * daylight-saving changes). A series goes off as many times as asked ("... 10 times", "... until march
 * 1"), never more than `RALLY_MAX_REMINDER_REPEATS`, then stops. A reminder for a channel is only set for
 * a member of that channel. Tells the creator privately the exact time and zone, or what was wrong.
 */
export async function scheduleReminder(
  deps: ScheduleReminderDeps,
  job: JobData<'reminder-schedule'>,
  runId: string,
): Promise<void> {
  const { reminders, queues, slack } = deps;
  const reminder = await reminders.get(job.reminderId);
  if (!reminder) return;
  const to = { userId: reminder.creator, responseUrl: job.responseUrl };
  const noticeId = deliveryIds.notice(runId);
  const refuse = async (message: ReturnType<typeof buildNotice>) => {
    await reminders.delete(reminder);
    await notifyPrivately(deps, to, message, noticeId);
  };
  const notAllowed = await channelProblem(deps, reminder);
  if (notAllowed) return refuse(buildNotice(notAllowed));

  const zone = await userTimeZone(slack, reminder.creator);
  const now = new Date();
  const split = isRecurringPhrase(reminder.when) ? splitSeriesEnd(reminder.when) : { words: reminder.when };
  const when = parseWhen(split.words, now, zone);
  if (!when.ok) return refuse(buildCommandErrorMessage(when.problem, subcommand('remind')));
  const who = reminder.target === reminder.creator ? 'you' : `<#${reminder.target}>`;
  let confirmation: string;
  if (when.kind === 'once') {
    await reminders.update(reminder.id, { at: when.at.getTime(), tz: zone, description: when.description });
    await queues.enqueue(
      'reminder-fire',
      { reminderId: reminder.id },
      { jobId: jobIds.reminderFire(reminder.id), delay: Math.max(0, when.at.getTime() - Date.now()) },
    );
    confirmation = `I'll remind ${who} on ${when.description}.`;
  } else {
    const length = seriesLength(when.recurrence, split.end, now, zone, deps.config.maxReminderRepeats);
    if (!length.ok) return refuse(buildCommandErrorMessage(length.problem, subcommand('remind')));
    const last = describeInstant(length.last, zone, now);
    const description = `${when.description}, ${times(length.runs)}, the last on ${last}`;
    const { pattern, tz } = when.recurrence;
    await reminders.update(reminder.id, { pattern, tz, description, maxRuns: length.runs });
    await queues
      .queue('reminder-fire')
      .upsertJobScheduler(
        schedulerIds.reminder(reminder.id),
        { pattern, tz },
        { name: 'reminder-fire', data: { reminderId: reminder.id } },
      );
    confirmation = length.capped
      ? `I'll remind ${who} ${when.description}; it stops after ${times(length.runs)} (the last on ${last}) — set it again to continue.`
      : `I'll remind ${who} ${when.description}, ${times(length.runs)}: the last on ${last}.`;
  }
  await notifyPrivately(deps, to, buildNotice(confirmation), noticeId);
}
