/**
 * Every BullMQ job ID, job scheduler ID and deduplication ID Rally chooses, spelled once. BullMQ uses
 * `:` as its key separator, so none of them contains one; none carries a user ID (see docs/PRIVACY.md).
 */

/** Job IDs: a job added twice under one ID exists once, which is what makes scheduling idempotent. */
export const jobIds = {
  /** A poll's closing at its time. */
  pollClose: (pollId: string) => `close-${pollId}`,
  /** A poll closed early by its creator or an organizer. */
  pollCloseNow: (pollId: string) => `close-now-${pollId}`,
  /** The reminder in a poll's thread an hour before it closes. */
  pollReminder: (pollId: string) => `remind-${pollId}`,
  /** A one-off reminder's firing (a series uses {@link schedulerIds.reminder} instead). */
  reminderFire: (reminderId: string) => `reminder-${reminderId}`,
  /** A donation prompt's end: when an organizer asks (`now`), or when it expires (`expiry`). */
  donationEnd: (promptId: string, when: 'now' | 'expiry') => `end-${promptId}-${when}`,
  /** A letter's closing at its closing time. */
  letterCloseAt: (letterId: string) => `letter-close-${letterId}`,
  /** The preview of a letter an organizer saved, one per save. */
  letterPreview: (letterId: string, nonce: string) => `letter-preview-${letterId}-${nonce}`,
  /** The preview of an article an organizer saved, one per save. */
  articlePreview: (articleId: string, nonce: string) => `article-preview-${articleId}-${nonce}`,
  /** One channel of a post request. */
  postChannel: (postId: string, channel: string) => `post-${postId}-${channel}`,
  /** One member's reminder in a nudge run, named by their hash for the poll, never their ID. */
  nudgeDm: (pollId: string, runId: string, memberHash: string) => `nudge-${pollId}-${runId}-${memberHash}`,
  /** A digest an organizer asked for now; `nonce` keeps two requests apart. */
  digestNow: (nonce: string) => `digest-now-${nonce}`,
  /** Creating an event (its ID is chosen when it is asked for). */
  eventCreate: (eventId: string) => `event-create-${eventId}`,
  /** An event's reminder, for the start it was set for: a move makes a new one. */
  eventRemind: (eventId: string, kind: string, startsAt: number) =>
    `event-remind-${eventId}-${kind}-${startsAt}`,
  /** One person's notice about an event, named by a hash (see `events/person.ts`), never a user ID. */
  eventNotice: (eventId: string, notice: string, version: string, personRef: string) =>
    `event-notice-${eventId}-${notice}-${version}-${personRef}`,
  /** An event's end, for the end it was set for. */
  eventEnd: (eventId: string, endsAt: number) => `event-end-${eventId}-${endsAt}`,
  eventChange: (eventId: string, revision: number) => `event-change-${eventId}-${revision}`,
  eventCancel: (eventId: string) => `event-cancel-${eventId}`,
  /** The notice to a requester that a job (named by its queue and ID) failed for good: one per failed job. */
  requestFailed: (queue: string, jobId: string) => `failed-${queue}-${jobId}`,
} as const;

/** Job scheduler IDs: one repeating schedule per thing it repeats. */
export const schedulerIds = {
  /** The one clock that redraws anonymous counts. */
  redrawClock: 'redraw-clock',
  reminder: (reminderId: string) => `reminder-${reminderId}`,
  digest: (channel: string) => `digest-${channel}`,
  donationPrompt: (channel: string) => `donate-${channel}`,
} as const;

/** Deduplication IDs of coalesced jobs: while one is waiting, adding another changes nothing. */
export const dedupIds = {
  letterRedraw: (letterId: string) => `refresh-letter-${letterId}`,
  pollRedraw: (pollId: string) => `refresh-poll-${pollId}`,
  donationRedraw: (promptId: string) => `refresh-donation-${promptId}`,
  /** Named by a keyed hash of the person, never their ID. */
  homePublish: (personHash: string) => `home-${personHash}`,
  /** The one refresh of recent viewers' Home tabs that changes in a short window share. */
  homeRefresh: 'home-refresh',
  /** The same, of the organizers among them. */
  organizersHomeRefresh: 'home-refresh-organizers',
  copyRedraw: (letterId: string, channel: string, ts: string) => `refresh-copy-${letterId}-${channel}-${ts}`,
  eventRedraw: (eventId: string) => `refresh-event-${eventId}`,
  eventCopyRedraw: (eventId: string, channel: string, ts: string) =>
    `refresh-event-copy-${eventId}-${channel}-${ts}`,
  eventAttendees: (eventId: string, channel: string, ts: string) =>
    `event-attendees-${eventId}-${channel}-${ts}`,
  /** The one compaction of Redis's files that every erasure in a window shares (see privacy/compaction.ts). */
  redisCompact: 'redis-compact',
} as const;

/**
 * A job's ID as a name part for the records it leaves (delivery IDs): a scheduler's run has an ID such
 * as `repeat:...:1700000000000`, whose `:` would break key patterns.
 */
export const runIdOf = (job: { id?: string | undefined }): string =>
  String(job.id).replace(/[^A-Za-z0-9_-]/g, '-');
