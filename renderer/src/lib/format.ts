/** Display helpers shared by the screens. */

/** An ISO instant (a `*_at` column) in the user's local time, to the minute. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A four-digit year typed in a year filter, or undefined (1900-2100, as the API allows). */
export function parseYear(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return undefined;
  const y = Number(t);
  return y >= 1900 && y <= 2100 ? y : undefined;
}
