/**
 * The IDs of deliveries (see `deliver.ts`): each names one message, so that a retried job finds the
 * record of what it already posted. Spelled once, here; none carries a user ID.
 */
export const deliveryIds = {
  /** One channel's copy of a post request (article, letter or donation prompt). */
  post: (postId: string, channel: string) => `post-${postId}-${channel}`,
  /** The discussion prompt in the thread of a posted article. */
  postThread: (postId: string, channel: string) => `post-${postId}-${channel}-thread`,
  poll: (pollId: string) => `poll-${pollId}`,
  pollResults: (pollId: string) => `poll-results-${pollId}`,
  pollReminder: (pollId: string) => `poll-reminder-${pollId}`,
  /** The reminder in an anonymous poll's thread, one per nudge run. */
  nudgeThread: (pollId: string, runId: string) => `nudge-thread-${pollId}-${runId}`,
  /** One person's nudge, named by their keyed hash for the poll, never their ID. */
  nudge: (runId: string, memberHash: string) => `nudge-${runId}-${memberHash}`,
  /** A one-off reminder is named by itself; each run of a series by the run. */
  reminder: (reminderId: string, runId?: string) =>
    runId ? `reminder-${reminderId}-${runId}` : `reminder-${reminderId}`,
  /** What the creator of a reminder hears when Slack refused it for good: one per reminder delivery. */
  reminderRefused: (reminderDelivery: string) => `${reminderDelivery}-refused`,
  digest: (channel: string, runId: string) => `digest-${channel}-${runId}`,
  /** The preview of a letter sent to the organizer who saved it, one per save. */
  letterPreview: (runId: string) => `letter-preview-${runId}`,
  /** The preview of an article sent to the organizer who saved it, one per save. */
  articlePreview: (runId: string) => `article-preview-${runId}`,
  /** One person's notice about an event (see `jobIds.eventNotice`): named by a hash, never a user ID. */
  eventNotice: (eventId: string, notice: string, version: string, personRef: string) =>
    `event-notice-${eventId}-${notice}-${version}-${personRef}`,
  /** The notice in one copy's thread that the event changed (one per revision) or was cancelled. */
  eventThread: (eventId: string, channel: string, occasion: string) =>
    `event-thread-${eventId}-${channel}-${occasion}`,
  /** The list of who is going in one copy's thread, first posted (later requests update it). */
  eventAttendees: (eventId: string, channel: string, ts: string) =>
    `event-attendees-${eventId}-${channel}-${ts}`,
  /** The files of a letter's delivery package (its PDF and CSV) sent to the organizer who asked, one per request. */
  deliveryPackage: (runId: string) => `package-${runId}`,
  /** The private notice a job sends as a direct message when its response_url fails: one per job run. */
  notice: (runId: string) => `notify-${runId}`,
} as const;
