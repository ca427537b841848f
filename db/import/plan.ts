/**
 * From the rows of an imported file to what they mean: for each row, the thread it belongs to
 * (a plan: mandate x State x opening) and the items it brings (opening document, documents,
 * visit). Pure: nothing here reads or writes the database beyond the matchers handed in.
 *
 * One row per request (the shape assistants keep, e.g. tests/fixtures/visits.csv): the row's
 * status word and date columns become the thread's documents, after DOMAIN.md:
 * - the thread opens with a request (dated by "requested on", else undated), or with the State's
 *   invitation when the status is "invited" or an "invited on" cell has a date (or "yes") and the
 *   row names no request or reminder; after a request, that invitation answers it;
 * - "reminders" (yes, a count, or dates) are that many reminder documents; status "reminded"
 *   with no reminders cell is one undated reminder;
 * - "accepted on" (or status "accepted") is an acceptance; status "invited" after a request is
 *   recorded as the State's invitation, which the domain files as the acceptance of the request;
 * - "forthcoming" is a dates proposal of the visit dates (an acceptance when no date is given),
 *   "postponed" a postponement, "cancelled"/"withdrawn" a cancellation, "declined" a
 *   declination, each carrying the visit columns as the dates concerned;
 * - "completed" is the visit (start, end). A country mandate visiting another State than its own
 *   (the Somalia mandate in Djibouti) records the visit with the mandate's State as subject and the
 *   row's State as the place visited. A completed row with no request date, reminder or
 *   acceptance is a thread known only by its visit: no request is invented;
 * - on the other statuses the visit columns are the dates the request or acceptance proposes.
 * One row per document: each row is one document (or the visit) of the current thread of its
 * mandate x State in the file; a request row, or an invitation on an invitation thread, starts a
 * new thread; documents (or a visit) before any request in the file go to the thread already
 * recorded (the one holding them already, else the most recent open one; a visit with none
 * stands on a thread of its own, as in the other shape).
 */
import { TEXT_LIMITS, type DocumentInput } from '../contract';
import { FIXED_DIRECTION, type Direction, type DocumentType, type MandateKind, type Priority, type Status } from '../domain';
import type { MandateMatcher, StateMatcher } from '../matching';
import { FIELD_LABELS, fieldColumns, type ImportField, type Layout } from './columns';
import { parseDateCell, parseDateRange, type DayMonthOrder } from './dates';
import { canBeSameDate, comparePartialDates, isSurelyBefore } from '../partialDate';
import type { SheetRow } from './read';
import { readDirection, readStatusDetail, readDocumentType, readForm, readLanguage, readLastDocument, readOpening, readPriority, readReminders, yesOrNo, type RowStatus } from './words';
import { namesAcknowledgement, readStatus } from './statusPhrases';

export interface RowError {
  /** Row number as the user sees it in the file (header = row 1 in a usual file). */
  row: number;
  /** The column's header as written in the file; null when the reason is the whole row. */
  column: string | null;
  reason: string;
}

export type Item =
  /**
   * `unsaid`: the row does not say what opened the thread (no request date, reminder or "Opened by",
   * and a status past the opening): a recorded thread opened by the State's invitation may be it
   * as well as one opened by a request; a new thread opens with an undated request.
   */
  | { kind: 'opener'; column: string | null; doc: DocumentInput & { type: 'request' | 'invitation' }; unsaid?: boolean }
  /**
   * `implied`: the row's status word alone says it, with no date of its own ("accepted", "refused"):
   * a recorded document that bears the same status out answers for it (an acceptance, or the dates
   * proposal or postponement that imply one; a declination or a cancellation), so a list exported
   * from the app, whose statuses are derived, imports again adding nothing.
   */
  | { kind: 'document'; column: string | null; doc: DocumentInput; implied?: boolean }
  | { kind: 'visit'; column: string | null; visit: VisitPlan };

export interface VisitPlan {
  start: string | null;
  end: string | null;
  subjectStateCode: string;
  placeCodes: string[];
}

/**
 * A thread the file speaks of. `open`: opened by `opener` in the file; `visit`: known only by its
 * visit; `attach`: documents with no opening in the file, for a thread already recorded.
 */
export interface Plan {
  key: string;
  /** True when the key names one thread only (a dated opening, a dated visit): rows with the same key share it. */
  definite: boolean;
  mode: 'open' | 'visit' | 'attach';
  mandateId: number;
  stateCode: string;
  opener: (DocumentInput & { type: 'request' | 'invitation' }) | null;
  visit: VisitPlan | null;
  priority: Priority | undefined;
  notes: string | undefined;
  /** Every item of every row of the plan, for matching it to a recorded thread. */
  items: Item[];
  /** Rows of the plan that were read without error, in the order planned. */
  rows: number[];
  /** The row that opens the thread (open and visit plans). */
  openerRow: number | null;
}

/**
 * The empty list a row's report shares when it has no errors or warnings: a large file's report
 * holds a row per row, and a list of its own for each would be a fifth of it. Frozen: a list is
 * replaced to add to it, never pushed to (importer.ts warn).
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

export interface RowPlan {
  row: number;
  plan: Plan | null;
  items: Item[];
  errors: RowError[];
  /** Statuses the row's status word agrees with; the report warns when the thread ends elsewhere. */
  expected: { word: string; statuses: Status[] } | null;
  /** How loosely read cells were read ('the State "DRC" read as ...'), shown with the row's warnings. */
  readings?: string[];
}

export interface MandateInfo {
  id: number;
  title: string;
  /** When the Council ended it, if it did. */
  ended: string | null;
  kind: MandateKind;
  subjectStateCode: string | null;
}

export interface PlanContext {
  layout: Layout;
  states: Pick<StateMatcher, 'match'>;
  mandates: Pick<MandateMatcher, 'match'>;
  mandateInfo: Map<number, MandateInfo>;
  order: DayMonthOrder | null;
}

/** The statuses a thread may end in for each status word (an "invited" row after a request ends accepted). */
const EXPECTED: Record<RowStatus, Status[]> = {
  requested: ['pending'],
  reminded: ['pending'],
  accepted: ['accepted'],
  invited: ['invitation', 'accepted'],
  forthcoming: ['accepted'],
  postponed: ['accepted'],
  cancelled: ['refused'],
  declined: ['refused'],
  completed: ['completed'],
};

/** The context with each name matched once: a file names the same States and mandates row after row. */
function matchingOnce(ctx: PlanContext): PlanContext {
  const once = <T>(matcher: { match(name: string): T }) => {
    const seen = new Map<string, T>();
    return {
      match(name: string): T {
        let found = seen.get(name);
        if (found === undefined) seen.set(name, (found = matcher.match(name)));
        return found;
      },
    };
  };
  return { ...ctx, states: once(ctx.states), mandates: once(ctx.mandates) };
}

/** Reads one row's cells by field, collecting errors with the column they come from. */
class RowReader {
  readonly errors: RowError[] = [];
  readonly readings: string[] = [];
  constructor(
    private readonly row: SheetRow,
    private readonly ctx: PlanContext,
  ) {}

  column(field: ImportField): string | null {
    const index = this.ctx.layout.index[field];
    return index === undefined ? null : (this.ctx.layout.columns[index]!.header || FIELD_LABELS[field]);
  }

  text(field: ImportField): string {
    const index = this.ctx.layout.index[field];
    return index === undefined ? '' : (this.row.cells[index] ?? '').trim();
  }

  /**
   * The row's reminders: those of its reminders cell, or of each column of one reminder each
   * ("Reminder 1", "Reminder 2": each read as a cell of its own, "yes" or a date), with the notes
   * of loose readings; null (and the row's error) when a cell cannot be read.
   */
  reminders(): (string | null)[] | null {
    const dates: (string | null)[] = [];
    for (const i of fieldColumns(this.ctx.layout, 'reminders')) {
      const column = this.ctx.layout.columns[i]!.header || FIELD_LABELS.reminders;
      const read = readReminders((this.row.cells[i] ?? '').trim(), this.ctx.order);
      if (!read.ok) {
        this.errors.push({ row: this.row.row, column, reason: read.reason });
        return null;
      }
      if (read.note) this.readings.push(`${column}: ${read.note}`);
      dates.push(...read.dates);
    }
    return dates;
  }

  /** A free-text cell, at most as long as a form takes it (db/contract.ts TEXT_LIMITS); longer is an error, never cut. */
  limited(field: 'notes' | 'reference'): string {
    const text = this.text(field);
    const max = TEXT_LIMITS[field];
    if (text.length > max) this.error(field, `at most ${max} characters (this cell has ${text.length}): shorten it, or keep the long text elsewhere`);
    return text;
  }

  error(field: ImportField | null, reason: string) {
    this.errors.push({ row: this.row.row, column: field ? this.column(field) : null, reason });
  }

  date(field: ImportField): string | null {
    const result = parseDateCell(this.text(field), this.ctx.order);
    if (result.ok && result.note) this.readings.push(`${this.column(field) ?? FIELD_LABELS[field]}: ${result.note}`);
    if (result.ok) return result.date;
    this.error(field, result.reason);
    return null;
  }

  /**
   * The visit's start and end. A span written in the start column ("5-16 October 2020",
   * "2020-10-05 to 2020-10-16") gives both, with a note; the end column, if it has a date, must agree.
   */
  visitDates(): [string | null, string | null] {
    const span = this.dateOrSpan('visitStart', (spanEnd) => {
      const end = this.text('visitEnd') ? this.date('visitEnd') : null;
      return end && !canBeSameDate(end, spanEnd) ? `ends on ${spanEnd}, and the visit end column says ${end}: write one end` : null;
    });
    return span.end === undefined ? [span.start, this.date('visitEnd')] : [span.start, span.end];
  }

  /**
   * A document's direction by a log's "From" and "To" cells: from the State when the sender is the
   * row's State, to it when the addressee is ("Kenya", or its office: "Permanent Mission of
   * Kenya", "Government of Kenya"); null when neither names it (the usual direction then).
   */
  directionBySender(stateCode: string): Direction | null {
    const senders = this.ctx.layout.senders;
    const names = (index: number | undefined) => {
      const text = index === undefined ? '' : (this.row.cells[index] ?? '').trim();
      if (text === '') return false;
      // the cell, or what follows an "of" in it
      const tails = [text, ...[...text.matchAll(/\bof\s+/gi)].map((m) => text.slice(m.index + m[0].length))];
      return tails.some((tail) => {
        const match = this.ctx.states.match(tail);
        return match.ok && match.value === stateCode;
      });
    };
    if (!senders) return null;
    if (names(senders.from)) return 'from_state';
    if (names(senders.to)) return 'to_state';
    return null;
  }

  /**
   * A cell that may hold a span of days ("5-16 October 2020", "2020-10-05 to 2020-10-16"): its
   * start and end, noted; else the date alone (`end` undefined). `check` may refuse the span's end.
   */
  dateOrSpan(field: ImportField, check: (end: string) => string | null = () => null): { start: string | null; end?: string | null } {
    const text = this.text(field);
    const range = text ? parseDateRange(text, this.ctx.order) : null;
    if (range?.ok) {
      const refused = check(range.end);
      if (refused) {
        this.error(field, `"${text}" ${refused}`);
        return { start: null, end: null };
      }
      this.readings.push(`${this.column(field) ?? FIELD_LABELS[field]}: "${text.trim()}" read as ${range.start} to ${range.end}`);
      return { start: range.start, end: range.end };
    }
    if (range) {
      this.error(field, range.reason);
      return { start: null, end: null };
    }
    return { start: this.date(field) };
  }

  word<T>(field: ImportField, read: (text: string) => { ok: true; value: T | null; note?: string } | { ok: false; reason: string }): T | null {
    return this.reading(field, read).value;
  }

  /** As {@link word}, with the note of a loose reading (undefined when the cell is the word itself). */
  reading<T>(field: ImportField, read: (text: string) => { ok: true; value: T | null; note?: string } | { ok: false; reason: string }): { value: T | null; note?: string } {
    const result = read(this.text(field));
    if (result.ok && result.note) this.readings.push(`${this.column(field) ?? FIELD_LABELS[field]}: ${result.note}`);
    if (result.ok) return result;
    this.error(field, result.reason);
    return { value: null };
  }

  /** A blank State or mandate is most often one written once above a group of rows, as merged cells show it: the reason says so. */
  private blank(field: 'state' | 'mandate', reason: string): string {
    return this.text(field) ? reason : `${reason}: write it on every row (one written once above a group of rows is not carried down to them)`;
  }

  /** Why a mandate cell naming two mandates or more ("SR torture / WGAD", "Joint: SR food, SR water") is refused; null when it does not. */
  private severalMandates(): string | null {
    const parts = this.text('mandate').replace(/^joint( visit)?\s*[:-]?\s*/i, '').split(/\s*(?:[/;,&+]|\band\b|\bet\b|\by\b)\s*/i).filter(Boolean);
    if (parts.length < 2) return null;
    const found = parts.map((p) => this.ctx.mandates.match(p));
    if (!found.every((f) => f.ok)) return null;
    const titles = found.map((f) => this.ctx.mandateInfo.get(f.value)?.title ?? '');
    return `"${this.text('mandate').trim()}" names ${found.length} mandates (${titles.join('; ')}): a joint visit is written as a row for each mandate, with the same visit dates, and recorded as one visit`;
  }

  stateAndMandate(): { stateCode: string; mandate: MandateInfo } | null {
    const state = this.ctx.states.match(this.text('state'));
    if (!state.ok) this.error('state', this.blank('state', state.reason));
    const mandate = this.ctx.mandates.match(this.text('mandate'));
    if (!mandate.ok) this.error('mandate', this.blank('mandate', this.severalMandates() ?? mandate.reason));
    for (const found of [state, mandate]) if (found.ok && found.note) this.readings.push(found.note);
    if (!state.ok || !mandate.ok) return null;
    return { stateCode: state.value, mandate: this.ctx.mandateInfo.get(mandate.value)! };
  }
}

/**
 * The visit of a mandate to a State. A country mandate's visit to another State than its own is
 * about its own State, in the State visited (DOMAIN.md: a visit has a subject State and places).
 */
function visitOf(mandate: MandateInfo, stateCode: string, start: string | null, end: string | null): VisitPlan {
  const subject = mandate.kind === 'country' && mandate.subjectStateCode && mandate.subjectStateCode !== stateCode ? mandate.subjectStateCode : stateCode;
  return { start, end, subjectStateCode: subject, placeCodes: [stateCode] };
}

/** The key of the thread of a mandate x State that its opening document is known by (an open plan's key). */
export function openKey(mandateId: number, stateCode: string, opener: { type: 'request' | 'invitation'; date?: string | null }): string {
  return `${mandateId}|${stateCode}|${opener.type}|${opener.date ?? ''}`;
}

function openPlan(mandateId: number, stateCode: string, opener: NonNullable<Plan['opener']>, extra: Pick<Plan, 'priority' | 'notes'>): Plan {
  return {
    key: openKey(mandateId, stateCode, opener),
    definite: Boolean(opener.date),
    mode: 'open',
    mandateId,
    stateCode,
    opener,
    visit: null,
    ...extra,
    items: [],
    rows: [],
    openerRow: null,
  };
}

/** The key of the thread of a mandate x State that one of its visits is known by (a visit plan's key). */
export function visitKey(mandateId: number, stateCode: string, visit: Pick<VisitPlan, 'start' | 'end'>): string {
  return `${mandateId}|${stateCode}|visit|${visit.start ?? ''}|${visit.end ?? ''}`;
}

function visitPlan(mandateId: number, stateCode: string, visit: VisitPlan, extra: Pick<Plan, 'priority' | 'notes'>): Plan {
  return {
    key: visitKey(mandateId, stateCode, visit),
    definite: Boolean(visit.start || visit.end),
    mode: 'visit',
    mandateId,
    stateCode,
    opener: null,
    visit,
    ...extra,
    items: [],
    rows: [],
    openerRow: null,
  };
}

/** Documents (or a visit) with no opening in the file: they go to a thread already recorded. */
function attachPlan(mandateId: number, stateCode: string, priority: Priority | undefined): Plan {
  return { key: `${mandateId}|${stateCode}|attach`, definite: true, mode: 'attach', mandateId, stateCode, opener: null, visit: null, priority, notes: undefined, items: [], rows: [], openerRow: null };
}

/**
 * Plans the rows of a one-row-per-request file: each row is one thread (see the module comment
 * for the documents each status and column give).
 */
export function planRequestRows(rows: SheetRow[], context: PlanContext): RowPlan[] {
  return rows.map(requestRowPlanner(context));
}

/**
 * The planner of one row of a one-row-per-request file, as {@link planRequestRows} plans each:
 * rows are independent, so a large file can be planned a row at a time as it is imported.
 */
/** The documents a status of a row stands for, the latest of them taking a status phrase's words (a visit takes none). */
const STATUS_DOCUMENTS: Record<RowStatus, DocumentType[]> = {
  requested: ['request'],
  reminded: ['reminder'],
  accepted: ['acceptance'],
  invited: ['invitation'],
  forthcoming: ['dates_proposal', 'acceptance'],
  postponed: ['postponement'],
  cancelled: ['cancellation'],
  declined: ['declination'],
  completed: [],
};

/**
 * What the first pass over a one-row-per-request file needs of a row, before any row is applied:
 * its mandate x State ("12|PER", null when either is not read), and whether its opening is dated.
 * A dated opening names one thread ({@link Plan.definite}): its row is planned as it is applied,
 * and only the others are planned ahead (importer.ts planRows), so that most rows are planned once.
 */
export function requestRowFirstLook(context: PlanContext): (row: SheetRow) => { pair: string | null; dated: boolean } {
  const ctx = matchingOnce(context);
  return (sheetRow) => {
    const r = new RowReader(sheetRow, ctx);
    const target = r.stateAndMandate();
    const requestedOn = parseDateCell(r.text('requestedOn'), ctx.order);
    return { pair: target ? `${target.mandate.id}|${target.stateCode}` : null, dated: requestedOn.ok && requestedOn.date !== null };
  };
}

export function requestRowPlanner(context: PlanContext): (row: SheetRow) => RowPlan {
  const ctx = matchingOnce(context);
  return function planRequestRow(sheetRow: SheetRow): RowPlan {
    const r = new RowReader(sheetRow, ctx);
    const target = r.stateAndMandate();
    const statusText = r.text('status');
    const statusRead = r.reading('status', readStatus);
    let status = statusRead.value;
    const detailText = r.text('statusDetail');
    // the State's acknowledgement, said beside the status ("Pending, acknowledged") or in the export's detail
    let acknowledged = status !== null && namesAcknowledgement(statusText);
    if (detailText) {
      const detail = readStatusDetail(detailText);
      if (detail?.acknowledged) acknowledged = true;
      if (!detail) r.readings.push(`${r.column('statusDetail')}: "${detailText}" is not read (only the detail of the app's own export is): map the column to notes if it holds notes`);
      // a list the app exported says "refused" for a declination and a withdrawal alike, and "accepted" for a postponed visit: its detail tells them apart
      else if (status === 'declined' && detail.withdrawn && !detail.declined) status = 'cancelled';
      else if (status === 'accepted' && detail.postponed) status = 'postponed';
    }
    const requestedOn = r.date('requestedOn');
    // the State's invitation: its date, or a mark ("yes") when the file does not date it
    const invitedMark = yesOrNo(r.text('invitedOn'));
    const invitedOn = invitedMark === null ? r.date('invitedOn') : null;
    const invited = invitedMark === true || invitedOn !== null;
    const reminders = r.reminders();
    const acceptedOn = r.date('acceptedOn');
    const [visitStart, visitEnd] = r.visitDates();
    const priority = r.word('priority', readPriority) ?? undefined;
    const openedBy = r.word('openedBy', readOpening);
    const notes = r.limited('notes') || undefined;
    const reference = r.limited('reference') || undefined;
    const reminderDates = reminders ?? [];
    // the export's "Last reminder" dates the last of the reminders it counts
    const lastReminder = r.date('lastReminder');
    if (lastReminder && !reminderDates.includes(lastReminder)) {
      const undated = reminderDates.lastIndexOf(null);
      if (reminderDates.length === 0) reminderDates.push(lastReminder);
      else if (undated >= 0) reminderDates[undated] = lastReminder;
      else r.readings.push(`${r.column('lastReminder')}: ${lastReminder} is none of the reminders' dates: not read`);
    }
    const lastDocument = r.word('lastDocument', readLastDocument);
    const hasVisitDates = Boolean(visitStart || visitEnd);

    if (status === null && !statusText && r.errors.length === 0) {
      if (hasVisitDates) r.error('status', 'no status: write whether the visit took place (completed) or is planned (forthcoming)');
      else if (!requestedOn && reminderDates.length === 0 && !acceptedOn) r.error('status', 'no status and no dates: nothing to import on this row');
    }
    if (!target || r.errors.length > 0) return { row: sheetRow.row, plan: null, items: [], errors: r.errors, expected: null, readings: r.readings };

    const { stateCode, mandate } = target;
    const proposed = hasVisitDates ? { proposedStart: visitStart, proposedEnd: visitEnd } : {};
    const statusColumn = r.column('status');
    const items: Item[] = [];
    const extra = { priority, notes };
    let plan: Plan;
    if (status === 'reminded' && reminderDates.length === 0) reminderDates.push(null);
    const hasRequestInfo = Boolean(requestedOn || reminderDates.length > 0 || acceptedOn);

    if (status === 'completed' && !hasRequestInfo) {
      const visit = visitOf(mandate, stateCode, visitStart, visitEnd);
      plan = visitPlan(mandate.id, stateCode, visit, extra);
      items.push({ kind: 'visit', column: r.column('visitStart') ?? statusColumn, visit });
    } else {
      // the export's "Opened by" says it; else an "invited" row (or one with an invitation date) with no request date or reminder is the State's invitation
      const invitationOpens = openedBy ? openedBy === 'invitation' : (status === 'invited' || invited) && !requestedOn && reminderDates.length === 0;
      // after the mandate's request, the State's invitation answers it (the domain files it as the acceptance)
      const invitedAfterRequest = !invitationOpens && (status === 'invited' || invited);
      // a request or invitation may propose dates; later statuses carry the visit dates themselves
      const opensWithDates = status === null || status === 'requested' || status === 'reminded' || (status === 'invited' && invitationOpens);
      const opener = {
        type: invitationOpens ? ('invitation' as const) : ('request' as const),
        date: invitationOpens && invitedOn ? invitedOn : requestedOn,
        ...(reference ? { reference } : {}),
        ...(opensWithDates ? proposed : {}),
      };
      plan = openPlan(mandate.id, stateCode, opener, extra);
      // "France, accepted", no dates: the thread may be the State's invitation as well as a request
      const unsaid = !openedBy && !invited && !requestedOn && reminderDates.length === 0 && status !== null && status !== 'requested' && status !== 'reminded' && status !== 'invited';
      const openerColumn = invitationOpens && invitedOn ? r.column('invitedOn') : r.column('requestedOn');
      items.push({ kind: 'opener', column: openerColumn ?? statusColumn, doc: opener, unsaid });
      if (acknowledged && !invitationOpens) items.push({ kind: 'document', column: detailText ? r.column('statusDetail') : statusColumn, doc: { type: 'acknowledgement', date: null }, implied: true });
      for (const date of reminderDates) items.push({ kind: 'document', column: r.column('reminders') ?? statusColumn, doc: { type: 'reminder', date } });
      if (invitedAfterRequest) {
        const column = invited ? r.column('invitedOn') : statusColumn;
        items.push({ kind: 'document', column, doc: { type: 'invitation', date: invitedOn, ...proposed }, implied: !invitedOn });
      }
      // "accepted" after an invitation that answers the request says that invitation, not a second acceptance
      if (acceptedOn || (status === 'accepted' && !invitedAfterRequest)) {
        items.push({ kind: 'document', column: acceptedOn ? r.column('acceptedOn') : statusColumn, doc: { type: 'acceptance', date: acceptedOn, ...(status === 'accepted' ? proposed : {}) }, implied: !acceptedOn });
      }
      const closing: Partial<Record<RowStatus, DocumentType>> = { postponed: 'postponement', cancelled: 'cancellation', declined: 'declination' };
      if (status === 'forthcoming') {
        if (hasVisitDates) items.push({ kind: 'document', column: r.column('visitStart') ?? r.column('visitEnd'), doc: { type: 'dates_proposal', date: null, ...proposed } });
        else if (!acceptedOn) items.push({ kind: 'document', column: statusColumn, doc: { type: 'acceptance', date: null }, implied: true });
      } else if (status && closing[status]) {
        items.push({ kind: 'document', column: statusColumn, doc: { type: closing[status]!, date: null, ...proposed }, implied: true });
      } else if (status === 'completed') {
        items.push({ kind: 'visit', column: r.column('visitStart') ?? statusColumn, visit: visitOf(mandate, stateCode, visitStart, visitEnd) });
      }
    }
    // the export's "Last document" ("declination 2021-05") dates the row's document of that type its status implied undated
    // (unless one is dated so already: the last reminder, dated by "Last reminder")
    const ofLast = (i: Item) => i.kind === 'document' && i.doc.type === lastDocument?.type;
    const datedAlready = items.some((i) => ofLast(i) && i.kind === 'document' && i.doc.date === lastDocument?.date);
    const undatedLast = lastDocument?.date && !datedAlready ? items.findLast((i) => ofLast(i) && i.kind === 'document' && i.doc.date === null) : undefined;
    if (undatedLast && undatedLast.kind === 'document') undatedLast.doc.date = lastDocument!.date;
    // a status written as a phrase ("Postponed due to COVID-19", "Accepted in principle") is read
    // as its status word; its own words are kept as the notes of the document it stands for
    // ("Acknowledged 12/05/2020": the acknowledgement's, when the status is only the request it acknowledges)
    const standsFor: DocumentType[] = status === 'requested' && acknowledged ? ['acknowledgement'] : status ? STATUS_DOCUMENTS[status] : [];
    const statusDocument = status && statusRead.note ? items.findLast((i) => i.kind !== 'visit' && standsFor.includes(i.doc.type)) : undefined;
    if (statusDocument && statusDocument.kind !== 'visit') statusDocument.doc.notes = statusText.slice(0, TEXT_LIMITS.notes);
    plan.items = items;
    plan.rows = [sheetRow.row];
    plan.openerRow = sheetRow.row;
    return { row: sheetRow.row, plan, items, errors: NONE, expected: status ? { word: statusText, statuses: EXPECTED[status] } : null, readings: r.readings };
  };
}

/** Documents that open a thread, and documents (or a visit row) after which a request opens a new one. */
const OPENS = new Set(['request', 'invitation']);
const CLOSES = new Set(['declination', 'cancellation', 'visit']);

type Keyed = { row: SheetRow; date: string; type: string };

/** Whether the dated rows of a list (undated ones skipped) never go surely back in time. */
function inOrder(list: Keyed[]): boolean {
  const dated = list.filter((k) => k.date);
  return dated.every((k, j) => j === 0 || !isSurelyBefore(k.date, dated[j - 1]!.date));
}

/**
 * Rows of one date in the order they are read: a request or invitation first; but when a
 * declination, cancellation or visit shares the date and a thread was opened before (`openedBefore`),
 * the closing first, since a new request cannot come while the earlier thread is still open.
 */
function orderOfOneDate(run: Keyed[], openedBefore: boolean): Keyed[] {
  const closes = run.some((k) => CLOSES.has(k.type));
  const rank = (k: Keyed) => (closes && openedBefore ? (CLOSES.has(k.type) ? 0 : OPENS.has(k.type) ? 1 : 2) : OPENS.has(k.type) ? 0 : 1);
  return [...run].sort((a, b) => rank(a) - rank(b));
}

/**
 * Dated rows in their order, each undated row of the file put back right after the dated row it
 * follows in the file (before them all when none comes before it): the file's only word on where
 * an undated row goes.
 */
function withUndated(file: Keyed[], dated: Keyed[]): Keyed[] {
  const after = new Map<Keyed | null, Keyed[]>();
  let anchor: Keyed | null = null;
  for (const k of file) {
    if (k.date) anchor = k;
    else after.set(anchor, [...(after.get(anchor) ?? []), k]);
  }
  return [...(after.get(null) ?? []), ...dated.flatMap((k) => [k, ...(after.get(k) ?? [])])];
}

/**
 * The rows of a one-row-per-document file with each mandate x State's rows in date order, in the
 * places its rows have in the file (other rows stay where they are): logs are often kept newest
 * first, or sorted by document type, and a reminder must come after the request it follows.
 * - A log in date order keeps its order; one newest first is read backwards, undated rows (and
 *   dates of another precision) keeping their places among the others. A mandate x State whose
 *   dates cannot tell goes as the file's other logs go, unless only as written does it start with
 *   its request or invitation.
 * - Otherwise the dated rows are sorted by date, each undated row following the dated row it
 *   follows in the file ({@link withUndated}); unless two dates of different precision may be the
 *   same ("2019", "2019-03"): the file's order is then the only one there is.
 * - Rows of one date go as {@link orderOfOneDate} says.
 */
function inDateOrder(rows: SheetRow[], ctx: PlanContext): SheetRow[] {
  const cell = (row: SheetRow, field: ImportField) => {
    const index = ctx.layout.index[field];
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const pairs = new Map<string, { slots: number[]; keyed: Keyed[] }>();
  rows.forEach((row, i) => {
    const state = ctx.states.match(cell(row, 'state'));
    const mandate = ctx.mandates.match(cell(row, 'mandate'));
    // rows the planner will refuse keep their place
    if (!state.ok || !mandate.ok) return;
    const key = `${mandate.value}|${state.value}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { slots: [], keyed: [] }));
    const daySpan = parseDateRange(cell(row, 'date'), ctx.order);
    const date = daySpan?.ok ? { ok: true, date: daySpan.start } : parseDateCell(cell(row, 'date'), ctx.order);
    const span = parseDateRange(cell(row, 'visitStart'), ctx.order);
    const start = span?.ok ? { ok: true, date: span.start } : parseDateCell(cell(row, 'visitStart'), ctx.order);
    const when = (date.ok && date.date) || (start.ok && start.date) || '';
    const type = readDocumentType(cell(row, 'documentType'));
    pair.slots.push(i);
    pair.keyed.push({ row, date: when, type: (type.ok && type.value) || '' });
  });
  const ordered = [...rows];
  const direction = (keyed: Keyed[]) => {
    const forwards = inOrder(keyed);
    const backwards = inOrder([...keyed].reverse());
    return forwards ? (backwards ? 'either' : 'oldest first') : backwards ? 'newest first' : 'mixed';
  };
  const directions = new Map([...pairs.values()].map((pair) => [pair, direction(pair.keyed)]));
  // a pair whose dates cannot tell (one dated row among undated ones) is read as the file's other
  // logs are: newest first when some are and none is oldest first; unless, as written, it starts
  // with its request or invitation and would not the other way round (a log kept oldest first)
  const told = [...directions.values()];
  const fileNewestFirst = told.includes('newest first') && !told.includes('oldest first');
  const opensFirst = (keyed: Keyed[]) => OPENS.has(keyed[0]!.type);
  const newestFirst = (keyed: Keyed[]) => fileNewestFirst && !(opensFirst(keyed) && !opensFirst([...keyed].reverse()));
  for (const pair of pairs.values()) {
    const { slots, keyed } = pair;
    if (keyed.length < 2) continue;
    const way = directions.get(pair)!;
    let base: Keyed[];
    if (way === 'oldest first' || (way === 'either' && !newestFirst(keyed))) base = keyed;
    else if (way !== 'mixed') base = [...keyed].reverse();
    else {
      const dated = keyed.filter((k) => k.date).sort((a, b) => comparePartialDates(a.date, b.date));
      if (dated.some((k, j) => j > 0 && k.date !== dated[j - 1]!.date && canBeSameDate(k.date, dated[j - 1]!.date))) continue;
      base = withUndated(keyed, dated);
    }
    // rows of one (exactly the same) date, as orderOfOneDate says
    const result: Keyed[] = [];
    let openedBefore = false;
    for (let j = 0; j < base.length; ) {
      let end = j + 1;
      while (end < base.length && base[end]!.date && base[end]!.date === base[j]!.date) end++;
      const run = base.slice(j, end);
      result.push(...(run.length > 1 ? orderOfOneDate(run, openedBefore) : run));
      openedBefore ||= run.some((k) => OPENS.has(k.type));
      j = end;
    }
    slots.forEach((slot, k) => (ordered[slot] = result[k]!.row));
  }
  return ordered;
}

/**
 * Plans the rows of a one-row-per-document file: rows join the current thread of their
 * mandate x State in date order ({@link inDateOrder}; see the module comment for when a row starts a new one).
 */
export function planDocumentRows(rows: SheetRow[], context: PlanContext): RowPlan[] {
  const ctx = matchingOnce(context);
  const current = new Map<string, Plan>();
  const hasRequest = new Set<Plan>();
  return inDateOrder(rows, ctx).map((sheetRow) => {
    const r = new RowReader(sheetRow, ctx);
    const target = r.stateAndMandate();
    const type = r.word('documentType', readDocumentType);
    if (type === null && !r.text('documentType')) r.error('documentType', 'no document type: write request, reminder, acceptance, visit...');
    // a visit's row may give its span in the date cell ("5-16 October 2020")
    const dated = type === 'visit' ? r.dateOrSpan('date') : { start: r.date('date') };
    const date = dated.start;
    const [visitStart, visitEnd] = r.visitDates();
    const proposedStart = r.date('proposedStart');
    const proposedEnd = r.date('proposedEnd');
    const direction = r.word('direction', readDirection) ?? (target && type !== null && type !== 'visit' && !FIXED_DIRECTION[type] ? r.directionBySender(target.stateCode) : null);
    const form = r.word('form', readForm);
    const language = r.word('language', readLanguage);
    const priority = r.word('priority', readPriority) ?? undefined;
    const reference = r.limited('reference');
    const notes = r.limited('notes');
    if (!target || type === null) return { row: sheetRow.row, plan: null, items: [], errors: r.errors, expected: null, readings: r.readings };

    const { stateCode, mandate } = target;
    const pairKey = `${mandate.id}|${stateCode}`;
    const typeColumn = r.column('documentType');
    const dateColumn = r.column('date') ?? typeColumn;
    let plan = current.get(pairKey);
    let item: Item;
    if (type === 'visit') {
      const visit = visitOf(mandate, stateCode, visitStart ?? date, visitEnd ?? dated.end ?? null);
      item = { kind: 'visit', column: r.column('visitStart') && visitStart ? r.column('visitStart') : dateColumn, visit };
      if (!plan) plan = attachPlan(mandate.id, stateCode, priority);
    } else {
      const doc: DocumentInput = {
        type,
        date,
        ...(reference ? { reference } : {}),
        ...(direction ? { direction } : {}),
        ...(form ? { form } : {}),
        ...(language ? { language } : {}),
        ...(proposedStart ? { proposedStart } : {}),
        ...(proposedEnd ? { proposedEnd } : {}),
        ...(notes ? { notes } : {}),
      };
      // a request always opens a new thread (a follow-up is a reminder: DOMAIN.md); an invitation
      // joins a thread with a request (it is that request's acceptance), else opens its own
      const opens = type === 'request' || (type === 'invitation' && !(plan && (hasRequest.has(plan) || plan.mode === 'attach')));
      if (opens) {
        const opener = { ...doc, type: type as 'request' | 'invitation' };
        plan = openPlan(mandate.id, stateCode, opener, { priority, notes: undefined });
        plan.openerRow = sheetRow.row;
        item = { kind: 'opener', column: dateColumn, doc: opener };
      } else {
        item = { kind: 'document', column: type === 'dates_proposal' && !date ? (r.column('proposedStart') ?? dateColumn) : dateColumn, doc };
        if (!plan) plan = attachPlan(mandate.id, stateCode, priority);
      }
    }
    current.set(pairKey, plan);
    if (type === 'request') hasRequest.add(plan);
    if (r.errors.length > 0) return { row: sheetRow.row, plan, items: [item], errors: r.errors, expected: null, readings: r.readings };
    plan.items.push(item);
    plan.rows.push(sheetRow.row);
    return { row: sheetRow.row, plan, items: [item], errors: NONE, expected: null, readings: r.readings };
  });
}
