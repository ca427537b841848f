/**
 * Visits: one visit may be joint (several mandates), has a subject State and the places visited
 * (which can differ: a country mandate on Somalia visiting Djibouti, the Nauru side trip of an
 * Australia visit), start and end (partial dates), official or not, and a report symbol.
 */
import { nowIso, recordChange, type ChangeSource, type Executor } from './changeLog';
import type { VisitInput } from './contract';
import type { Priority } from './domain';
import { notFound, ruleError } from './errors';
import { earliestDay, isSurelyBefore, onOrIn, todayLocal } from './partialDate';
import { checkNotPendingTwice, inTransaction, refreshRequest, threadValues } from './requests';

/**
 * Records a visit and links it, for each mandate, to that mandate's thread with the subject State
 * (the given `requestId`, else the most recent thread that is not refused or completed, unless the
 * visit starts surely before the thread's first dated document: an undated request or visit is
 * answered, as the one open request of the mandate to the State).
 * @returns the visit's id and the thread ids it completed.
 * @throws DomainError for an unknown mandate/State, an end before the start, or a thread of another mandate or State.
 */
export async function recordVisit(db: Executor, input: VisitInput, source: ChangeSource = 'user', today = todayLocal()) {
  const { mandateIds, placeCodes, codes } = visitParts(input);
  const mandates = await db.selectFrom('mandates').select(['id', 'title', 'ended']).where('id', 'in', mandateIds).execute();
  if (mandates.length !== mandateIds.length) throw notFound(`Mandate ${mandateIds.find((id) => !mandates.some((m) => m.id === id))}`);
  checkMandatesVisit(mandates, input.start);
  const states = await db.selectFrom('states').select('code').where('code', 'in', codes).execute();
  if (states.length !== codes.length) throw notFound(`State ${codes.find((c) => !states.some((s) => s.code === c))}`);
  checkVisitDates(input);

  const links = new Map<number, number | null>();
  if (input.requestId !== undefined) {
    const thread = await threadOfVisit(db, input, input.requestId);
    links.set(thread.mandate_id, thread.id);
  }
  for (const mandateId of mandateIds) {
    if (links.has(mandateId)) continue;
    // The thread with the subject State; a side trip (Nauru during the Australia visit) completes
    // no request. Only a country mandate about the subject asks the host States it visits
    // (the Somalia mandate's requests to Djibouti), so only then may a place's thread be linked.
    const mandate = await db.selectFrom('mandates').select(['kind', 'subject_state_code']).where('id', '=', mandateId).executeTakeFirstOrThrow();
    const hostsAsked = mandate.kind === 'country' && mandate.subject_state_code === input.subjectStateCode;
    const open = await db
      .selectFrom('visit_requests')
      .select(['id'])
      .where('mandate_id', '=', mandateId)
      .where('state_code', 'in', hostsAsked ? [input.subjectStateCode, ...placeCodes] : [input.subjectStateCode])
      .where('status', 'not in', ['refused', 'completed'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    // a visit surely before the thread's first dated document is an earlier visit, not the one the
    // thread asks for; when the dates cannot tell (an undated request or visit), the visit answers
    // the mandate's open request: left unlinked, that request would stay pending and be reminded
    const first = open && (await firstDocumentOn(db, open.id));
    const answers = open && !(input.start && first && isSurelyBefore(input.start, first));
    links.set(mandateId, answers ? open.id : null);
  }

  const recorded = await sameDaysVisit(db, input, mandateIds, placeCodes);
  if (recorded) {
    await linkMandates(db, recorded, links, source);
    const requestIds = [...links.values()].filter((v): v is number => v !== null);
    for (const requestId of requestIds) await refreshRequest(db, requestId, today);
    return { id: recorded, requestIds, joined: true };
  }

  const values = visitValues(input, nowIso());
  const { id } = await db.insertInto('visits').values(values).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('visit_places').values(placeCodes.map((state_code) => ({ visit_id: id, state_code }))).execute();
  await db
    .insertInto('visit_mandates')
    .values(mandateIds.map((mandate_id) => ({ visit_id: id, mandate_id, request_id: links.get(mandate_id) ?? null })))
    .execute();
  await recordChange(db, { entity: 'visit', entityId: id, action: 'create', after: { ...values, placeCodes, links: Object.fromEntries(links) }, source });
  const requestIds = [...links.values()].filter((v): v is number => v !== null);
  for (const requestId of requestIds) await refreshRequest(db, requestId, today);
  return { id, requestIds, joined: false };
}

/**
 * The visit of other mandates recorded to the same subject State on the same days, which a visit
 * of these mandates joins (DOMAIN.md: a joint visit is one visit, counted once): entered from each
 * mandate's thread, it would otherwise be counted twice. Both dated to the day, the same places,
 * none of these mandates taking part yet; null when there is none.
 * @throws DomainError('rule') when such a visit differs in what this one would add (official or
 *   not, report symbol, notes): one of the two would be lost.
 */
async function sameDaysVisit(db: Executor, input: VisitInput, mandateIds: readonly number[], placeCodes: readonly string[]): Promise<number | null> {
  if (input.start?.length !== 10 || (input.end && input.end.length !== 10)) return null;
  const candidates = await db
    .selectFrom('visits')
    .select(['id', 'official', 'report_symbol', 'notes'])
    .where('subject_state_code', '=', input.subjectStateCode)
    .where('start', '=', input.start)
    .where('end', input.end ? '=' : 'is', input.end ?? null)
    .execute();
  for (const visit of candidates) {
    const { places, links } = await visitRecord(db, visit.id);
    if (links.some((l) => mandateIds.includes(l.mandate_id))) continue;
    if (places.length !== placeCodes.length || places.some((p) => !placeCodes.includes(p))) continue;
    const mandates = await db.selectFrom('mandates').select('title').where('id', 'in', links.map((l) => l.mandate_id)).orderBy('id').execute();
    const values = visitValues(input, '');
    const differs = (['official', 'report_symbol', 'notes'] as const).filter((k) => values[k] !== visit[k] && (k === 'official' || values[k] !== ''));
    if (differs.length > 0) {
      throw ruleError(
        `The visit of the ${mandates.map((m) => m.title).join(' and the ')} to the same State on the same days is recorded already: a joint visit is one visit. ` +
          `Its ${differs.map((k) => (k === 'official' ? 'official status' : k === 'report_symbol' ? 'report symbol' : 'notes')).join(' and ')} ${differs.length > 1 || differs[0] === 'notes' ? 'differ' : 'differs'} from what is entered here: ` +
          'leave them as recorded (or empty) to add this mandate to it.',
      );
    }
    return visit.id;
  }
  return null;
}

/**
 * Adds mandates to a recorded visit with their threads (`links`: mandate id -> thread id or null),
 * in one change-log entry: a mandate that takes part with no thread yet gets its thread.
 */
async function linkMandates(db: Executor, visitId: number, links: ReadonlyMap<number, number | null>, source: ChangeSource) {
  const before = await db.selectFrom('visit_mandates').select(['mandate_id', 'request_id']).where('visit_id', '=', visitId).execute();
  for (const [mandateId, requestId] of links) {
    if (before.some((l) => l.mandate_id === mandateId)) await db.updateTable('visit_mandates').set({ request_id: requestId }).where('visit_id', '=', visitId).where('mandate_id', '=', mandateId).execute();
    else await db.insertInto('visit_mandates').values({ visit_id: visitId, mandate_id: mandateId, request_id: requestId }).execute();
  }
  const linksOf = (list: { mandate_id: number; request_id: number | null }[]) => Object.fromEntries(list.map((l) => [l.mandate_id, l.request_id]));
  const after = [...before.filter((l) => !links.has(l.mandate_id)), ...[...links].map(([mandate_id, request_id]) => ({ mandate_id, request_id }))];
  await recordChange(db, { entity: 'visit', entityId: visitId, action: 'update', before: { links: linksOf(before) }, after: { links: linksOf(after) }, source });
}

/** The thread a visit is linked to, checked as it must be for the visit (its mandate or State, a visit not before its first document). */
async function threadOfVisit(db: Executor, input: VisitInput, requestId: number) {
  const thread = await db.selectFrom('visit_requests').select(['id', 'mandate_id', 'state_code', 'opened_on']).where('id', '=', requestId).executeTakeFirst();
  if (!thread) throw notFound(`Visit request ${requestId}`);
  checkVisitThread(input, thread);
  checkVisitAfterOpening(input.start, await firstDocumentOn(db, thread.id));
  return thread;
}

/** The earliest date of a thread's dated documents (a partial date), or null when none is dated. */
async function firstDocumentOn(db: Executor, requestId: number): Promise<string | null> {
  const first = await db.selectFrom('documents').select((eb) => eb.fn.min('date').as('date')).where('request_id', '=', requestId).where('date', 'is not', null).executeTakeFirst();
  return first?.date ?? null;
}

/**
 * Adds the mandate of a thread to a visit already recorded, which becomes (or stays) a joint
 * visit: one visit, counted once, each mandate's thread linked to it (as recordVisit links the
 * mandates of a joint visit); a mandate that takes part with no thread linked yet gets this one.
 * The thread is checked as recordVisit checks the thread it is given.
 * @param visitId the visit; requestId the thread of the mandate that joins it.
 * @returns the thread's id, refreshed (its status follows from the visit).
 * @throws DomainError for an unknown visit or thread, a thread the visit cannot answer, an ended
 *   mandate, or a mandate that takes part already with a thread.
 */
export async function joinVisit(db: Executor, visitId: number, requestId: number, source: ChangeSource = 'user', today = todayLocal()) {
  const { visit, places, links } = await visitRecord(db, visitId);
  const owner = await db.selectFrom('visit_requests').select('mandate_id').where('id', '=', requestId).executeTakeFirst();
  if (!owner) throw notFound(`Visit request ${requestId}`);
  const input: VisitInput = { mandateIds: [owner.mandate_id], subjectStateCode: visit.subject_state_code, placeCodes: places, start: visit.start, end: visit.end, official: visit.official === 1 };
  const thread = await threadOfVisit(db, input, requestId);
  const mandate = await db.selectFrom('mandates').select(['title', 'ended']).where('id', '=', thread.mandate_id).executeTakeFirstOrThrow();
  checkMandatesVisit([mandate], visit.start);
  const own = links.find((l) => l.mandate_id === thread.mandate_id);
  if (own && own.request_id !== null) throw ruleError(`The ${mandate.title} takes part in this visit already.`);
  await linkMandates(db, visitId, new Map([[thread.mandate_id, thread.id]]), source);
  await refreshRequest(db, thread.id, today);
  return thread.id;
}

/** A thread's status derived again after its visit changed; made pending again, it must not stand beside another pending request of the pair. */
async function refreshAfterVisitChange(db: Executor, requestId: number, today: string) {
  const before = await db.selectFrom('visit_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
  await refreshRequest(db, requestId, today);
  await checkNotPendingTwice(db, requestId, before.status);
}

/** A recorded visit with its mandates (and their threads) and places, as the correction and the deletion read it. */
async function visitRecord(db: Executor, visitId: number) {
  const visit = await db.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirst();
  if (!visit) throw notFound(`Visit ${visitId}`);
  const places = (await db.selectFrom('visit_places').select('state_code').where('visit_id', '=', visitId).orderBy('state_code').execute()).map((p) => p.state_code);
  const links = await db.selectFrom('visit_mandates').select(['mandate_id', 'request_id']).where('visit_id', '=', visitId).orderBy('mandate_id').execute();
  return { visit, places, links };
}

/**
 * Corrects a visit recorded by mistake or before its dates were known: subject State, places,
 * start and end, official or not, report symbol, notes (its mandates and threads stay: a mandate
 * joins a visit by recording it from its thread). Checked as recording it is, against each thread
 * it is linked to; the earlier version stays in the change log; the threads' statuses follow.
 * @param visitId the visit; input the visit's new values (`mandateIds` and `requestId` are not read).
 * @throws DomainError not_found (visit or State), rule (dates, an ended mandate, a thread the visit
 *   would no longer answer, a planned visit on a thread it alone stands for).
 */
export async function correctVisit(db: Executor, visitId: number, input: Omit<VisitInput, 'mandateIds' | 'requestId'>, source: ChangeSource = 'user', today = todayLocal()) {
  const before = await visitRecord(db, visitId);
  const corrected: VisitInput = { ...input, mandateIds: before.links.map((l) => l.mandate_id) };
  const { placeCodes, codes } = visitParts(corrected);
  const states = await db.selectFrom('states').select('code').where('code', 'in', codes).execute();
  if (states.length !== codes.length) throw notFound(`State ${codes.find((c) => !states.some((s) => s.code === c))}`);
  checkVisitDates(corrected);
  checkMandatesVisit(await db.selectFrom('mandates').select(['title', 'ended']).where('id', 'in', corrected.mandateIds).execute(), corrected.start);
  const requestIds = before.links.flatMap((l) => (l.request_id === null ? [] : [l.request_id]));
  for (const requestId of requestIds) {
    const thread = await threadOfVisit(db, corrected, requestId);
    // a thread the visit alone stands for (no request or invitation) has a status only from a visit that took place
    const documents = await db.selectFrom('documents').select('id').where('request_id', '=', requestId).execute();
    if (documents.length === 0) checkVisitOnNewThread({ ...corrected, mandateIds: [thread.mandate_id] }, thread.state_code, today);
  }
  const values = visitValues(corrected, nowIso());
  const { created_at: _created, ...changes } = values;
  await db.updateTable('visits').set(changes).where('id', '=', visitId).execute();
  await db.deleteFrom('visit_places').where('visit_id', '=', visitId).execute();
  await db.insertInto('visit_places').values(placeCodes.map((state_code) => ({ visit_id: visitId, state_code }))).execute();
  await recordChange(db, {
    entity: 'visit',
    entityId: visitId,
    action: 'update',
    before: { ...before.visit, placeCodes: before.places },
    after: { ...before.visit, ...changes, placeCodes: [...placeCodes].sort() },
    source,
  });
  for (const requestId of requestIds) await refreshAfterVisitChange(db, requestId, today);
  return { id: visitId, requestIds };
}

/**
 * Deletes a visit recorded by mistake; its last version stays in the change log, and the threads
 * it was linked to get their status back from their documents. A thread that only this visit
 * stood for (no request or invitation, no other visit) goes with it, as a thread goes with its
 * opening document.
 * @returns the threads refreshed and those deleted.
 * @throws DomainError not_found.
 */
export async function deleteVisit(db: Executor, visitId: number, source: ChangeSource = 'user', today = todayLocal()) {
  const before = await visitRecord(db, visitId);
  await db.deleteFrom('visit_mandates').where('visit_id', '=', visitId).execute();
  await db.deleteFrom('visit_places').where('visit_id', '=', visitId).execute();
  await db.deleteFrom('visits').where('id', '=', visitId).execute();
  await recordChange(db, { entity: 'visit', entityId: visitId, action: 'delete', before: { ...before.visit, placeCodes: before.places, links: before.links }, source });
  const refreshed: number[] = [];
  const deleted: number[] = [];
  for (const { request_id: requestId } of before.links) {
    if (requestId === null) continue;
    const documents = await db.selectFrom('documents').select('id').where('request_id', '=', requestId).execute();
    const visits = await db.selectFrom('visit_mandates').select('visit_id').where('request_id', '=', requestId).execute();
    if (documents.length === 0 && visits.length === 0) {
      const request = await db.selectFrom('visit_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
      await db.deleteFrom('visit_requests').where('id', '=', requestId).execute();
      await recordChange(db, { entity: 'request', entityId: requestId, action: 'delete', before: request, source });
      deleted.push(requestId);
    } else {
      await refreshAfterVisitChange(db, requestId, today);
      refreshed.push(requestId);
    }
  }
  return { requestIds: refreshed, requestsDeleted: deleted };
}

/**
 * The visits linked to some threads, in recording order (by id).
 * @returns one row per link: the thread's id (`requestId`), the visit's id, start and end (partial dates or null).
 */
export async function linkedVisits(db: Executor, requestIds: readonly number[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('visit_mandates as vm')
    .innerJoin('visits as v', 'v.id', 'vm.visit_id')
    .select(['vm.request_id as requestId', 'v.id', 'v.start', 'v.end'])
    .where('vm.request_id', 'in', requestIds)
    .orderBy('v.id')
    .execute();
}

/** A visit's distinct mandates and places (the subject State when no place is given), and every State it names. */
export function visitParts(input: VisitInput) {
  const mandateIds = [...new Set(input.mandateIds)];
  const placeCodes = [...new Set(input.placeCodes && input.placeCodes.length > 0 ? input.placeCodes : [input.subjectStateCode])];
  const codes = [...new Set([input.subjectStateCode, ...placeCodes])];
  return { mandateIds, placeCodes, codes };
}

/** A mandate ended by the Council makes no visit after it ended. */
export function checkMandatesVisit(mandates: readonly { title: string; ended: string | null }[], start: string | null | undefined) {
  const ended = mandates.find((m) => m.ended && start && isSurelyBefore(m.ended, start));
  if (ended) throw ruleError(`${ended.title} ended ${onOrIn(ended.ended!)}: it cannot have visited ${onOrIn(start!)}.`);
}

/** A visit's dates: the end not before the start, and no end without a start. */
export function checkVisitDates(input: Pick<VisitInput, 'start' | 'end'>) {
  if (input.start && input.end && isSurelyBefore(input.end, input.start)) throw ruleError(`The visit ends (${input.end}) before it starts (${input.start}).`, 'end');
  if (input.end && !input.start) throw ruleError('A visit with an end date needs its start date too.', 'start');
}

/**
 * A visit answers a request or invitation made before it: one that starts surely before the
 * thread's first dated document (`firstDocumentOn`, a partial date; null when none is dated: an
 * undated request, then an acceptance of 2020, cannot be answered by a visit of 2018) is refused.
 * @throws DomainError('rule') naming both dates.
 */
export function checkVisitAfterOpening(start: string | null | undefined, firstDocumentOn: string | null) {
  if (start && firstDocumentOn && isSurelyBefore(start, firstDocumentOn)) {
    throw ruleError(`The visit (${start}) starts before the thread's correspondence it would answer (${firstDocumentOn}): check the dates, or record the visit on its own.`, 'start');
  }
}

/** The thread a visit is linked to must be of one of its mandates, addressed to its subject or a place it goes to. */
export function checkVisitThread(input: VisitInput, thread: { mandate_id: number; state_code: string }) {
  const { mandateIds, placeCodes } = visitParts(input);
  if (!mandateIds.includes(thread.mandate_id)) throw ruleError('The visit request belongs to a mandate that is not part of this visit.');
  if (!placeCodes.includes(thread.state_code) && thread.state_code !== input.subjectStateCode) throw ruleError('The visit request is addressed to a State this visit does not go to.');
}

/** A visit's row, as written and (with its places and links) as logged. */
export function visitValues(input: VisitInput, now: string) {
  return {
    subject_state_code: input.subjectStateCode,
    start: input.start ?? null,
    end: input.end ?? null,
    official: input.official === false ? 0 : 1,
    report_symbol: input.reportSymbol?.trim() ?? '',
    notes: input.notes ?? '',
    created_at: now,
    updated_at: now,
  };
}

/**
 * Records a visit known without any correspondence on file (a report listing past visits, an
 * imported "completed" row with no request date) on a new thread of its own: mandate x
 * `thread.stateCode`, no opening document, its status derived from the visit alone (status.ts
 * already allows a thread that has a visit and no opening request or invitation). A request or
 * invitation found later can still be recorded on the thread and then opens it.
 * Only a visit that has taken place (or is undated) can stand alone: a planned visit needs the
 * request or invitation it answers, else the thread would have no status. A request of the
 * mandate to the State pending meanwhile does not stop it: the new thread is never pending (its
 * visit has started), and a visit of the past may well precede the request (real records: the
 * SR on freedom of religion visited Iran in 1995 and had a request pending in 2005).
 * @param input the visit, of exactly one mandate; `requestId` must not be set.
 * @param thread the State the thread is addressed to (the subject or a place of the visit), its priority and notes.
 * @param joins a visit recorded with the same subject and dates that the thread's mandate joins
 *   ({@link joinVisit}) instead of recording another.
 * @returns the visit's id and the new thread's id.
 * @throws DomainError as {@link recordVisit}, or when the visit has several mandates or has not started by `today`.
 */
export async function recordVisitOnNewThread(
  db: Executor,
  input: VisitInput,
  thread: { stateCode: string; priority?: Priority; notes?: string },
  source: ChangeSource = 'user',
  today = todayLocal(),
  joins?: number,
) {
  const mandateIds = checkVisitOnNewThread(input, thread.stateCode, today);
  const mandate = await db.selectFrom('mandates').select('id').where('id', '=', mandateIds[0]!).executeTakeFirst();
  if (!mandate) throw notFound(`Mandate ${mandateIds[0]}`);
  const state = await db.selectFrom('states').select('code').where('code', '=', thread.stateCode).executeTakeFirst();
  if (!state) throw notFound(`State ${thread.stateCode}`);
  const values = threadValues({ mandateId: mandate.id, stateCode: state.code, priority: thread.priority, notes: thread.notes });
  // One transaction (or the caller's): 'completed' is a placeholder that recordVisit's
  // refreshRequest rewrites, and if the visit is refused the thread goes with it.
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const { id: requestId } = await trx
      .insertInto('visit_requests')
      .values({ ...values, created_at: now, updated_at: now, status: 'completed', status_text: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, { entity: 'request', entityId: requestId, action: 'create', after: values, source });
    if (joins !== undefined) {
      await joinVisit(trx, joins, requestId, source, today);
      return { id: joins, requestId };
    }
    const visit = await recordVisit(trx, { ...input, mandateIds, requestId }, source, today);
    return { id: visit.id, requestId };
  });
}

/**
 * The rules of {@link recordVisitOnNewThread} that need no database: one mandate, no thread named,
 * a visit that has started (or is undated), a thread addressed to its subject or a place it went to.
 * @returns the visit's one mandate, as a list.
 */
export function checkVisitOnNewThread(input: VisitInput, threadStateCode: string, today: string): number[] {
  const mandateIds = [...new Set(input.mandateIds)];
  if (mandateIds.length !== 1) throw ruleError('A thread belongs to one mandate: record a joint visit on each mandate’s thread.');
  if (input.requestId !== undefined) throw ruleError('This visit opens a new thread: it cannot also name an existing one.');
  if (input.start && earliestDay(input.start) > today) {
    throw ruleError(`A visit planned for ${input.start} has not taken place: record the request or invitation it answers first.`);
  }
  const places = input.placeCodes && input.placeCodes.length > 0 ? input.placeCodes : [input.subjectStateCode];
  if (threadStateCode !== input.subjectStateCode && !places.includes(threadStateCode)) {
    throw ruleError('The thread must be addressed to the State the visit concerns or to a place it went to.');
  }
  return mandateIds;
}

/**
 * Completes the threads whose scheduled visit has begun since they were last written: the cached
 * status only changes on a write, and the passing of a visit's first day is not one. Called when
 * the database opens. A partial start counts from its earliest day ("2026-11" from 1 November).
 * @returns the ids of the threads refreshed.
 */
export async function refreshStartedVisits(db: Executor, today = todayLocal()): Promise<number[]> {
  const due = await db
    .selectFrom('visit_mandates as vm')
    .innerJoin('visits as v', 'v.id', 'vm.visit_id')
    .innerJoin('visit_requests as r', 'r.id', 'vm.request_id')
    .select('r.id')
    .distinct()
    .where('r.status', '!=', 'completed')
    .where('v.start', 'is not', null)
    // ISO partial dates compare as text by their earliest day: '2026-11' <= '2026-11-29'
    .where('v.start', '<=', today)
    .execute();
  for (const { id } of due) await refreshRequest(db, id, today);
  return due.map((r) => r.id);
}
