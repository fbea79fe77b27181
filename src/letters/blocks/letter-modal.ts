import type { KnownBlock, ModalView } from '@slack/types';
import {
  fitBlocks,
  header,
  modalBlockLimit,
  mrkdwnContext,
  mrkdwnSections,
} from '../../slack/blocks/text-blocks.js';
import { letterViews } from '../../slack/ids.js';
import type { LetterText } from '../model.js';
import { addresseeLine, letterParagraphs } from './letter-message.js';

/**
 * The whole open letter in a modal, opened by **Read the full letter**: nothing to submit, only Close.
 * Split into sections of at most 3,000 characters, within the modal's 100 blocks.
 */
export function buildLetterModal(letter: LetterText): ModalView {
  const head: KnownBlock[] = [
    header(letter.title),
    { type: 'section', text: { type: 'mrkdwn', text: addresseeLine(letter) } },
    { type: 'divider' },
  ];
  const notice = mrkdwnContext('_The letter is too long to show all of it here._');
  const body = fitBlocks(mrkdwnSections(letterParagraphs(letter)), modalBlockLimit - head.length, notice);
  return {
    type: 'modal',
    callback_id: letterViews.read,
    title: { type: 'plain_text', text: 'The letter' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [...head, ...body],
  };
}
