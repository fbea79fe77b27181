import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/** How a piece of text looks. */
export interface TextStyle {
  bold?: boolean;
  italic?: boolean;
  /** Monospaced, for `code`. */
  mono?: boolean;
}

/** A stretch of text one font draws, by the name it is registered under in the document. */
export interface FontPiece {
  font: string;
  text: string;
}

/** A font file: its bytes for the PDF, parsed once to know which characters it has. */
interface LoadedFont {
  name: string;
  bytes: Buffer;
  hasGlyph(codePoint: number): boolean;
}

/** The part of a PDF document the chain writes to: pdfkit's `registerFont`. */
export interface FontRegistry {
  registerFont(name: string, src: Buffer): unknown;
}

const require = createRequire(import.meta.url);
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** What a font may lack without the character showing wrong: joiners, variation selectors, tag characters. */
const ignorable = (cp: number): boolean =>
  cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0020 && cp <= 0xe007f);

/** Drawn for a character no font here has, so that a name is never silently shorter. */
export const replacementCharacter = '\uFFFD';

/**
 * A font file, read. One whose character map fontkit cannot read (a few of Fontsource's pieces) counts as
 * having no character, so that it is never chosen, rather than failing the whole PDF.
 */
function load(name: string, bytes: Buffer): LoadedFont {
  let font: fontkit.Font | undefined;
  try {
    const parsed = fontkit.create(bytes);
    if ('hasGlyphForCodePoint' in parsed) {
      parsed.hasGlyphForCodePoint(0x20);
      font = parsed;
    }
  } catch {
    font = undefined;
  }
  return { name, bytes, hasGlyph: (cp) => font?.hasGlyphForCodePoint(cp) ?? false };
}

const dejaVu = (file: string): Buffer => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));

/** DejaVu's four faces of a family, by style. */
function dejaVuFaces(family: 'DejaVuSans' | 'DejaVuSansMono'): Faces {
  const face = (suffix: string) => load(`${family}${suffix}`, dejaVu(`${family}${suffix}.ttf`));
  return {
    regular: face(''),
    bold: face('-Bold'),
    italic: face('-Oblique'),
    boldItalic: face('-BoldOblique'),
  };
}

type Faces = Record<'regular' | 'bold' | 'italic' | 'boldItalic', LoadedFont>;

const faceOf = (style: TextStyle): keyof Faces =>
  style.bold && style.italic ? 'boldItalic' : style.bold ? 'bold' : style.italic ? 'italic' : 'regular';

/**
 * A font split by Fontsource into pieces by Unicode range (its `unicode.json`, as CSS `unicode-range`
 * values), of which only the pieces a text needs are read. Fontsource has no italic of these fonts.
 */
class SplitFont {
  readonly #dir: string;
  readonly #id: string;
  readonly #ranges: { subset: string; from: number; to: number }[] = [];
  readonly #loaded = new Map<string, LoadedFont>();

  constructor(packageName: string) {
    this.#dir = dirname(require.resolve(`${packageName}/LICENSE`));
    this.#id = packageName.replace(/^@fontsource\//, '');
    const ranges = JSON.parse(readFileSync(join(this.#dir, 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    for (const [key, value] of Object.entries(ranges)) {
      const subset = key.replace(/^\[|\]$/g, '');
      for (const range of value.split(',')) {
        const [from = '', to] = range.trim().replace(/^U\+/i, '').split('-');
        this.#ranges.push({ subset, from: Number.parseInt(from, 16), to: Number.parseInt(to ?? from, 16) });
      }
    }
  }

  /** The piece of the font, in the weight for `style`, that draws `cp`, if any. */
  fontFor(cp: number, style: TextStyle): LoadedFont | undefined {
    const weight = style.bold ? 700 : 400;
    for (const { subset, from, to } of this.#ranges) {
      if (cp < from || cp > to) continue;
      const name = `${this.#id}-${subset}-${weight}`;
      let font = this.#loaded.get(name);
      if (!font) {
        font = load(name, readFileSync(join(this.#dir, 'files', `${name}-normal.woff`)));
        this.#loaded.set(name, font);
      }
      if (font.hasGlyph(cp)) return font;
    }
    return undefined;
  }
}

/**
 * The fonts a PDF of people's words needs, all shipped in npm packages and embedded (subset) in the PDF:
 * DejaVu Sans (Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic and many symbols; Mono for
 * code), then Noto Sans SC (Chinese, Japanese kana), Noto Sans KR (Hangul), then Noto Emoji (emoji, drawn
 * in black and white). Each grapheme (a letter with its accents, an emoji with its skin tone) is drawn by the
 * first font that has all of it; one that none has is drawn as U+FFFD (�).
 */
export class FontChain {
  readonly #sans = dejaVuFaces('DejaVuSans');
  readonly #mono = dejaVuFaces('DejaVuSansMono');
  readonly #fallbacks = [
    new SplitFont('@fontsource/noto-sans-sc'),
    new SplitFont('@fontsource/noto-sans-kr'),
    new SplitFont('@fontsource/noto-emoji'),
  ];
  readonly #registered = new Set<string>();
  readonly #doc: FontRegistry;

  /** Fonts are registered in `doc` as text needs them. */
  constructor(doc: FontRegistry) {
    this.#doc = doc;
  }

  /**
   * `text` cut into pieces, each drawn by one font, in the order they are placed from left to right. A
   * right-to-left word (Hebrew, Arabic ...) is a piece of its own, which the font lays out from right to
   * left and shapes, and the words of a right-to-left phrase are placed right to left. That is right for a
   * right-to-left name or phrase within left-to-right text on one line; it is not the full Unicode
   * bidirectional algorithm (a right-to-left phrase broken across lines has its lines in the wrong order).
   */
  pieces(text: string, style: TextStyle = {}): FontPiece[] {
    const drawn = [...graphemes.segment(text)].map(({ segment }) => this.#drawGrapheme(segment, style));
    const directions = resolveDirections(drawn.map((piece) => directionOf(piece.text)));
    const pieces: (FontPiece & { rtl: boolean })[] = [];
    drawn.forEach((piece, index) => {
      const rtl = directions[index] === 'rtl';
      const last = pieces.at(-1);
      if (last?.font === piece.font && last.rtl === rtl) last.text += piece.text;
      else pieces.push({ ...piece, rtl });
    });
    // pdfkit places the spaces of a right-to-left piece as if it ran left to right, gluing its words
    // together; so each word is a piece of its own, the words placed right to left.
    return pieces.flatMap(({ font, text: run, rtl }) =>
      rtl
        ? run
            .split(/(\s+)/u)
            .filter(Boolean)
            .reverse()
            .map((word) => ({ font, text: word }))
        : [{ font, text: run }],
    );
  }

  #mainFont(style: TextStyle): LoadedFont {
    return (style.mono ? this.#mono : this.#sans)[faceOf(style)];
  }

  /**
   * The font for one grapheme: the first that has all of it; else the first that has its first character,
   * drawing what it has (an emoji without a skin tone it lacks); else U+FFFD.
   */
  #drawGrapheme(grapheme: string, style: TextStyle): FontPiece {
    const codePoints = [...grapheme].map((c) => c.codePointAt(0) as number);
    const shown = codePoints.filter((cp) => !ignorable(cp));
    const main = this.#mainFont(style);
    // Line breaks and other controls go with the main font: pdfkit breaks lines on them.
    if (shown.every((cp) => cp < 0x20 || main.hasGlyph(cp))) {
      return { font: this.#use(main), text: drawable(codePoints, main) };
    }
    const base = shown[0] as number;
    // A style DejaVu has no letter for in that face (Arabic in italic) falls back to the upright face.
    const candidates = [
      main,
      this.#sans[faceOf(style)],
      this.#sans[style.bold ? 'bold' : 'regular'],
      this.#sans.regular,
      ...this.#fallbacks.map((f) => f.fontFor(base, style)).filter((f) => f !== undefined),
    ];
    const font =
      candidates.find((f) => shown.every((cp) => f.hasGlyph(cp))) ?? candidates.find((f) => f.hasGlyph(base));
    if (!font) return { font: this.#use(this.#sans.regular), text: replacementCharacter };
    return { font: this.#use(font), text: drawable(codePoints, font) };
  }

  #use(font: LoadedFont): string {
    if (!this.#registered.has(font.name)) {
      this.#doc.registerFont(font.name, font.bytes);
      this.#registered.add(font.name);
    }
    return font.name;
  }
}

type Direction = 'ltr' | 'rtl' | 'neutral';

const rightToLeft = /^[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const strong = /^[\p{L}\p{N}\p{Extended_Pictographic}]/u;

const directionOf = (grapheme: string): Direction =>
  rightToLeft.test(grapheme) ? 'rtl' : strong.test(grapheme) ? 'ltr' : 'neutral';

/** Spaces and punctuation take the direction around them when both sides agree, else left to right. */
function resolveDirections(directions: Direction[]): ('ltr' | 'rtl')[] {
  const after: Direction[] = [];
  let next: Direction = 'neutral';
  for (let i = directions.length - 1; i >= 0; i -= 1) {
    after[i] = next;
    if (directions[i] !== 'neutral') next = directions[i] as Direction;
  }
  let before: Direction = 'neutral';
  return directions.map((direction, index) => {
    if (direction !== 'neutral') {
      before = direction;
      return direction;
    }
    return before === 'rtl' && after[index] === 'rtl' ? 'rtl' : 'ltr';
  });
}

/** The code points of a grapheme the font can draw: any other would show as an empty box. */
function drawable(codePoints: number[], font: LoadedFont): string {
  return String.fromCodePoint(...codePoints.filter((cp) => cp < 0x20 || font.hasGlyph(cp)));
}
