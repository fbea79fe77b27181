import type { DigestScheduleDeps } from '../digests/stop-digest.js';
import { donationScheduleDescription } from '../donations/schedule.js';
import type { DonationStore } from '../donations/store.js';
import type { ReminderDeps } from '../reminders/cancel-reminder.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { buildScheduleList, type ScheduledPrompt } from './blocks/schedule-list.js';

/**
 * `/rally reminders`: the caller's reminders and this channel's, and the channel's scheduled donation
 * prompt and digest, each with a button to stop it.
 */
export async function listSchedules(
  deps: ReminderDeps & DigestScheduleDeps & { donations: DonationStore },
  userId: string,
  channel: string,
): Promise<MessageContent> {
  const reminders = await deps.reminders.listFor(userId, channel);
  const prompts: ScheduledPrompt[] = [];
  const description = await donationScheduleDescription(deps, channel);
  if (description) prompts.push({ channel, description });
  const digest = (await deps.digests.get(channel)).description;
  return buildScheduleList(reminders, prompts, digest ? { channel, description: digest } : undefined);
}
