/**
 * What organizers did, as the audit keeps it: who, what, when, where. Only organizers' actions are kept,
 * never a participant's (signing, voting, pledging, reminders of their own).
 */
export type AuditAction =
  | 'posted'
  | 'exported-signatures'
  | 'wrote-letter'
  | 'edited-letter'
  | 'discarded-letter'
  | 'revised-letter'
  | 'closed-letter'
  | 'saved-article'
  | 'deleted-article'
  | 'added-nonprofit'
  | 'removed-nonprofit'
  | 'set-donation-schedule'
  | 'stopped-donation-schedule'
  | 'ended-donation-prompt'
  | 'set-digest'
  | 'stopped-digest'
  | 'stopped-reminder'
  | 'closed-poll'
  | 'edited-event'
  | 'cancelled-event'
  | 'added-organizer'
  | 'removed-organizer';

/** An organizer's action, as recorded. `subject` names what it acted on, as it was then (a title, a name). */
export interface AuditEntry {
  at: number;
  /**
   * The organizer's user ID: organizers are known to each other by design. `forgottenActor` once they
   * asked to be forgotten: the action stays, without them.
   */
  actor: string;
  action: AuditAction;
  subject?: string;
  /** The person acted on, as a user ID (an organizer added or removed), shown as Slack shows them. */
  person?: string;
  /** Channels it acted in, when any. */
  channels?: string[];
}

/** One page of the audit, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Entries before this page (newer ones). */
  offset: number;
  /** Every entry kept. */
  total: number;
}

/** Who stands in an entry for a person who asked Rally to forget them. */
export const forgottenActor = 'forgotten';
