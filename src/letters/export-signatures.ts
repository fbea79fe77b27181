import type { MessageContent } from '../slack/blocks/messages.js';
import { buildSignaturesExport } from './blocks/signatures-export.js';
import type { LetterDeps } from './deps.js';

/** The organizers' private delivery export: the names shown with the letter, and the counts. */
export async function exportSignatures(
  deps: Pick<LetterDeps, 'signatures' | 'config'>,
): Promise<MessageContent> {
  const [signers, tally] = await Promise.all([deps.signatures.namedSigners(), deps.signatures.tally()]);
  return buildSignaturesExport(signers, tally, deps.config.minAnonymous);
}
