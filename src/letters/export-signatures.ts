import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import { sendFilesPrivately } from '../delivery/send-files.js';
import type { JobData } from '../queues/contracts.js';
import type { RunSteps } from '../queues/run-steps.js';
import { buildNotice } from '../slack/blocks/messages.js';
import { classifySlackError } from '../slack/errors.js';
import { profileNames } from '../slack/profile-names.js';
import { userTimeZone } from '../slack/user-time-zone.js';
import {
  buildDeliverySummary,
  type ExportedSigner,
  filesFailure,
  type PackageOutcome,
  signersCsvFile,
  unnamedSignersLine,
} from './blocks/signatures-export.js';
import { renderLetterPdf } from './delivery-pdf.js';
import type { LetterDeps } from './deps.js';

/** Asks for an organizer's delivery package; the job reads signers' names from their Slack profiles. */
export async function requestSignaturesExport(
  deps: Pick<LetterDeps, 'queues' | 'letters'> & AuditDeps,
  request: JobData<'signatures-export'>,
): Promise<void> {
  const letter = await deps.letters.get(request.letterId);
  await recordOrganizerAction(deps, {
    actor: request.requestedBy,
    action: 'exported-signatures',
    ...(letter ? { subject: letter.text.title } : {}),
  });
  await deps.queues.enqueue('signatures-export', request);
}

export type ExportDeps = DeliveryDeps &
  Pick<LetterDeps, 'signatures' | 'letters' | 'config'> & { runSteps: RunSteps };

/** A day in words in a time zone: `30 November 2025`. */
const dayInWords = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(at);

/** A file name part from a letter's short name: letters, digits and dashes only. */
const fileStem = (slug: string): string =>
  slug.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'letter';

/**
 * The letter's delivery package, for the organizer who asked: the letter as a PDF with its named signers
 * (each signer's Slack profile name, with the role they gave) and the others counted within the
 * small-numbers rule, and the named signers as CSV, both sent to the organizer's direct messages with
 * Rally; then a short private summary saying so. Never a hash or a user ID. A retried job sends the files
 * once (see `sendFilesPrivately`) and the summary once.
 */
export async function exportSignatures(
  deps: ExportDeps,
  job: JobData<'signatures-export'>,
  runId: string,
  now: Date = new Date(),
): Promise<void> {
  if (await deps.runSteps.isDone(runId, 'summary')) return;
  const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
  const letter = await deps.letters.get(job.letterId);
  if (!letter) {
    await notifyPrivately(deps, to, buildNotice('That letter no longer exists.'), deliveryIds.notice(runId));
    await deps.runSteps.markDone(runId, 'summary');
    return;
  }
  const [signers, tally, status] = await Promise.all([
    deps.signatures.namedSigners(job.letterId),
    deps.signatures.tally(job.letterId),
    deps.signatures.status(job.letterId),
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

  const zone = await userTimeZone(deps.slack, job.requestedBy).catch((err: unknown) => {
    if (classifySlackError(err).kind === 'permanent') return 'UTC';
    throw err;
  });
  const date = dayInWords(now, zone);
  const unnamedLine = unnamedSignersLine(tally, deps.config);
  // A letter whose text the PDF cannot be made from still gets its list of names.
  const pdf = await renderLetterPdf({
    text: letter.text,
    date,
    signers: exported,
    ...(unnamedLine ? { unnamedLine } : {}),
  }).catch((err: unknown) => {
    deps.logger.error({ err }, 'the PDF of a delivery package could not be made: sending the CSV alone');
    return undefined;
  });
  const stem = `${fileStem(letter.slug)}-${now.toISOString().slice(0, 10)}`;
  const sent = await sendFilesPrivately(deps, {
    id: deliveryIds.deliveryPackage(runId),
    userId: job.requestedBy,
    files: [
      ...(pdf
        ? [
            {
              filename: `${stem}.pdf`,
              title: `${letter.text.title} (letter with signatures)`,
              bytes: pdf.bytes,
            },
          ]
        : []),
      {
        filename: `${stem}-signers.csv`,
        title: `${letter.text.title} (named signers)`,
        bytes: signersCsvFile(exported),
      },
    ],
  });
  const outcome: PackageOutcome = sent.ok
    ? { ok: true, ...(pdf ? { pages: pdf.pages } : {}) }
    : { ok: false, reason: sent.reason, explanation: filesFailure(sent.reason) };

  const content = buildDeliverySummary(
    exported,
    tally,
    deps.config,
    { letterId: job.letterId, closed: status === 'closed' },
    outcome,
  );
  await notifyPrivately(deps, to, content, deliveryIds.notice(runId));
  await deps.runSteps.markDone(runId, 'summary');
}
