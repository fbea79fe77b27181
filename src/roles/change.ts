/** What an owner's change to the organizers did, to tell them. */
export type ChangeOutcome =
  | 'added'
  | 'already'
  | 'owner'
  | 'bot'
  | 'other-organization'
  | 'deactivated'
  | 'unknown'
  | 'slack-unavailable'
  | 'removed'
  | 'removed-still-owner'
  | 'not-listed';

export interface OrganizerChange {
  outcome: ChangeOutcome;
  /** The person the owner picked or removed. */
  userId: string;
}
