/**
 * Partial calendar dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, stored as ISO text.
 *
 * Assistants often know a letter only to the year or month ("requested in 2009"), so a date is
 * kept exactly as entered and never widened to a day (DOMAIN.md, "Dates are often known only to
 * the year or month"). These are calendar dates with no time zone: nothing here goes through a
 * JS `Date`, so no UTC shift can move a day.
 */
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { parseISO } from 'date-fns/parseISO';

export type PartialDate = string;
export type Precision = 'year' | 'month' | 'day';

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Checks a partial date and returns its precision.
 * @throws Error with a readable message when the text is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
 *   or names a month or day that does not exist (2019-02-30), or a year outside 1900-2100.
 */
export function parsePartialDate(text: string): { year: number; month?: number; day?: number; precision: Precision } {
  const m = PATTERN.exec(text);
  if (!m) throw new Error(`"${text}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`);
  const year = Number(m[1]);
  if (year < 1900 || year > 2100) throw new Error(`"${text}": the year must be between 1900 and 2100`);
  if (m[2] === undefined) return { year, precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`"${text}": there is no month ${m[2]}`);
  if (m[3] === undefined) return { year, month, precision: 'month' };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) throw new Error(`"${text}": ${year}-${m[2]} has no day ${m[3]}`);
  return { year, month, day, precision: 'day' };
}

/** True when `text` is a valid partial date (see {@link parsePartialDate}). */
export function isPartialDate(text: string): boolean {
  try {
    parsePartialDate(text);
    return true;
  } catch {
    return false;
  }
}

/** Builds a partial date from its parts; month and day are optional. */
export function formatPartialDate(year: number, month?: number, day?: number): PartialDate {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const text = month === undefined ? String(year) : day === undefined ? `${year}-${p2(month)}` : `${year}-${p2(month)}-${p2(day)}`;
  parsePartialDate(text);
  return text;
}

/** First day the partial date can mean, as `YYYY-MM-DD` ("2019" -> "2019-01-01"). */
export function earliestDay(date: PartialDate): string {
  const d = parsePartialDate(date);
  return formatPartialDate(d.year, d.month ?? 1, d.day ?? 1);
}

/** Last day the partial date can mean, as `YYYY-MM-DD` ("2019-02" -> "2019-02-28"). */
export function latestDay(date: PartialDate): string {
  const d = parsePartialDate(date);
  const month = d.month ?? 12;
  return formatPartialDate(d.year, month, d.day ?? daysInMonth(d.year, month));
}

/**
 * Sort order of partial dates: by the first day they can mean, and the less precise first on a
 * tie ("2019" < "2019-01" < "2019-01-01" < "2019-02"). ISO text already sorts this way as plain
 * strings, which is why SQL `ORDER BY date` is correct too. Returns -1, 0 or 1.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True only when every day `a` can mean is before every day `b` can mean: "2019-03" is before
 * "2019-04-02", but "2019" is not before "2019-06" (they overlap).
 */
export function isSurelyBefore(a: PartialDate, b: PartialDate): boolean {
  return latestDay(a) < earliestDay(b);
}

/**
 * Whether two partial dates can name the same day: equal, or one a coarser form of the other
 * ("2020-02" and "2020-02-01", "2020" and "2020-11"), as one letter is often written down to the
 * month in one spreadsheet and to the day in another. "2020-02" and "2020-03-01" cannot.
 */
export function canBeSameDate(a: PartialDate, b: PartialDate): boolean {
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

/**
 * Whether a partial date falls inside the whole calendar years `fromYear`-`toYear` (inclusive).
 * "Partial dates fall in a window by what they say": "2016" is inside 2015-2019, "2014-12" is not.
 */
export function isInYears(date: PartialDate, fromYear: number, toYear: number): boolean {
  const { year } = parsePartialDate(date);
  return year >= fromYear && year <= toYear;
}

/**
 * Whole calendar days from `a` to `b`, each taken at the earliest day it can mean (b - a;
 * negative if b is earlier). date-fns counts calendar days, so a DST change cannot shift it.
 */
export function daysBetween(a: PartialDate, b: PartialDate): number {
  return differenceInCalendarDays(parseISO(earliestDay(b)), parseISO(earliestDay(a)));
}

/** "on 2020-10-06" for a day, "in 2020-10" or "in 2020" for a month or a year, as a sentence reads them. */
export function onOrIn(date: PartialDate): string {
  return `${date.length === 10 ? 'on' : 'in'} ${date}`;
}

/** Today's calendar date in the machine's local time zone, as `YYYY-MM-DD`. */
export function todayLocal(now: Date = new Date()): string {
  return formatPartialDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
