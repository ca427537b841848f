/**
 * Visit requests as threads of documents: creating a thread, recording, correcting and deleting
 * its documents, and the derived status cached on the thread (refreshRequest). Every write runs
 * in one transaction with its change-log entries; a document that cannot stand is refused and
 * nothing is written.
 */
import type { Kysely } from 'kysely';
import { nowIso, recordChange, type ChangeSource, type Executor } from './changeLog';
import type { DocumentInput } from './contract';
import type { Direction, DocumentType, Priority } from './domain';
import { conflict, notFound, ruleError } from './errors';
import { isSurelyBefore, todayLocal } from './partialDate';
import type { Database, DocumentRow, NewDocument } from './schema';
import { deriveMilestones, deriveStatus, describeDetail, orderDocuments, type Milestones, type StatusDocument, type StatusVisit } from './status';

/** The direction a document type has on a thread opened by a request or by an invitation. */
function defaultDirection(type: DocumentType, openedBy: 'request' | 'invitation' | null): Direction {
  switch (type) {
    case 'request':
    case 'reminder':
      return 'to_state';
    case 'invitation':
      return 'from_state';
    case 'acknowledgement':
    case 'acceptance':
    case 'declination':
      // the State answers a request; the holder answers an invitation
      return openedBy === 'invitation' ? 'to_state' : 'from_state';
    default:
      return 'from_state';
  }
}

const FIXED_DIRECTION: Partial<Record<DocumentType, Direction>> = { request: 'to_state', reminder: 'to_state', invitation: 'from_state' };

export interface FiledDocument {
  id: number;
  /** The type it was filed as, when a rule refiled it (an invitation after a request is an acceptance). */
  filedAs: DocumentType;
  note: string | null;
}

/**
 * Checks a document against its thread and decides how it is filed.
 * Rules: a reminder needs a request on the thread; a thread has one opening request or
 * invitation; an invitation after the mandate's request is filed as its acceptance; an acceptance
 * that proposes dates is filed as a dates proposal (both from the OHCHR glossary); a date may not
 * be surely before the opening document's date nor after today; proposed dates must be in order.
 * @throws DomainError('rule') with a message naming the rule.
 */
export function fileDocument(
  input: DocumentInput,
  thread: { openedBy: 'request' | 'invitation' | null; opener: Pick<DocumentRow, 'id' | 'type' | 'date'> | null; hasRequest: boolean },
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
    throw ruleError(`The date ${date} is before the thread's ${opener.type} of ${opener.date}.`);
  }
  if (date && isSurelyBefore(today, date)) throw ruleError(`The date ${date} is in the future; record a document once it is sent or received.`);
  if (input.proposedStart && input.proposedEnd && isSurelyBefore(input.proposedEnd, input.proposedStart)) {
    throw ruleError(`The proposed end ${input.proposedEnd} is before the proposed start ${input.proposedStart}.`);
  }
  const fixed = FIXED_DIRECTION[type];
  if (fixed && input.direction && input.direction !== fixed) {
    throw ruleError(`A ${type} goes ${fixed === 'to_state' ? 'from the mandate holder to the State' : 'from the State to the mandate holder'}.`);
  }
  return {
    values: {
      type,
      direction: fixed ?? input.direction ?? defaultDirection(type, thread.openedBy ?? (type === 'invitation' ? 'invitation' : 'request')),
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
  const request = await db.selectFrom('visit_requests').select(['id', 'mandate_id', 'opened_by']).where('id', '=', requestId).executeTakeFirst();
  if (!request) throw notFound(`Visit request ${requestId}`);
  const documents = await db.selectFrom('documents').selectAll().where('request_id', '=', requestId).execute();
  return { request, documents, ...filingContext(documents) };
}

/** What {@link fileDocument} checks a new document against: the thread's opening document and whether it has a request. */
export function filingContext<T extends StatusDocument>(documents: readonly T[]) {
  return { opener: openerOf(orderDocuments(documents)), hasRequest: documents.some((d) => d.type === 'request') };
}

/** The document that opens a thread: the first in thread order, when it is a request or an invitation. */
export function openerOf<T extends StatusDocument>(ordered: readonly T[]): (T & { type: 'request' | 'invitation' }) | null {
  const first = ordered[0];
  return first && (first.type === 'request' || first.type === 'invitation') ? (first as T & { type: 'request' | 'invitation' }) : null;
}

async function checkHolder(db: Executor, holderId: number | null | undefined, mandateId: number) {
  if (holderId == null) return;
  const holder = await db.selectFrom('mandate_holders').select(['mandate_id', 'name']).where('id', '=', holderId).executeTakeFirst();
  if (!holder) throw notFound(`Mandate holder ${holderId}`);
  if (holder.mandate_id !== mandateId) throw ruleError(`${holder.name} does not hold this thread's mandate.`);
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
    throw ruleError(`${mandate.title} ended in ${mandate.ended}: it cannot have opened a request in ${date}.`);
  }
}

/**
 * Opens a thread (one mandate x one State) with its opening request or invitation.
 * @returns the new thread's id and the opening document's id.
 * @throws DomainError when the mandate, State or signing holder is unknown, or the opening breaks a rule.
 */
export async function createRequest(db: Executor, input: CreateRequestInput, source: ChangeSource = 'user', today = todayLocal()) {
  const mandate = await db.selectFrom('mandates').select(['id', 'ended', 'title']).where('id', '=', input.mandateId).executeTakeFirst();
  if (!mandate) throw notFound(`Mandate ${input.mandateId}`);
  checkMandateOpens(mandate, input.opening.date);
  const state = await db.selectFrom('states').select('code').where('code', '=', input.stateCode).executeTakeFirst();
  if (!state) throw notFound(`State ${input.stateCode}`);
  if (input.opening.type !== 'request' && input.opening.type !== 'invitation') throw ruleError('A thread starts with a request or an invitation.');
  await checkHolder(db, input.opening.signedByHolderId, input.mandateId);
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
  await checkHolder(db, input.signedByHolderId, thread.request.mandate_id);
  const filed = fileDocument(input, { openedBy: thread.request.opened_by, opener: thread.opener, hasRequest: thread.hasRequest }, null, today);
  const now = nowIso();
  const { id } = await db
    .insertInto('documents')
    .values({ ...filed.values, request_id: requestId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(db, { entity: 'document', entityId: id, action: 'create', after: { request_id: requestId, ...filed.values }, source });
  await touch(db, requestId, now);
  await refreshRequest(db, requestId, today);
  return { id, filedAs: filed.filedAs, note: filed.note };
}

/**
 * Corrects a document; the earlier version stays in the change log (documents:history).
 * The corrected document must still stand on its thread (same rules as recording it).
 */
export async function correctDocument(db: Executor, documentId: number, input: DocumentInput, source: ChangeSource = 'user', today = todayLocal()): Promise<FiledDocument> {
  const before = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!before) throw notFound(`Document ${documentId}`);
  const thread = await threadContext(db, before.request_id);
  await checkHolder(db, input.signedByHolderId, thread.request.mandate_id);
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
    : { openedBy: thread.request.opened_by, opener: thread.opener, hasRequest: others.some((d) => d.type === 'request') };
  const filed = fileDocument(input, context, documentId, today);
  if (isOpener && filed.values.date) {
    const earlier = others.find((d) => d.date && isSurelyBefore(d.date, filed.values.date!));
    if (earlier) throw ruleError(`The thread has a ${earlier.type} of ${earlier.date}, before ${filed.values.date}.`);
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
  return { id: documentId, filedAs: filed.filedAs, note: filed.note };
}

/**
 * Deletes a document; its last version stays in the change log. The opening document can only
 * go when it is the thread's last document and no visit is linked (then the thread goes too).
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
