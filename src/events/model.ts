/** What a person answered: going, maybe, can't go, or going once a place frees up (the waitlist). */
export type Answer = 'going' | 'maybe' | 'cant' | 'waitlist';

/** The three answers a person can press; `waitlist` is where Rally puts a Going that finds the event full. */
export type Pressed = 'going' | 'maybe' | 'cant';

/**
 * How answers are kept: `named` (by Slack user ID; the list of who is going is shown in the thread to
 * anyone who asks) or `counts` (under a keyed hash for this event only, like an anonymous poll's voters:
 * counts shown within the small-numbers rule, nothing that links a person to an answer once it ends).
 */
export type AnswerMode = 'named' | 'counts';

/** Who may see the place: everyone reading the event, or only people who answered Going. */
export type PlaceFor = 'everyone' | 'going';

/** An event as an organizer asked for it, once read and checked (from the command or the form). */
export interface EventDetails {
  title: string;
  description: string;
  /** A place or a link; empty when none was given. */
  place: string;
  placeFor: PlaceFor;
  /** At most this many Going; the rest wait on the waitlist. Absent: no limit. */
  capacity?: number;
  mode: AnswerMode;
}

/** The event's state: taking answers, cancelled, or over (it took place). */
export type EventStatus = 'open' | 'cancelled' | 'ended';

/** An event as stored; answers, counts and copies live in their own keys. */
export interface StoredEvent extends EventDetails {
  id: string;
  teamId: string;
  /** When it starts and ends (ms). An event given no end is taken to last {@link defaultLengthMs}. */
  startsAt: number;
  endsAt: number;
  /** Whether the organizer gave the end, or it is the default length. */
  endGiven: boolean;
  /** The zone its times were read in (the creator's Slack zone): edits read times there too. */
  zone: string;
  status: EventStatus;
  /** Goes up with every change people are told about (calendars read it as the iCalendar SEQUENCE). */
  revision: number;
  createdAt: number;
  /** When it was cancelled or ended (ms). */
  closedAt?: number;
  /**
   * The counts as last drawn on the event's messages: what the digest, `/rally events` and the Home tab
   * show of a counts-only event, so that nothing shows a count before the redraw clock does.
   */
  shown?: EventCounts;
}

/** An event is taken to last an hour when given no end, for calendars and for closing answers. */
export const defaultLengthMs = 60 * 60_000;

/** How many people hold each answer. */
export interface EventCounts {
  going: number;
  maybe: number;
  cant: number;
  waitlist: number;
}

export const noCounts: EventCounts = { going: 0, maybe: 0, cant: 0, waitlist: 0 };

/** Everyone who answered, whatever they answered. */
export const answered = (counts: EventCounts): number =>
  counts.going + counts.maybe + counts.cant + counts.waitlist;

/** A posted copy of the event message. */
export interface EventCopy {
  channel: string;
  ts: string;
}

/** What a press changed: the answer the person now holds (none after a withdrawal). */
export type AnswerResult =
  | {
      ok: true;
      answer: Answer | undefined;
      previous: Answer | undefined;
      /** Whether the person has reminders now. */
      reminders: boolean;
      promoted?: string;
    }
  | { ok: false; reason: 'closed' | 'unknown-event' };

/** The reminders a person can ask for, and the notices people who asked for reminders get. */
export type ReminderKind = 'day-before' | 'hour-before';
export type NoticeKind = ReminderKind | 'changed' | 'cancelled' | 'promoted';
