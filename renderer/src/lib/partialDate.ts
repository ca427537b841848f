/**
 * Partial dates as the user types them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, kept exactly as
 * entered (never widened to a day). This check only gives feedback while typing; the API checks
 * again and its answer wins.
 */
const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written YYYY, YYYY-MM or YYYY-MM-DD, years 1900-2100. */
export function isPartialDate(text: string): boolean {
  const m = PATTERN.exec(text.trim());
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1900 || year > 2100) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysInMonth(year, month);
}

/** Empty text means "no date" (null); anything else is sent trimmed. */
export function dateOrNull(text: string | undefined): string | null {
  const t = text?.trim() ?? '';
  return t === '' ? null : t;
}
