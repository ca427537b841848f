/**
 * Exporting the requests list, as filtered on screen, to CSV or XLSX for colleagues who work in
 * Excel: one row per thread with the columns of the list (db/queries.ts listRequests).
 */
import type { Kysely } from 'kysely';
import type { RequestFilter } from '../contract';
import { listRequests, type RequestListRow } from '../queries';
import type { Database } from '../schema';
import { firstOf } from '../status';
import { linkedVisits } from '../visits';
import { writeTable, type Column, type ExportedFile } from '../tables';

export type { ExportedFile };

/** Rows listRequests gives per call (its maximum page). */
const PAGE = 1000;

/** A list row with what a colleague's import needs besides (db/import reads these columns back). */
type ExportRow = RequestListRow & { acceptedOn: string | null; visitStart: string | null; visitEnd: string | null; notes: string };

const COLUMNS: Column<ExportRow>[] = [
  { header: 'State', width: 28, value: (r) => r.stateName },
  { header: 'Regional group', width: 26, value: (r) => r.regionalGroup },
  { header: 'Mandate', width: 60, value: (r) => r.mandateTitle },
  { header: 'Status', width: 12, value: (r) => r.status },
  { header: 'Detail', width: 30, value: (r) => r.statusText },
  { header: 'Opened by', width: 12, value: (r) => r.openedBy },
  { header: 'Requested on', width: 14, value: (r) => r.openedOn },
  { header: 'Requested by', width: 24, value: (r) => r.openedByHolder },
  { header: 'Last document', width: 28, value: (r) => lastDocument(r) },
  { header: 'Reminders', width: 11, value: (r) => r.reminderCount },
  { header: 'Last reminder', width: 14, value: (r) => r.lastReminderOn },
  { header: 'Age (years)', width: 11, value: (r) => r.ageYears },
  { header: 'Accepted on', width: 14, value: (r) => r.acceptedOn },
  { header: 'Visit start', width: 14, value: (r) => r.visitStart },
  { header: 'Visit end', width: 14, value: (r) => r.visitEnd },
  { header: 'Priority', width: 10, value: (r) => r.priority },
  { header: 'Notes', width: 40, value: (r) => r.notes },
];

/** "reminder 2021-02-10", "dates proposal (undated)", or blank when the thread has no document. */
function lastDocument(r: RequestListRow): string | null {
  if (!r.lastDocumentType) return null;
  return `${r.lastDocumentType.replace('_', ' ')} ${r.lastDocumentOn ?? '(undated)'}`;
}

/**
 * Exports every thread the filter selects (all pages), sorted by State as the list is by default.
 * Dates stay partial ISO text ("2019", "2019-03"): a spreadsheet date would invent a day.
 * @param format csv or xlsx, as db/tables.ts writeTable writes them.
 * @param today `YYYY-MM-DD`, for the age of each request and the file name.
 * @returns the file's suggested name, MIME type and bytes.
 */
export async function exportRequests(db: Kysely<Database>, filter: RequestFilter, format: 'csv' | 'xlsx', today: string): Promise<ExportedFile> {
  const rows: ExportRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listRequests(db, { filter, sort: { column: 'state', direction: 'asc' }, offset, limit: PAGE }, today);
    rows.push(...(await withDetails(db, page.rows)));
    if (page.rows.length < PAGE || rows.length >= page.total) break;
  }
  return writeTable({ sheet: 'Visit requests', columns: COLUMNS, rows }, format, `visit-requests-${today}`);
}

/**
 * The list rows with the date of the first acceptance (status.ts firstOf: blank when one is
 * undated; a dates proposal or postponement is not written there, or an import would read it as
 * an acceptance), the first linked visit's start and end on a completed thread, and the notes, so
 * that the file imports elsewhere as the same threads with their dates. The list is no archive:
 * each document is not in it (a backup is, File > Back up now).
 */
async function withDetails(db: Kysely<Database>, list: RequestListRow[]): Promise<ExportRow[]> {
  if (list.length === 0) return [];
  const ids = list.map((r) => r.id);
  const notes = await db.selectFrom('visit_requests').select(['id', 'notes']).where('id', 'in', ids).execute();
  const acceptances = await db.selectFrom('documents').select(['request_id', 'date']).where('request_id', 'in', ids).where('type', '=', 'acceptance').execute();
  // the earliest start first (undated first, as SQL orders nulls), then the first recorded
  const byStart = (a: { start: string | null }, b: { start: string | null }) => Number((a.start ?? '') > (b.start ?? '')) - Number((a.start ?? '') < (b.start ?? ''));
  const visits = (await linkedVisits(db, ids)).sort((a, b) => byStart(a, b) || a.id - b.id);
  const notesOf = new Map(notes.map((t) => [t.id, t.notes]));
  const acceptedOn = new Map<number, (string | null)[]>();
  for (const a of acceptances) acceptedOn.set(a.request_id, [...(acceptedOn.get(a.request_id) ?? []), a.date]);
  const firstVisit = new Map<number, { start: string | null; end: string | null }>();
  for (const v of visits) if (!firstVisit.has(v.requestId!)) firstVisit.set(v.requestId!, v);
  return list.map((r) => {
    // a scheduled visit is no visit yet: written as one, a status "accepted" would read its dates as proposed
    const visit = r.status === 'completed' ? firstVisit.get(r.id) : undefined;
    return { ...r, acceptedOn: firstOf(acceptedOn.get(r.id) ?? []) || null, visitStart: visit?.start ?? null, visitEnd: visit?.end ?? null, notes: notesOf.get(r.id) ?? '' };
  });
}
