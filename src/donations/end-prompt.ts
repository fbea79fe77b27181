import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import type { Config } from '../config.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { type CompactionRequestDeps, requestCompaction } from '../privacy/compaction.js';
import type { JobData } from '../queues/contracts.js';
import { jobIds } from '../queues/job-ids.js';
import type { DonationDeps } from './deps.js';
import { redrawPrompt } from './redraw-prompt.js';

const daySeconds = 24 * 3_600;

/** **End** on a prompt (organizers): it ends now, in a job; the audit records it. */
export async function endPromptNow(
  deps: Pick<DonationDeps, 'queues'> & AuditDeps,
  promptId: string,
  actor: string,
): Promise<void> {
  await recordOrganizerAction(deps, { actor, action: 'ended-donation-prompt' });
  await requestPromptEnd(deps, promptId);
}

/** Asks for a prompt to end now (an organizer pressed **End**), or when it expires. */
export async function requestPromptEnd(
  deps: Pick<DonationDeps, 'queues'>,
  promptId: string,
  delayMs = 0,
): Promise<void> {
  const jobId = jobIds.donationEnd(promptId, delayMs > 0 ? 'expiry' : 'now');
  await deps.queues.enqueue('donation-end', { promptId }, { jobId, delay: delayMs });
}

/**
 * Ends a donation prompt: its buttons go, it shows its final counts (within the small-numbers rule), and
 * its key and every pledger's hash are erased, so nobody can tell who pledged from then on. Safe twice.
 */
export async function endPrompt(
  deps: DeliveryDeps &
    CompactionRequestDeps &
    Pick<DonationDeps, 'donations' | 'campaign' | 'pendingRedraws'> & {
      config: Pick<Config, 'minAnonymous' | 'retentionDays'>;
    },
  job: JobData<'donation-end'>,
): Promise<boolean> {
  const ended = await deps.donations.end(job.promptId, deps.config.retentionDays * daySeconds);
  if (ended) await requestCompaction(deps);
  await deps.pendingRedraws.clear({ target: 'donation', promptId: job.promptId });
  await redrawPrompt(deps, job.promptId);
  return ended;
}
