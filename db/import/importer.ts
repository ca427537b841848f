/**
 * Importing the spreadsheets assistants keep today (CSV or XLSX, one row per request or one row
 * per document) as threads, documents and visits.
 *
 * Preview and commit run the very same procedure inside one transaction: every row is applied by
 * the rules of the domain functions (createRequest, recordDocument, recordVisit, with source
 * 'import'), so every rule and the change log apply, and a row the rules refuse leaves nothing
 * behind. A row's thread is built in memory with the same rule functions, every check before
 * anything is written, and written in batches with the same rows and change-log entries
 * (threads.ts); a row naming a signing holder goes through the domain functions themselves, in a
 * savepoint. Preview then rolls the transaction back; commit keeps it, or rolls it back and
 * refuses when a row has an error and the user did not choose to leave such rows out. What
 * preview says is therefore exactly what commit does on the same database.
 *
 * Re-importing adds only what is new. A row's thread is found by mandate x State x its opening
 * (request or invitation and its date) or, for a thread known only by its visit, by the visit's
 * dates; its documents by type and date (and reference and proposed dates when given), each
 * recorded document answering for one row item only, so two undated reminders in the file and
 * one already recorded add one. Rows of one file with the same dated opening (or the same dated
 * visit) are one thread. Undated openings cannot tell threads apart (the real file has two
 * undated requests of one mandate to Bahrain: one postponed, one pending): rows with the same
 * undated opening each claim a different recorded thread, the one already holding everything
 * the row says first, then the one holding most of it, so their order in the file does not matter.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DocumentInput, ImportArgs } from '../contract';
import type { DocumentType, Status } from '../domain';
import { DomainError } from '../errors';
import { foldName, foldText } from '../fold';
import { MandateMatcher, StateMatcher } from '../matching';
import { nowIso } from '../changeLog';
import { canBeSameDate, isSurelyBefore } from '../partialDate';
import { checkNoPendingThread, createRequest, recordDocument } from '../requests';
import type { Database } from '../schema';
import { joinVisit, recordVisit, recordVisitOnNewThread } from '../visits';
import { FIELD_LABELS, fieldColumns, fieldOfHeader, NO_COLUMN_FOR, readLayout, type ImportField, type Layout } from './columns';
import { orderEvidence, rangeParts, type DayMonthOrder } from './dates';
import { DraftThread, readRecorded, setIndexesAside, ThreadWriter, type ThreadContent } from './threads';
import { NONE, openKey, planDocumentRows, requestRowFirstLook, requestRowPlanner, visitKey, type Item, type MandateInfo, type Plan, type RowError, type RowPlan, type VisitPlan } from './plan';
import { fileError, readTable, type ReadTable, type SheetRow } from './read';
import { readDocumentType } from './words';

export type { RowError } from './plan';

export interface ImportRowResult {
  /** Row number as the user sees it in the file (header = row 1 in a usual file). */
  row: number;
  /** new: opens a thread; added: adds to a recorded thread; unchanged: already imported; error: not imported. */
  outcome: 'new' | 'added' | 'unchanged' | 'error';
  /** What the row does, in words ("new request to Türkiye, 2 reminders", "already imported"), or why not. */
  action: string;
  stateCode: string | null;
  mandateId: number | null;
  /** The thread the row went to; null on errors, and in a preview for a thread the row would create. */
  threadId: number | null;
  /** The thread's derived status after the row. */
  threadStatus: Status | null;
  documentsAdded: number;
  visitsAdded: number;
  errors: RowError[];
  /** Things to check that do not stop the row (a status word the documents do not bear out). */
  warnings: string[];
}

export interface ImportReport {
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: ReadTable['encoding'];
  delimiter: ReadTable['delimiter'];
  sheet: string | null;
  shape: 'request' | 'document';
  /** How each column was read: its field, or null (unrecognised, unused in this shape, or mapped to "ignore"). */
  columns: { header: string; field: ImportField | null; by: Layout['columns'][number]['by'] }[];
  /** The day/month order used for numeric dates; null when the file has none that needs it. */
  dayMonthOrder: DayMonthOrder | null;
  dayMonthOrderFrom: 'file' | 'user' | null;
  /** True when the file has dates like 03/04/2019 and nothing settles the order: the user must choose. */
  needsDayMonthOrder: boolean;
  /** True once written (commit only). */
  committed: boolean;
  /**
   * Preview: whether a commit would write something (false when the day/month order is needed or
   * nothing is new; with rows in error, only when leaving them out). Always false once committed.
   */
  canCommit: boolean;
  /** One paragraph saying what the import does or did. */
  message: string;
  rows: ImportRowResult[];
  /** Every row error, in file order. */
  errors: RowError[];
  totals: {
    rows: number;
    /** Rows that create or add something. */
    imported: number;
    unchanged: number;
    invalid: number;
    threadsCreated: number;
    documentsAdded: number;
    visitsAdded: number;
  };
}

type Trx = Transaction<Database>;

const DATE_FIELDS: Record<Layout['shape'], ImportField[]> = {
  request: ['requestedOn', 'invitedOn', 'acceptedOn', 'visitStart', 'visitEnd', 'reminders'],
  document: ['date', 'visitStart', 'visitEnd', 'proposedStart', 'proposedEnd'],
};

/**
 * Reads the file and says what importing it would do, row by row, writing nothing.
 * @param args `importArgs` of db/contract.ts: file name and bytes, optional day/month order and column mapping.
 * @param today `YYYY-MM-DD`; documents dated after it are refused, as when typed in.
 * @returns the report; `needsDayMonthOrder` asks the user to choose the order of numeric dates.
 * @throws DomainError('invalid_argument') when the file itself cannot be read (not CSV/XLSX,
 *   empty, corrupt, no State or mandate column, day-first and month-first dates mixed).
 */
export async function previewImport(db: Kysely<Database>, args: ImportArgs, today: string): Promise<ImportReport> {
  return runImport(db, args, today, { commit: false, skipInvalidRows: false });
}

/**
 * Imports the file in one transaction: all of it, or nothing.
 * @param args as {@link previewImport}, and `skipInvalidRows`: import the valid rows and report the
 *   others, instead of refusing the whole file when a row has an error.
 * @returns the report of what was written (`committed: true`).
 * @throws DomainError('invalid_argument') as {@link previewImport}, and when the day/month order
 *   is needed and not given; DomainError('rule') when rows have errors and `skipInvalidRows` is false
 *   (nothing is written then).
 */
export async function commitImport(db: Kysely<Database>, args: ImportArgs & { skipInvalidRows: boolean }, today: string): Promise<ImportReport> {
  return runImport(db, args, today, { commit: true, skipInvalidRows: args.skipInvalidRows });
}

async function runImport(db: Kysely<Database>, args: ImportArgs, today: string, mode: { commit: boolean; skipInvalidRows: boolean }): Promise<ImportReport> {
  const { file, layout, dataRows, notes } = await readRows(args);
  const unread = unreadColumns(layout, dataRows);
  const order = settleOrder(dataRows, layout, args.dayMonthOrder ?? null);
  if (mode.commit && order.needed) throw new DomainError('invalid_argument', order.message!);

  const restoreCache = await narrowCache(db);
  const trx = await db.startTransaction().execute();
  let finished = false;
  try {
    const states = await StateMatcher.load(trx);
    const ctx = {
      layout,
      states,
      mandates: await MandateMatcher.load(trx, states),
      mandateInfo: await loadMandates(trx),
      order: order.order,
    };
    const planned = planRows(dataRows, ctx);
    const recorded = await loadRecorded(trx, planned.pairs);
    const applier = new Applier(trx, today, await loadStateNames(trx), ctx.mandateInfo, recorded, !mode.commit, layout.shape === 'document');
    await applier.loadUnlinked();
    await applier.assignUndated(planned.early);
    const restoreIndexes = (await isLarge(trx, planned.count)) ? await setIndexesAside(trx) : null;
    const rows: ImportRowResult[] = [];
    for (let rowPlan = planned.next(); rowPlan; rowPlan = planned.next()) rows.push(await applier.apply(rowPlan));
    await applier.flush();
    await restoreIndexes?.();
    const report = buildReport(file, args.fileName, layout, order, rows, mode.commit, { unread, notes });

    if (!mode.commit) {
      await trx.rollback().execute();
      finished = true;
      return report;
    }
    if (report.totals.invalid > 0 && !mode.skipInvalidRows) {
      await trx.rollback().execute();
      finished = true;
      const listed = report.errors.slice(0, 5).map((e) => `row ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.reason.replace(/\.$/, '')}`);
      if (report.errors.length > listed.length) listed.push(`and ${plural(report.errors.length - listed.length, 'more error')}`);
      throw new DomainError(
        'rule',
        `${plural(report.totals.invalid, 'row')} of "${args.fileName}" cannot be imported, so nothing was imported: ${listed.join('; ')}. ` +
          'Correct the file, or import the other rows and leave these out.',
      );
    }
    await trx.commit().execute();
    finished = true;
    // a large import may change the tables manyfold: the planner's statistics follow (connection.ts)
    await sql`PRAGMA optimize`.execute(db);
    return report;
  } finally {
    if (!finished) await trx.rollback().execute();
    await restoreCache();
  }
}

/** Page cache of an import's transaction (KiB): room for the pages it reads back, not for all it writes. */
const IMPORT_CACHE_KIB = 16384;

/**
 * Lowers the connection's page cache (64 MB, connection.ts) for the import and gives the function
 * that sets it back. A large import writes far more pages than it reads again (new rows go to the
 * ends of the tables); in a full cache they would stay in memory until the commit, a quarter of
 * the import's peak memory on 100,000 rows. With a smaller one, SQLite spills them to the WAL
 * file as it goes, which the commit writes anyway: no slower, measured by `npm run bench`.
 */
async function narrowCache(db: Kysely<Database>): Promise<() => Promise<void>> {
  const { rows } = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db);
  const previous = Number(rows[0]!.cache_size);
  await sql.raw(`PRAGMA cache_size = -${IMPORT_CACHE_KIB}`).execute(db);
  return async () => {
    await sql.raw(`PRAGMA cache_size = ${previous}`).execute(db);
  };
}

/**
 * Whether a file is large enough, against the threads recorded, for its import to set the list's
 * indexes aside and build them again once (threads.ts setIndexesAside): at least 5,000 rows, and
 * at least half as many as the threads recorded (building an index costs a pass over the whole
 * table; keeping it up costs each row written about as much as a pass over a few rows).
 */
async function isLarge(trx: Trx, rows: number): Promise<boolean> {
  if (rows < 5000) return false;
  const { n } = await trx.selectFrom('visit_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return rows * 2 >= Number(n);
}

/** The words a total or a footnote under a table opens with ("Total: 2", "* Includes the predecessor's requests", "(1) ...", "Source: ..."). */
const NOTE_UNDER_TABLE = /^(?:(?:grand |sub-?)?totals?\b|sum\b|notes?\b|n\.?b\.?\b|sources?\b|[*†‡]|\(\d{1,2}\)|\d{1,2}[.)]\s)/i;

/**
 * Takes the rows under the table that are a total or a footnote off the end of `dataRows` and gives
 * them: each with one cell in such words (a total may have numbers in other cells). They are no
 * visit requests; the report names them rather than refusing each as a row without a mandate.
 */
function notesUnderTable(dataRows: SheetRow[]): SheetRow[] {
  const notes: SheetRow[] = [];
  for (let last = dataRows.at(-1); last; last = dataRows.at(-1)) {
    const [first, ...others] = last.cells.filter((c) => c !== '');
    if (!first || !NOTE_UNDER_TABLE.test(first) || others.some((c) => !/^[\d.,\s]+$/.test(c))) break;
    notes.unshift(dataRows.pop()!);
  }
  return notes;
}

/** The file read: what it is, its layout, its data rows (the rows above the header dropped, so they are not held) and the notes under them. */
async function readRows(args: ImportArgs) {
  // a workbook's sheet is the first with a header the import reads (a "Read me" sheet often comes first)
  const hasHeader = (rows: SheetRow[]) => {
    try {
      findHeader(rows, args.fileName, args.mapping ?? {});
      return true;
    } catch {
      return false;
    }
  };
  const { rows: sheetRows, ...file } = await readTable(args.fileName, args.bytes, hasHeader);
  try {
    const { layout, dataRows } = findHeader(sheetRows, args.fileName, args.mapping ?? {});
    return { file, layout, dataRows, notes: notesUnderTable(dataRows) };
  } catch (error) {
    // no sheet had a header read: say which was read, the user may have meant another
    if (error instanceof DomainError && file.sheet && sheetRows.length > 0) throw new DomainError(error.code, `${error.message.replace(/\.$/, '')} (in the sheet "${file.sheet}", the first with something in it; no sheet has a header with a State and a mandate column).`);
    throw error;
  }
}

/** Columns that follow from what the import reads (the app's export has them): the State's regional group, a thread's age. */
const FOLLOWS_FROM_THE_RECORD = new Set(['regional group', 'age years', 'age', 'age in years'].map(foldName));

/**
 * The columns the import leaves out that hold something: not recognised, or not used by the
 * file's shape, with a cell written in some row. The report names them, so that nothing a
 * column holds is lost without the user knowing (they can map it to a field).
 */
function unreadColumns(layout: Layout, dataRows: (SheetRow | undefined)[]): string[] {
  return layout.columns
    .filter((c) => c.field === null && c.by !== 'mapping' && !FOLLOWS_FROM_THE_RECORD.has(foldName(c.header)) && c.index !== layout.statusLeft && c.index !== layout.senders?.from && c.index !== layout.senders?.to && dataRows.some((r) => r?.cells[c.index]?.trim()))
    .map((c) => c.header || `column ${c.index + 1}`);
}

/**
 * The plans of the rows, in file order. `next` gives each row's plan and lets go of its cells,
 * so that a large file is not held twice (cells and plans). `early`: the plans that must be
 * known before any row is applied (those with an undated opening, for assignUndated); `pairs`:
 * every mandate x State the file names.
 * A one-row-per-request file is planned a row at a time as it is applied (its rows are
 * independent), after a first pass that keeps only `early` and `pairs`; a one-row-per-document
 * file at once, since a thread's rows are matched together against the recorded threads.
 */
function planRows(dataRows: (SheetRow | undefined)[], ctx: Parameters<typeof planDocumentRows>[1]) {
  const pairs = new Set<string>();
  const early: RowPlan[] = [];
  const pairOf = ({ plan }: RowPlan) => {
    if (plan) pairs.add(`${plan.mandateId}|${plan.stateCode}`);
  };
  if (ctx.layout.shape === 'document') {
    const planned = planDocumentRows(dataRows as SheetRow[], ctx);
    dataRows.length = 0;
    planned.forEach(pairOf);
    early.push(...planned);
    planned.reverse();
    return { pairs, early, count: planned.length, next: () => planned.pop() };
  }
  const planRow = requestRowPlanner(ctx);
  const firstLook = requestRowFirstLook(ctx);
  const byIndex = new Map<number, RowPlan>();
  dataRows.forEach((row, i) => {
    const { pair, dated } = firstLook(row!);
    if (pair) pairs.add(pair);
    // a dated opening names one thread: planned as it is applied (a row planned twice over would
    // be a large file's plans made twice, the first ones only to be thrown away)
    if (dated) return;
    const rowPlan = planRow(row!);
    if (rowPlan.plan && !rowPlan.plan.definite) byIndex.set(i, rowPlan);
  });
  early.push(...byIndex.values());
  let i = 0;
  return {
    pairs,
    early,
    count: dataRows.length,
    next(): RowPlan | undefined {
      if (i >= dataRows.length) return undefined;
      const row = dataRows[i]!;
      dataRows[i] = undefined;
      const rowPlan = byIndex.get(i) ?? planRow(row);
      byIndex.delete(i++);
      return rowPlan;
    },
  };
}

/** Whether a row's written cells all name a field, as a header's second row does (and a data row, with its State and mandate, never does). */
function namesColumns(cells: readonly string[]): boolean {
  const written = cells.map((c) => c.trim()).filter(Boolean);
  return written.length > 0 && written.every((c) => fieldOfHeader(c) !== null);
}

/** Whether a column's cells, where written, all name a document type (words.ts readDocumentType). */
function namesDocuments(rows: readonly SheetRow[], index: number): boolean {
  const cells = rows.map((r) => r.cells[index]?.trim() ?? '').filter(Boolean);
  return cells.length > 0 && cells.every((cell) => {
    const read = readDocumentType(cell);
    return read.ok && read.value !== null;
  });
}

/** How many rows from the top the header is looked for in (a title row or two often sits above it). */
const HEADER_ROWS = 10;

/**
 * The header is the first row in which the State and mandate columns are recognised (files
 * sometimes have a title row or two above it); the rows after it are the data.
 */
function findHeader(sheetRows: SheetRow[], fileName: string, mapping: Record<string, string>): { layout: Layout; dataRows: SheetRow[] } {
  if (sheetRows.length === 0) throw fileError(`"${fileName}" is empty.`);
  // the error to give: that of the first row naming the State and mandate columns, else the first row's
  let kept: { error: DomainError; cells: string[] } | null = null;
  for (let i = 0; i < Math.min(sheetRows.length, HEADER_ROWS); i++) {
    try {
      // a header over two rows ("Dates" over "Requested on | Accepted on"): the lower row names the columns
      const lower = sheetRows[i + 1];
      const twoRows = lower !== undefined && lower.row === sheetRows[i]!.row + 1 && namesColumns(lower.cells);
      const header = twoRows ? sheetRows[i]!.cells.map((top, c) => lower.cells[c]?.trim() || top).concat(lower.cells.slice(sheetRows[i]!.cells.length)) : sheetRows[i]!.cells;
      let layout = readLayout(header, mapping);
      const dataRows = sheetRows.slice(i + (twoRows ? 2 : 1));
      if (dataRows.length === 0) throw fileError(`"${fileName}" has a header row but no data rows.`);
      // a bare "Type" beside a status is taken for the mandate's type; when every cell of it names a
      // document ("Request", "Invitation"), the file is a log of documents after all
      const type = layout.shape === 'request' ? layout.columns.find((c) => c.by === 'unused' && fieldOfHeader(c.header) === 'documentType') : undefined;
      if (type && namesDocuments(dataRows, type.index)) layout = readLayout(header, { ...mapping, [type.header]: 'documentType' });
      return { layout, dataRows };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.message.endsWith('no data rows.')) throw error;
      const noHeader = (e: DomainError) => e.message.startsWith(NO_COLUMN_FOR);
      if (!kept || (!noHeader(error) && noHeader(kept.error))) kept = { error, cells: sheetRows[i]!.cells };
    }
  }
  let message = kept!.error.message;
  // a header may be lower down than the rows looked at: say how far they go
  if (sheetRows.length > HEADER_ROWS && message.startsWith(NO_COLUMN_FOR)) message += ` The header is looked for in the first ${HEADER_ROWS} rows: delete the rows above it if there are more.`;
  throw new DomainError(kept!.error.code, message, kept!.cells);
}

interface OrderDecision {
  order: DayMonthOrder | null;
  from: 'file' | 'user' | null;
  needed: boolean;
  message: string | null;
}

/**
 * Settles how numeric d/m/y dates are read, for the whole file: the user's choice; else the file's
 * own dates (a first part above 12 is a day, a second part above 12 is a day); else, when a date
 * reads differently both ways, the user is asked. Day-first and month-first dates in one file are
 * refused unless the user chooses, since no rule could tell which are wrong.
 */
function settleOrder(rows: SheetRow[], layout: Layout, chosen: DayMonthOrder | null): OrderDecision {
  const seen: Partial<Record<'dmy' | 'mdy' | 'ambiguous', { row: number; column: string; text: string }>> = {};
  for (const [field, index] of DATE_FIELDS[layout.shape].flatMap((f) => fieldColumns(layout, f).map((i) => [f, i] as const))) {
    const column = layout.columns[index]!.header || FIELD_LABELS[field];
    for (const row of rows) {
      const cell = row.cells[index] ?? '';
      // reminders: dates apart, a count before them set aside ("2 (05/03/2019, 06/04/2020)"); a visit's span ("05/10/2020 - 16/10/2020"): its two dates
      const parts = field === 'reminders' ? cell.split(/[;,\n():]+/) : field === 'visitStart' ? (rangeParts(cell) ?? [cell]) : [cell];
      for (const part of parts) {
        const evidence = orderEvidence(part);
        if (evidence !== 'none' && !seen[evidence]) seen[evidence] = { row: row.row, column, text: part.trim() };
      }
    }
  }
  const where = (s: { row: number; column: string; text: string }) => `"${s.text}" (row ${s.row}, ${s.column})`;
  if (chosen) return { order: chosen, from: 'user', needed: false, message: null };
  if (seen.dmy && seen.mdy) {
    throw fileError(
      `The file mixes day-first and month-first dates: ${where(seen.dmy)} can only be day/month/year, ${where(seen.mdy)} only month/day/year. ` +
        'Correct the dates in the file, or choose the order to read it by (the dates that do not fit it will be reported).',
    );
  }
  if (seen.dmy) return { order: 'dmy', from: 'file', needed: false, message: null };
  if (seen.mdy) return { order: 'mdy', from: 'file', needed: false, message: null };
  if (seen.ambiguous) {
    return {
      order: null,
      from: null,
      needed: true,
      message:
        `Dates like ${where(seen.ambiguous)} can be read day first or month first, and no date in the file settles it: ` +
        'choose whether the file writes day/month/year or month/day/year before importing.',
    };
  }
  return { order: null, from: null, needed: false, message: null };
}

async function loadMandates(db: Trx): Promise<Map<number, MandateInfo>> {
  const rows = await db.selectFrom('mandates').select(['id', 'title', 'ended', 'kind', 'subject_state_code']).execute();
  return new Map(rows.map((m) => [m.id, { id: m.id, title: m.title, ended: m.ended, kind: m.kind, subjectStateCode: m.subject_state_code }]));
}

async function loadStateNames(db: Trx): Promise<Map<string, string>> {
  const rows = await db.selectFrom('states').select(['code', 'name_en']).execute();
  return new Map(rows.map((s) => [s.code, s.name_en]));
}

/**
 * What the import reads of the recorded threads of the file's mandate x State pairs (`pairs`:
 * "mandateId|stateCode"): `keys`, the keys (plan.ts) they are known by, of their opening document
 * and of each of their visits (a plan whose key is not among them, nor among those of the threads
 * the import writes, has no recorded thread to look for); `pending`, by pair, the threads whose
 * status is pending (one pending request per pair: checkNoPendingThread of db/requests.ts);
 * `answers`, by pair, the State's dated answers on record ({@link ANSWERS}), which tell a thread
 * whose opening date a file writes otherwise.
 */
async function loadRecorded(db: Trx, pairs: Set<string>): Promise<Recorded> {
  const keys = new KnownKeys();
  const pending = new Map<string, Map<number, string | null>>();
  const answers = new Map<string, RecordedAnswer[]>();
  const add = (mandateId: number, stateCode: string, key: string) => {
    if (pairs.has(`${mandateId}|${stateCode}`)) keys.add(key);
  };
  const opened = await db.selectFrom('visit_requests').select(['id', 'mandate_id', 'state_code', 'opened_by', 'opened_on', 'status']).where('opened_by', 'is not', null).execute();
  for (const r of opened) {
    add(r.mandate_id, r.state_code, openKey(r.mandate_id, r.state_code, { type: r.opened_by!, date: r.opened_on }));
    const pair = `${r.mandate_id}|${r.state_code}`;
    if (r.status === 'pending' && pairs.has(pair)) pending.set(pair, (pending.get(pair) ?? new Map()).set(r.id, r.opened_on));
  }
  const visited = await db
    .selectFrom('visit_mandates as vm')
    .innerJoin('visits as v', 'v.id', 'vm.visit_id')
    .innerJoin('visit_requests as r', 'r.id', 'vm.request_id')
    .select(['r.mandate_id', 'r.state_code', 'v.start', 'v.end'])
    .execute();
  for (const r of visited) add(r.mandate_id, r.state_code, visitKey(r.mandate_id, r.state_code, r));
  const answered = await db
    .selectFrom('documents as d')
    .innerJoin('visit_requests as r', 'r.id', 'd.request_id')
    .select(['r.id', 'r.mandate_id', 'r.state_code', 'r.opened_by', 'r.opened_on', 'd.type', 'd.date'])
    .where('d.type', 'in', ANSWERS)
    .where('d.date', 'is not', null)
    .execute();
  for (const r of answered) {
    const pair = `${r.mandate_id}|${r.state_code}`;
    if (pairs.has(pair)) answers.set(pair, [...(answers.get(pair) ?? []), { threadId: r.id, openedBy: r.opened_by, openedOn: r.opened_on, type: r.type, date: r.date! }]);
  }
  return { keys, pending, answers };
}

/** The State's answers that belong to one thread of a mandate x State: two threads never share one of the same type and date. */
const ANSWERS: DocumentType[] = ['acceptance', 'dates_proposal', 'postponement', 'declination', 'cancellation'];

interface RecordedAnswer {
  threadId: number;
  openedBy: string | null;
  openedOn: string | null;
  type: DocumentType;
  date: string;
}

interface Recorded {
  keys: KnownKeys;
  pending: Map<string, Map<number, string | null>>;
  answers: Map<string, RecordedAnswer[]>;
}

/**
 * The keys (plan.ts) of recorded threads, as far as they tell threads apart once dates may be
 * written at another precision: the mandate x State, the opening's type or "visit", and the
 * year of its date (a key whose year is not here has no recorded thread; one whose year is may,
 * and the candidates are then read and matched by compatible dates).
 */
class KnownKeys {
  private readonly keys = new Set<string>();
  /** "12|KEN|request|2019-03-05" -> "12|KEN|request|2019"; "12|KEN|visit||2019-05-02" -> "12|KEN|visit|2019". */
  private static coarse(key: string): string {
    let at = -1;
    for (let bars = 0; bars < 3; bars++) at = key.indexOf('|', at + 1);
    const dates = key.slice(at + 1);
    const first = dates.startsWith('|') ? dates.slice(1) : dates;
    return key.slice(0, at + 1) + first.slice(0, 4);
  }
  add(key: string) {
    this.keys.add(KnownKeys.coarse(key));
  }
  has(key: string): boolean {
    return this.keys.has(KnownKeys.coarse(key));
  }
  /** Whether a thread of the key's pair and kind is known undated (a file may give the date it lacked). */
  hasUndated(key: string): boolean {
    const coarse = KnownKeys.coarse(key);
    return this.keys.has(coarse.slice(0, coarse.lastIndexOf('|') + 1));
  }
}

/** A row that cannot be applied for a reason of the import itself (not a domain rule). */
class RowFailure extends Error {
  constructor(
    readonly column: string | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The type a document is filed as on a thread (mirrors fileDocument in db/requests.ts, so that a
 * re-imported invitation is recognised in the acceptance it was filed as).
 */
function filedType(doc: DocumentInput, threadHasRequest: boolean): DocumentType {
  let type = doc.type;
  if (type === 'invitation' && threadHasRequest) type = 'acceptance';
  if (type === 'acceptance' && (doc.proposedStart || doc.proposedEnd)) type = 'dates_proposal';
  return type;
}

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? null) === (b ?? null);

/**
 * SQL for {@link canBeSameDate} of a recorded date column and a date of the file; `orUndated`:
 * also true when either is undated (the loose fit below).
 */
function sameDateSql(column: ReturnType<typeof sql.ref>, date: string | null, orUndated: boolean) {
  if (date === null) return orUndated ? sql<boolean>`1` : sql<boolean>`${column} IS NULL`;
  const fit = sql<boolean>`(${column} = ${date} OR substr(${column}, 1, ${date.length}) = ${date} OR substr(${date}, 1, length(${column})) = ${column})`;
  return orUndated ? sql<boolean>`(${column} IS NULL OR ${fit})` : fit;
}

/**
 * How a date of the file fits a recorded one: `exact`, the same text (or both undated); `loose`,
 * as it may be the same date written down differently: a coarser or finer form ("2020-02" and
 * "2020-02-01"), or undated on one side (a count of reminders in one spreadsheet, their dates in
 * the app). Each item is matched exactly first, then loosely, so a loose match never takes the
 * document that another item names exactly.
 */
/**
 * How a recorded document or visit may be an item: `exact`, the same dates; `loose`, dates that
 * can name the same day; `corrected`, any dates, for what a row names once per thread (below).
 */
type Fit = 'exact' | 'loose' | 'corrected';
function fits(recorded: string | null | undefined, given: string | null | undefined, fit: Fit): boolean {
  if (same(recorded, given)) return true;
  return fit === 'corrected' || (fit === 'loose' && (!recorded || !given || canBeSameDate(recorded, given)));
}

/**
 * What a row of a one-row-per-request file names of its thread as a whole, so that one it dates
 * otherwise than the record is the recorded one with its date corrected, not one more: its visit,
 * its acceptance, declination or cancellation, and its reminders (the row lists them all: one
 * more than recorded is new). Counting them twice would double the thread's reminders and the
 * indicators' visits. In a log of documents each row is one document: only its reference says so.
 */
const NAMED_ONCE: ReadonlySet<DocumentType> = new Set(['acceptance', 'declination', 'cancellation', 'reminder']);

/**
 * For an item the status word alone implies (plan.ts `implied`), the recorded documents that bear
 * that status out (status.ts): an acceptance is also given by a dates proposal, a postponement or
 * the State's invitation filed as the acceptance; a refusal by a declination or a cancellation.
 */
const BEARING_OUT: Partial<Record<DocumentType, DocumentType[]>> = {
  acceptance: ['acceptance', 'dates_proposal', 'postponement', 'invitation'],
  declination: ['declination', 'cancellation'],
  cancellation: ['cancellation', 'declination'],
};

/** The recorded document an item is, if any not yet used: type and date, and reference and proposed dates when both sides have them. */
function findDocument(item: Item, content: ThreadContent, used: Set<number>, fit: Fit, wholeThread: boolean): number | null {
  if (item.kind === 'visit') return null;
  const hasRequest = content.docs.some((d) => d.type === 'request');
  const type = item.kind === 'opener' ? item.doc.type : filedType(item.doc, hasRequest);
  const reference = item.doc.reference?.trim() ?? '';
  const types =
    item.kind === 'opener' && item.unsaid ? ['request', 'invitation'] : fit === 'loose' && item.kind === 'document' && item.implied ? (BEARING_OUT[type] ?? [type]) : [type];
  // a corrected date: what the row names once (NAMED_ONCE), or a document of the same reference
  if (fit === 'corrected' && (item.kind === 'opener' || !((wholeThread && NAMED_ONCE.has(type)) || reference))) return null;
  const found = content.docs.find(
    (d) =>
      !used.has(d.id) &&
      types.includes(d.type) &&
      fits(d.date, item.doc.date, fit) &&
      (fit !== 'corrected' || !reference || reference === d.reference) &&
      // the opening is the thread's key; a reference or proposed dates added since do not make it another
      (item.kind === 'opener' ||
        ((!reference || !d.reference || reference === d.reference) && fits(d.proposed_start, item.doc.proposedStart, fit) && fits(d.proposed_end, item.doc.proposedEnd, fit))),
  );
  return found?.id ?? null;
}

function findVisit(item: Item, content: ThreadContent, used: Set<number>, fit: Fit, wholeThread: boolean): number | null {
  if (item.kind !== 'visit' || (fit === 'corrected' && !wholeThread)) return null;
  return content.visits.find((v) => !used.has(v.id) && fits(v.start, item.visit.start, fit) && fits(v.end, item.visit.end, fit))?.id ?? null;
}

/**
 * The recorded document or visit each item is (null: not recorded), exact matches first, then
 * loose ones, then corrected ones (see {@link Fit}); the ids found are added to `usedDocs` and
 * `usedVisits`. `wholeThread`: the row names its thread as a whole (one row per request).
 * @returns `found` per item, and the items found with a corrected date.
 */
function matchItems(items: Item[], content: ThreadContent, usedDocs: Set<number>, usedVisits: Set<number>, wholeThread: boolean) {
  return matchWithFit(items, content, usedDocs, usedVisits, ['exact', 'loose', 'corrected'], wholeThread);
}

function matchWithFit(items: Item[], content: ThreadContent, usedDocs: Set<number>, usedVisits: Set<number>, fitsTried: readonly Fit[], wholeThread: boolean) {
  const found: (number | null)[] = items.map(() => null);
  const corrected = new Set<number>();
  let exact = 0;
  for (const fit of fitsTried) {
    items.forEach((item, i) => {
      if (found[i] !== null) return;
      const id = item.kind === 'visit' ? findVisit(item, content, usedVisits, fit, wholeThread) : findDocument(item, content, usedDocs, fit, wholeThread);
      if (id === null) return;
      found[i] = id;
      if (fit === 'exact') exact++;
      if (fit === 'corrected') corrected.add(i);
      (item.kind === 'visit' ? usedVisits : usedDocs).add(id);
    });
  }
  return { found, exact, corrected };
}

/**
 * What the file says more precisely than the thread records, or otherwise (`corrected`: the items
 * found with a corrected date), for the row's warnings: the import adds what is new and never
 * writes over what is recorded ("the file dates the acceptance 2020-02-01; it is recorded as
 * 2020-02: correct it on the thread if the file is right").
 */
function finerDates(items: Item[], recorded: (number | null)[], content: ThreadContent, corrected: ReadonlySet<number>): string[] {
  const warnings: string[] = [];
  const finer = (given: string | null | undefined, kept: string | null, i: number) => Boolean(given) && (!kept || given!.length > kept.length || (corrected.has(i) && given !== kept));
  const as = (kept: string | null) => (kept ? `recorded as ${kept}` : 'recorded undated');
  items.forEach((item, i) => {
    const id = recorded[i];
    if (id === null || id === undefined) return;
    if (item.kind === 'visit') {
      const visit = content.visits.find((v) => v.id === id)!;
      if (finer(item.visit.start, visit.start, i) || finer(item.visit.end, visit.end, i)) {
        const given = [item.visit.start, item.visit.end].filter(Boolean).join(' to ');
        warnings.push(`the file dates the visit ${given}; it is ${as([visit.start, visit.end].filter(Boolean).join(' to ') || null)}: correct it on the thread if the file is right`);
      }
      return;
    }
    const doc = content.docs.find((d) => d.id === id)!;
    if (finer(item.doc.date, doc.date, i)) warnings.push(`the file dates the ${doc.type.replace('_', ' ')} ${item.doc.date}; it is ${as(doc.date)}: correct it on the thread if the file is right`);
  });
  return warnings;
}

/**
 * How much of a plan a recorded thread already holds (`matched`; `exact`: of those, written the
 * same way), and how much it holds besides. The better thread holds more, then more exactly,
 * then less besides.
 */
function score(items: Item[], content: ThreadContent) {
  // (a date the file corrects does not make a thread the row's)
  const { found, exact } = matchWithFit(items, content, new Set(), new Set(), ['exact', 'loose'], false);
  const matched = found.filter((id) => id !== null).length;
  return { matched, exact, missing: items.length - matched, extras: content.docs.length + content.visits.length - matched };
}

type Score = ReturnType<typeof score>;
const better = (a: Score, b: Score | null) => !b || a.matched > b.matched || (a.matched === b.matched && (a.exact > b.exact || (a.exact === b.exact && a.extras < b.extras)));

/**
 * Applies planned rows on a transaction, keeping which thread each plan went to. A row's thread
 * (one it opens, or a recorded one taken into memory) is built in memory and written in a batch
 * (threads.ts); a row naming a signing holder goes through the domain functions, in a savepoint.
 */
class Applier {
  private readonly threadOf = new Map<Plan, number>();
  private readonly assigned = new Map<Plan, number | null>();
  private readonly byKey = new Map<string, number>();
  private readonly usedDocs = new Map<Plan, Set<number>>();
  private readonly usedVisits = new Map<Plan, Set<number>>();
  /** Row of this file that created each new thread, to say so when a later row repeats it. */
  private readonly createdBy = new Map<number, number>();
  /** Plans whose opening row was not imported: their later rows cannot be either. */
  private readonly failedOpening = new Set<Plan>();
  private readonly knownKeys: KnownKeys;
  private readonly pending: Map<string, Map<number, string | null>>;
  private readonly answers: Map<string, RecordedAnswer[]>;
  /** The thread the last row that succeeded went to. */
  private lastThreadId: number | null = null;
  /** Visits recorded with a mandate but no thread linked (visits:record before the request), by "mandateId|subject State": a row of that mandate with their dates is that visit. */
  private readonly unlinked = new Map<string, { id: number; start: string | null; end: string | null }[]>();
  /** Day-dated visits by subject State and dates ({@link dayKey}), with their mandates' threads (null: none linked); loaded at the first row that needs it, then kept up. */
  private visitsByDay: Map<string, { id: number; links: Map<number, number | null> }[]> | null = null;
  /** Visit plans left off an open thread recorded before the file because its opening is undated (openThreadFor): the row says so. */
  private readonly besideUndated = new Map<Plan, { status: string; type: string }>();
  private readonly batch: ThreadWriter;
  /** When the import writes: every thread, document and change-log entry it writes in memory carries it. */
  private readonly now = nowIso();

  /**
   * @param recorded what is read of the recorded threads of the file's pairs (loadRecorded): the
   *   keys they are known by (the keys of each thread the import writes are added, so that a plan
   *   whose key is not among them is known to have no thread to go to without a query); by
   *   "mandateId|stateCode", the pair's pending threads (id -> opened on), recorded or written by
   *   the import; and the State's dated answers on record.
   */
  constructor(
    private readonly trx: Trx,
    private readonly today: string,
    private readonly stateNames: Map<string, string>,
    private readonly mandates: Map<number, MandateInfo>,
    recorded: Recorded,
    private readonly preview: boolean,
    /**
     * One row per document: the planner has split each mandate x State's rows into its threads (a
     * request after a declination opens another), so a thread this file opened is never another
     * plan's, however loosely its dates fit ("request" undated, then "request 2019-06-01").
     */
    private readonly plansAreThreads: boolean,
  ) {
    this.batch = new ThreadWriter(trx);
    this.knownKeys = recorded.keys;
    this.pending = recorded.pending;
    this.answers = recorded.answers;
  }

  /** Writes the threads opened in memory and not yet written: before anything else reads or writes threads. */
  async flush() {
    await this.batch.flush();
  }

  private async content(threadId: number): Promise<ThreadContent> {
    const opened = this.batch.opened(threadId);
    if (opened) return opened.content;
    return (await readRecorded(this.trx, threadId)).content;
  }

  /** Recorded threads a plan's key names, oldest first (see `plansAreThreads` for those this file opened). */
  private async candidates(plan: Plan): Promise<number[]> {
    const ids = await this.candidatesByKey(plan);
    return this.plansAreThreads ? ids.filter((id) => !this.createdBy.has(id)) : ids;
  }

  private async candidatesByKey(plan: Plan): Promise<number[]> {
    await this.flush();
    let q = this.trx.selectFrom('visit_requests as r').select('r.id').distinct().where('r.mandate_id', '=', plan.mandateId).where('r.state_code', '=', plan.stateCode);
    if (plan.mode === 'open') {
      // a dated opening is found among the openings of a compatible date, else among the undated
      // ones (the date added since); an undated one among all of its type (assignUndated picks)
      const date = plan.opener!.date ?? null;
      if (!plan.items.some((item) => item.kind === 'opener' && item.unsaid)) q = q.where('r.opened_by', '=', plan.opener!.type);
      if (date === null) return (await q.orderBy('r.id').execute()).map((r) => r.id);
      const dated = (await q.where(sameDateSql(sql.ref('r.opened_on'), date, false)).orderBy('r.id').execute()).map((r) => r.id);
      return dated.length > 0 ? dated : (await q.where('r.opened_on', 'is', null).orderBy('r.id').execute()).map((r) => r.id);
    } else if (plan.mode === 'visit') {
      const { start, end } = plan.visit!;
      q = q.innerJoin('visit_mandates as vm', 'vm.request_id', 'r.id').innerJoin('visits as v', 'v.id', 'vm.visit_id');
      // an undated visit may be any (assignUndated picks); a dated one, one of compatible dates
      if (start !== null || end !== null) q = q.where(sameDateSql(sql.ref('v.start'), start, true)).where(sameDateSql(sql.ref('v.end'), end, true));
    }
    return (await q.orderBy('r.id').execute()).map((r) => r.id);
  }

  /**
   * Gives each plan with an undated opening (or undated visit) its own recorded thread, if one fits:
   * first the plans a thread already holds entirely, then the others by most held, fewest extra.
   */
  async assignUndated(rowPlans: RowPlan[]) {
    const groups = new Map<string, Plan[]>();
    for (const { plan } of rowPlans) {
      if (!plan || plan.definite || plan.mode === 'attach' || plan.openerRow === null || !plan.rows.includes(plan.openerRow)) continue;
      const group = groups.get(plan.key) ?? [];
      if (!group.includes(plan)) group.push(plan);
      groups.set(plan.key, group);
    }
    for (const plans of groups.values()) {
      const threads = await this.candidates(plans[0]!);
      const contents = new Map<number, ThreadContent>();
      for (const id of threads) contents.set(id, await this.content(id));
      const claimed = new Set<number>();
      const pick = (plan: Plan, whole: boolean) => {
        let best: (Score & { id: number }) | null = null;
        for (const id of threads) {
          if (claimed.has(id)) continue;
          const s = score(plan.items, contents.get(id)!);
          if (whole && s.missing > 0) continue;
          if (better(s, best)) best = { id, ...s };
        }
        if (best) {
          claimed.add(best.id);
          this.assigned.set(plan, best.id);
        }
      };
      for (const plan of plans) pick(plan, true);
      for (const plan of plans) if (!this.assigned.has(plan)) pick(plan, false);
      for (const plan of plans) if (!this.assigned.has(plan)) this.assigned.set(plan, null);
    }
  }

  /** The thread a plan goes to, or null when its first row will open one. */
  private async resolve(plan: Plan): Promise<number | null> {
    const known = this.threadOf.get(plan);
    if (known !== undefined) return known;
    if (plan.mode !== 'attach' && !plan.definite) return this.assigned.get(plan) ?? null;
    if (plan.mode !== 'attach') {
      const shared = this.byKey.get(plan.key);
      if (shared !== undefined) return shared;
      if (!this.knownKeys.has(plan.key) && !this.knownKeys.hasUndated(plan.key)) return plan.mode === 'visit' ? this.openThreadFor(plan) : null;
    }
    await this.flush();
    // attach: any thread of the mandate x State may hold the plan; definite keys: the ones named
    const threads =
      plan.mode === 'attach'
        ? (
            await this.trx.selectFrom('visit_requests').select('id').where('mandate_id', '=', plan.mandateId).where('state_code', '=', plan.stateCode).orderBy('id').execute()
          ).map((r) => r.id)
        : await this.candidates(plan);
    let best: (Score & { id: number }) | null = null;
    let latestOpen: number | null = null;
    for (const id of threads) {
      const content = await this.content(id);
      if (content.status !== 'refused' && content.status !== 'completed') latestOpen = id;
      const s = score(plan.items, content);
      if (plan.mode === 'attach' && s.matched === 0) continue;
      if (better(s, best)) best = { id, ...s };
    }
    // documents with no opening in the file go, as visits:record does, to the most recent open thread
    return best?.id ?? (plan.mode === 'attach' ? latestOpen : plan.mode === 'visit' ? this.openThreadFor(plan) : null);
  }

  /**
   * The thread a dated visit known by itself (a "completed" row with no request date) answers, as
   * visits:record links a visit: the most recent thread of the mandate x State neither refused nor
   * completed, so that its request does not stay pending. Only when that thread's opening is dated
   * and not surely after the visit began: a visit of 1995 answers no request of 2005, and an
   * undated request cannot tell (the real file: Iran, freedom of religion). Else null: the visit
   * stands on a thread of its own.
   */
  private async openThreadFor(plan: Plan): Promise<number | null> {
    const began = plan.visit!.start ?? plan.visit!.end;
    if (!began) return null;
    await this.flush();
    const thread = await this.latestOpen(plan);
    return thread?.opened_on && !isSurelyBefore(began, thread.opened_on) ? thread.id : null;
  }

  /** The most recent thread of a plan's mandate x State neither refused nor completed, if any. */
  private latestOpen(plan: Plan) {
    return this.trx
      .selectFrom('visit_requests')
      .select(['id', 'opened_on', 'opened_by', 'status'])
      .where('mandate_id', '=', plan.mandateId)
      .where('state_code', '=', plan.stateCode)
      .where('status', 'not in', ['refused', 'completed'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  async apply(rowPlan: RowPlan): Promise<ImportRowResult> {
    const plan = rowPlan.plan;
    const result: ImportRowResult = {
      row: rowPlan.row,
      outcome: 'error',
      action: '',
      stateCode: plan?.stateCode ?? null,
      mandateId: plan?.mandateId ?? null,
      threadId: null,
      threadStatus: null,
      documentsAdded: 0,
      visitsAdded: 0,
      errors: rowPlan.errors,
      warnings: rowPlan.readings?.length ? [...rowPlan.readings] : NONE,
    };
    if (!plan || rowPlan.errors.length > 0) return this.failed(result, plan, rowPlan);
    if (plan.openerRow !== null && plan.openerRow !== rowPlan.row && (this.failedOpening.has(plan) || !plan.rows.includes(plan.openerRow))) {
      result.errors = [{ row: rowPlan.row, column: null, reason: `the row that opens this thread (row ${plan.openerRow}) is not imported, so this one cannot be` }];
      return this.failed(result, plan, rowPlan);
    }

    const threadId = await this.resolve(plan);
    // a visit that will stand on a thread of its own beside an open thread recorded undated (openThreadFor cannot tell): the row says so
    if (plan.mode === 'visit' && threadId === null) {
      await this.flush();
      const open = await this.latestOpen(plan);
      // (a thread a row of this file opened is that row's: one row per request, the file tells them apart)
      if (open && !open.opened_on && !this.createdBy.has(open.id)) this.besideUndated.set(plan, { status: open.status, type: open.opened_by ?? 'request' });
    }
    // only a visit dated to the day can be joint, or one of a visit recorded with no thread: most rows have neither, and pay nothing for it
    const byDay = rowPlan.items.some((item) => item.kind === 'visit' && dayKey(item.visit));
    const unlinked = this.unlinked.size > 0 && rowPlan.items.some((item) => item.kind === 'visit' && this.unlinked.has(`${plan.mandateId}|${item.visit.subjectStateCode}`));
    const joints = byDay || unlinked ? await this.jointVisits(rowPlan, plan, result) : NO_JOINTS;
    const applied = joints.size === 0 && threadId === null && opensInMemory(rowPlan) ? await this.openThread(rowPlan, plan, result) : await this.applyThroughDomain(rowPlan, plan, result, threadId, joints);
    if (byDay && applied.outcome !== 'error') await this.noteVisits(rowPlan, plan);
    return applied;
  }

  /**
   * The recorded visits a row's visits are part of, as a joint visit: one of another mandate with the
   * same subject State, start and end, each dated to the day (a file of one row per request writes a
   * joint visit as a row per mandate; two visits of two mandates on the same days are one, counted once);
   * or one of the row's own mandate with no thread linked (recorded in the app before its request),
   * its dates at any precision ("2021-05" is the visit of 3 to 14 May 2021), the row saying when they differ.
   * @returns visit item -> the visit it joins.
   */
  private async jointVisits(rowPlan: RowPlan, plan: Plan, result: ImportRowResult): Promise<Map<Item, number>> {
    const joints = new Map<Item, number>();
    for (const item of rowPlan.items) {
      if (item.kind !== 'visit') continue;
      const { start, end } = item.visit;
      const own = this.unlinked.get(`${plan.mandateId}|${item.visit.subjectStateCode}`) ?? [];
      const recorded = own.find((v) => v.start && start && canBeSameDate(v.start, start) && (!v.end || !end || canBeSameDate(v.end, end)));
      if (recorded) {
        own.splice(own.indexOf(recorded), 1);
        joints.set(item, recorded.id);
        const as = (s: string | null, e: string | null) => [s, e].filter(Boolean).join(' to ');
        if (recorded.start !== start || recorded.end !== end) warn(result, `the file dates the visit ${as(start, end)}; it is recorded ${as(recorded.start, recorded.end)}: correct it on the visit if the file is right`);
        continue;
      }
      const key = dayKey(item.visit);
      // (a visit the row's own mandate takes part in is the unlinked case above, or another visit)
      const found = key ? (await this.dayIndex()).get(key)?.find((v) => !v.links.has(plan.mandateId)) : undefined;
      if (found) joints.set(item, found.id);
    }
    return joints;
  }

  /** Reads {@link unlinked}, before the first row is applied. */
  async loadUnlinked() {
    const rows = await this.trx
      .selectFrom('visit_mandates as vm')
      .innerJoin('visits as v', 'v.id', 'vm.visit_id')
      .select(['vm.mandate_id', 'v.id', 'v.subject_state_code', 'v.start', 'v.end'])
      .where('vm.request_id', 'is', null)
      .orderBy('v.id')
      .execute();
    for (const r of rows) {
      const key = `${r.mandate_id}|${r.subject_state_code}`;
      this.unlinked.set(key, [...(this.unlinked.get(key) ?? []), { id: r.id, start: r.start, end: r.end }]);
    }
  }

  private async dayIndex() {
    if (this.visitsByDay) return this.visitsByDay;
    await this.flush();
    const rows = await this.trx
      .selectFrom('visits as v')
      .innerJoin('visit_mandates as vm', 'vm.visit_id', 'v.id')
      .select(['v.id', 'v.subject_state_code', 'v.start', 'v.end', 'vm.mandate_id', 'vm.request_id'])
      .where((eb) => eb.and([eb(eb.fn('length', ['v.start']), '=', 10), eb(eb.fn('length', ['v.end']), '=', 10)]))
      .orderBy('v.id')
      .execute();
    this.visitsByDay = new Map();
    for (const r of rows) this.addToDayIndex(dayKey({ subjectStateCode: r.subject_state_code, start: r.start, end: r.end })!, r.id, r.mandate_id, r.request_id);
    return this.visitsByDay;
  }

  private addToDayIndex(key: string, id: number, mandateId: number, requestId: number | null) {
    const list = this.visitsByDay!.get(key) ?? [];
    const entry = list.find((v) => v.id === id);
    if (entry) entry.links.set(mandateId, requestId);
    else list.push({ id, links: new Map([[mandateId, requestId]]) });
    this.visitsByDay!.set(key, list);
  }

  /** Keeps {@link visitsByDay} up with the day-dated visits a row added or joined (its thread's visits of the same dates). */
  private async noteVisits(rowPlan: RowPlan, plan: Plan) {
    const items = rowPlan.items.flatMap((item) => (item.kind === 'visit' && dayKey(item.visit) ? [item.visit] : []));
    if (items.length === 0 || !this.visitsByDay || this.lastThreadId === null) return;
    const { visits } = await this.content(this.lastThreadId);
    for (const visit of items) {
      const recorded = visits.find((v) => v.start === visit.start && v.end === visit.end);
      if (recorded) this.addToDayIndex(dayKey(visit)!, recorded.id, plan.mandateId, this.lastThreadId);
    }
  }

  /**
   * A row that opens a thread: built in memory by the rules of the domain functions, every check
   * before anything is written, and written with the next batch of new threads.
   */
  private async openThread(rowPlan: RowPlan, plan: Plan, result: ImportRowResult): Promise<ImportRowResult> {
    const thread = new DraftThread({ mandateId: plan.mandateId, stateCode: plan.stateCode, priority: plan.priority, notes: plan.notes }, this.mandates.get(plan.mandateId)!, this.today);
    /** What the row added besides the opening document, for the action text. */
    const added: string[] = [];
    let column: string | null = null;
    try {
      for (const item of rowPlan.items) {
        column = item.column;
        const opening = thread.items.length === 0;
        if (item.kind === 'visit') {
          thread.addVisit(item.visit);
          if (!opening) added.push(`visit (${this.when(item)})${this.about(item)}`);
        } else if (opening && item.kind === 'opener') {
          thread.open(item.doc);
        } else {
          added.push(documentLabel(thread.addDocument(item.doc), item.doc));
        }
      }
      // one pending request per mandate x State (checkNoPendingThread): the row gives the thread's
      // whole story, so a request of the past that was answered is no follow-up of a pending one
      const first = rowPlan.items[0]!;
      column = first.column;
      const pending = [...(this.pending.get(pairOf(plan)) ?? [])].map(([id, openedOn]) => ({ id, openedOn }));
      if (pending.length > 0 && thread.derived().status === 'pending') {
        const date = first.kind === 'opener' ? first.doc.date : null;
        // an earlier request, unanswered in the file: no reminder can follow it up, so say what can be done
        if (date && pending.every((p) => p.openedOn && isSurelyBefore(date, p.openedOn))) {
          const latest = pending.map((p) => p.openedOn!).sort().at(-1)!;
          throw new DomainError(
            'rule',
            `A request of this mandate to ${this.stateName(plan.stateCode)} is pending since ${latest} (no answer yet), and this earlier one of ${date} shows no answer either: ` +
              'one request per mandate and State is pending at a time. Add the answer the earlier request got, or leave this row out if the later request followed it up.',
          );
        }
        // two undated requests of one file cannot be told apart: most likely the same request written twice
        const twin = date === null ? pending.find((p) => p.openedOn === null && this.createdBy.has(p.id)) : undefined;
        if (twin) {
          throw new DomainError(
            'rule',
            `Row ${this.createdBy.get(twin.id)} of this file already opens an undated pending request of this mandate to ${this.stateName(plan.stateCode)}: ` +
              'if this row is the same request, leave it out; if it is another, write the dates of both.',
          );
        }
        checkNoPendingThread(pending, first.kind === 'opener' ? first.doc.type : 'request', this.stateName(plan.stateCode));
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.errors = [{ row: rowPlan.row, column, reason: error.message }];
      return this.failed(result, plan, rowPlan);
    }
    const written = await this.batch.add(thread, this.now);
    this.knownKeys.add(plan.key);
    for (const item of rowPlan.items) if (item.kind === 'visit') this.knownKeys.add(visitKey(plan.mandateId, plan.stateCode, item.visit));
    result.documentsAdded = written.documentIds.length;
    result.visitsAdded = written.visitIds.length;
    const opened = { id: written.id, created: true, status: written.derived.status, openedBy: written.derived.opened_by, openedOn: written.derived.opened_on, notes: thread.values.notes };
    return this.succeeded(rowPlan, plan, result, opened, added, new Set(written.documentIds), new Set(written.visitIds));
  }

  /**
   * A row for a thread in memory (opened by the import and not yet written, or recorded and taken
   * in): as below through the domain functions, each item found on the thread or else recorded by
   * their rules, every check before anything is written; what it adds is written with the next batch.
   */
  private async addInMemory(rowPlan: RowPlan, plan: Plan, result: ImportRowResult, threadId: number): Promise<ImportRowResult> {
    const opened = this.batch.opened(threadId)!;
    const thread = opened.thread.copy();
    const from = thread.items.length;
    const content = { ...opened.content, docs: [...opened.content.docs], visits: [...opened.content.visits] };
    const next = this.batch.nextIds();
    const usedDocs = new Set(this.usedDocs.get(plan));
    const usedVisits = new Set(this.usedVisits.get(plan));
    const added: string[] = [];
    const { found: recorded, corrected } = matchItems(rowPlan.items, content, usedDocs, usedVisits, !this.plansAreThreads);
    warn(result, ...finerDates(rowPlan.items, recorded, content, corrected));
    let column: string | null = null;
    try {
      for (const [i, item] of rowPlan.items.entries()) {
        column = item.column;
        if (recorded[i] !== null) continue;
        if (item.kind === 'visit') {
          thread.addVisit(item.visit);
          content.visits.push({ id: next.visit, start: item.visit.start, end: item.visit.end });
          usedVisits.add(next.visit++);
          added.push(`visit (${this.when(item)})${this.about(item)}`);
        } else {
          const filedAs = thread.addDocument(item.doc);
          const { type, date, reference, proposed_start, proposed_end } = (thread.items.at(-1) as Extract<DraftThread['items'][number], { kind: 'document' }>).values;
          content.docs.push({ id: next.document, type, date, reference, proposed_start, proposed_end });
          usedDocs.add(next.document++);
          added.push(documentLabel(filedAs, item.doc));
        }
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.errors = [{ row: rowPlan.row, column, reason: error.message }];
      return this.failed(result, plan, rowPlan);
    }
    const notes = plan.notes && !content.notes.trim() ? plan.notes : null;
    if (notes) added.push('notes');
    if (added.length === 0) return this.succeeded(rowPlan, plan, result, { id: threadId, created: false, ...content }, added, usedDocs, usedVisits);
    const written = this.batch.extend(threadId, thread, from, this.now);
    if (notes) this.batch.fillNotes(threadId, notes, this.now);
    const { opened_by: openedBy, opened_on: openedOn, status } = written.derived;
    if (openedBy) this.knownKeys.add(openKey(plan.mandateId, plan.stateCode, { type: openedBy, date: openedOn }));
    for (const item of rowPlan.items) if (item.kind === 'visit') this.knownKeys.add(visitKey(plan.mandateId, plan.stateCode, item.visit));
    result.documentsAdded = written.documentIds.length;
    result.visitsAdded = written.visitIds.length;
    return this.succeeded(rowPlan, plan, result, { id: threadId, created: false, status, openedBy, openedOn, notes: notes ?? content.notes }, added, usedDocs, usedVisits);
  }

  /** A row naming a signing holder (none of the import's plans does): through the domain functions, in a savepoint. */
  private async applyThroughDomain(rowPlan: RowPlan, plan: Plan, result: ImportRowResult, resolved: number | null, joints: ReadonlyMap<Item, number>): Promise<ImportRowResult> {
    if (resolved !== null && namesNoHolder(rowPlan) && joints.size === 0) {
      if (!this.batch.opened(resolved)) await this.batch.load(resolved, this.mandates.get(plan.mandateId)!, this.today);
      return this.addInMemory(rowPlan, plan, result, resolved);
    }
    await this.flush();
    const usedDocs = new Set(this.usedDocs.get(plan));
    const usedVisits = new Set(this.usedVisits.get(plan));
    await sql.raw('SAVEPOINT import_row').execute(this.trx);
    let column: string | null = null;
    try {
      let threadId = resolved;
      let created = false;
      /** What the row added besides the opening document, for the action text. */
      const added: string[] = [];
      let documentsAdded = 0;
      let visitsAdded = 0;
      // what a recorded thread holds already; on a thread the row opens, everything is new
      let recorded: (number | null)[] = rowPlan.items.map(() => null);
      if (threadId !== null) {
        const content = await this.content(threadId);
        const matched = matchItems(rowPlan.items, content, usedDocs, usedVisits, !this.plansAreThreads);
        recorded = matched.found;
        warn(result, ...finerDates(rowPlan.items, recorded, content, matched.corrected));
      }
      for (const [i, item] of rowPlan.items.entries()) {
        column = item.column;
        if (recorded[i] !== null) continue;
        if (threadId === null) {
          if (item.kind === 'opener') {
            const opened = await createRequest(
              this.trx,
              { mandateId: plan.mandateId, stateCode: plan.stateCode, priority: plan.priority, notes: plan.notes, opening: item.doc },
              'import',
              this.today,
            );
            threadId = opened.id;
            usedDocs.add(opened.documentId);
            documentsAdded++;
          } else if (item.kind === 'visit') {
            const visit = await recordVisitOnNewThread(
              this.trx,
              { mandateIds: [plan.mandateId], ...item.visit, official: true },
              { stateCode: plan.stateCode, priority: plan.priority, notes: plan.notes },
              'import',
              this.today,
              joints.get(item),
            );
            threadId = visit.requestId;
            usedVisits.add(visit.id);
            // a visit joined is counted once, where it was first recorded
            if (joints.has(item)) added.push(await this.jointWith(visit.id, plan.mandateId));
            else visitsAdded++;
          } else {
            throw new RowFailure(
              column,
              `no visit request of this mandate to ${this.stateName(plan.stateCode)} is recorded to add this ${item.doc.type.replace('_', ' ')} to: add a row with its request or invitation before it`,
            );
          }
          created = true;
          continue;
        }
        const joins = joints.get(item);
        if (item.kind === 'visit' && joins !== undefined) {
          await joinVisit(this.trx, joins, threadId, 'import', this.today);
          usedVisits.add(joins);
          added.push(`visit (${this.when(item)})${this.about(item)}, ${await this.jointWith(joins, plan.mandateId)}`);
        } else if (item.kind === 'visit') {
          const visit = await recordVisit(
            this.trx,
            {
              mandateIds: [plan.mandateId],
              subjectStateCode: item.visit.subjectStateCode,
              placeCodes: item.visit.placeCodes,
              start: item.visit.start,
              end: item.visit.end,
              official: true,
              requestId: threadId,
            },
            'import',
            this.today,
          );
          usedVisits.add(visit.id);
          // another mandate's visit of the same days recorded before (not by this file): joined, counted once
          const joint = visit.joined ? `, ${await this.jointWith(visit.id, plan.mandateId)}` : '';
          if (!visit.joined) visitsAdded++;
          added.push(`visit (${this.when(item)})${this.about(item)}${joint}`);
        } else {
          const filed = await recordDocument(this.trx, threadId, item.doc, 'import', this.today);
          usedDocs.add(filed.id);
          documentsAdded++;
          added.push(documentLabel(filed.filedAs, item.doc));
        }
      }
      await sql.raw('RELEASE import_row').execute(this.trx);
      const id = threadId!;
      const content = await this.content(id);
      // the keys the thread is known by now (a row may have added its opening or a visit)
      if (content.openedBy) this.knownKeys.add(openKey(plan.mandateId, plan.stateCode, { type: content.openedBy, date: content.openedOn }));
      for (const visit of content.visits) this.knownKeys.add(visitKey(plan.mandateId, plan.stateCode, visit));
      result.documentsAdded = documentsAdded;
      result.visitsAdded = visitsAdded;
      return this.succeeded(rowPlan, plan, result, { id, created, ...content }, added, usedDocs, usedVisits);
    } catch (error) {
      await sql.raw('ROLLBACK TO import_row').execute(this.trx);
      await sql.raw('RELEASE import_row').execute(this.trx);
      if (!(error instanceof DomainError) && !(error instanceof RowFailure)) throw error;
      result.errors = [{ row: rowPlan.row, column: error instanceof RowFailure ? error.column : column, reason: error.message }];
      return this.failed(result, plan, rowPlan);
    }
  }

  /** Keeps what later rows of the plan need, and reports the row. */
  private succeeded(
    rowPlan: RowPlan,
    plan: Plan,
    result: ImportRowResult,
    thread: { id: number; created: boolean } & Pick<ThreadContent, 'status' | 'openedBy' | 'openedOn' | 'notes'>,
    added: string[],
    usedDocs: Set<number>,
    usedVisits: Set<number>,
  ): ImportRowResult {
    const { id, created } = thread;
    this.lastThreadId = id;
    if (created) this.createdBy.set(id, rowPlan.row);
    const pending = this.pending.get(pairOf(plan)) ?? new Map<number, string | null>();
    if (thread.status === 'pending') this.pending.set(pairOf(plan), pending.set(id, thread.openedOn));
    else pending.delete(id);
    if (plan.mode !== 'attach' && plan.definite) this.byKey.set(plan.key, id);
    if (plan.rows.at(-1) !== rowPlan.row) {
      // for the later rows of the plan (kept only for those): its thread, and what of it they matched
      this.threadOf.set(plan, id);
      this.usedDocs.set(plan, usedDocs);
      this.usedVisits.set(plan, usedVisits);
    }
    // a thread opened in a preview is rolled back with it: its id would mean nothing
    result.threadId = this.preview && this.createdBy.has(id) ? null : id;
    result.threadStatus = thread.status;
    result.outcome = created ? 'new' : added.length > 0 ? 'added' : 'unchanged';
    result.action = this.describe(result.outcome, plan, rowPlan, thread, added);
    // notes are the user's to edit: an import never overwrites them, but says when the file's differ
    if (!created && plan.notes && foldText(plan.notes) !== foldText(thread.notes)) {
      warn(result, `the notes in the file differ from those recorded on the thread, which were kept: edit them on the thread if the file’s are right`);
    }
    // a thread this file opens with an answer a recorded one has (same type, same date): most likely that thread, its opening dated otherwise in the file
    const twin = this.createdBy.has(id) ? this.twinOf(rowPlan, plan) : undefined;
    if (twin) {
      const opened = `${twin.openedBy ?? 'visit'}${twin.openedOn ? ` of ${twin.openedOn}` : ' with no date'}`;
      warn(result, `the ${twin.type.replace('_', ' ')} of ${twin.date} is on the recorded ${opened} too: if this row is that thread, correct its date on the thread or in the file, rather than keep two threads`);
    }
    const beside = created ? this.besideUndated.get(plan) : undefined;
    if (beside) {
      warn(
        result,
        `the ${beside.type} of this mandate to ${this.stateName(plan.stateCode)} recorded with no date is still ${beside.status === 'invitation' ? 'open' : beside.status}, and this visit was not put on it (with no date, which visit answers it cannot be told): ` +
          `if this visit answers it, write the ${beside.type}'s date or year in the "Requested on" column${beside.type === 'invitation' ? ', with "invitation" in an "Opened by" column' : ''}, and the visit will go on it`,
      );
    }
    if (rowPlan.expected && !rowPlan.expected.statuses.includes(thread.status)) {
      warn(result, `the status column says "${rowPlan.expected.word}", and the thread's documents make it ${thread.status}`);
    }
    return result;
  }

  private failed(result: ImportRowResult, plan: Plan | null, rowPlan: RowPlan): ImportRowResult {
    if (plan && plan.openerRow === rowPlan.row && !this.threadOf.has(plan)) this.failedOpening.add(plan);
    result.outcome = 'error';
    result.action = `not imported: ${result.errors.map((e) => (e.column ? `${e.column}: ${e.reason}` : e.reason)).join('; ')}`;
    return result;
  }

  /** A thread recorded before the import with an answer of the same type and date as one of the row's. */
  private twinOf(rowPlan: RowPlan, plan: Plan): RecordedAnswer | undefined {
    const answers = this.answers.get(pairOf(plan));
    if (!answers) return undefined;
    for (const item of rowPlan.items) {
      if (item.kind !== 'document' || !item.doc.date) continue;
      // the same date at any precision down to the month ("2020-02-15", "2020-02"): a year alone tells too little
      const date = item.doc.date;
      const twin = answers.find((a) => a.type === item.doc.type && a.date.length >= 7 && date.length >= 7 && canBeSameDate(a.date, date));
      if (twin) return twin;
    }
    return undefined;
  }

  /** What a visit a row joined was, for the action text: "joint with the Special Rapporteur on the right to food", or "recorded before" (of the row's mandate alone). */
  private async jointWith(visitId: number, mandateId: number): Promise<string> {
    const links = await this.trx.selectFrom('visit_mandates').select('mandate_id').where('visit_id', '=', visitId).where('mandate_id', '!=', mandateId).execute();
    if (links.length === 0) return 'recorded before';
    const titles = links.map((l) => this.mandates.get(l.mandate_id)?.title ?? `mandate ${l.mandate_id}`).sort();
    return `joint with ${titles.map((t) => `the ${t}`).join(' and ')}`;
  }

  private stateName(code: string): string {
    return this.stateNames.get(code) ?? code;
  }

  private when(item: Extract<Item, { kind: 'visit' }>): string {
    const { start, end } = item.visit;
    return start && end ? `${start} to ${end}` : (start ?? (end ? `ending ${end}` : 'undated'));
  }

  /** ", about Somalia" when the visit's subject is not the place visited. */
  private about(item: Extract<Item, { kind: 'visit' }>): string {
    const { subjectStateCode, placeCodes } = item.visit;
    return placeCodes.includes(subjectStateCode) ? '' : `, about ${this.stateName(subjectStateCode)}`;
  }

  private describe(outcome: ImportRowResult['outcome'], plan: Plan, rowPlan: RowPlan, content: { id: number } & Pick<ThreadContent, 'openedBy' | 'openedOn'>, added: string[]): string {
    if (outcome === 'unchanged') {
      const earlier = this.createdBy.get(content.id);
      return earlier !== undefined && earlier !== rowPlan.row && !plan.rows.includes(earlier) ? `nothing new: row ${earlier} of this file already has it` : 'already imported';
    }
    const state = this.stateName(plan.stateCode);
    // reminders are counted ("2 reminders"), as assistants count them; other documents named one by one
    const reminders = added.filter((a) => a.startsWith('reminder')).length;
    const parts = added.filter((a) => !a.startsWith('reminder'));
    if (reminders > 0) parts.unshift(plural(reminders, 'reminder'));
    const opening = rowPlan.items[0];
    if (outcome === 'new') {
      if (opening?.kind === 'opener') {
        const head = opening.doc.type === 'request' ? `new request to ${state}` : `new invitation from ${state}`;
        return [`${head}${opening.doc.date ? ` of ${opening.doc.date}` : ''}`, ...parts].join(', ');
      }
      const visit = opening?.kind === 'visit' ? opening : null;
      return [`new thread: visit to ${state}${visit ? ` (${this.when(visit)})${this.about(visit)}` : ''}`, ...parts].join(', ');
    }
    const thread = content.openedBy
      ? `the ${content.openedBy} ${content.openedBy === 'request' ? 'to' : 'from'} ${state}${content.openedOn ? ` of ${content.openedOn}` : ''}`
      : `the thread of the visit to ${state}`;
    return `adds ${parts.join(', ')} to ${thread}`;
  }
}

const pairOf = (plan: Plan) => `${plan.mandateId}|${plan.stateCode}`;

/** A row's joint visits when it has none (most rows): one map for them all. */
const NO_JOINTS: ReadonlyMap<Item, number> = new Map();

/** Adds warnings to a row's report, whose list may be the shared empty one (plan.ts NONE). */
function warn(result: ImportRowResult, ...warnings: string[]) {
  if (warnings.length > 0) result.warnings = [...result.warnings, ...warnings];
}

/** "SYR|2020-10-05|2020-10-16": a visit dated to the day at both ends, by subject State and dates; null otherwise (a joint visit is told by its days, not by a month or a year). */
function dayKey(visit: Pick<VisitPlan, 'subjectStateCode' | 'start' | 'end'>): string | null {
  return visit.start?.length === 10 && visit.end?.length === 10 ? `${visit.subjectStateCode}|${visit.start}|${visit.end}` : null;
}

/**
 * Whether a row that finds no thread can open one in memory (threads.ts): it starts with its
 * request, invitation or visit (else it is refused as through the domain functions), and names
 * no signing holder (which the domain functions look up).
 */
function opensInMemory(rowPlan: RowPlan): boolean {
  return rowPlan.items[0]?.kind !== 'document' && namesNoHolder(rowPlan);
}

function namesNoHolder(rowPlan: RowPlan): boolean {
  return rowPlan.items.every((item) => item.kind === 'visit' || item.doc.signedByHolderId == null);
}

/** "acceptance of 2015", "dates proposal (2018-04-28 to 2018-05-12)". */
function documentLabel(type: DocumentType, doc: DocumentInput): string {
  const dates = doc.proposedStart || doc.proposedEnd ? ` (${[doc.proposedStart, doc.proposedEnd].filter(Boolean).join(' to ')})` : '';
  return `${type.replace('_', ' ')}${doc.date ? ` of ${doc.date}` : ''}${dates}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function buildReport(
  table: Omit<ReadTable, 'rows'>,
  fileName: string,
  layout: Layout,
  order: OrderDecision,
  rows: ImportRowResult[],
  committed: boolean,
  { unread, notes }: { unread: string[]; notes: SheetRow[] },
): ImportReport {
  // a one-row-per-document file is applied in date order (plan.ts inDateOrder): the report is in file order
  if (layout.shape === 'document') rows.sort((a, b) => a.row - b.row);
  const errors = rows.flatMap((r) => r.errors);
  const count = (o: ImportRowResult['outcome']) => rows.filter((r) => r.outcome === o).length;
  const totals = {
    rows: rows.length,
    imported: count('new') + count('added'),
    unchanged: count('unchanged'),
    invalid: count('error'),
    threadsCreated: count('new'),
    documentsAdded: rows.reduce((n, r) => n + r.documentsAdded, 0),
    visitsAdded: rows.reduce((n, r) => n + r.visitsAdded, 0),
  };
  const shape = layout.shape === 'request' ? 'one row per request' : 'one row per document';
  const verb = committed ? 'imported' : 'to import';
  const parts = [
    `${plural(totals.rows, 'row')} read as ${shape}`,
    `${totals.imported} ${verb} (${plural(totals.threadsCreated, 'new thread')}, ${plural(totals.documentsAdded, 'document')}, ${plural(totals.visitsAdded, 'visit')})`,
    `${totals.unchanged} already imported`,
    `${totals.invalid} with errors${totals.invalid > 0 ? (committed ? ', left out' : ': correct them, or import the other rows and leave these out') : ''}`,
  ];
  const one = unread.length === 1;
  const left =
    unread.length === 0
      ? null
      : `${one ? 'The column' : 'The columns'} ${unread.map((h) => `"${h}"`).join(', ')} ${committed ? (one ? 'was' : 'were') : one ? 'is' : 'are'} not read, though ${one ? 'it holds' : 'they hold'} something: map ${one ? 'it' : 'them'} to a field if there is more to import.`;
  const status = layout.statusLeft === undefined ? null : `The column "${layout.columns[layout.statusLeft]!.header}" ${committed ? 'was' : 'is'} not read: in a log of documents, each thread's status follows from its documents (shown beside each row).`;
  const under =
    notes.length === 0
      ? null
      : `${notes.length === 1 ? 'The row' : 'The rows'} under the table ${notes.map((n) => `${n.row} ("${n.cells.filter((c) => c !== '').join(' ').slice(0, 80)}")`).join(', ')} ${notes.length === 1 ? 'is' : 'are'} a total or a note, not a visit request: not read.`;
  const message = [order.needed ? order.message : null, `${parts.join('; ')}.`, left, status, under].filter(Boolean).join(' ');
  return {
    fileName,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheet: table.sheet,
    shape: layout.shape,
    columns: layout.columns.map((c) => ({ header: c.header, field: c.field, by: c.by })),
    dayMonthOrder: order.order,
    dayMonthOrderFrom: order.from,
    needsDayMonthOrder: order.needed,
    committed,
    canCommit: !committed && !order.needed && totals.imported > 0,
    message,
    rows,
    errors,
    totals,
  };
}
