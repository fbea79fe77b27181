import type { Queues } from '../queues.js';

/** The BullMQ job scheduler that posts a channel's recurring donation prompt: one per channel. */
export const donationSchedulerId = (channel: string): string => `donate-${channel}`;

export interface DonationSchedule {
  teamId: string;
  requestedBy: string;
  channel: string;
  /** A cron pattern (seconds field allowed) and the IANA zone it is read in. */
  pattern: string;
  tz: string;
}

/**
 * Makes (or replaces) a channel's recurring donation prompt: a job scheduler on the posting queue, read in
 * the organizer's time zone, so it survives restarts and stays at the same local time across DST.
 */
export async function scheduleDonationPrompt(queues: Queues, schedule: DonationSchedule): Promise<void> {
  await queues.queue('campaign-post').upsertJobScheduler(
    donationSchedulerId(schedule.channel),
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
export async function stopDonationPrompts(queues: Queues, channels: readonly string[]): Promise<string[]> {
  const queue = queues.queue('campaign-post');
  const stopped: string[] = [];
  for (const channel of channels) {
    if (await queue.removeJobScheduler(donationSchedulerId(channel))) stopped.push(channel);
  }
  return stopped;
}
