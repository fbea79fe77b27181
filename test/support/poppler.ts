import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/*
 * Reading PDFs in tests with poppler's command-line tools (`pdftotext`, `pdftoppm`, `pdfinfo`; Debian and
 * Ubuntu: `apt-get install poppler-utils`), as a person's PDF viewer would read them.
 */

const run = promisify(execFile);

async function withPdf<T>(bytes: Buffer, use: (dir: string, pdf: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'rally-pdf-'));
  try {
    const pdf = join(dir, 'file.pdf');
    await writeFile(pdf, bytes);
    return await use(dir, pdf);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('poppler-utils is not installed (apt-get install poppler-utils)', { cause: err });
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF (of pages `first` to `last` when given), in reading order. */
export function pdfText(bytes: Buffer, pages: { first?: number; last?: number } = {}): Promise<string> {
  return withPdf(bytes, async (_dir, pdf) => {
    const range = [
      ...(pages.first ? ['-f', String(pages.first)] : []),
      ...(pages.last ? ['-l', String(pages.last)] : []),
    ];
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', ...range, pdf, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  });
}

/** `pdfinfo`'s fields: `Pages`, `Title`, `Creator` ... */
export function pdfInfo(bytes: Buffer): Promise<Record<string, string>> {
  return withPdf(bytes, async (_dir, pdf) => {
    const { stdout } = await run('pdfinfo', [pdf]);
    return Object.fromEntries(
      stdout
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m) => m !== null)
        .map((m) => [m[1] as string, m[2] as string]),
    );
  });
}

/** A page drawn as poppler draws it: the PNG, and the share of its pixels that are not white. */
export async function renderPage(
  bytes: Buffer,
  page = 1,
  dpi = 60,
): Promise<{ png: Buffer; width: number; height: number; inked: number }> {
  return withPdf(bytes, async (dir, pdf) => {
    const args = ['-f', String(page), '-l', String(page), '-r', String(dpi), '-singlefile'];
    await run('pdftoppm', [...args, '-png', pdf, join(dir, 'page')]);
    await run('pdftoppm', [...args, '-gray', pdf, join(dir, 'gray')]);
    const png = await readFile(join(dir, 'page.png'));
    // PGM: "P5\n<width> <height>\n<max>\n" then one byte a pixel.
    const gray = await readFile(join(dir, 'gray.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(gray.subarray(0, 64).toString('latin1'));
    const pixels = gray.subarray(header?.[0].length ?? 0);
    let dark = 0;
    for (const value of pixels) if (value < 200) dark += 1;
    return { png, width: png.readUInt32BE(16), height: png.readUInt32BE(20), inked: dark / pixels.length };
  });
}

/** The names of the fonts embedded in a PDF (`pdffonts`), without their subset prefix. */
export function pdfFonts(bytes: Buffer): Promise<string[]> {
  return withPdf(bytes, async (_dir, pdf) => {
    const { stdout } = await run('pdffonts', [pdf]);
    return stdout
      .split('\n')
      .slice(2)
      .map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '') ?? '')
      .filter(Boolean);
  });
}
