import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import { profileNames } from '../slack/profile-names.js';
import { buildSignaturesExport, type ExportedSigner } from './blocks/signatures-export.js';
import type { LetterDeps } from './deps.js';

/** Asks for an organizer's delivery export; the job reads signers' names from their Slack profiles. */
export async function requestSignaturesExport(
  deps: Pick<LetterDeps, 'queues'>,
  request: JobData<'signatures-export'>,
): Promise<void> {
  await deps.queues.enqueue('signatures-export', request);
}

/**
 * Sends the organizer, privately, the letter's delivery export: the names that go on the letter (each
 * signer's Slack profile name, with the role they gave), and the counts of the others within the
 * small-numbers rule. Never a hash or a user ID.
 */
export async function exportSignatures(
  deps: DeliveryDeps & Pick<LetterDeps, 'signatures' | 'config'>,
  job: JobData<'signatures-export'>,
  runId: string,
): Promise<void> {
  const [signers, tally] = await Promise.all([
    deps.signatures.namedSigners(job.letterId),
    deps.signatures.tally(job.letterId),
  ]);
  const names = await profileNames(
    deps.slack,
    signers.map((s) => s.userId),
  );
  const exported: ExportedSigner[] = signers
    .map((s) => ({
      name: names.get(s.userId) ?? 'A coworker whose profile Slack no longer shows',
      ...(s.role ? { role: s.role } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const closed = (await deps.signatures.status(job.letterId)) === 'closed';
  const content = buildSignaturesExport(exported, tally, deps.config, { letterId: job.letterId, closed });
  await notifyPrivately(
    deps,
    { userId: job.requestedBy, responseUrl: job.responseUrl },
    content,
    deliveryIds.notice(runId),
  );
}
