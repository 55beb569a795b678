import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import * as hb from 'harfbuzzjs';

/**
 * Fonts for PDF reports, with Khmer shaped by HarfBuzz. pdfkit lays text out with fontkit, whose Khmer shaper
 * picks wrong subscript forms and throws on some syllables (docs/decisions/0005-report-files.md); HarfBuzz is
 * the shaper browsers use. pdfkit accepts any font object with a fontkit-style `layout()`, so we hand it the
 * fontkit font (for subsetting and metrics) with `layout()` answered by HarfBuzz.
 */

const require = createRequire(import.meta.url);

/** Noto Sans Khmer (SIL Open Font License) from npm: it covers Latin too, so one font serves both languages. */
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-khmer/400Regular/NotoSansKhmer_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-khmer/700Bold/NotoSansKhmer_700Bold.ttf'),
};
export type FontWeight = keyof typeof FONT_FILES;

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface GlyphRun {
  glyphs: fontkit.Glyph[];
  positions: Position[];
  readonly advanceWidth: number;
}

/** What pdfkit's `registerFont` really takes; its type definitions only name files and buffers. */
export type PdfFontSource = ArrayBuffer;

const loaded = new Map<FontWeight, PdfFontSource>();

export function reportFont(weight: FontWeight): PdfFontSource {
  const cached = loaded.get(weight);
  if (cached) return cached;
  const data = readFileSync(FONT_FILES[weight]);
  const font = fontkit.create(data);
  if (!('getGlyph' in font)) throw new Error(`${FONT_FILES[weight]} is a font collection`);
  const shaper = new hb.Font(new hb.Face(new hb.Blob(new Uint8Array(data))));
  const shaped = Object.assign(font, { layout: (text: string) => shape(font, shaper, text) });
  loaded.set(weight, shaped as unknown as PdfFontSource);
  return shaped as unknown as PdfFontSource;
}

function shape(font: fontkit.Font, shaper: hb.Font, text: string): GlyphRun {
  const codePoints = Array.from(text, (character) => character.codePointAt(0) ?? 0);
  const buffer = new hb.Buffer();
  buffer.addCodePoints(codePoints);
  buffer.guessSegmentProperties();
  hb.shape(shaper, buffer);
  const infos = buffer.getGlyphInfos();
  const characters = charactersOfGlyphs(
    font,
    codePoints,
    infos.map((info) => ({ glyphId: info.codepoint, cluster: info.cluster })),
  );
  const positions = buffer.getGlyphPositions().map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({
    xAdvance,
    yAdvance,
    xOffset,
    yOffset,
  }));
  return {
    glyphs: infos.map((info, i) => font.getGlyph(info.codepoint, characters[i])),
    positions,
    // pdfkit scales the positions in place after layout, so the width must be summed when asked.
    get advanceWidth() {
      return positions.reduce((sum, position) => sum + position.xAdvance, 0);
    },
  };
}

/**
 * Which characters each glyph stands for, for the PDF's text layer (copying, searching, pdftotext). A glyph the
 * font maps straight from a character stands for that character; a glyph made by shaping (a subscript consonant,
 * a ligature) stands for the characters of its cluster that no such glyph took. So COENG + RO, drawn before its
 * consonant, still copies as COENG + RO.
 */
function charactersOfGlyphs(
  font: fontkit.Font,
  codePoints: number[],
  glyphs: { glyphId: number; cluster: number }[],
): number[][] {
  const starts = [...new Set(glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
  const clusterOf = (start: number) => codePoints.slice(start, starts.find((s) => s > start) ?? codePoints.length);
  const remaining = new Map(starts.map((start) => [start, clusterOf(start)]));
  const result = glyphs.map(({ glyphId, cluster }) => {
    const left = remaining.get(cluster) ?? [];
    const index = left.findIndex((codePoint) => font.glyphForCodePoint(codePoint).id === glyphId);
    return index < 0 ? [] : left.splice(index, 1);
  });
  for (const [i, { cluster }] of glyphs.entries()) {
    const left = remaining.get(cluster) ?? [];
    if (result[i]?.length === 0 && left.length > 0) result[i] = left.splice(0);
  }
  return result;
}
