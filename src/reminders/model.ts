/** A reminder as stored until it has fired (or its series is cancelled). */
export interface Reminder {
  id: string;
  teamId: string;
  /** Who set it; only they (or an organizer) may cancel it. */
  creator: string;
  /** A channel ID, or the creator's user ID for "me" (a direct message). */
  target: string;
  text: string;
  /** The words that say when, as typed; read in the creator's time zone by the scheduling job. */
  when: string;
  /** Set once scheduled: the instant of a one-off reminder... */
  at?: number;
  /** ... or the cron pattern of a recurring one. */
  pattern?: string;
  tz?: string;
  /** How the time reads to people, e.g. "every Monday at 09:00 (America/Los_Angeles)". */
  description?: string;
  /** A series goes off this many times, then stops (see `RALLY_MAX_REMINDER_REPEATS`). */
  maxRuns?: number;
}
