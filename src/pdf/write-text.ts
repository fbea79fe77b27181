/// <reference types="pdfkit" />
import type { FontChain } from './fonts.js';
import type { Run, TextBlock } from './mrkdwn.js';

/** The part of pdfkit's document that text is written with. */
export type PdfDocument = PDFKit.PDFDocument;

export interface TextPlacement {
  fontSize: number;
  /** Left edge and width; by default the left margin and the width up to the right margin. */
  x?: number;
  width?: number;
  color?: string;
  align?: 'left' | 'right' | 'center' | 'justify';
  /** Space after, in points. */
  after?: number;
}

/**
 * Writes styled runs as one paragraph that wraps across lines and pages, each grapheme in a font that has
 * it (see `FontChain`), continuing on the same line from run to run.
 */
export function writeRuns(
  doc: PdfDocument,
  fonts: FontChain,
  runs: readonly Run[],
  place: TextPlacement,
): void {
  const pieces = runs.flatMap((run) =>
    fonts.pieces(run.text, run.style).map((piece) => ({ ...piece, strike: run.strike, link: run.link })),
  );
  const parts = pieces.filter((p) => p.text !== '');
  if (parts.length === 0) return;
  const x = place.x ?? doc.page.margins.left;
  const width = place.width ?? doc.page.width - doc.page.margins.right - x;
  doc.fontSize(place.fontSize).fillColor(place.color ?? 'black');
  parts.forEach((part, index) => {
    const options: PDFKit.Mixins.TextOptions = {
      width,
      align: place.align ?? 'left',
      continued: index < parts.length - 1,
      strike: part.strike ?? false,
      underline: part.link !== undefined,
      link: part.link ?? null,
      lineGap: place.fontSize * 0.25,
    };
    doc.font(part.font);
    if (index === 0) doc.text(part.text, x, doc.y, options);
    else doc.text(part.text, options);
  });
  if (place.after) doc.y += place.after;
}

/** Runs cut at their line breaks. */
function splitLines(runs: readonly Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((text, index) => {
      if (index > 0) lines.push([]);
      if (text) lines.at(-1)?.push({ ...run, text });
    });
  }
  return lines;
}

/** Starts a new page unless `height` points fit above the bottom margin. */
export function keepRoom(doc: PdfDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** Blocks read from mrkdwn (`mrkdwnBlocks`): list items with a hanging marker, quotes and code indented. */
export function writeBlocks(
  doc: PdfDocument,
  fonts: FontChain,
  blocks: readonly TextBlock[],
  place: TextPlacement,
): void {
  const left = place.x ?? doc.page.margins.left;
  const width = place.width ?? doc.page.width - doc.page.margins.right - left;
  const indent = place.fontSize * 1.5;
  blocks.forEach((block, index) => {
    const after = index === blocks.length - 1 ? place.after : place.fontSize * 0.35;
    const body = { ...place, ...(after === undefined ? {} : { after }) };
    if (block.kind === 'item') {
      keepRoom(doc, place.fontSize * 1.5);
      const top = doc.y;
      writeRuns(doc, fonts, [{ text: block.marker ?? '•', style: {} }], { ...body, x: left, width: indent });
      doc.y = top;
      writeRuns(doc, fonts, block.runs, { ...body, x: left + indent, width: width - indent });
    } else if (block.kind === 'quote' || block.kind === 'code') {
      const color = block.kind === 'quote' ? '#444444' : 'black';
      writeRuns(doc, fonts, block.runs, { ...body, x: left + indent, width: width - indent, color });
    } else {
      // pdfkit does not break a line at a newline inside continued text: each line is written on its own.
      const lines = splitLines(block.runs);
      lines.forEach((line, at) => {
        const gap = at === lines.length - 1 ? body.after : 0;
        writeRuns(doc, fonts, line, {
          ...body,
          x: left,
          width,
          ...(gap === undefined ? {} : { after: gap }),
        });
      });
    }
  });
  doc.x = left;
}
