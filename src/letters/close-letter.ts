import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import type { Config } from '../config.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import { type CompactionRequestDeps, requestCompaction } from '../privacy/compaction.js';
import type { JobData } from '../queues/contracts.js';
import { buildNotice } from '../slack/blocks/messages.js';
import type { LetterDeps } from './deps.js';
import { redrawLetterCopies } from './redraw-copies.js';
import { unscheduleLetterClosing } from './schedule-closing.js';
import { today } from './signer.js';

/** **Close signing** (organizers): the letter closes now, in a job that says so; the audit records it. */
export async function closeLetterNow(
  deps: Pick<LetterDeps, 'queues' | 'letters'> & AuditDeps,
  request: JobData<'letter-close'> & { requestedBy: string },
): Promise<void> {
  const letter = await deps.letters.get(request.letterId);
  if (letter?.status === 'open') {
    await recordOrganizerAction(deps, {
      actor: request.requestedBy,
      action: 'closed-letter',
      subject: letter.text.title,
    });
  }
  await requestLetterClose(deps, request);
}

/** Asks for a letter to close now (the organizer's button, or a revision replacing it). */
export async function requestLetterClose(
  deps: Pick<LetterDeps, 'queues'>,
  request: JobData<'letter-close'>,
): Promise<void> {
  await deps.queues.enqueue('letter-close', request);
}

/**
 * Closes a letter: signing stops; conditional signers whose condition holds are named; the final counts
 * stay; the letter's key and every hash it held are erased, so nobody can link anyone to an anonymous
 * signature from then on; every copy shows the final count without the Sign button. Safe to run twice.
 */
export async function closeLetter(
  deps: DeliveryDeps &
    CompactionRequestDeps &
    Pick<LetterDeps, 'letters' | 'signatures' | 'letterCopies' | 'pendingRedraws' | 'config' | 'queues'> & {
      config: Pick<Config, 'retentionDays'>;
    },
  job: JobData<'letter-close'>,
  runId: string,
): Promise<void> {
  const closed = await deps.signatures.close(job.letterId, today(), deps.config.retentionDays * 24 * 3_600);
  await unscheduleLetterClosing(deps, job.letterId);
  if (closed) await requestCompaction(deps);
  await deps.pendingRedraws.clear({ target: 'letter', letterId: job.letterId });
  await redrawLetterCopies(deps, job.letterId);
  if (!job.requestedBy) return;
  const text = closed
    ? 'The letter is closed: signing has stopped, and its copies show the final count.'
    : 'The letter was already closed.';
  await notifyPrivately(
    deps,
    { userId: job.requestedBy, responseUrl: job.responseUrl },
    buildNotice(text),
    deliveryIds.notice(runId),
  );
}
