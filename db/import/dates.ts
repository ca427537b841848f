/**
 * Reading the dates assistants type in spreadsheets as partial dates (db/partialDate.ts):
 * ISO (`2019`, `2019-03`, `2019-03-05`), numeric day/month/year with `/`, `.` or `-`,
 * month/year (`03/2019`), and written dates in English, French or Spanish ("5 March 2019",
 * "March 5, 2019", "March 2019", "5 mars 2019", "1er mars 2019", "5 de marzo de 2019").
 *
 * A numeric date whose day and month could be swapped (03/04/2019) is never guessed: the file
 * settles the order when one of its dates has a part above 12, or the user chooses it
 * (DOMAIN.md: dates are stored as they are, never invented).
 */
import { foldText } from '../fold';
import { formatPartialDate, isSurelyBefore, type PartialDate } from '../partialDate';

export type DayMonthOrder = 'dmy' | 'mdy';

/** What a numeric d/m/y text says about the order: settles one, is ambiguous, or either reading is the same. */
export type OrderEvidence = 'dmy' | 'mdy' | 'ambiguous' | 'none';

const NUMERIC_DMY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})$/;
const HINT = 'write YYYY-MM-DD, DD/MM/YYYY, "5 March 2019", "March 2019" or a year';

const MONTHS: Record<string, number> = {};
function months(month: number, ...names: string[]) {
  for (const name of names) MONTHS[name] = month;
}
// English, French and Spanish names and their usual abbreviations (folded: no accents, lower case).
months(1, 'january', 'jan', 'janvier', 'janv', 'enero', 'ene');
months(2, 'february', 'feb', 'fevrier', 'fevr', 'fev', 'febrero');
months(3, 'march', 'mar', 'mars', 'marzo');
months(4, 'april', 'apr', 'avril', 'avr', 'abril', 'abr');
months(5, 'may', 'mai', 'mayo');
months(6, 'june', 'jun', 'juin', 'junio');
months(7, 'july', 'jul', 'juillet', 'juil', 'julio');
months(8, 'august', 'aug', 'aout', 'agosto', 'ago');
months(9, 'september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'set');
months(10, 'october', 'oct', 'octobre', 'octubre');
months(11, 'november', 'nov', 'novembre', 'noviembre');
months(12, 'december', 'dec', 'decembre', 'diciembre', 'dic');

/**
 * Little words of written dates that carry no meaning ("5 de marzo de 2019", "the 5th of March"),
 * and the days of the week of Excel's long dates ("Tuesday, March 5, 2019"); not the three-letter
 * Spanish ones, which are also months ("mar").
 */
const FILLERS = new Set([
  'de', 'del', 'of', 'the', 'le', 'el',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo',
]);

/**
 * What a cell's text says about the day/month order: 'dmy' when its first part is above 12
 * (25/03/2019), 'mdy' when its second part is (03/25/2019), 'ambiguous' when both are 12 or less
 * and differ (03/04/2019), 'none' when it is not a numeric day/month/year or reads the same both ways.
 */
export function orderEvidence(text: string): OrderEvidence {
  const m = NUMERIC_DMY.exec(text.trim());
  if (!m || m[3]!.length !== 4) return 'none';
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  if (a <= 12 && b <= 12 && a !== b) return 'ambiguous';
  return 'none';
}

/** A date read; `note` says when a placeholder ("TBC", "n/a") was read as no date, for the import to show beside the row. */
export type DateResult = { ok: true; date: PartialDate | null; note?: string } | { ok: false; reason: string };

/** What assistants write in a date cell for "no date yet" (folded), in English, French and Spanish. */
const NO_DATE = new Set(['', 'n a', 'na', 'n d', 'nd', 'tbc', 'tbd', 'tba', 'to be confirmed', 'to be determined', 'unknown', 'not known', 'none', 'no date', 'a confirmer', 'inconnu', 'inconnue', 's d', 'sin fecha', 'por confirmar', 'desconocido', 'desconocida']);

/** Whether a cell's text is a placeholder for no date ("TBC", "n/a", "?", "-"): see {@link NO_DATE}. */
export function isNoDate(text: string): boolean {
  return /^[\s?\-–—.]+$/.test(text) || NO_DATE.has(foldText(text).replace(/[^a-z0-9]+/g, ' ').trim());
}

/** 1899-12-30 + n days: a spreadsheet's date serial number as a date (what Excel shows for 43529). */
function serialDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30 + serial)).toISOString().slice(0, 10);
}

function build(text: string, year: number, month?: number, day?: number): DateResult {
  try {
    return { ok: true, date: formatPartialDate(year, month, day) };
  } catch (error) {
    // formatPartialDate names the impossible part ("2019-02 has no day 30"); say which text it was
    const detail = error instanceof Error ? error.message.replace(/^"[^"]*":\s*/, '') : String(error);
    return { ok: false, reason: `"${text}" is not a real date: ${detail}` };
  }
}

/**
 * Reads one cell as a partial date.
 * @param text the cell's text; blank means no date (`date: null`).
 * @param order how to read a numeric d/m/y date; null when the order is not settled, and then a
 *   date that reads differently both ways is refused (the caller asks the user).
 * @returns the partial date, or a reason naming the text and the formats understood.
 */
export function parseDateCell(text: string, order: DayMonthOrder | null): DateResult {
  const t = text.trim();
  if (!t) return { ok: true, date: null };
  const result = parseDate(t, order);
  if (result.ok) return result;
  // looked at only once the text is no date, so that the dates of a large file pay nothing for it
  if (isNoDate(t)) return { ok: true, date: null, note: `"${t}" read as no date` };
  // a date column left as numbers in the spreadsheet ("43529", "43529.5" with a time): say what it likely is, never guess
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    return { ok: false, reason: `"${t}" looks like a spreadsheet's date number (${serialDate(Math.floor(Number(t)))}): format the column as dates in the spreadsheet, or write the date` };
  }
  // a year column saved as decimal numbers ("2019.0")
  if (/^\d{4}\.0+$/.test(t)) return { ok: true, date: t.slice(0, 4), note: `"${t}" read as ${t.slice(0, 4)}` };
  // a span of years ("2019/20", "2019-2020"), as reports write them
  const span = /^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/.exec(t);
  const spanEnd = span ? (span[2]!.length === 2 ? Math.floor(Number(span[1]) / 100) * 100 + Number(span[2]) : Number(span[2])) : 0;
  if (span && spanEnd > Number(span[1]) && spanEnd - Number(span[1]) <= 10 && Number(span[2]) > 12) return { ok: false, reason: `"${t}" is a span of years: write one date (the year it happened, e.g. ${span[1]})` };
  return result;
}

/** A span of days in one cell: "A to B", "A - B", "A–B", "du A au B", "del A al B" (a plain "-" only with spaces, which ISO dates have none of). */
const RANGE = /^(?:from\s+|du\s+|del\s+)?(.+?)(?:\s+(?:to|au|al|until|jusqu'au|hasta)\s+|\s*[–—]\s*|\s+-\s+)(.+)$/i;
/** "5-16 October 2020": days of one month, the month and year written once. */
const DAYS = /^(\d{1,2})(?:st|nd|rd|th|er)?\s*[-–—]\s*(\d{1,2}(?:st|nd|rd|th|er)?\s+\D.*)$/;
/** "October 5-16, 2020": the same, month first. */
const MONTH_DAYS = /^(\p{L}+\.?)\s+(\d{1,2})\s*[-–—]\s*(\d{1,2}),?\s+(\d{4})$/u;
/** "05/10/2020-16/10/2020": two numeric dates joined by a dash, spaces or not. */
const NUMERIC_SPAN = /^(\d{1,2}[/.]\d{1,2}[/.]\d{4})\s*[-–—]\s*(\d{1,2}[/.]\d{1,2}[/.]\d{4})$/;

/** The two dates a span in one cell writes ("5-16 October 2020": "5", "16 October 2020"), or null. */
export function rangeParts(text: string): [string, string] | null {
  // a span is longer than any one date written as digits ("2020-10-05"): most cells, single
  // dates, are not matched at all
  if (text.length <= 10) return null;
  const t = text.trim();
  const monthFirst = MONTH_DAYS.exec(t);
  if (monthFirst) return [`${monthFirst[1]} ${monthFirst[2]}, ${monthFirst[4]}`, `${monthFirst[1]} ${monthFirst[3]}, ${monthFirst[4]}`];
  const parts = NUMERIC_SPAN.exec(t) ?? DAYS.exec(t) ?? RANGE.exec(t);
  return parts ? [parts[1]!.trim(), parts[2]!.trim()] : null;
}

/**
 * A visit's dates written in one cell, as lists of visits write them ("5-16 October 2020", "28
 * September - 3 October 2020", "2020-10-05 to 2020-10-16", "05/10/2020 - 16/10/2020"): the start
 * takes the month and year the end gives when it does not write them. Null when the text is no
 * span of two dates (a single date is read by {@link parseDateCell}).
 * @returns the start and end, or the reason a span that names two dates cannot be read.
 */
export function parseDateRange(text: string, order: DayMonthOrder | null): { ok: true; start: PartialDate; end: PartialDate } | { ok: false; reason: string } | null {
  const t = text.trim();
  const parts = rangeParts(t);
  if (!parts) return null;
  const [first, second] = parts;
  const end = parseDate(second, order);
  // a span whose end is a full date that cannot be read yet ("05/10/2020 - 06/10/2020", the day/month order unsettled): its reason
  if (!end.ok) return /\d{4}/.test(second) && /\d/.test(first) ? { ok: false, reason: end.reason } : null;
  if (!end.date) return null;
  let start = parseDate(first, order);
  // "5" or "28 September" before a full date: the end's month and year complete it (the year
  // before, for a span over the new year: "28 December - 5 January 2021")
  if (!start.ok && /^\d{1,2}$/.test(first) && end.date.length === 10) start = build(t, Number(end.date.slice(0, 4)), Number(end.date.slice(5, 7)), Number(first));
  else if (!start.ok && !/\d{4}/.test(first)) {
    const year = Number(end.date.slice(0, 4));
    start = parseDate(`${first} ${year}`, order);
    if (start.ok && start.date && isSurelyBefore(end.date, start.date)) start = parseDate(`${first} ${year - 1}`, order);
  }
  if (!start.ok || !start.date) return null;
  if (isSurelyBefore(end.date, start.date)) return { ok: false, reason: `"${t}" ends (${end.date}) before it starts (${start.date}): correct the dates` };
  return { ok: true, start: start.date, end: end.date };
}

function parseDate(t: string, order: DayMonthOrder | null): DateResult {
  // "2011/12" is December 2011 or the years 2011-2012, as reports write spans: not guessed
  const yearAndNext = /^(\d{4})\/(\d{2})$/.exec(t);
  if (yearAndNext && Number(yearAndNext[2]) === (Number(yearAndNext[1]) + 1) % 100) {
    return { ok: false, reason: `"${t}" can be the month ${yearAndNext[1]}-${yearAndNext[2]} or the years ${yearAndNext[1]}-${Number(yearAndNext[1]) + 1}: write ${yearAndNext[1]}-${yearAndNext[2]} for the month, or one year` };
  }

  // ISO, possibly with a time part from a spreadsheet export ("2019-03-05T00:00:00"); year-first
  // with / or . is read the same way (a year first can only be followed by the month).
  const iso = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?)?)?$/.exec(t);
  if (iso) return build(t, Number(iso[1]), iso[2] === undefined ? undefined : Number(iso[2]), iso[3] === undefined ? undefined : Number(iso[3]));

  const numeric = NUMERIC_DMY.exec(t);
  if (numeric) {
    if (numeric[3]!.length !== 4) return { ok: false, reason: `"${t}": write the year with four digits, so the century is not guessed` };
    const a = Number(numeric[1]);
    const b = Number(numeric[2]);
    const year = Number(numeric[3]);
    if (a === b) return build(t, year, a, b);
    const evidence = orderEvidence(t);
    const use = order ?? (evidence === 'dmy' || evidence === 'mdy' ? evidence : null);
    if (use === null) {
      return { ok: false, reason: `"${t}" can be read as ${describe(year, b, a)} or ${describe(year, a, b)}: choose the day/month order of the file` };
    }
    const day = use === 'dmy' ? a : b;
    const month = use === 'dmy' ? b : a;
    if (month > 12) return { ok: false, reason: `"${t}" is not a date read ${use === 'dmy' ? 'day/month/year' : 'month/day/year'} (there is no month ${month})` };
    return build(t, year, month, day);
  }

  const monthYear = /^(\d{1,2})[./-](\d{4})$/.exec(t);
  if (monthYear) return build(t, Number(monthYear[2]), Number(monthYear[1]));

  return parseWritten(t);
}

function describe(year: number, month: number, day: number): string {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${day} ${names[month - 1]} ${year}`;
}

/** "5 March 2019", "March 5, 2019", "5-Mar-2019", "March 2019", "1er mars 2019", "5 de marzo de 2019". */
function parseWritten(text: string): DateResult {
  const tokens = foldText(text)
    // "5-Mar-2019" as Excel shows dates, "5 Mar. 2019", "March 5, 2019"
    .replace(/[,./-]/g, ' ')
    .split(/\s+/)
    .filter((token) => token && !FILLERS.has(token));
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  for (const token of tokens) {
    const number = /^(\d{1,4})(?:st|nd|rd|th|er|re|o|º|°)?$/.exec(token);
    if (number) {
      const value = number[1]!;
      if (value.length === 4 && year === undefined) year = Number(value);
      else if (value.length <= 2 && day === undefined && !(month !== undefined && tokens.length === 2)) day = Number(value);
      // "5-Mar-19", "Mar-19" as a spreadsheet shows dates: the year has two digits
      else if (value.length === 2 && month !== undefined && year === undefined) return { ok: false, reason: `"${text}": write the year with four digits, so the century is not guessed` };
      else return { ok: false, reason: `"${text}" is not a date: ${HINT}` };
    } else if (MONTHS[token] !== undefined && month === undefined) {
      month = MONTHS[token];
    } else {
      return { ok: false, reason: `"${text}" is not a date: ${HINT}` };
    }
  }
  if (year === undefined || month === undefined) return { ok: false, reason: `"${text}" is not a date: ${HINT}` };
  return build(text, year, month, day);
}

/**
 * The text of a spreadsheet Date cell, to the precision its number format shows: `YYYY-MM-DD`;
 * `YYYY-MM` when the format shows no day ("mmm-yy": a typed "March 2019" that Excel turned into a
 * date), `YYYY` when it shows the year alone; a day or month the user never wrote is not made up
 * (DOMAIN.md). XLSX dates carry no time zone and exceljs gives them as UTC instants: read them with
 * the UTC getters, never local time, or a day can shift. The text is checked later like any typed date.
 * @param numFmt the cell's number format ("dd/mm/yyyy", "mmm-yy", "yyyy"); none: the whole date.
 */
export function dateCellText(value: Date, numFmt?: string): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  // the format's date parts, its quoted text, escaped characters and [colour]/[locale] sections aside
  const parts = (numFmt ?? '').replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase();
  const year = String(value.getUTCFullYear()).padStart(4, '0');
  if (parts.includes('y') && !parts.includes('d')) return parts.includes('m') ? `${year}-${p2(value.getUTCMonth() + 1)}` : year;
  return `${year}-${p2(value.getUTCMonth() + 1)}-${p2(value.getUTCDate())}`;
}
