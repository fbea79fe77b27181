import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { schedulerIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import type { DonationStore } from './store.js';

type Deps = { queues: Queues; donations: DonationStore };

export interface DonationSchedule {
  teamId: string;
  requestedBy: string;
  channel: string;
  /** A cron pattern (seconds field allowed) and the IANA zone it is read in. */
  pattern: string;
  tz: string;
  /** How the schedule reads to people, for `/rally reminders`. */
  description: string;
}

/** How a channel's donation schedule reads, if it has one. */
export async function donationScheduleDescription(deps: Deps, channel: string): Promise<string | undefined> {
  const scheduler = await deps.queues
    .queue('campaign-post')
    .getJobScheduler(schedulerIds.donationPrompt(channel));
  if (!scheduler) return undefined;
  return (
    (await deps.donations.scheduleDescription(channel)) ??
    `on ${scheduler.pattern} (${scheduler.tz ?? 'UTC'})`
  );
}

/**
 * Makes (or replaces) a channel's recurring donation prompt: a job scheduler on the posting queue, read in
 * the organizer's time zone, so it survives restarts and stays at the same local time across DST.
 */
export async function scheduleDonationPrompt(deps: Deps, schedule: DonationSchedule): Promise<void> {
  await deps.donations.setScheduleDescription(schedule.channel, schedule.description);
  await deps.queues.queue('campaign-post').upsertJobScheduler(
    schedulerIds.donationPrompt(schedule.channel),
    { pattern: schedule.pattern, tz: schedule.tz },
    {
      name: 'campaign-post',
      data: {
        kind: 'donation',
        teamId: schedule.teamId,
        requestedBy: schedule.requestedBy,
        channels: [schedule.channel],
        confirmShared: false,
        summary: 'failures',
      },
    },
  );
}

/** Stops the channels' recurring prompts; returns the channels that had one. */
export async function stopDonationPrompts(deps: Deps, channels: readonly string[]): Promise<string[]> {
  const queue = deps.queues.queue('campaign-post');
  const stopped: string[] = [];
  for (const channel of channels) {
    await deps.donations.deleteScheduleDescription(channel);
    if (await queue.removeJobScheduler(schedulerIds.donationPrompt(channel))) stopped.push(channel);
  }
  return stopped;
}

/** An organizer stops the scheduled prompts of some channels (`/rally donate off`, **Stop**): recorded. */
export async function stopDonationSchedules(
  deps: Deps & AuditDeps,
  channels: readonly string[],
  actor: string,
): Promise<string[]> {
  const stopped = await stopDonationPrompts(deps, channels);
  if (stopped.length > 0) {
    await recordOrganizerAction(deps, { actor, action: 'stopped-donation-schedule', channels: stopped });
  }
  return stopped;
}
