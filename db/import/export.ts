/**
 * Exporting the requests list, as filtered on screen, to CSV or XLSX for colleagues who work in
 * Excel: one row per thread with the columns of the list (db/queries.ts listRequests).
 */
import type { Kysely } from 'kysely';
import type { RequestFilter } from '../contract';
import { listRequests, type RequestListRow } from '../queries';
import type { Database } from '../schema';
import { writeTable, type Column, type ExportedFile } from '../tables';

export type { ExportedFile };

/** Rows listRequests gives per call (its maximum page). */
const PAGE = 1000;

const COLUMNS: Column<RequestListRow>[] = [
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
  { header: 'Priority', width: 10, value: (r) => r.priority },
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
  const rows: RequestListRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listRequests(db, { filter, sort: { column: 'state', direction: 'asc' }, offset, limit: PAGE }, today);
    rows.push(...page.rows);
    if (page.rows.length < PAGE || rows.length >= page.total) break;
  }
  return writeTable({ sheet: 'Visit requests', columns: COLUMNS, rows }, format, `visit-requests-${today}`);
}
