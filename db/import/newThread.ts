/**
 * Threads that import rows open, built in memory and written in batches.
 *
 * Through the domain functions a row that opens a thread costs a dozen queries (createRequest,
 * then recordDocument or recordVisit and refreshRequest for each further item), most of a big
 * first import. A {@link NewThread} applies the very same rules in memory — fileDocument and
 * filingContext of db/requests.ts, the visit checks of db/visits.ts — every check before anything
 * is written, so a row the rules refuse writes nothing; its derived columns come once from
 * derivedColumns, as refreshRequest would write them. {@link NewThreadWriter} then writes the
 * threads with multi-row INSERTs: the same rows and the same change-log entries (source 'import',
 * in the same order) as the domain functions write.
 *
 * Preconditions, met by the import: the mandate and every State named exist (the import's
 * matchers read them in the same transaction) and no document names a signing holder (the
 * domain functions would look it up).
 */
import { CompiledQuery, type Transaction } from 'kysely';
import type { DocumentInput, VisitInput } from '../contract';
import type { DocumentType, Status } from '../domain';
import { derivedColumns, fileDocument, filingContext, threadValues, type DerivingDocument } from '../requests';
import type { Database } from '../schema';
import { checkVisitDates, checkVisitOnNewThread, checkVisitThread, visitParts, visitValues } from '../visits';

type FiledValues = ReturnType<typeof fileDocument>['values'];

/** A thread as the import matches rows against it: its opening, status, and documents and visits in recording order. */
export interface ThreadContent {
  openedBy: 'request' | 'invitation' | null;
  openedOn: string | null;
  status: Status;
  docs: { id: number; type: DocumentType; date: string | null; reference: string; proposed_start: string | null; proposed_end: string | null }[];
  visits: { id: number; start: string | null; end: string | null }[];
}

/** A thread opened by one import row, not yet written. */
export class NewThread {
  readonly values: ReturnType<typeof threadValues>;
  /** Documents and visits in the order they were recorded (the order of their change-log entries). */
  readonly items: ({ kind: 'document'; values: FiledValues } | { kind: 'visit'; input: VisitInput; placeCodes: string[] })[] = [];

  constructor(
    thread: Parameters<typeof threadValues>[0],
    private readonly today: string,
  ) {
    this.values = threadValues(thread);
  }

  /** The same thread, to record more on without changing this one (a row refused leaves it as it was). */
  copy(): NewThread {
    const copy = Object.create(NewThread.prototype) as NewThread;
    return Object.assign(copy, this, { items: [...this.items] });
  }

  /** The opening request or invitation, as createRequest records it. @throws DomainError when a rule refuses it. */
  open(input: DocumentInput & { type: 'request' | 'invitation' }) {
    this.items.push({ kind: 'document', values: fileDocument(input, { openedBy: null, opener: null, hasRequest: false }, null, this.today).values });
  }

  /**
   * A further document, as recordDocument records it.
   * @returns the type it is filed as.
   * @throws DomainError when a rule refuses it.
   */
  addDocument(input: DocumentInput): DocumentType {
    const { opener, hasRequest } = filingContext(this.documents());
    // opened_by, which recordDocument reads from the thread, is what refreshRequest derived: the opener's type
    const filed = fileDocument(input, { openedBy: opener ? opener.type : null, opener, hasRequest }, null, this.today);
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
    checkVisitDates(input);
    checkVisitThread(input, this.values);
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

type Row = Record<string, unknown>;

/** Rows per INSERT at most; fewer go in halves (128, 64, ...), so that a few statement texts are reused. */
const CHUNK = 256;
/** Threads kept before they are written (a few MB): the larger the batch, the cheaper each row. */
const BUFFER = Number(process.env.BUFFER ?? 2048);

/**
 * Writes new threads in batches, with ids given in advance as SQLite would (the largest id + 1),
 * so that a thread's documents, visit and change-log entries can name it before it is written.
 * Call {@link flush} before any other read or write of threads in the transaction ({@link opened}
 * answers for the threads not yet written).
 */
export class NewThreadWriter {
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

  /** The buffered threads, their content as later rows are matched against it, and their row. */
  private readonly buffered = new Map<number, { thread: NewThread; content: ThreadContent; row: Row }>();
  /** The text of each INSERT by table, rows and columns: the same string each time, which the statement cache finds at once. */
  private readonly sql = new Map<string, string>();

  constructor(private readonly trx: Transaction<Database>) {}

  /**
   * Buffers a thread (written by the next {@link flush}, at the latest).
   * @returns the thread's id, its documents' and visits' ids in the order of its items, and its derived columns.
   */
  async add(thread: NewThread, now: string) {
    this.next ??= await this.largestIds();
    const id = this.next.request++;
    const derived = thread.derived();
    const row: Row = { id, ...thread.values, created_at: now, updated_at: now, ...derived };
    this.rows.visit_requests.push(row);
    this.log(now, 'request', id, thread.values);
    const content: ThreadContent = { openedBy: derived.opened_by, openedOn: derived.opened_on, status: derived.status, docs: [], visits: [] };
    this.buffered.set(id, { thread, content, row });
    const written = this.items(id, thread, 0, now);
    if (++this.threads >= BUFFER) await this.flush();
    return { id, ...written, derived };
  }

  /**
   * Records more on a buffered thread: `thread` is a {@link NewThread.copy} of it with items added
   * from `from` on, which get the next ids ({@link nextIds}) in their order. Its derived columns are
   * rewritten, and its updated_at when a document was added, as recordDocument and recordVisit do.
   */
  extend(id: number, thread: NewThread, from: number, now: string) {
    const entry = this.buffered.get(id)!;
    const derived = thread.derived();
    Object.assign(entry.row, derived, thread.items.slice(from).some((item) => item.kind === 'document') ? { updated_at: now } : {});
    Object.assign(entry.content, { openedBy: derived.opened_by, openedOn: derived.opened_on, status: derived.status });
    entry.thread = thread;
    return { ...this.items(id, thread, from, now), derived };
  }

  /** The ids the next documents and visits will get, for a thread not yet buffered. */
  nextIds(): { document: number; visit: number } {
    return { document: this.next!.document, visit: this.next!.visit };
  }

  /** The rows and change-log entries of a buffered thread's items from `from` on. */
  private items(id: number, thread: NewThread, from: number, now: string) {
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

  /** A thread buffered and not yet written, and its content as rows are matched against it; undefined for any other. */
  opened(id: number): { thread: NewThread; content: ThreadContent } | undefined {
    return this.buffered.get(id);
  }

  /** Writes the buffered threads, parents before the rows that refer to them. */
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
