/**
 * What a print window loads for a batch of letters, as files under one folder-like root:
 *   index.html   the letters document (db/letterTemplates.ts lettersDocument)
 *   letters.css  its stylesheet (lettersStylesheet)
 *   fonts/<file> the shipped fonts (assets/fonts, LETTER_FONT_FILES only)
 * Electron serves this from app://country-visits/print/<token>/ (electron/print.ts) and the tests
 * from a local server (tests/support/lettersPdf.ts): the same bytes, the same relative URLs.
 * No file outside the list is ever served, whatever the path asks for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LETTER_FONT_FILES } from './letterTemplates';

/** Where the fonts are in the source tree (tests, bench); Electron passes the folder inside its app path. */
export const DEFAULT_FONTS_DIR = fileURLToPath(new URL('../assets/fonts/', import.meta.url));

/** A batch of letters to print: the document and its stylesheet. */
export interface PrintJob {
  html: string;
  css: string;
}

/** One file of a print job. */
export interface PrintResource {
  contentType: string;
  body: string | Uint8Array;
}

const fontCache = new Map<string, Uint8Array>();

/**
 * The file at `relativePath` inside a print job's root, or null when there is none.
 * @param relativePath "index.html", "letters.css" or "fonts/LiberationSerif-Regular.ttf" (no leading slash)
 * @param fontsDir the folder holding the shipped fonts
 */
export function printResource(job: PrintJob, relativePath: string, fontsDir: string = DEFAULT_FONTS_DIR): PrintResource | null {
  if (relativePath === '' || relativePath === 'index.html') return { contentType: 'text/html; charset=utf-8', body: job.html };
  if (relativePath === 'letters.css') return { contentType: 'text/css; charset=utf-8', body: job.css };
  const font = /^fonts\/([A-Za-z0-9-]+\.ttf)$/.exec(relativePath)?.[1];
  if (!font || !LETTER_FONT_FILES.some((f) => f.file === font)) return null;
  const key = join(fontsDir, font);
  let bytes = fontCache.get(key);
  if (!bytes) {
    try {
      bytes = new Uint8Array(readFileSync(key));
    } catch {
      return null;
    }
    fontCache.set(key, bytes);
  }
  return { contentType: 'font/ttf', body: bytes };
}

/** Page margins of a letter in millimetres; the stylesheet's @page and the PDF options both use them. */
export { LETTER_PAGE_MARGINS_MM } from './letterTemplates';
