/**
 * The threads an import writes, built in memory and written in batches.
 *
 * Through the domain functions a row costs a dozen queries (createRequest, then recordDocument or
 * recordVisit and refreshRequest for each further item). A {@link DraftThread} applies the very
 * same rules in memory — fileDocument and filingContext of db/requests.ts, the visit checks of
 * db/visits.ts — every check before anything is written, so a row the rules refuse writes
 * nothing; its derived columns come once from derivedColumns, as refreshRequest would write them.
 * {@link ThreadWriter} keeps the threads that rows open and the recorded ones they add to, and
 * writes them with multi-row INSERTs (and one UPDATE per recorded thread changed): the same rows,
 * with the same ids, and the same change-log entries (source 'import', in the same order) as the
 * domain functions write row after row.
 *
 * Preconditions, met by the import: the mandate and every State named exist (the import's
 * matchers read them in the same transaction) and no document names a signing holder (the
 * domain functions would look it up).
 */
import { CompiledQuery, type Transaction } from 'kysely';
import type { DocumentInput, VisitInput } from '../contract';
import type { DocumentType, Status } from '../domain';
import { checkMandateOpens, checkMandateSends, closedBy, derivedColumns, fileDocument, filingContext, threadValues, type DerivingDocument } from '../requests';
import type { Database } from '../schema';
import { checkMandatesVisit, checkVisitAfterOpening, checkVisitDates, checkVisitOnNewThread, checkVisitThread, linkedVisits, visitParts, visitValues } from '../visits';

type FiledValues = ReturnType<typeof fileDocument>['values'];

/** A thread as the import matches rows against it: its opening, status, and documents and visits in recording order. */
export interface ThreadContent {
  openedBy: 'request' | 'invitation' | null;
  openedOn: string | null;
  status: Status;
  docs: { id: number; type: DocumentType; date: string | null; reference: string; proposed_start: string | null; proposed_end: string | null }[];
  visits: { id: number; start: string | null; end: string | null }[];
  /** The thread's notes, for a row whose notes differ to say so (the import does not overwrite them). */
  notes: string;
}

/** A thread in memory: one an import row opens, or a recorded one that rows add to. */
export class DraftThread {
  readonly values: ReturnType<typeof threadValues>;
  /** Documents and visits in the order they were recorded (the order of their change-log entries). */
  readonly items: ({ kind: 'document'; values: FiledValues } | { kind: 'visit'; input: VisitInput; placeCodes: string[] })[] = [];

  /**
   * @param thread the thread's mandate and State, priority and notes
   * @param mandate its mandate's title and end, for the rules that read them
   */
  constructor(
    thread: Parameters<typeof threadValues>[0],
    private readonly mandate: { title: string; ended: string | null },
    private readonly today: string,
  ) {
    this.values = threadValues(thread);
  }

  /** A recorded thread, to record more on in memory: its typed columns, its documents and the starts and ends of its visits. */
  static recorded(
    values: ReturnType<typeof threadValues>,
    documents: FiledValues[],
    visits: Pick<VisitInput, 'start' | 'end'>[],
    mandate: { title: string; ended: string | null },
    today: string,
  ): DraftThread {
    const thread = new DraftThread({ mandateId: values.mandate_id, stateCode: values.state_code, priority: values.priority, notes: values.notes }, mandate, today);
    for (const values of documents) thread.items.push({ kind: 'document', values });
    // of a recorded visit only the dates are read (derived); it is never written again
    for (const { start, end } of visits) thread.items.push({ kind: 'visit', input: { mandateIds: [values.mandate_id], subjectStateCode: values.state_code, start, end, official: true }, placeCodes: [] });
    return thread;
  }

  /** The same thread, to record more on without changing this one (a row refused leaves it as it was). */
  copy(): DraftThread {
    const copy = Object.create(DraftThread.prototype) as DraftThread;
    return Object.assign(copy, this, { items: [...this.items] });
  }

  /** The opening request or invitation, as createRequest records it. @throws DomainError when a rule refuses it. */
  open(input: DocumentInput & { type: 'request' | 'invitation' }) {
    checkMandateOpens(this.mandate, input.date);
    this.items.push({ kind: 'document', values: fileDocument(input, { openedBy: null, opener: null, hasRequest: false }, null, this.today).values });
  }

  /**
   * A further document, as recordDocument records it.
   * @returns the type it is filed as.
   * @throws DomainError when a rule refuses it.
   */
  addDocument(input: DocumentInput): DocumentType {
    const documents = this.documents();
    const { opener, hasRequest } = filingContext(documents);
    // only an invitation reads whether the request is closed: the status is derived for it alone
    const closed = input.type === 'invitation' && hasRequest ? closedBy(documents, this.derived().status) : null;
    // opened_by, which recordDocument reads from the thread, is what refreshRequest derived: the opener's type
    const filed = fileDocument(input, { openedBy: opener ? opener.type : null, opener, hasRequest, closed }, null, this.today);
    checkMandateSends(this.mandate, filed.values);
    this.items.push({ kind: 'document', values: filed.values });
    return filed.filedAs;
  }

  /**
   * A visit of the thread's mandate, linked to the thread: as recordVisitOnNewThread records it
   * when it opens the thread, else as recordVisit does.
   * @throws DomainError when a rule refuses it.
   */
  addVisit(visit: Pick<VisitInput, 'subjectStateCode' | 'placeCodes' | 'start' | 'end'>) {
    const input: VisitInput = { mandateIds: [this.values.mandate_id], ...visit, official: true };
    if (this.items.length === 0) checkVisitOnNewThread(input, this.values.state_code, this.today);
    checkMandatesVisit([this.mandate], input.start);
    checkVisitDates(input);
    checkVisitThread(input, this.values);
    const dated = this.documents().flatMap((d) => (d.date ? [d.date] : []));
    if (dated.length > 0) checkVisitAfterOpening(input.start, dated.reduce((a, b) => (b < a ? b : a)));
    this.items.push({ kind: 'visit', input, placeCodes: visitParts(input).placeCodes });
  }

  /** The thread's derived columns (status, opening, last document, reminders, milestones). */
  derived() {
    const visits = this.items.flatMap((item) => (item.kind === 'visit' ? [{ start: item.input.start ?? null, end: item.input.end ?? null }] : []));
    return derivedColumns(this.documents(), visits, this.today);
  }

  /** The documents as derivedColumns and filingContext read them; ids give the recording order. */
  private documents(): DerivingDocument[] {
    const documents: DerivingDocument[] = [];
    for (const item of this.items) if (item.kind === 'document') documents.push({ id: documents.length + 1, ...item.values });
    return documents;
  }
}

/**
 * A recorded thread as the import reads it: its row, its documents in recording order, and its
 * content as rows are matched against it ({@link ThreadContent}).
 */
export async function readRecorded(trx: Transaction<Database>, id: number) {
  const row = await trx.selectFrom('visit_requests').select(['mandate_id', 'state_code', 'priority', 'notes', 'opened_by', 'opened_on', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  const documents = await trx
    .selectFrom('documents')
    .select(['id', 'type', 'direction', 'date', 'form', 'language', 'reference', 'signed_by_holder_id', 'proposed_start', 'proposed_end', 'notes'])
    .where('request_id', '=', id)
    .orderBy('id')
    .execute();
  const visits = (await linkedVisits(trx, [id])).map(({ id, start, end }) => ({ id, start, end }));
  const docs = documents.map(({ id, type, date, reference, proposed_start, proposed_end }) => ({ id, type, date, reference, proposed_start, proposed_end }));
  const content: ThreadContent = { openedBy: row.opened_by, openedOn: row.opened_on, status: row.status, docs, visits, notes: row.notes };
  return { row, documents, content };
}

type Row = Record<string, unknown>;

/** Rows per INSERT at most; fewer go in halves (128, 64, ...), so that a few statement texts are reused. */
const CHUNK = 256;
/**
 * Threads kept in memory before they are written. Small: a batch held across several young-generation
 * collections is promoted to V8's old space, which then grows by hundreds of MB over a large import
 * before it is collected (2,048 threads: ~650 MB peak for 100,000 rows; 64: ~480 MB), for no gain in
 * speed, since each INSERT already carries up to 256 rows.
 */
const BUFFER = 64;

/**
 * Writes threads in batches, with ids given in advance as SQLite would (the largest id + 1), so
 * that a thread's documents, visits and change-log entries can name it before it is written, and
 * every id is the one the domain functions would have given, row after row.
 * Call {@link flush} before any other read or write of threads in the transaction ({@link opened}
 * answers for the threads in memory).
 */
export class ThreadWriter {
  private next: { request: number; document: number; visit: number } | null = null;
  private threads = 0;
  private readonly rows: Record<'visit_requests' | 'documents' | 'visits' | 'visit_places' | 'visit_mandates' | 'change_log', Row[]> = {
    visit_requests: [],
    documents: [],
    visits: [],
    visit_places: [],
    visit_mandates: [],
    change_log: [],
  };

  /**
   * The threads in memory: those buffered, and the recorded ones that rows add to. Their content as
   * later rows are matched against it; their row, to insert, or the columns to set on the recorded one.
   */
  private readonly buffered = new Map<number, { thread: DraftThread; content: ThreadContent; row: Row; recorded: boolean }>();
  /** The text of each INSERT by table, rows and columns: the same string each time, which the statement cache finds at once. */
  private readonly sql = new Map<string, string>();
  private sortKeys: { states: Map<string, { name_key: string; regional_group: string | null }>; mandates: Map<number, string> } | null = null;

  constructor(private readonly trx: Transaction<Database>) {}

  /**
   * Buffers a thread (written by the next {@link flush}, at the latest).
   * @returns the thread's id, its documents' and visits' ids in the order of its items, and its derived columns.
   */
  async add(thread: DraftThread, now: string) {
    await this.makeRoom();
    this.next ??= await this.largestIds();
    const id = this.next.request++;
    const derived = thread.derived();
    const row: Row = { id, ...thread.values, created_at: now, updated_at: now, ...derived, ...(await this.keys(thread.values)) };
    this.rows.visit_requests.push(row);
    this.log(now, 'request', id, thread.values);
    const content: ThreadContent = { openedBy: derived.opened_by, openedOn: derived.opened_on, status: derived.status, docs: [], visits: [], notes: thread.values.notes };
    this.buffered.set(id, { thread, content, row, recorded: false });
    const written = this.items(id, thread, 0, now);
    return { id, ...written, derived };
  }

  /**
   * Records more on a thread in memory: `thread` is a {@link DraftThread.copy} of it with items
   * added from `from` on, which get the next ids ({@link nextIds}) in their order. Its derived
   * columns are rewritten, and its updated_at when a document was added, as recordDocument and
   * recordVisit do (on a recorded thread, by the UPDATE of the next flush).
   */
  extend(id: number, thread: DraftThread, from: number, now: string) {
    const entry = this.buffered.get(id)!;
    const derived = thread.derived();
    Object.assign(entry.row, derived, thread.items.slice(from).some((item) => item.kind === 'document') ? { updated_at: now } : {});
    Object.assign(entry.content, { openedBy: derived.opened_by, openedOn: derived.opened_on, status: derived.status });
    entry.thread = thread;
    return { ...this.items(id, thread, from, now), derived };
  }

  /**
   * Takes a recorded thread into memory, so that a row can add to it as to a buffered one: what it
   * adds is written with the buffered threads, and its derived columns rewritten then.
   */
  async load(id: number, mandate: { title: string; ended: string | null }, today: string) {
    await this.makeRoom();
    this.next ??= await this.largestIds();
    const { row, documents, content } = await readRecorded(this.trx, id);
    const thread = DraftThread.recorded(threadValues({ mandateId: row.mandate_id, stateCode: row.state_code, priority: row.priority, notes: row.notes }), documents.map(({ id: _, ...values }) => values), content.visits, mandate, today);
    this.buffered.set(id, { thread, content, row: {}, recorded: true });
  }

  /** Writes what is buffered when it holds enough threads; counts the one about to be taken in. */
  private async makeRoom() {
    if (this.threads >= BUFFER) await this.flush();
    this.threads++;
  }

  /** The ids the next documents and visits will get. */
  nextIds(): { document: number; visit: number } {
    return { document: this.next!.document, visit: this.next!.visit };
  }

  /** The rows and change-log entries of a buffered thread's items from `from` on. */
  private items(id: number, thread: DraftThread, from: number, now: string) {
    const { content } = this.buffered.get(id)!;
    const documentIds: number[] = [];
    const visitIds: number[] = [];
    for (const item of thread.items.slice(from)) {
      if (item.kind === 'document') {
        const documentId = this.next!.document++;
        this.rows.documents.push({ id: documentId, ...item.values, request_id: id, created_at: now, updated_at: now });
        this.log(now, 'document', documentId, { request_id: id, ...item.values });
        documentIds.push(documentId);
        const { type, date, reference, proposed_start, proposed_end } = item.values;
        content.docs.push({ id: documentId, type, date, reference, proposed_start, proposed_end });
      } else {
        const visitId = this.next!.visit++;
        const values = visitValues(item.input, now);
        const links = { [thread.values.mandate_id]: id };
        this.rows.visits.push({ id: visitId, ...values });
        for (const code of item.placeCodes) this.rows.visit_places.push({ visit_id: visitId, state_code: code });
        this.rows.visit_mandates.push({ visit_id: visitId, mandate_id: thread.values.mandate_id, request_id: id });
        this.log(now, 'visit', visitId, { ...values, placeCodes: item.placeCodes, links });
        visitIds.push(visitId);
        content.visits.push({ id: visitId, start: values.start, end: values.end });
      }
    }
    return { documentIds, visitIds };
  }

  private log(now: string, entity: 'request' | 'document' | 'visit', entityId: number, after: unknown) {
    this.rows.change_log.push({ at: now, entity, entity_id: String(entityId), action: 'create', before: null, after: JSON.stringify(after), source: 'import' });
  }

  /**
   * Gives a thread in memory whose notes are blank the notes of a row that adds to it, with the
   * change-log entry updateRequest (db/requests.ts) writes: blank notes lose nothing, and a row's
   * notes never replace others (importer.ts says when they differ).
   */
  fillNotes(id: number, notes: string, now: string) {
    const entry = this.buffered.get(id)!;
    const { priority, notes: before } = entry.thread.values;
    entry.thread.values.notes = notes;
    entry.content.notes = notes;
    Object.assign(entry.row, { notes, updated_at: now });
    this.rows.change_log.push({ at: now, entity: 'request', entity_id: String(id), action: 'update', before: JSON.stringify({ priority, notes: before }), after: JSON.stringify({ priority, notes }), source: 'import' });
  }

  /** A thread buffered and not yet written, and its content as rows are matched against it; undefined for any other. */
  opened(id: number): { thread: DraftThread; content: ThreadContent } | undefined {
    return this.buffered.get(id);
  }

  /** Writes the buffered threads, parents before the rows that refer to them, then what changed on recorded threads. */
  async flush() {
    for (const [table, rows] of Object.entries(this.rows)) {
      for (let i = 0; i < rows.length; ) {
        let size = CHUNK;
        while (size > rows.length - i) size >>= 1;
        await this.insert(table, rows.slice(i, i + size));
        i += size;
      }
      rows.length = 0;
    }
    for (const [id, { recorded, row }] of this.buffered) {
      if (!recorded || Object.keys(row).length === 0) continue;
      const columns = Object.keys(row);
      const sql = `UPDATE visit_requests SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`;
      await this.trx.executeQuery(CompiledQuery.raw(sql, [...Object.values(row), id]));
    }
    this.buffered.clear();
    this.threads = 0;
    this.next = null; // other writes may follow: the next thread's ids are read again
  }

  private async insert(table: string, rows: Row[]) {
    const columns = Object.keys(rows[0]!);
    const shape = `${table} ${rows.length} ${columns.join(' ')}`;
    let sql = this.sql.get(shape);
    if (sql === undefined) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      sql = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
      this.sql.set(shape, sql);
    }
    await this.trx.executeQuery(CompiledQuery.raw(sql, rows.flatMap((row) => Object.values(row))));
  }

  /**
   * The State's and mandate's sort keys and group that visit_requests copies, given in the INSERT
   * so that no trigger has to rewrite the new row (migration 0006); read once per import.
   */
  private async keys(values: { state_code: string; mandate_id: number }): Promise<Row> {
    if (!this.sortKeys) {
      const states = await this.trx.selectFrom('states').select(['code', 'name_key', 'regional_group']).execute();
      const mandates = await this.trx.selectFrom('mandates').select(['id', 'title_key']).execute();
      this.sortKeys = { states: new Map(states.map((s) => [s.code, s])), mandates: new Map(mandates.map((m) => [m.id, m.title_key])) };
    }
    const state = this.sortKeys.states.get(values.state_code)!;
    return { state_key: state.name_key, regional_group: state.regional_group, mandate_key: this.sortKeys.mandates.get(values.mandate_id)! };
  }

  private async largestIds() {
    const { rows } = await this.trx.executeQuery(
      CompiledQuery.raw(
        `SELECT (SELECT ifnull(max(id), 0) FROM visit_requests) AS request, (SELECT ifnull(max(id), 0) FROM documents) AS document, (SELECT ifnull(max(id), 0) FROM visits) AS visit`,
      ),
    );
    const largest = rows[0] as { request: number; document: number; visit: number };
    return { request: largest.request + 1, document: largest.document + 1, visit: largest.visit + 1 };
  }
}

/**
 * The tables whose indexes a large import sets aside, and the columns it looks their rows up by
 * (none: the import reads visits through visit_mandates only, and never reads the change log,
 * whose index by entity an entry per thread, document and visit would update at scattered places).
 */
const LOOKUPS: Record<string, string[]> = { visit_requests: ['mandate_id', 'state_code'], documents: ['request_id'], visits: [], visit_mandates: ['request_id'], change_log: [] };

/**
 * For an import that writes many threads: drops the secondary indexes of the tables it writes
 * (the list's and indicators' ones: a dozen on visit_requests alone, each updated on every row
 * written, most of the cost of writing a thread), and gives the function that creates them again,
 * from their own definitions, in one pass each over the table (a sort, far cheaper than as many
 * row-by-row updates once the import is larger than a fraction of the table). Unique indexes
 * stay, and so does one index led by the columns the import looks a table's rows up by; where
 * none is, a narrow one on those columns serves the import and is dropped after (the wide
 * indexes led by mandate or State cost a thread twice what a narrow one does). Inside the
 * import's transaction: a rollback (preview, refusal, failure) restores them as they were.
 */
export async function setIndexesAside(trx: Transaction<Database>): Promise<() => Promise<void>> {
  const run = (text: string, parameters: unknown[] = []) => trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, parameters));
  const aside: { name: string; sql: string }[] = [];
  const narrow: string[] = [];
  for (const [table, lookups] of Object.entries(LOOKUPS)) {
    const { rows } = await run(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`, [table]);
    let served = lookups.length === 0;
    for (const index of rows as { name: string; sql: string }[]) {
      const { rows: columns } = await run(`SELECT name FROM pragma_index_info(?) ORDER BY seqno LIMIT ?`, [index.name, lookups.length]);
      const leading = columns.map((c) => c.name);
      if (!served && leading.length === lookups.length && lookups.every((column) => leading.includes(column))) served = true;
      else aside.push(index);
    }
    if (!served) narrow.push(`CREATE INDEX import_lookup_${table} ON ${table} (${lookups.join(', ')})`);
  }
  for (const { name } of aside) await run(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  for (const text of narrow) await run(text);
  return async () => {
    for (const table of Object.keys(LOOKUPS)) await run(`DROP INDEX IF EXISTS import_lookup_${table}`);
    for (const { sql } of aside) await run(sql);
  };
}
