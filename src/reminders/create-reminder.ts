import { randomBytes } from 'node:crypto';
import type { ReminderDeps } from './cancel-reminder.js';

/** A reminder as typed: for the creator or a channel, what, and when in words. */
export interface ReminderRequest {
  teamId: string;
  creator: string;
  /** A channel ID, or the creator's own ID for "me". */
  target: string;
  text: string;
  when: string;
  responseUrl?: string | undefined;
}

/**
 * Stores a reminder (its text stays in Redis, never in a job) and asks the scheduling job to read its
 * time in the creator's Slack time zone, schedule it and confirm privately.
 */
export async function createReminder(deps: ReminderDeps, request: ReminderRequest): Promise<string> {
  const id = randomBytes(9).toString('base64url');
  await deps.reminders.create({
    id,
    teamId: request.teamId,
    creator: request.creator,
    target: request.target,
    text: request.text,
    when: request.when,
  });
  await deps.queues.enqueue('reminder-schedule', {
    reminderId: id,
    ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
  });
  return id;
}
