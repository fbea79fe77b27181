import type { LetterText } from '../letters/model.js';
import type { Campaign } from './schema.js';

/** The campaign file's letter as a letter's text: its paragraphs are the opening, body, ask and closing. */
export function campaignLetterText(campaign: Campaign): LetterText {
  const { letter } = campaign;
  return {
    title: letter.title,
    addressee: letter.addressee,
    paragraphs: [letter.opening, ...letter.body, letter.ask, ...(letter.closing ? [letter.closing] : [])],
  };
}
