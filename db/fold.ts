/**
 * Folding of names for sorting and searching, so that names sort and match as people expect:
 * "Côte d'Ivoire" sorts before "Croatia", "Türkiye" before "Turkmenistan", and typing "cote"
 * or "cote d’ivoire" (curly apostrophe) finds Côte d'Ivoire.
 *
 * SQLite has no Unicode collation and better-sqlite3 cannot register one, so the folded form is
 * stored beside each name (a `*_key` column) and indexed; ORDER BY on it is the collation.
 */

const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u02B9\u0060\u00B4\u2032]/g;

/**
 * Folds text for comparison: Unicode NFKD, combining marks removed (é -> e), ligatures split
 * (œ -> oe, ß -> ss), every apostrophe-like mark made a plain ', case folded, spaces collapsed.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Folds a name for matching imported text to a known name: {@link foldText}, then a leading
 * "the " dropped and punctuation other than letters and digits reduced to single spaces, so
 * "The Russian Federation" and "Russian Federation" meet, as do "Cote d'Ivoire" and "Côte d’Ivoire".
 */
export function foldName(text: string): string {
  return foldText(text)
    .replace(/^the /, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Escapes `%`, `_` and `\` for a SQL LIKE pattern used with `ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
