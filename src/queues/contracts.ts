import { z } from 'zod';

const slackId = z.string().regex(/^[A-Z0-9]+$/, { error: 'must be a Slack ID' });

const promptId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, { error: 'must be a prompt ID' });
const reminderId = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, { error: 'must be a reminder ID' });
const pollId = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, { error: 'must be a poll ID' });
const letterId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a letter ID' });
const articleId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be an article ID' });
const eventId = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, { error: 'must be an event ID' });
/** A person as an event records them: a user ID (named events) or a keyed hash (counts-only ones). */
const eventPerson = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, { error: 'must be a user ID or a keyed hash' });
const responseUrl = z.url({ protocol: /^https?$/ });

/** The most channels one post request may have (one child job each; a command names at most 100). */
export const maxPostChannels = 500;

/**
 * The jobs that do something a person asked for (a reminder going off included): when one fails for good
 * (its retries spent, or Slack refused for good), the person is told (see `failed-requests/`).
 */
export const requestQueues = [
  'campaign-post',
  'donation-schedule',
  'reminder-schedule',
  'reminder-fire',
  'digest-schedule',
  'forget',
  'home-holdings',
  'poll-create',
  'poll-nudge',
  'letter-close',
  'letter-preview',
  'article-preview',
  'signatures-export',
  'event-create',
  'event-change',
  'event-cancel',
] as const;

/** The most characters of a time in words (`closes <when>`, a digest's or a donation prompt's repeat) a job carries. */
export const maxWhenLength = 200;

/**
 * Every queue Rally uses and the data its jobs carry, validated when a job is added and again when a
 * worker takes it. Queue names contain no `:` (BullMQ uses it as its key separator).
 */
export const jobSchemas = {
  /** Publish a person's App Home tab: they opened it, or what it shows them changed. */
  'home-publish': z.strictObject({ teamId: slackId, userId: slackId }),
  /**
   * Something every Home tab shows changed (a letter opened, closed or redrawn, a poll opened or closed, an
   * event posted, changed, cancelled, over or redrawn): one publish job for each person who opened the Home
   * tab recently. With `organizers`, something only organizers' tabs show changed (an organizer's action,
   * which the audit records): theirs only.
   */
  'home-refresh': z.strictObject({ organizers: z.literal(true).optional() }),
  /** Show a person what Rally holds about them, in the modal they opened from the Home tab. */
  'home-holdings': z.strictObject({ teamId: slackId, userId: slackId, viewId: slackId }),
  /**
   * Post the article, the letter or a donation prompt to channels for an organizer, and tell them how it
   * went. A scheduled donation prompt has no `postId`: its run's job ID stands for it.
   */
  'campaign-post': z.strictObject({
    postId: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{8,64}$/)
      .optional(),
    kind: z.enum(['article', 'letter', 'donation', 'event']),
    /** Which event, for an event. */
    eventId: eventId.optional(),
    /** Which letter, for a letter (the campaign's when absent: what jobs queued by earlier versions carry). */
    letterId: letterId.optional(),
    /** Which article, for an article (the newest when absent: what jobs queued by earlier versions carry). */
    articleId: articleId.optional(),
    teamId: slackId,
    requestedBy: slackId,
    channels: z.array(slackId).min(1).max(maxPostChannels),
    /** The organizer confirmed posting to channels shared with other organizations. */
    confirmShared: z.boolean(),
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Scheduled runs tell the organizer only about failures. */
    summary: z.enum(['always', 'failures']).default('always'),
  }),
  /** One channel of a post request (a child of its `campaign-post` job): check, join, post, remember. */
  'post-channel': z.strictObject({
    postId: z.string().regex(/^[a-zA-Z0-9_-]{8,64}$/),
    kind: z.enum(['article', 'letter', 'donation', 'event']),
    /** Which event, for an event. */
    eventId: eventId.optional(),
    /** Which letter, for a letter. */
    letterId: letterId.optional(),
    /** Which article, for an article. */
    articleId: articleId.optional(),
    teamId: slackId,
    channel: slackId,
    confirmShared: z.boolean(),
  }),
  /** Set a channel's recurring donation prompt: reads `when` in the organizer's time zone first. */
  'donation-schedule': z.strictObject({
    teamId: slackId,
    requestedBy: slackId,
    channels: z.array(slackId).min(1).max(maxPostChannels),
    when: z.string().min(1).max(maxWhenLength),
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  /** Read a stored reminder's time in its creator's zone, then schedule it (once, or as a series). */
  'reminder-schedule': z.strictObject({
    reminderId,
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  /** Post a reminder. Carries only the reminder's ID: its text stays in Redis until it has fired. */
  'reminder-fire': z.strictObject({ reminderId }),
  /** Set a channel's digest schedule: reads the words in the organizer's time zone first. */
  'digest-schedule': z.strictObject({
    channel: slackId,
    teamId: slackId,
    requestedBy: slackId,
    when: z.string().min(1).max(maxWhenLength),
    quiet: z.boolean(),
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  /** Post a channel's digest (scheduled, or now when an organizer asks). */
  'digest-post': z.strictObject({ channel: slackId, teamId: slackId }),
  /** Remove what Rally holds under a person who asked (`/rally forget me`), then tell them what went. */
  forget: z.strictObject({
    teamId: slackId,
    userId: slackId,
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** The modal to answer in, when asked from the Home tab (which has no response_url). */
    viewId: slackId.optional(),
  }),
  /** Redraw the live counts on a message that shows a tally (every copy of the letter, or one poll). */
  'message-refresh': z.discriminatedUnion('target', [
    z.strictObject({ target: z.literal('letter'), letterId }),
    z.strictObject({ target: z.literal('poll'), pollId }),
    z.strictObject({ target: z.literal('donation'), promptId }),
    z.strictObject({ target: z.literal('event'), eventId }),
  ]),
  /** Store and post a new poll; resolves `closes <words>` in the creator's time zone first. */
  'poll-create': z.strictObject({
    pollId,
    teamId: slackId,
    channel: slackId,
    creatorId: slackId,
    question: z.string().min(1).max(300),
    options: z.array(z.string().min(1).max(75)).min(2).max(10),
    anonymous: z.boolean(),
    multiple: z.boolean(),
    hidden: z.boolean(),
    /** Plain words to read in the creator's time zone, e.g. "friday 17:00". */
    closesWords: z.string().max(maxWhenLength).optional(),
    /** Already an instant (from the form's date picker), in ms. */
    closesAt: z.number().int().positive().optional(),
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  /**
   * Every `redrawClockMs`, on the clock: redraw the messages whose anonymous counts changed by at least two
   * acts since their last redraw.
   */
  'redraw-clock': z.strictObject({}),
  /** Close a letter: signing stops, its key and hashes are erased, its copies show the final count. */
  'letter-close': z.strictObject({
    letterId,
    requestedBy: slackId.optional(),
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  /** Read a saved letter's closing words in its organizer's zone, and send them its preview with its buttons. */
  'letter-preview': z.strictObject({ letterId, requestedBy: slackId }),
  /** Send the organizer who saved an article its preview with its buttons. */
  'article-preview': z.strictObject({ articleId, requestedBy: slackId }),
  /** Send an organizer the letter's delivery export, with signers' names read from their Slack profiles. */
  'signatures-export': z.strictObject({
    letterId,
    requestedBy: slackId,
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  /** End a donation prompt (an organizer pressed End, or it expired): its key and pledger hashes go. */
  'donation-end': z.strictObject({ promptId }),
  /**
   * Ask Redis to rewrite its append-only file and save its snapshot, so that anonymous key material deleted
   * in memory is gone from its files too. Carries nothing: one job, deduplicated and delayed, stands for
   * every erasure of its window.
   */
  'redis-compact': z.strictObject({}),
  /** Remind one member who has not voted in a public poll (a child of its `poll-nudge` job). */
  'nudge-dm': z.strictObject({
    pollId,
    runId: z.string().regex(/^[A-Za-z0-9_-]{1,120}$/),
    member: slackId,
    /** The poll message's link, asked of Slack once for the whole nudge (absent: the child asks). */
    link: z
      .url({ protocol: /^https$/ })
      .max(500)
      .optional(),
  }),
  /** Redraw one posted copy of a letter with the current counts. */
  'copy-redraw': z.strictObject({ letterId, channel: slackId, ts: z.string().regex(/^\d+\.\d+$/) }),
  /** Close a poll: at its closing time, or early when its creator asks. */
  'poll-close': z.strictObject({ pollId }),
  /** Remind the poll's thread that it closes in an hour. */
  'poll-reminder': z.strictObject({ pollId }),
  /** Privately remind the channel's members who have not voted; tell the creator only how many. */
  'poll-nudge': z.strictObject({
    pollId,
    /** Who asked, to tell them privately; absent for an anonymous poll (only its response_url is kept). */
    requestedBy: slackId.optional(),
    responseUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  /**
   * Read a new event's times in its organizer's zone (`zone` when the form knew it, else their Slack
   * profile's), store it, schedule its reminders and end, and post it to its channels.
   */
  'event-create': z.strictObject({
    eventId,
    teamId: slackId,
    requestedBy: slackId,
    channels: z.array(slackId).min(1).max(maxPostChannels),
    title: z.string().min(1).max(150),
    description: z.string().max(2_000),
    place: z.string().max(300),
    placeFor: z.enum(['everyone', 'going']),
    capacity: z.number().int().min(1).max(100_000).optional(),
    mode: z.enum(['named', 'counts']),
    startWords: z.string().min(1).max(200),
    endWords: z.string().max(200).optional(),
    zone: z.string().max(64).optional(),
    responseUrl: responseUrl.optional(),
  }),
  /**
   * At its time (a day, or an hour, before the start it was set for): one `event-notice` child per
   * person who asked for reminders. Carries no person.
   */
  'event-remind': z.strictObject({
    eventId,
    kind: z.enum(['day-before', 'hour-before']),
    startsAt: z.number().int().positive(),
  }),
  /**
   * One private notice about an event to one person who asked for reminders (a reminder, a change, the
   * cancellation), or to a named event's person promoted from the waitlist. `person` is how the event
   * records them: for a counts-only event a keyed hash, whose user ID the job opens from the event's
   * sealed record, so no job pairs a user ID with a counts-only event. `version` names this notice's
   * occasion (the start a reminder is for, the revision a change made, a promotion's nonce).
   */
  'event-notice': z.strictObject({
    eventId,
    notice: z.enum(['day-before', 'hour-before', 'changed', 'cancelled', 'promoted']),
    version: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    person: eventPerson,
  }),
  /** After a change: redraw every copy, post a notice in each thread, tell the people who asked for reminders. */
  'event-change': z.strictObject({
    eventId,
    revision: z.number().int().min(1),
    changed: z.array(z.enum(['title', 'time', 'place', 'description'])).min(1),
    requestedBy: slackId,
    responseUrl: responseUrl.optional(),
  }),
  /** Cancel an event: answers stop, copies and threads say so, people who asked for reminders are told. */
  'event-cancel': z.strictObject({ eventId, requestedBy: slackId, responseUrl: responseUrl.optional() }),
  /** At its end (the end it was set for): answers close, copies show the final count, a counts-only key goes. */
  'event-end': z.strictObject({ eventId, endsAt: z.number().int().positive() }),
  /**
   * Tell the person who asked that their request (a job of `queue`) failed for good: through the
   * response_url, in the modal they asked from, or in a direct message when one may be sent.
   */
  'request-failed': z.strictObject({
    queue: z.enum(requestQueues),
    userId: slackId.optional(),
    responseUrl: responseUrl.optional(),
    viewId: slackId.optional(),
    /** A reminder whose run failed: its creator is read from its record. */
    reminderId: reminderId.optional(),
    directMessage: z.boolean(),
    /** Slack's error code when Slack refused the request for good. */
    slackRefusal: z
      .string()
      .regex(/^[a-z0-9_]{1,80}$/)
      .optional(),
  }),
  /** Redraw one posted copy of an event. */
  'event-copy-redraw': z.strictObject({ eventId, channel: slackId, ts: z.string().regex(/^\d+\.\d+$/) }),
  /** Post (or update) the list of who is going in a named event's thread. */
  'event-attendees': z.strictObject({ eventId, channel: slackId, ts: z.string().regex(/^\d+\.\d+$/) }),
} as const;

export type QueueName = keyof typeof jobSchemas;
/** A job's data as its processor receives it (defaults applied). */
export type JobData<Q extends QueueName> = z.output<(typeof jobSchemas)[Q]>;
/** A job's data as a producer gives it (fields with defaults may be left out). */
export type JobInput<Q extends QueueName> = z.input<(typeof jobSchemas)[Q]>;
export const queueNames = Object.keys(jobSchemas) as QueueName[];

/** Job data that failed its schema; never retried. */
export class InvalidJobDataError extends Error {
  override readonly name = 'InvalidJobDataError';
}

export function parseJobData<Q extends QueueName>(queue: Q, data: unknown): JobData<Q> {
  const parsed = jobSchemas[queue].safeParse(data);
  if (!parsed.success) {
    throw new InvalidJobDataError(`invalid ${queue} job data: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data as JobData<Q>;
}
