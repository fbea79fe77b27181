import { describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../../src/letters/delivery-pdf.js';
import { replacementCharacter } from '../../src/pdf/fonts.js';
import { pdfFonts, pdfInfo, pdfText, renderPage } from '../support/poppler.js';

const text = {
  title: 'End the *contract*',
  addressee: 'The chief executive',
  paragraphs: [
    'We, the undersigned, *strongly* _object_. Read <https://example.org/report|the report> and [the memo](https://example.org/memo).\nA second line.',
    'We ask you to:\n- end the contract\n• publish it\n1. answer us by Friday',
    '> “We refuse to be complicit.”',
  ],
};

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the delivered letter as a PDF', () => {
  it('shows formatted text without its markup, links with their address, and lists with their bullets', async () => {
    const pdf = await renderLetterPdf({
      text,
      date: '30 November 2025',
      signers: [{ name: 'Ada Lovelace' }],
    });
    const page = flat(await pdfText(pdf.bytes));
    expect(page).toContain('End the contract To: The chief executive 30 November 2025');
    // (A long address may be broken across lines, as at its slashes.)
    expect(page.replace(/ /g, '')).toContain(
      'We,theundersigned,stronglyobject.Readthereport(https://example.org/report)andthememo(https://example.org/memo).',
    );
    expect(page).toContain('A second line.');
    expect(page).toContain('• end the contract • publish it 1. answer us by Friday');
    expect(page).toContain('“We refuse to be complicit.”');
    expect(page).not.toMatch(/[*_<>[\]]/);
    expect(page).toContain('1 person signed with their name: Ada Lovelace');
    expect(page).toContain('Page 1 of 1');
    expect(pdf.pages).toBe(1);
  });

  it('draws names in other scripts and emoji with fonts that have them, and very long names whole', async () => {
    const long = `${'Maximiliane'.repeat(40)} Example`;
    const signers = [
      { name: '王芳', role: 'Research 東京' },
      { name: 'Zoë 🎉 👩🏽‍💻', role: 'Ελένη Дмитрий' },
      { name: 'שרה כהן', role: 'سارة' },
      { name: long, role: 'x'.repeat(300) },
      { name: `Old runes ${'\u{16A0}'}` },
      { name: '김민준', role: 'नमस्ते สวัสดี' },
    ];
    const pdf = await renderLetterPdf({ text, date: '1 December 2025', signers });
    const page = flat(await pdfText(pdf.bytes));
    expect(page).toContain('王芳 — Research 東京');
    expect(page).toContain('Zoë 🎉 👩🏽‍💻 — Ελένη Дмитрий');
    expect(page.replace(/ /g, '')).toContain(long.replace(/ /g, ''));
    // A letter no font here has is drawn as U+FFFD, never dropped.
    expect(page).toContain(`Old runes ${replacementCharacter}`);
    // One for each grapheme of the Devanagari and Thai words.
    expect(page).toMatch(
      new RegExp(`김민준 — ${replacementCharacter}{3,6} ${replacementCharacter}{3,6} `, 'u'),
    );
    expect(await pdfFonts(pdf.bytes)).toEqual(
      expect.arrayContaining([
        'DejaVuSans',
        'DejaVuSans-Bold',
        'DejaVuSans-Oblique',
        'NotoSansSC-Regular',
        'NotoSansKR-Regular',
        'NotoEmoji-Regular',
      ]),
    );
    expect((await renderPage(pdf.bytes)).inked).toBeGreaterThan(0.01);
  });

  it('lists 2,000 signers over many numbered pages', async () => {
    const signers = Array.from({ length: 2_000 }, (_, i) => ({
      name: `Signer ${String(i + 1).padStart(4, '0')}`,
      ...(i % 2 ? { role: 'Azure, infrastructure' } : {}),
    }));
    const pdf = await renderLetterPdf({
      text,
      date: '30 November 2025',
      signers,
      unnamedLine: '12 more people signed without their names.',
    });
    expect(pdf.pages).toBeGreaterThan(20);
    expect((await pdfInfo(pdf.bytes)).Pages).toBe(String(pdf.pages));
    const last = flat(await pdfText(pdf.bytes, { first: pdf.pages, last: pdf.pages }));
    expect(last).toContain('Signer 2000 — Azure, infrastructure');
    expect(last).toContain('12 more people signed without their names.');
    expect(last).toContain(`Page ${pdf.pages} of ${pdf.pages}`);
    const all = await pdfText(pdf.bytes);
    expect(all.match(/Signer \d{4}/g)).toHaveLength(2_000);
  });
});
