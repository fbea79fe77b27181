import type { DigestScheduleDeps } from '../digests/stop-digest.js';
import { donationScheduleDescription } from '../donations/schedule.js';
import type { DonationStore } from '../donations/store.js';
import { schedulerIds } from '../queues/job-ids.js';
import type { ReminderDeps } from '../reminders/cancel-reminder.js';
import type { Reminder } from '../reminders/model.js';
import type { ScheduledPrompt } from './blocks/schedule-list.js';

/** What is scheduled in every channel: digests, recurring donation prompts, and reminders set for channels. */
export interface ActiveSchedules {
  digests: ScheduledPrompt[];
  prompts: ScheduledPrompt[];
  /** Reminders set for a channel, soonest first (not those people set for themselves). */
  reminders: Reminder[];
}

/** The channels of a queue's job schedulers whose IDs are `schedulerId(channel)`. */
async function scheduledChannels(
  deps: { queues: ReminderDeps['queues'] },
  queue: 'digest-post' | 'campaign-post',
  schedulerId: (channel: string) => string,
): Promise<string[]> {
  const prefix = schedulerId('');
  const schedulers = await deps.queues.queue(queue).getJobSchedulers();
  return schedulers
    .map((s) => s.key)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length))
    .sort();
}

/** Every active schedule across channels, for the organizers' Home tab, each of which they can stop. */
export async function listActiveSchedules(
  deps: ReminderDeps & DigestScheduleDeps & { donations: DonationStore },
): Promise<ActiveSchedules> {
  const digests: ScheduledPrompt[] = [];
  for (const channel of await scheduledChannels(deps, 'digest-post', schedulerIds.digest)) {
    const description = (await deps.digests.get(channel)).description;
    digests.push({ channel, description: description ?? 'on a schedule' });
  }
  const prompts: ScheduledPrompt[] = [];
  for (const channel of await scheduledChannels(deps, 'campaign-post', schedulerIds.donationPrompt)) {
    const description = await donationScheduleDescription(deps, channel);
    if (description) prompts.push({ channel, description });
  }
  return { digests, prompts, reminders: await deps.reminders.listForChannels() };
}
