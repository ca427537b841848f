/**
 * Visit requests as threads of documents: creating a thread, recording, correcting and deleting
 * its documents, and the derived status cached on the thread (refreshRequest). Every write runs
 * in one transaction with its change-log entries; a document that cannot stand is refused and
 * nothing is written.
 */
import type { Kysely } from 'kysely';
import { nowIso, recordChange, type ChangeSource, type Executor } from './changeLog';
import type { DocumentInput } from './contract';
import { aDocument, FIXED_DIRECTION, usualDirection, type Direction, type DocumentType, type Priority, type Status } from './domain';
import { conflict, notFound, ruleError } from './errors';
import { comparePartialDates, isSurelyBefore, onOrIn, todayLocal } from './partialDate';
import type { Database, DocumentRow, NewDocument } from './schema';
import { deriveMilestones, deriveStatus, describeDetail, orderDocuments, type Milestones, type StatusDocument, type StatusVisit } from './status';

export interface FiledDocument {
  id: number;
  /** The type it was filed as, when a rule refiled it (an invitation after a request is an acceptance). */
  filedAs: DocumentType;
  note: string | null;
}

/**
 * Checks a document against its thread and decides how it is filed.
 * Rules: a reminder needs a request on the thread; a thread has one opening request or
 * invitation; an invitation after the mandate's request is filed as its acceptance while the
 * request is open (DOMAIN.md), and refused on a thread refused or visited (it opens a new one); an acceptance
 * that proposes dates is filed as a dates proposal (both from the OHCHR glossary); a date may not
 * be surely before the opening document's date nor after today; proposed dates must be in order.
 * @throws DomainError('rule') with a message naming the rule.
 */
export function fileDocument(
  input: DocumentInput,
  thread: {
    openedBy: 'request' | 'invitation' | null;
    opener: Pick<DocumentRow, 'id' | 'type' | 'date'> | null;
    hasRequest: boolean;
    /** The thread's request is no longer open: refused (declined or cancelled), or its visit took place. */
    closed?: 'refused' | 'completed' | null;
  },
  ownId: number | null,
  today: string,
): { values: Required<Omit<NewDocument, 'id' | 'request_id' | 'version' | 'created_at' | 'updated_at'>>; filedAs: DocumentType; note: string | null } {
  let type = input.type;
  let note: string | null = null;
  const opener = thread.opener && thread.opener.id !== ownId ? thread.opener : null;
  if (type === 'reminder' && !thread.hasRequest) {
    throw ruleError('A reminder follows up a request, and this thread has no request. Record the request first, or open a new request.');
  }
  if ((type === 'request' || type === 'invitation') && opener) {
    if (type === 'invitation' && thread.hasRequest && thread.closed) {
      // DOMAIN.md: an invitation is the acceptance of a request still open; after a refusal or a visit it opens a thread of its own
      throw ruleError(
        `${thread.closed === 'refused' ? 'The request of this thread was refused (declined or cancelled)' : 'The visit of this thread took place'}: ` +
          'an invitation from the State now opens a new thread. Record it as a new invitation.',
      );
    }
    if (type === 'invitation' && thread.hasRequest) {
      type = 'acceptance';
      note = 'An invitation after a request of the same mandate is filed as the acceptance of that request.';
    } else if (type === 'request') {
      throw ruleError(
        `This thread was already opened by ${opener.type === 'request' ? 'a request' : 'an invitation'}${opener.date ? ` (${opener.date})` : ''}. ` +
          'A follow-up is a reminder; a new request after a refusal or a visit opens a new thread.',
      );
    } else {
      throw ruleError('This thread already has an invitation. Record the holder’s answer as an acceptance or a declination.');
    }
  }
  if (!opener && ownId === null && type !== 'request' && type !== 'invitation') {
    throw ruleError('A thread starts with a request or an invitation.');
  }
  if (type === 'acceptance' && (input.proposedStart || input.proposedEnd)) {
    type = 'dates_proposal';
    note = 'An acceptance that proposes dates is filed as a dates proposal.';
  }
  const date = input.date ?? null;
  if (date && opener?.date && isSurelyBefore(date, opener.date)) {
    throw ruleError(`The date ${date} is before the thread's ${opener.type} of ${opener.date}.`, 'date');
  }
  if (date && isSurelyBefore(today, date)) throw ruleError(`The date ${date} is in the future; record a document once it is sent or received.`, 'date');
  if (input.proposedStart && input.proposedEnd && isSurelyBefore(input.proposedEnd, input.proposedStart)) {
    throw ruleError(`The proposed end ${input.proposedEnd} is before the proposed start ${input.proposedStart}.`, 'proposedEnd');
  }
  const fixed = FIXED_DIRECTION[type];
  if (fixed && input.direction && input.direction !== fixed) {
    const what = aDocument(type);
    throw ruleError(`${what[0]!.toUpperCase()}${what.slice(1)} goes ${fixed === 'to_state' ? 'from the mandate holder to the State' : 'from the State to the mandate holder'}.`);
  }
  return {
    values: {
      type,
      direction: fixed ?? input.direction ?? usualDirection(type, thread.openedBy ?? (type === 'invitation' ? 'invitation' : 'request')),
      date,
      form: input.form ?? null,
      language: input.language ?? null,
      reference: input.reference?.trim() ?? '',
      signed_by_holder_id: input.signedByHolderId ?? null,
      proposed_start: input.proposedStart ?? null,
      proposed_end: input.proposedEnd ?? null,
      notes: input.notes ?? '',
    },
    filedAs: type,
    note,
  };
}

async function threadContext(db: Executor, requestId: number) {
  const request = await db.selectFrom('visit_requests').select(['id', 'mandate_id', 'opened_by', 'status']).where('id', '=', requestId).executeTakeFirst();
  if (!request) throw notFound(`Visit request ${requestId}`);
  const documents = await db.selectFrom('documents').selectAll().where('request_id', '=', requestId).execute();
  return { request, documents, ...filingContext(documents), closed: closedBy(documents, request.status) };
}

/** What {@link fileDocument} checks a new document against: the thread's opening document and whether it has a request. */
export function filingContext<T extends StatusDocument>(documents: readonly T[]) {
  return { opener: openerOf(orderDocuments(documents)), hasRequest: documents.some((d) => d.type === 'request') };
}

/**
 * Whether a thread's request is closed, for {@link fileDocument}'s `closed`: 'completed' when its
 * derived `status` says so (a visit took place), else 'refused' when its documents refuse it.
 */
export function closedBy(documents: readonly StatusDocument[], status: Status | null): 'refused' | 'completed' | null {
  if (status === 'completed') return 'completed';
  // the status of the documents alone (visits aside)
  return openerOf(orderDocuments(documents)) && deriveStatus(documents, [], '').status === 'refused' ? 'refused' : null;
}

/** The document that opens a thread: the first in thread order, when it is a request or an invitation. */
export function openerOf<T extends StatusDocument>(ordered: readonly T[]): (T & { type: 'request' | 'invitation' }) | null {
  const first = ordered[0];
  return first && (first.type === 'request' || first.type === 'invitation') ? (first as T & { type: 'request' | 'invitation' }) : null;
}

/**
 * The holder who signs a document holds the thread's mandate, and had taken it up by the
 * document's date (a partial date surely before the term is refused; the term's dates are
 * corrected under Mandates). A date after the term is not refused: a letter signed in the last
 * days of a term is often sent, and dated, after it (letterStore.ts confirmLettersSent).
 */
async function checkHolder(db: Executor, holderId: number | null | undefined, mandateId: number, date: string | null | undefined) {
  if (holderId == null) return;
  const holder = await db.selectFrom('mandate_holders').select(['mandate_id', 'name', 'term_start']).where('id', '=', holderId).executeTakeFirst();
  if (!holder) throw notFound(`Mandate holder ${holderId}`);
  if (holder.mandate_id !== mandateId) throw ruleError(`${holder.name} does not hold this thread's mandate.`);
  if (date && holder.term_start && isSurelyBefore(date, holder.term_start)) {
    throw ruleError(`${holder.name} took up the mandate ${onOrIn(holder.term_start)}: they did not sign a document ${onOrIn(date)}. Choose the holder then in office, or correct the term under Mandates.`);
  }
}

/**
 * Rewrites the derived columns of a thread (status, detail, opening, last document, reminders)
 * from its documents and linked visits. Call inside the transaction of every write that touches them.
 */
export async function refreshRequest(db: Executor, requestId: number, today: string = todayLocal()): Promise<void> {
  const documents = await db.selectFrom('documents').selectAll().where('request_id', '=', requestId).execute();
  const visits = await db
    .selectFrom('visit_mandates')
    .innerJoin('visits', 'visits.id', 'visit_mandates.visit_id')
    .select(['visits.start', 'visits.end'])
    .where('visit_mandates.request_id', '=', requestId)
    .execute();
  await db.updateTable('visit_requests').set(derivedColumns(documents, visits, today)).where('id', '=', requestId).execute();
}

/**
 * Rewrites the cached derived columns (refreshRequest) of every thread that has an undated
 * document. For a database written before status.ts orderDocuments kept an undated document in
 * its recording place (it used to sort after every dated one): such a thread's cached status,
 * detail and milestones may have been derived in the old order, and nothing rewrites them until
 * the thread's next write. Run it once (a migration step or on opening such a database), inside
 * a transaction; running it again changes nothing.
 * @returns the ids of the threads refreshed, ascending.
 */
export async function refreshThreadsWithUndatedDocuments(db: Executor, today: string = todayLocal()): Promise<number[]> {
  const rows = await db.selectFrom('documents').select('request_id').distinct().where('date', 'is', null).orderBy('request_id').execute();
  for (const { request_id } of rows) await refreshRequest(db, request_id, today);
  return rows.map((r) => r.request_id);
}

/** A document as {@link derivedColumns} reads it. */
export type DerivingDocument = Pick<DocumentRow, 'id' | 'type' | 'direction' | 'date' | 'signed_by_holder_id' | 'proposed_start' | 'proposed_end'>;

/**
 * The derived columns of a thread from its documents (ids give the recording order) and linked
 * visits: what {@link refreshRequest} writes, and what the import writes for a thread it opens.
 * @throws Error when the thread has neither an opening request/invitation nor a visit (deriveStatus).
 */
export function derivedColumns(documents: readonly DerivingDocument[], visits: readonly StatusVisit[], today: string) {
  const derived = deriveStatus(documents, visits, today);
  const ordered = orderDocuments(documents);
  const opener = openerOf(ordered);
  const dated = ordered.filter((d) => d.date !== null);
  const last = dated.length > 0 ? dated.reduce((a, b) => (b.date! >= a.date! ? b : a)) : ordered.at(-1);
  return {
    status: derived.status,
    status_text: describeDetail(derived.detail),
    opened_by: opener ? opener.type : null,
    opened_on: opener?.date ?? null,
    opened_by_holder_id: opener?.signed_by_holder_id ?? null,
    last_document_on: last?.date ?? null,
    last_document_type: last?.type ?? null,
    reminder_count: derived.detail.reminders,
    last_reminder_on: derived.detail.lastReminderOn,
    ...milestoneColumns(deriveMilestones(documents, visits, opener ? opener.type : null)),
  };
}

/** The milestones as the columns that cache them on visit_requests (db/indicators.ts reads them). */
export function milestoneColumns(m: Milestones) {
  return { decided_on: m.decidedOn, accepted_on: m.acceptedOn, answered_on: m.answeredOn, substantive_on: m.substantiveOn, visited_on: m.visitedOn };
}

/** The typed columns of a new thread, as written and as logged (createRequest, recordVisitOnNewThread, the import). */
export function threadValues(thread: { mandateId: number; stateCode: string; priority?: Priority; notes?: string }) {
  return { mandate_id: thread.mandateId, state_code: thread.stateCode, priority: thread.priority ?? 'normal', notes: thread.notes ?? '' };
}

export interface CreateRequestInput {
  mandateId: number;
  stateCode: string;
  priority?: Priority;
  notes?: string;
  opening: DocumentInput;
}

/** A mandate ended by the Council sends no new request (a record of an earlier one is fine). */
export function checkMandateOpens(mandate: { title: string; ended: string | null }, date: string | null | undefined) {
  if (mandate.ended && date && isSurelyBefore(mandate.ended, date)) {
    throw ruleError(`${mandate.title} ended ${onOrIn(mandate.ended)}: it cannot have opened a request ${onOrIn(date)}.`);
  }
}

/**
 * A mandate ended by the Council writes nothing after it ended: no reminder or other letter to the
 * State dated after its end (nor a request: {@link checkMandateOpens}). What a State writes after
 * it is kept (a late reply).
 * @throws DomainError('rule') naming the mandate, its end and the document's date.
 */
export function checkMandateSends(mandate: { title: string; ended: string | null }, doc: { type: DocumentType; direction: Direction; date: string | null }) {
  if (doc.direction !== 'to_state') return;
  if (doc.type === 'request') return checkMandateOpens(mandate, doc.date);
  if (mandate.ended && doc.date && isSurelyBefore(mandate.ended, doc.date)) {
    throw ruleError(`${mandate.title} ended ${onOrIn(mandate.ended)}: it cannot have sent ${aDocument(doc.type)} ${onOrIn(doc.date)}.`);
  }
}

/** The mandate of a thread, as {@link checkMandateSends} reads it. */
async function mandateOf(db: Executor, mandateId: number) {
  return db.selectFrom('mandates').select(['title', 'ended']).where('id', '=', mandateId).executeTakeFirstOrThrow();
}

/** A thread of the same mandate x State whose derived status is 'pending', as {@link checkNoPendingThread} reads it. */
export interface PendingThread {
  /** visit_requests.id (or the import's id for a thread it is about to write). */
  id: number;
  /** visit_requests.opened_on: the opening request's partial date, null when undated. */
  openedOn: string | null;
}

/** What would open a new thread of a mandate with a State: a request, an invitation from the State, or a visit with no correspondence on file. */
export type ThreadOpening = 'request' | 'invitation' | 'visit';

/**
 * One pending request per mandate x State. A thread is not opened for a mandate and a State while
 * another thread of that pair is still pending (requested, maybe acknowledged or reminded, no
 * answer of substance): the yearly review would list the State twice, and DOMAIN.md ("A visit
 * request is a thread of correspondence") has a follow-up as a reminder, never a new request, even
 * from a successor; a State's invitation while the mandate's request is open is filed as that
 * request's acceptance; and a visit that took place answers that request.
 * A thread accepted (postponed included), invited, completed or refused does not block: a new
 * request after a postponed visit is a new thread (real records: Bahrain and the SR on torture).
 * Pure: the caller finds the pending threads (createRequest and recordVisitOnNewThread read them
 * with {@link pendingThreads}; the import passes those it knows, written or not yet).
 * @param pending the pair's threads whose derived status is 'pending' (status column, or
 *   deriveStatus(...).status); an empty list passes. With several (recorded before this rule),
 *   the message names the oldest: earliest `openedOn` (undated last), then lowest id.
 * @param opening what would open the new thread
 * @param stateName the State's name for the message ("Bahrain")
 * @throws DomainError('rule') naming the pending request's date, e.g. "A request of this mandate
 *   to Bahrain is pending since 2019-03-04 (no answer yet): record a reminder on it instead of a
 *   new request."
 */
export function checkNoPendingThread(pending: readonly PendingThread[], opening: ThreadOpening, stateName: string): void {
  if (pending.length === 0) return;
  const head = `A request of this mandate to ${stateName} is pending ${pendingSince(pending)} (no answer yet)`;
  switch (opening) {
    case 'request':
      throw ruleError(`${head}: record a reminder on it instead of a new request (or, when this is that request with its date corrected, correct the date on it).`);
    case 'invitation':
      throw ruleError(`${head}: record the State’s invitation on that request, where it is filed as its acceptance, instead of opening a new thread.`);
    case 'visit':
      throw ruleError(`${head}: record the visit on that request, which it completes, instead of on a new thread.`);
  }
}

/** "since 2019-03-04" for the oldest of pending threads (earliest opening, undated last, then lowest id). */
function pendingSince(pending: readonly PendingThread[]): string {
  const oldest = [...pending].sort((a, b) => comparePartialDates(a.openedOn ?? '9999', b.openedOn ?? '9999') || a.id - b.id)[0]!;
  return oldest.openedOn ? `since ${oldest.openedOn}` : 'since an undated request';
}

/**
 * The threads of a mandate x State whose derived status (the cached `status` column, which
 * refreshRequest keeps) is 'pending', in recording order, for {@link checkNoPendingThread};
 * `exceptId` leaves one thread out.
 */
export async function pendingThreads(db: Executor, mandateId: number, stateCode: string, exceptId?: number): Promise<PendingThread[]> {
  let query = db
    .selectFrom('visit_requests')
    .select(['id', 'opened_on'])
    .where('mandate_id', '=', mandateId)
    .where('state_code', '=', stateCode)
    .where('status', '=', 'pending');
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, openedOn: r.opened_on }));
}

/** The State's English name for a message, or its code when unknown. */
async function stateNameOf(db: Executor, code: string): Promise<string> {
  const state = await db.selectFrom('states').select('name_en').where('code', '=', code).executeTakeFirst();
  return state?.name_en ?? code;
}

/**
 * After a write on a thread (refreshRequest done): refuses the write when it made the thread
 * pending (it was not before) while another thread of its mandate x State is pending, so that no
 * channel leaves two pending requests for one pair (a declination corrected into an
 * acknowledgement, an acceptance deleted, an invitation corrected into a request...).
 * @throws DomainError('rule'); the caller's transaction then writes nothing.
 */
/** After a change, a thread made pending again must not stand beside another pending request of its mandate to the State. @throws DomainError('rule') */
export async function checkNotPendingTwice(db: Executor, requestId: number, statusBefore: string) {
  if (statusBefore === 'pending') return;
  const thread = await db.selectFrom('visit_requests').select(['status', 'mandate_id', 'state_code']).where('id', '=', requestId).executeTakeFirst();
  if (!thread || thread.status !== 'pending') return;
  const others = await pendingThreads(db, thread.mandate_id, thread.state_code, requestId);
  if (others.length === 0) return;
  throw ruleError(
    `This change would make the thread pending again, while another request of this mandate to ${await stateNameOf(db, thread.state_code)} is pending ${pendingSince(others)}: ` +
      'one request per mandate and State is pending at a time. Record the follow-up on that request as a reminder, or correct or delete it first.',
  );
}

/**
 * Opens a thread (one mandate x one State) with its opening request or invitation.
 * @returns the new thread's id and the opening document's id.
 * @throws DomainError when the mandate, State or signing holder is unknown, or the opening breaks a
 *   rule: an ended mandate ({@link checkMandateOpens}), a pending request of the same mandate to
 *   the State ({@link checkNoPendingThread}; unless the opening is surely before it, a request of
 *   the past entered late, whose outcome is recorded next), a date in the future...
 */
export async function createRequest(db: Executor, input: CreateRequestInput, source: ChangeSource = 'user', today = todayLocal()) {
  const mandate = await db.selectFrom('mandates').select(['id', 'ended', 'title']).where('id', '=', input.mandateId).executeTakeFirst();
  if (!mandate) throw notFound(`Mandate ${input.mandateId}`);
  checkMandateOpens(mandate, input.opening.date);
  const state = await db.selectFrom('states').select('code').where('code', '=', input.stateCode).executeTakeFirst();
  if (!state) throw notFound(`State ${input.stateCode}`);
  if (input.opening.type !== 'request' && input.opening.type !== 'invitation') throw ruleError('A thread starts with a request or an invitation.');
  // history entered late: an opening surely before a pending request is an earlier thread, not its follow-up
  const date = input.opening.date;
  const pending = (await pendingThreads(db, input.mandateId, input.stateCode)).filter((p) => !(date && p.openedOn && isSurelyBefore(date, p.openedOn)));
  if (pending.length > 0) checkNoPendingThread(pending, input.opening.type, await stateNameOf(db, input.stateCode));
  await checkHolder(db, input.opening.signedByHolderId, input.mandateId, input.opening.date);
  const filed = fileDocument(input.opening, { openedBy: null, opener: null, hasRequest: false }, null, today);
  const now = nowIso();
  const values = threadValues(input);
  const { id } = await db
    .insertInto('visit_requests')
    .values({ ...values, created_at: now, updated_at: now, status: input.opening.type === 'request' ? 'pending' : 'invitation', status_text: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(db, { entity: 'request', entityId: id, action: 'create', after: values, source });
  const doc = await db
    .insertInto('documents')
    .values({ ...filed.values, request_id: id, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(db, { entity: 'document', entityId: doc.id, action: 'create', after: { request_id: id, ...filed.values }, source });
  await refreshRequest(db, id, today);
  return { id, documentId: doc.id };
}

/**
 * Records a document on a thread, after the rules of {@link fileDocument}.
 * @returns the document's id and the type it was filed as (with the rule's note when refiled).
 */
export async function recordDocument(db: Executor, requestId: number, input: DocumentInput, source: ChangeSource = 'user', today = todayLocal()): Promise<FiledDocument> {
  const thread = await threadContext(db, requestId);
  await checkHolder(db, input.signedByHolderId, thread.request.mandate_id, input.date);
  const filed = fileDocument(input, { openedBy: thread.request.opened_by, opener: thread.opener, hasRequest: thread.hasRequest, closed: thread.closed }, null, today);
  checkMandateSends(await mandateOf(db, thread.request.mandate_id), filed.values);
  const now = nowIso();
  const { id } = await db
    .insertInto('documents')
    .values({ ...filed.values, request_id: requestId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(db, { entity: 'document', entityId: id, action: 'create', after: { request_id: requestId, ...filed.values }, source });
  await touch(db, requestId, now);
  await refreshRequest(db, requestId, today);
  await checkNotPendingTwice(db, requestId, thread.request.status);
  return { id, filedAs: filed.filedAs, note: filed.note };
}

/**
 * Corrects a document; the earlier version stays in the change log (documents:history).
 * The corrected document must still stand on its thread (same rules as recording it), and the
 * correction may not make the thread pending again while another request of its mandate to the
 * State is pending (one pending request per pair, {@link checkNoPendingThread}).
 */
export async function correctDocument(db: Executor, documentId: number, input: DocumentInput, source: ChangeSource = 'user', today = todayLocal()): Promise<FiledDocument> {
  const before = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!before) throw notFound(`Document ${documentId}`);
  const thread = await threadContext(db, before.request_id);
  await checkHolder(db, input.signedByHolderId, thread.request.mandate_id, input.date);
  const isOpener = thread.opener?.id === documentId;
  if (isOpener && input.type !== 'request' && input.type !== 'invitation') {
    throw ruleError('This is the opening document of the thread: it stays a request or an invitation.');
  }
  const others = thread.documents.filter((d) => d.id !== documentId);
  if (isOpener && input.type === 'invitation' && others.some((d) => d.type === 'reminder')) {
    throw ruleError('The thread has reminders, which follow up a request: the opening document stays a request.');
  }
  const context = isOpener
    ? { openedBy: null, opener: null, hasRequest: false }
    : { openedBy: thread.request.opened_by, opener: thread.opener, hasRequest: others.some((d) => d.type === 'request'), closed: closedBy(others, thread.request.status) };
  const filed = fileDocument(input, context, documentId, today);
  checkMandateSends(await mandateOf(db, thread.request.mandate_id), filed.values);
  if (isOpener && filed.values.date) {
    const earlier = others.find((d) => d.date && isSurelyBefore(d.date, filed.values.date!));
    if (earlier) throw ruleError(`The thread has ${aDocument(earlier.type)} of ${earlier.date}, before ${filed.values.date}.`);
  }
  const now = nowIso();
  await db
    .updateTable('documents')
    .set({ ...filed.values, version: before.version + 1, updated_at: now })
    .where('id', '=', documentId)
    .execute();
  await recordChange(db, { entity: 'document', entityId: documentId, action: 'update', before, after: { ...before, ...filed.values, version: before.version + 1, updated_at: now }, source });
  await touch(db, before.request_id, now);
  await refreshRequest(db, before.request_id, today);
  await checkNotPendingTwice(db, before.request_id, thread.request.status);
  return { id: documentId, filedAs: filed.filedAs, note: filed.note };
}

/**
 * Deletes a document; its last version stays in the change log. The opening document can only
 * go when it is the thread's last document and no visit is linked (then the thread goes too).
 * Refused when deleting it would make the thread pending again while another request of its
 * mandate to the State is pending (one pending request per pair, {@link checkNoPendingThread}).
 */
export async function deleteDocument(db: Executor, documentId: number, source: ChangeSource = 'user', today = todayLocal()) {
  const before = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!before) throw notFound(`Document ${documentId}`);
  const thread = await threadContext(db, before.request_id);
  const now = nowIso();
  if (thread.opener?.id === documentId) {
    const visits = await db.selectFrom('visit_mandates').select('visit_id').where('request_id', '=', before.request_id).execute();
    if (thread.documents.length > 1 || visits.length > 0) {
      throw ruleError('This is the opening document of the thread: delete the later documents and visits first, or correct it instead.');
    }
    await db.deleteFrom('documents').where('id', '=', documentId).execute();
    await recordChange(db, { entity: 'document', entityId: documentId, action: 'delete', before, source });
    const request = await db.selectFrom('visit_requests').selectAll().where('id', '=', before.request_id).executeTakeFirstOrThrow();
    await db.deleteFrom('visit_requests').where('id', '=', before.request_id).execute();
    await recordChange(db, { entity: 'request', entityId: before.request_id, action: 'delete', before: request, source });
    return { requestDeleted: true };
  }
  await db.deleteFrom('documents').where('id', '=', documentId).execute();
  await recordChange(db, { entity: 'document', entityId: documentId, action: 'delete', before, source });
  await touch(db, before.request_id, now);
  await refreshRequest(db, before.request_id, today);
  await checkNotPendingTwice(db, before.request_id, thread.request.status);
  return { requestDeleted: false };
}

/** Changes a thread's priority or notes (the typed parts of a thread; its status is derived). */
export async function updateRequest(db: Executor, id: number, changes: { priority?: Priority; notes?: string }, source: ChangeSource = 'user') {
  const before = await db.selectFrom('visit_requests').select(['priority', 'notes']).where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound(`Visit request ${id}`);
  const after = { priority: changes.priority ?? before.priority, notes: changes.notes ?? before.notes };
  await db.updateTable('visit_requests').set({ ...after, updated_at: nowIso() }).where('id', '=', id).execute();
  await recordChange(db, { entity: 'request', entityId: id, action: 'update', before, after, source });
}

async function touch(db: Executor, requestId: number, now: string) {
  await db.updateTable('visit_requests').set({ updated_at: now }).where('id', '=', requestId).execute();
}

/** Runs `work` in one transaction on a Kysely instance (or joins the given transaction). */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

export { conflict };
