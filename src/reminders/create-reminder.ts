import type { Config } from '../config.js';
import { newRecordId } from '../redis/new-id.js';
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

export type CreateReminderDeps = ReminderDeps & { config: Pick<Config, 'maxOpenReminders'> };

export type CreateReminderOutcome = { ok: true; id: string } | { ok: false; problem: string };

/** Why a person cannot set another reminder: how many they have, the most, and how to make room. */
export const tooManyReminders = (waiting: number): string =>
  `You have ${waiting} reminders waiting, the most Rally keeps for one person. Cancel one with \`/rally reminders\`, then try again.`;

/**
 * Stores a reminder (its text stays in Redis, never in a job) and asks the scheduling job to read its
 * time in the creator's Slack time zone, check that the creator is in the channel, schedule it and
 * confirm privately. Refused when the creator already has `RALLY_MAX_OPEN_REMINDERS` waiting.
 */
export async function createReminder(
  deps: CreateReminderDeps,
  request: ReminderRequest,
): Promise<CreateReminderOutcome> {
  const id = newRecordId();
  const stored = await deps.reminders.create(
    {
      id,
      teamId: request.teamId,
      creator: request.creator,
      target: request.target,
      text: request.text,
      when: request.when,
    },
    deps.config.maxOpenReminders,
  );
  if (!stored.ok) return { ok: false, problem: tooManyReminders(stored.waiting) };
  await deps.queues.enqueue('reminder-schedule', {
    reminderId: id,
    ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
  });
  return { ok: true, id };
}
