import type { Config } from '../config.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import type { JobData } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';
import { userTimeZone } from '../slack/user-time-zone.js';
import { parseInstant } from '../time/instant-words.js';
import { buildLetterPreview } from './blocks/letter-preview.js';
import type { LetterCopies } from './copies-store.js';
import type { LetterStore } from './letter-store.js';
import { redrawLetterCopies } from './redraw-copies.js';
import { scheduleLetterClosing, unscheduleLetterClosing } from './schedule-closing.js';
import type { SignatureStore } from './signature-store.js';

export type PreviewDeps = DeliveryDeps & {
  letters: LetterStore;
  letterCopies: LetterCopies;
  signatures: SignatureStore;
  queues: Queues;
  config: Pick<Config, 'minAnonymous'>;
};

/**
 * After an organizer saved a letter: reads its closing time in their Slack time zone (an open letter's
 * closing is scheduled again and its copies redrawn), and sends them the preview with its buttons, as a
 * direct message from Rally.
 */
export async function previewLetter(
  deps: PreviewDeps,
  job: JobData<'letter-preview'>,
  runId: string,
): Promise<void> {
  let letter = await deps.letters.get(job.letterId);
  if (!letter) return;
  let problem: string | undefined;
  if (letter.status !== 'closed') {
    let closesAt: number | undefined;
    if (letter.closesWords) {
      const read = parseInstant(
        letter.closesWords,
        new Date(),
        await userTimeZone(deps.slack, job.requestedBy),
      );
      if (read.ok) closesAt = read.at.getTime();
      else problem = read.problem;
    }
    await deps.letters.setClosing(letter.id, closesAt);
    letter = { ...letter, ...(closesAt ? { closesAt } : {}) };
    if (!closesAt) delete letter.closesAt;
    if (letter.status === 'open') {
      await unscheduleLetterClosing(deps, letter.id);
      await scheduleLetterClosing(deps, letter);
      // An open letter nobody signed yet may have changed: its copies show what people would sign.
      await redrawLetterCopies(deps, letter.id);
    }
  }
  const content = buildLetterPreview(letter, await deps.signatures.tally(letter.id), deps.config, problem);
  await deliver(deps, {
    id: deliveryIds.letterPreview(runId),
    channel: job.requestedBy,
    ...content,
    ifUnsure: 'retry',
  });
}
