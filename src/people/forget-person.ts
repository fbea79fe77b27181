import type { AuditDeps } from '../audit/record-action.js';
import type { DonationDeps } from '../donations/deps.js';
import { forgetPledges } from '../donations/forget-pledger.js';
import type { EventDeps } from '../events/deps.js';
import { forgetInEvents } from '../events/forget-person.js';
import { forgetHomeViewer, type HomeKeyDeps } from '../home/publish-home.js';
import type { HomeStore } from '../home/store.js';
import type { LetterDeps } from '../letters/deps.js';
import { forgetSignatures } from '../letters/forget-signer.js';
import type { SignatureKind } from '../letters/model.js';
import { type ForgetInPollsDeps, forgetInPolls } from '../polls/forget-person.js';
import { type CompactionRequestDeps, requestCompaction } from '../privacy/compaction.js';
import { finishedJobsNaming } from '../queues/job-records.js';
import type { ReminderDeps } from '../reminders/cancel-reminder.js';
import { forgetReminders } from '../reminders/forget-creator.js';
import type { OrganizerStore } from '../roles/organizer-store.js';

/** What `/rally forget me` removed. */
export interface ForgetReport {
  /** The signatures removed, one per letter signed. */
  signatures: SignatureKind[];
  votes: number;
  pledges: number;
  reminders: number;
  /** Answers to events (with the reminders asked for them); absent when there were none. */
  eventAnswers?: number;
  pollsStarted: number;
  /** Open public polls where their reaction stays visible (only they can remove it) but no longer counts. */
  reactionPolls: number;
  /** Records of finished jobs that carried the person's ID (their own requests). */
  jobRecords: number;
  /** They had opened the Home tab lately, and Rally kept that (to refresh it). */
  homeTab: boolean;
  /** They were on the organizers' list, and are no longer (an owner can add them again). */
  organizerRole: boolean;
  /** Entries of the organizers' audit that named them: the actions stay, without their name. */
  auditEntries: number;
}

export type ForgetDeps = Pick<
  LetterDeps,
  'letters' | 'signatures' | 'anonymousIds' | 'queues' | 'pendingRedraws'
> &
  Pick<DonationDeps, 'donations'> &
  ReminderDeps &
  ForgetInPollsDeps &
  CompactionRequestDeps &
  HomeKeyDeps & { homes: HomeStore } & { organizers: OrganizerStore } & AuditDeps &
  Pick<EventDeps, 'events'>;

/** Asks for a person to be forgotten; the job's own record, which holds their ID, goes when it ends. */
export async function requestForget(
  deps: { queues: ReminderDeps['queues'] },
  request: { teamId: string; userId: string; responseUrl?: string | undefined; viewId?: string | undefined },
): Promise<void> {
  await deps.queues.enqueue(
    'forget',
    {
      teamId: request.teamId,
      userId: request.userId,
      ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
      ...(request.viewId ? { viewId: request.viewId } : {}),
    },
    { removeOnComplete: true, removeOnFail: true },
  );
}

/**
 * Removes what Rally holds under a person, by user ID or by their keyed hashes: their signature of any
 * kind, their vote records (withdrawing the votes of open polls; closed polls keep their announced
 * totals), their pledges, their reminders (with their text), their answers to events (with the reminders
 * they asked for), their name as the starter of polls, what the Home tab keeps about them (that they opened
 * it, when it was published), their place on the organizers' list, their name in the organizers' audit (the
 * actions stay), and finished job records that carried their ID.
 */
export async function forgetPerson(deps: ForgetDeps, teamId: string, userId: string): Promise<ForgetReport> {
  const signatures = await forgetSignatures(deps, { teamId, userId });
  const polls = await forgetInPolls(deps, teamId, userId);
  const report: ForgetReport = {
    signatures,
    votes: polls.votes,
    pollsStarted: polls.pollsStarted,
    reactionPolls: polls.reactionPolls,
    pledges: await forgetPledges(deps, teamId, userId),
    reminders: await forgetReminders(deps, userId),
    jobRecords: 0,
    homeTab: await forgetHomeViewer(deps, teamId, userId),
    organizerRole: await deps.organizers.remove(userId),
    auditEntries: await deps.audit.forgetPerson(userId),
  };
  const eventAnswers = await forgetInEvents(deps, teamId, userId);
  if (eventAnswers > 0) report.eventAnswers = eventAnswers;
  // What was deleted under their ID must leave Redis's files too, not only its memory.
  await requestCompaction(deps);
  // Finished jobs are kept a while for debugging; those that carried this person's ID go now.
  for (const job of await finishedJobsNaming(deps.queues, userId)) {
    await job.remove().catch(() => undefined);
    report.jobRecords++;
  }
  return report;
}
