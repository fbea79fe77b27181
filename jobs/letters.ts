import { requestViewersRefresh } from '../src/home/publish-home.js';
import { closeLetter } from '../src/letters/close-letter.js';
import { exportSignatures } from '../src/letters/export-signatures.js';
import { previewLetter } from '../src/letters/preview-letter.js';
import type { Processor } from './processor.js';

/**
 * `letter-close`: close a letter and erase what could link anyone to an anonymous signature; it leaves the
 * Home tabs of recent viewers.
 */
export const processLetterClose: Processor<'letter-close'> = async (data, deps) => {
  await closeLetter(deps, data, deps.runId);
  await requestViewersRefresh(deps);
};

/** `signatures-export`: send an organizer the delivery export. */
export const processSignaturesExport: Processor<'signatures-export'> = (data, deps) =>
  exportSignatures(deps, data, deps.runId);

/** `letter-preview`: read a saved letter's closing time and send its preview to the organizer. */
export const processLetterPreview: Processor<'letter-preview'> = (data, deps) =>
  previewLetter(deps, data, deps.runId);
