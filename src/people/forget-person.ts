import type { RallyContext } from '../context.js';
import { requestDonationRefresh, requestLetterRefresh, requestPollRefresh } from '../delivery/redraw.js';
import { pledgerId } from '../donations/pledger.js';
import type { SignatureKind } from '../letters/signature-store.js';
import { letterSigner } from '../letters/signer.js';
import { creatorId, voterId } from '../polls/voter.js';
import { queueNames } from '../queues/queues.js';
import { cancelReminder } from '../reminders/cancel-reminder.js';

/** What `/rally forget me` removed. */
export interface ForgetReport {
  signature?: SignatureKind;
  votes: number;
  pledges: number;
  reminders: number;
  pollsStarted: number;
  /** Records of finished jobs that carried the person's ID (their own requests). */
  jobRecords: number;
}

type Deps = Pick<
  RallyContext,
  'signatures' | 'polls' | 'donations' | 'reminders' | 'queues' | 'anonymousIds'
>;

/**
 * Removes what Rally holds under a person, by user ID or by their keyed hashes: their signature of any
 * kind, their vote records (withdrawing the votes of open polls; closed polls keep their announced
 * totals), their pledges, their reminders (with their text), and their name as the starter of polls.
 */
export async function forgetPerson(deps: Deps, teamId: string, userId: string): Promise<ForgetReport> {
  const report: ForgetReport = { votes: 0, pledges: 0, reminders: 0, pollsStarted: 0, jobRecords: 0 };
  const signature = await deps.signatures.remove(letterSigner(deps, teamId, userId));
  if (signature) {
    report.signature = signature;
    await requestLetterRefresh(deps.queues);
  }

  for (const id of await deps.polls.allIds()) {
    const poll = await deps.polls.get(id);
    if (!poll) continue;
    const key = poll.anonymous ? await deps.polls.anonymityKey(id) : undefined;
    const voter = voterId(deps.anonymousIds, poll, userId, key);
    if (voter && (await deps.polls.forgetVoter(id, voter))) {
      report.votes++;
      if (!poll.closed) await requestPollRefresh(deps.queues, id, poll.anonymous);
    }
    if (
      poll.creator &&
      poll.creator === creatorId(deps.anonymousIds, poll.anonymous, id, poll.teamId, userId)
    ) {
      await deps.polls.forgetCreator(id);
      report.pollsStarted++;
    }
  }

  for (const promptId of await deps.donations.allIds()) {
    if (await deps.donations.withdraw(promptId, pledgerId(deps.anonymousIds, promptId, teamId, userId))) {
      report.pledges++;
      await requestDonationRefresh(deps.queues, promptId);
    }
  }

  for (const reminder of await deps.reminders.listFor(userId, '')) {
    if (reminder.creator !== userId) continue;
    await cancelReminder(deps.queues, deps.reminders, reminder);
    report.reminders++;
  }

  // Finished jobs are kept a while for debugging; those that carried this person's ID go now.
  for (const name of queueNames) {
    for (const job of await deps.queues.queue(name).getJobs(['completed', 'failed'])) {
      if (!JSON.stringify(job.data).includes(userId)) continue;
      await job.remove().catch(() => undefined);
      report.jobRecords++;
    }
  }
  return report;
}
