import PDFDocument from 'pdfkit';
import { FontChain } from '../pdf/fonts.js';
import { inlineRuns, mrkdwnBlocks } from '../pdf/mrkdwn.js';
import { keepRoom, writeBlocks, writeRuns } from '../pdf/write-text.js';
import type { ExportedSigner } from './blocks/signatures-export.js';
import type { LetterText } from './model.js';

/** The letter as it is delivered: its words, the day, and who signed. */
export interface DeliveredLetter {
  text: LetterText;
  /** The day of delivery in words, such as `30 November 2025`. */
  date: string;
  /** Named signers, in the order they are listed. */
  signers: readonly ExportedSigner[];
  /** What may be said of those who signed without their names (see `unnamedSignersLine`); none when nothing. */
  unnamedLine?: string;
}

export interface LetterPdf {
  bytes: Buffer;
  pages: number;
}

const margin = 64;
const grey = '#555555';
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The letter as a PDF, ready to hand over: title, addressee, date, the paragraphs as organizers formatted
 * them (mrkdwn read into bold, italic, lists and links with their address), then the named signers with
 * their roles and the line about the others. Every page is numbered. No user ID or code is in it.
 */
export function renderLetterPdf(letter: DeliveredLetter): Promise<LetterPdf> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    bufferPages: true,
    info: { Title: letter.text.title, Creator: 'Rally' },
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const fonts = new FontChain(doc);

  writeRuns(doc, fonts, inlineRuns(letter.text.title, { style: { bold: true } }), {
    fontSize: 20,
    after: 10,
  });
  writeRuns(doc, fonts, [{ text: 'To: ', style: { bold: true } }, ...inlineRuns(letter.text.addressee)], {
    fontSize: 12,
    after: 2,
  });
  writeRuns(doc, fonts, [{ text: letter.date, style: {} }], { fontSize: 11, color: grey, after: 18 });
  for (const paragraph of letter.text.paragraphs) {
    writeBlocks(doc, fonts, mrkdwnBlocks(paragraph), { fontSize: 11.5, after: 10 });
  }

  doc.y += 12;
  keepRoom(doc, 80);
  writeRuns(doc, fonts, [{ text: 'Signed', style: { bold: true } }], { fontSize: 14, after: 4 });
  const named = letter.signers.length;
  const heading =
    named === 0
      ? 'No one has signed with their name yet.'
      : `${count(named)} ${named === 1 ? 'person' : 'people'} signed with their name:`;
  writeRuns(doc, fonts, [{ text: heading, style: {} }], { fontSize: 11, color: grey, after: 8 });
  for (const signer of letter.signers) {
    const runs = [
      { text: signer.name, style: {} },
      ...(signer.role ? [{ text: ` — ${signer.role}`, style: { italic: true } }] : []),
    ];
    writeRuns(doc, fonts, runs, { fontSize: 10.5, after: 1 });
  }
  if (letter.unnamedLine) {
    doc.y += 10;
    writeRuns(doc, fonts, [{ text: letter.unnamedLine, style: {} }], { fontSize: 11, after: 0 });
  }

  const { start, count: pages } = doc.bufferedPageRange();
  for (let page = start; page < start + pages; page += 1) {
    doc.switchToPage(page);
    // The footer sits in the bottom margin: without this, writing there would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.y = doc.page.height - margin / 2 - 6;
    writeRuns(doc, fonts, [{ text: `Page ${page - start + 1} of ${pages}`, style: {} }], {
      fontSize: 8,
      color: grey,
      align: 'center',
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done.then((bytes) => ({ bytes, pages }));
}
