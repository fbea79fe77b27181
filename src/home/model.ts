import type { AuditPage } from '../audit/model.js';
import type { Answer, EventCounts, StoredEvent } from '../events/model.js';
import type { Letter, OwnSignature, SignatureTally } from '../letters/model.js';
import type { Reminder } from '../reminders/model.js';
import type { ActiveSchedules } from '../schedules/list-active.js';

/**
 * An open letter as one person's Home tab shows it: its counts as its copies show them, and, only when they
 * signed with their name (public by design), the day they did. Nothing tells any other way of signing.
 */
export interface HomeLetter {
  letter: Letter;
  tally: SignatureTally;
  namedOn?: string;
}

/** An open poll in a channel the person is in: where it is, when it closes and a link to it; no counts. */
export interface HomePoll {
  id: string;
  question: string;
  channel: string;
  closesAt?: number;
  permalink?: string;
}

/**
 * An upcoming event on one person's Home tab: the event (its place blanked unless it is shown to everyone),
 * its counts as its messages draw them, the copy it links to, and the person's answer only to a named event
 * (public by design). Nothing tells whether they answered a counts-only one.
 */
export interface HomeEvent {
  event: StoredEvent;
  counts: EventCounts;
  /** The channel of the copy linked to. */
  channel?: string;
  permalink?: string;
  /** Their answer to a named event; never set for a counts-only one. */
  namedAnswer?: Answer;
}

/**
 * What organizers see besides: every letter with its counts, the active schedules, the newest audit, and
 * who organizes (owners may change it).
 */
export interface OrganizerHome {
  letters: { letter: Letter; tally: SignatureTally }[];
  schedules: ActiveSchedules;
  audit: AuditPage;
  roles: {
    /** The owners named in `RALLY_ORGANIZERS`; empty when the workspace's owners and admins are Rally's. */
    listedOwners: readonly string[];
    /** The people owners added. */
    organizers: readonly string[];
    /** The viewer is an owner: they get the picker and the Remove buttons. */
    canChange: boolean;
  };
}

/**
 * Everything one person's published Home tab shows. Slack keeps a published Home view, so nothing here may
 * say what the privacy rules keep from the workspace's owner: no anonymous or conditional signature, no vote,
 * no pledge, no answer to a counts-only event (see docs/PRIVACY.md).
 */
export interface HomeContent {
  userId: string;
  letters: HomeLetter[];
  polls: HomePoll[];
  /** Open polls in the person's channels were left out, past the newest ones shown. */
  morePolls: boolean;
  /** Upcoming events posted in their channels, and named events they answered, soonest first. */
  events: HomeEvent[];
  /** Upcoming events were left out, past the soonest ones shown. */
  moreEvents: boolean;
  /** The reminders they set, soonest first. */
  reminders: Reminder[];
  /** Present for organizers only. */
  organizer?: OrganizerHome;
}

/** A signature as the person's own private view lists it. */
export interface HeldSignature {
  title: string;
  slug: string;
  open: boolean;
  own: OwnSignature;
}

/** A vote, or a poll started, as the private view lists it. */
export interface HeldPoll {
  question: string;
  channel: string;
  anonymous: boolean;
  closed: boolean;
  /** The options held, for a vote. */
  options?: string[];
}

/** An answer to an event, with whether they asked for its reminders. */
export interface HeldEventAnswer {
  title: string;
  answer: 'going' | 'maybe' | 'cant' | 'waitlist';
  /** A counts-only event keeps it under a code erased when it ends; a named one by user ID. */
  countsOnly: boolean;
  open: boolean;
  reminders: boolean;
}

/** A pledge on an open donation prompt. */
export interface HeldPledge {
  channel?: string;
  nonprofit?: string;
  band?: string;
}

/**
 * What Rally holds about one person right now, read the way `/rally forget me` finds it (by user ID, or by
 * their keyed hash in each open scope), changing nothing. Shown only to them, in a modal, on request.
 */
export interface Holdings {
  signatures: HeldSignature[];
  votes: HeldPoll[];
  pollsStarted: HeldPoll[];
  pledges: HeldPledge[];
  eventAnswers: HeldEventAnswer[];
  reminders: Reminder[];
  /** When they last opened the Home tab, while Rally keeps it. */
  homeOpenedAt?: number;
  /** Records of finished jobs that carry their user ID (their own recent requests). */
  jobRecords: number;
  /** They are on the list of organizers owners keep. */
  organizerRole: boolean;
  /** Entries of the organizers' audit that name them (as the organizer who acted, or the person acted on). */
  auditEntries: number;
}
