/**
 * The yearly review of pending requests (DOMAIN.md, "The yearly review of pending requests";
 * domain-practice.md "Yearly review of pending requests (2019 decision)").
 *
 * A review belongs to a mandate and a year. It lists every thread of the mandate that is pending,
 * or accepted with no dates in hand, whoever opened it (this holder or a predecessor: requests
 * belong to the mandate). Each gets a decision — remind, keep without reminder, withdraw — with a
 * note, saved as soon as it is made, so a review can be left and resumed. Closing it is a recorded
 * act: it needs a decision on every thread, and it records the withdrawals on their threads.
 *
 * Design choices where the sources are silent:
 * - A withdrawal is the holder calling the request off: when the review closes, each "withdraw"
 *   decision records a cancellation document (holder -> State) dated the day of closing, which
 *   makes the thread refused/withdrawn. Until then a decision can change without side effects.
 * - A review, once closed, is read-only; its reminder letters can still be printed and confirmed.
 * - A thread decided in a review stays on it even when its status changes afterwards.
 * - "Last year's decision" is the decision of the mandate's latest earlier review, with its year.
 */
import { sql } from 'kysely';
import { nowIso, recordChange, type ChangeSource, type Executor } from './changeLog';
import type { RegionalGroup, ReviewDecision, Status } from './domain';
import { conflict, notFound, ruleError } from './errors';
import { currentHolder, requestedBy, reviewKind, type HolderTerm, type RequestedBy, type ReviewKind, type ThreadDocument } from './letters';
import { standingInvitationOf, standsAt } from './indicators';
import { isSurelyBefore, todayLocal } from './partialDate';
import { ageInYears } from './queries';
import { recordDocument } from './requests';
import { getSettings } from './settings';
import { describeDetail, orderDocuments, type StatusVisit } from './status';

/** One thread on a review, with what the holder needs to decide. */
export interface ReviewItem {
  requestId: number;
  stateCode: string;
  stateName: string;
  regionalGroup: RegionalGroup | null;
  status: Status;
  statusText: string;
  /** Why the thread is on the review; null when it no longer qualifies but was decided in this review. */
  kind: ReviewKind | null;
  requestedOn: string | null;
  /** Seen from the holder in office on the day the review is read. */
  requestedBy: RequestedBy;
  requestedByHolder: string | null;
  acknowledgements: number;
  lastAcknowledgementOn: string | null;
  reminders: number;
  lastReminderOn: string | null;
  /** Whole years since the request (earliest day it can mean). */
  ageYears: number | null;
  standingInvitation: boolean;
  standingInvitationSince: string | null;
  /** The decision of the mandate's latest earlier review on this thread. */
  previousDecision: { year: number; decision: ReviewDecision; note: string } | null;
  decision: { decision: ReviewDecision; note: string; reason: string; decidedAt: string; withdrawalDocumentId: number | null } | null;
  /** The reminder letter prepared in this review for the thread, if any. */
  letter: { id: number; sentOn: string | null } | null;
}

/** A review with its threads and progress. */
export interface ReviewView {
  id: number;
  mandateId: number;
  mandateTitle: string;
  year: number;
  startedAt: string;
  closedAt: string | null;
  closedOn: string | null;
  closedNote: string;
  /** The holder in office today (who signs the reminders), when one is on record. */
  holder: { id: number; name: string } | null;
  progress: { decided: number; total: number };
  items: ReviewItem[];
}

const CHUNK = 500;
async function inChunks<T>(ids: readonly number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

/** The documents and linked visits of threads, by thread id. */
export async function loadThreads(db: Executor, requestIds: readonly number[]) {
  const documents = await inChunks(requestIds, (chunk) =>
    db
      .selectFrom('documents')
      .select(['id', 'request_id', 'type', 'direction', 'date', 'signed_by_holder_id', 'proposed_start', 'proposed_end'])
      .where('request_id', 'in', chunk)
      .execute(),
  );
  const visits = await inChunks(requestIds, (chunk) =>
    db
      .selectFrom('visit_mandates')
      .innerJoin('visits', 'visits.id', 'visit_mandates.visit_id')
      .select(['visit_mandates.request_id', 'visits.start', 'visits.end'])
      .where('visit_mandates.request_id', 'in', chunk)
      .execute(),
  );
  const threads = new Map<number, { documents: ThreadDocument[]; visits: StatusVisit[] }>();
  for (const id of requestIds) threads.set(id, { documents: [], visits: [] });
  for (const d of documents) threads.get(d.request_id)!.documents.push(d);
  for (const v of visits) threads.get(v.request_id!)?.visits.push({ start: v.start, end: v.end });
  return threads;
}

/** The mandate's holders, by term start. */
export async function loadHolders(db: Executor, mandateId: number): Promise<HolderTerm[]> {
  return db.selectFrom('mandate_holders').select(['id', 'name', 'term_start', 'term_end']).where('mandate_id', '=', mandateId).orderBy('term_start').orderBy('id').execute();
}

async function reviewRow(db: Executor, reviewId: number) {
  const review = await db
    .selectFrom('reviews')
    .innerJoin('mandates', 'mandates.id', 'reviews.mandate_id')
    .selectAll('reviews')
    .select('mandates.title as mandate_title')
    .where('reviews.id', '=', reviewId)
    .executeTakeFirst();
  if (!review) throw notFound(`Review ${reviewId}`);
  return review;
}

/**
 * The threads of a review: every thread of the mandate now pending or accepted without dates,
 * plus those already decided in this review (a closed review shows only its decisions), sorted by
 * State name.
 * @param today `YYYY-MM-DD`: derives statuses and ages, and names the holder in office
 */
export async function listReviewItems(db: Executor, reviewId: number, today: string = todayLocal()): Promise<ReviewView> {
  const review = await reviewRow(db, reviewId);
  const decisions = await db.selectFrom('review_decisions').selectAll().where('review_id', '=', reviewId).execute();
  const decided = new Map(decisions.map((d) => [d.request_id, d]));
  let q = db
    .selectFrom('visit_requests as r')
    .innerJoin('states as s', 's.code', 'r.state_code')
    .select(['r.id', 'r.state_code', 's.name_en', 'r.regional_group', 'r.state_key', 's.standing_invitation', 's.standing_invitation_since', 's.standing_invitation_withdrawn'])
    .where('r.mandate_id', '=', review.mandate_id);
  const decidedIds = [...decided.keys()];
  q =
    review.closed_at !== null
      ? q.where('r.id', 'in', decidedIds.length ? decidedIds : [0])
      : q.where((eb) => eb.or([eb('r.status', 'in', ['pending', 'accepted']), ...(decidedIds.length ? [eb('r.id', 'in', decidedIds)] : [])]));
  const rows = await q.orderBy('r.state_key').orderBy('r.id').execute();
  const threads = await loadThreads(
    db,
    rows.map((r) => r.id),
  );
  const holders = await loadHolders(db, review.mandate_id);
  const writer = currentHolder(holders, today);
  const previous = rows.length
    ? await db
        .selectFrom('review_decisions as d')
        .innerJoin('reviews as v', 'v.id', 'd.review_id')
        .select(['d.request_id', 'v.year', 'd.decision', 'd.note'])
        .where('v.mandate_id', '=', review.mandate_id)
        .where('v.year', '<', review.year)
        .orderBy('v.year')
        .execute()
    : [];
  const previousByRequest = new Map(previous.map((p) => [p.request_id, { year: p.year, decision: p.decision, note: p.note }]));
  const letters = await db
    .selectFrom('letter_requests as lr')
    .innerJoin('letters as l', 'l.id', 'lr.letter_id')
    .select(['lr.request_id', 'l.id', 'l.sent_on'])
    .where('l.review_id', '=', reviewId)
    .execute();
  const letterByRequest = new Map(letters.map((l) => [l.request_id, { id: l.id, sentOn: l.sent_on }]));

  const items: ReviewItem[] = [];
  for (const row of rows) {
    const thread = threads.get(row.id)!;
    if (thread.documents.length === 0 && thread.visits.length === 0) continue;
    const { kind, derived } = reviewKind(thread.documents, thread.visits, today);
    const decision = decided.get(row.id);
    if (!kind && !decision) continue;
    const ordered = orderDocuments(thread.documents);
    const opener = ordered[0] ?? null;
    const by = opener ? requestedBy(opener, holders, writer) : { by: 'unknown' as const, holder: null };
    const acks = ordered.filter((d) => d.type === 'acknowledgement' && d.direction === 'from_state');
    const lastAck = acks.filter((d) => d.date).at(-1)?.date ?? null;
    items.push({
      requestId: row.id,
      stateCode: row.state_code,
      stateName: row.name_en,
      regionalGroup: row.regional_group,
      status: derived.status,
      statusText: describeDetail(derived.detail),
      kind,
      requestedOn: opener?.date ?? null,
      requestedBy: by.by,
      requestedByHolder: by.holder?.name ?? null,
      acknowledgements: acks.length,
      lastAcknowledgementOn: lastAck,
      reminders: derived.detail.reminders,
      lastReminderOn: derived.detail.lastReminderOn,
      ageYears: ageInYears(opener?.date ?? null, today),
      standingInvitation: standsAt(standingInvitationOf(row), today),
      standingInvitationSince: row.standing_invitation_since,
      previousDecision: previousByRequest.get(row.id) ?? null,
      decision: decision
        ? { decision: decision.decision, note: decision.note, reason: decision.reason, decidedAt: decision.decided_at, withdrawalDocumentId: decision.withdrawal_document_id }
        : null,
      letter: letterByRequest.get(row.id) ?? null,
    });
  }
  return {
    id: review.id,
    mandateId: review.mandate_id,
    mandateTitle: review.mandate_title,
    year: review.year,
    startedAt: review.started_at,
    closedAt: review.closed_at,
    closedOn: review.closed_on,
    closedNote: review.closed_note,
    holder: writer ? { id: writer.id, name: writer.name } : null,
    progress: { decided: items.filter((i) => i.decision).length, total: items.length },
    items,
  };
}

/**
 * Starts the review of `year` for a mandate, or resumes it when it exists (idempotent; a closed
 * one is returned as it is).
 * @returns the review's id and whether it already existed
 * @throws DomainError not_found (mandate), rule (a year after today's)
 */
export async function startReview(db: Executor, mandateId: number, year: number, today: string = todayLocal(), source: ChangeSource = 'user'): Promise<{ id: number; resumed: boolean }> {
  const mandate = await db.selectFrom('mandates').select(['id', 'title']).where('id', '=', mandateId).executeTakeFirst();
  if (!mandate) throw notFound(`Mandate ${mandateId}`);
  if (year > Number(today.slice(0, 4))) throw ruleError(`The review of ${year} cannot start before ${year}: today is ${today}.`);
  const existing = await db.selectFrom('reviews').select('id').where('mandate_id', '=', mandateId).where('year', '=', year).executeTakeFirst();
  if (existing) return { id: existing.id, resumed: true };
  const values = { mandate_id: mandateId, year, started_at: nowIso(), closed_at: null, closed_on: null };
  const { id } = await db.insertInto('reviews').values(values).returning('id').executeTakeFirstOrThrow();
  await recordChange(db, { entity: 'review', entityId: id, action: 'create', after: values, source });
  return { id, resumed: false };
}

/**
 * Starts (or resumes) the review of `year` for each given mandate, or for "my mandates" (settings)
 * when none is given.
 * @throws DomainError rule when no mandate is given and none is chosen as the user's
 */
export async function startReviews(db: Executor, year: number, mandateIds: readonly number[] | undefined, today: string = todayLocal()) {
  let ids = mandateIds?.length ? [...new Set(mandateIds)] : (await getSettings(db)).myMandateIds;
  if (ids.length === 0) throw ruleError('No mandate is chosen as yours: choose your mandates in Settings, or start the review of one mandate.');
  ids = [...ids];
  const out: { id: number; mandateId: number; resumed: boolean }[] = [];
  for (const mandateId of ids) out.push({ ...(await startReview(db, mandateId, year, today)), mandateId });
  return out;
}

/** Summary of a review for lists and the home screen. */
export interface ReviewSummary {
  id: number;
  mandateId: number;
  mandateTitle: string;
  year: number;
  closedOn: string | null;
  progress: { decided: number; total: number };
}

/** Summaries of reviews by id, in the order given. */
export async function reviewSummaries(db: Executor, ids: readonly number[], today: string = todayLocal()): Promise<ReviewSummary[]> {
  const out: ReviewSummary[] = [];
  for (const id of ids) {
    const v = await listReviewItems(db, id, today);
    out.push({ id: v.id, mandateId: v.mandateId, mandateTitle: v.mandateTitle, year: v.year, closedOn: v.closedOn, progress: v.progress });
  }
  return out;
}

/**
 * Records (or changes) the decision on one thread of an open review; saved at once, with the
 * earlier decision kept in the change log. Changing away from "remind" takes the thread out of
 * the review's unsent letters (a letter left with no thread is deleted; a grouped letter goes back
 * to its generated text, since the edit spoke of the thread).
 * @param reason for "remind": why the visit remains a priority, printed in the letter
 * @throws DomainError not_found (review, thread), rule (closed review, another mandate's thread, a
 *   thread not on the review), conflict (its reminder was already confirmed sent)
 */
export async function decide(
  db: Executor,
  input: { reviewId: number; requestId: number; decision: ReviewDecision; note?: string; reason?: string },
  today: string = todayLocal(),
  source: ChangeSource = 'user',
) {
  const review = await reviewRow(db, input.reviewId);
  if (review.closed_at) throw ruleError(`The review of ${review.year} was closed on ${review.closed_on}: its decisions can no longer change.`);
  const request = await db.selectFrom('visit_requests').select(['id', 'mandate_id', 'state_code']).where('id', '=', input.requestId).executeTakeFirst();
  if (!request) throw notFound(`Visit request ${input.requestId}`);
  if (request.mandate_id !== review.mandate_id) throw ruleError(`Visit request ${input.requestId} belongs to another mandate than this review.`);
  const before = await db.selectFrom('review_decisions').selectAll().where('review_id', '=', input.reviewId).where('request_id', '=', input.requestId).executeTakeFirst();
  if (!before) {
    const thread = (await loadThreads(db, [input.requestId])).get(input.requestId)!;
    if (!reviewKind(thread.documents, thread.visits, today).kind) {
      throw ruleError(`Visit request ${input.requestId} is neither pending nor accepted without dates: it is not part of the review.`);
    }
  }
  const sent = await db
    .selectFrom('letter_requests as lr')
    .innerJoin('letters as l', 'l.id', 'lr.letter_id')
    .select(['l.id', 'l.sent_on'])
    .where('l.review_id', '=', input.reviewId)
    .where('lr.request_id', '=', input.requestId)
    .executeTakeFirst();
  if (sent?.sent_on && input.decision !== 'remind') {
    throw conflict(`The reminder for this request was confirmed sent on ${sent.sent_on}: the decision stays "remind".`);
  }
  const values = { decision: input.decision, note: input.note?.trim() ?? before?.note ?? '', reason: input.reason?.trim() ?? before?.reason ?? '', decided_at: nowIso() };
  if (before) {
    await db.updateTable('review_decisions').set(values).where('id', '=', before.id).execute();
  } else {
    await db.insertInto('review_decisions').values({ ...values, review_id: input.reviewId, request_id: input.requestId }).execute();
  }
  await recordChange(db, { entity: 'review_decision', entityId: `${input.reviewId}/${input.requestId}`, action: before ? 'update' : 'create', before, after: values, source });
  let lettersChanged = 0;
  if (input.decision !== 'remind' && sent && !sent.sent_on) {
    await db.deleteFrom('letter_requests').where('letter_id', '=', sent.id).where('request_id', '=', input.requestId).execute();
    const left = await db.selectFrom('letter_requests').select('request_id').where('letter_id', '=', sent.id).execute();
    if (left.length === 0) await db.deleteFrom('letters').where('id', '=', sent.id).execute();
    else await db.updateTable('letters').set({ edited_body: null, updated_at: nowIso() }).where('id', '=', sent.id).execute();
    await recordChange(db, { entity: 'letter', entityId: sent.id, action: left.length ? 'update' : 'delete', before: { request_id: input.requestId }, source });
    lettersChanged = 1;
  }
  const view = await listReviewItems(db, input.reviewId, today);
  return { item: view.items.find((i) => i.requestId === input.requestId)!, progress: view.progress, lettersChanged };
}

/**
 * Closes a review: the recorded act of the yearly review. Every thread must have a decision; each
 * "withdraw" records a cancellation document (holder -> State) on its thread, dated `closedOn`.
 * @param closedOn `YYYY-MM-DD`, the day of closing (default today); not in the future, nor before
 *   the day the review was started (its local day, or today if that is earlier)
 * @throws DomainError rule (threads without a decision, naming them; a day out of range), conflict (already closed)
 */
export async function closeReview(db: Executor, input: { reviewId: number; note?: string; closedOn?: string }, today: string = todayLocal(), source: ChangeSource = 'user') {
  const review = await reviewRow(db, input.reviewId);
  if (review.closed_at) throw conflict(`The review of ${review.year} was already closed on ${review.closed_on}.`);
  const closedOn = input.closedOn ?? today;
  if (isSurelyBefore(today, closedOn)) throw ruleError(`The review cannot be closed on ${closedOn}, after today (${today}).`);
  if (Number(closedOn.slice(0, 4)) < review.year) throw ruleError(`The review of ${review.year} cannot be closed in ${closedOn.slice(0, 4)}.`);
  // the day it was started, as today sees it: a stamp later than today (the laptop's clock or time
  // zone moved back since) never stops a review from being closed today
  const stamped = todayLocal(new Date(review.started_at));
  const startedOn = isSurelyBefore(today, stamped) ? today : stamped;
  if (isSurelyBefore(closedOn, startedOn)) throw ruleError(`The review was started on ${startedOn}: it cannot be closed on ${closedOn}.`);
  const view = await listReviewItems(db, input.reviewId, today);
  const open = view.items.filter((i) => !i.decision);
  if (open.length > 0) {
    const names = open.slice(0, 5).map((i) => i.stateName);
    const more = open.length > 5 ? ` and ${open.length - 5} more` : '';
    throw ruleError(
      `${open.length} of ${view.items.length} requests have no decision yet (${names.join(', ')}${more}). Decide each one (remind, keep or withdraw) before closing the review.`,
    );
  }
  const withdrawals: { requestId: number; documentId: number }[] = [];
  for (const item of view.items) {
    if (item.decision?.decision !== 'withdraw' || item.decision.withdrawalDocumentId !== null) continue;
    const note = item.decision.note ? ` ${item.decision.note}` : '';
    const filed = await recordDocument(
      db,
      item.requestId,
      { type: 'cancellation', direction: 'to_state', date: closedOn, signedByHolderId: view.holder?.id ?? null, notes: `Withdrawn by the mandate at the review of ${review.year}.${note}` },
      source,
      today,
    );
    await db.updateTable('review_decisions').set({ withdrawal_document_id: filed.id }).where('review_id', '=', review.id).where('request_id', '=', item.requestId).execute();
    withdrawals.push({ requestId: item.requestId, documentId: filed.id });
  }
  const after = { closed_at: nowIso(), closed_on: closedOn, closed_note: input.note?.trim() ?? '' };
  await db.updateTable('reviews').set(after).where('id', '=', review.id).execute();
  await recordChange(db, { entity: 'review', entityId: review.id, action: 'update', before: { closed_at: null }, after: { ...after, withdrawals }, source });
  return { review: await listReviewItems(db, review.id, today), withdrawals };
}

/**
 * For the home screen: whether the review of `year` has been done for each of "my mandates".
 * state: not_started (no review yet), open (started, not closed), closed. `due` is true when a
 * mandate with threads to review has no closed review for the year. With no mandates chosen as
 * the user's, nothing can be said: `needsMyMandates` asks the screen to point to Settings.
 */
export async function reviewDueForYear(db: Executor, year: number, today: string = todayLocal()) {
  const { myMandateIds } = await getSettings(db);
  if (myMandateIds.length === 0) return { year, due: false, needsMyMandates: true, mandates: [] };
  const mandates = await db.selectFrom('mandates').select(['id', 'title']).where('id', 'in', myMandateIds).orderBy('title_key').execute();
  const reviews = await db.selectFrom('reviews').selectAll().where('year', '=', year).where('mandate_id', 'in', myMandateIds).execute();
  const out = [];
  for (const m of mandates) {
    const review = reviews.find((r) => r.mandate_id === m.id);
    let progress: { decided: number; total: number };
    if (review) progress = (await listReviewItems(db, review.id, today)).progress;
    else progress = { decided: 0, total: await countReviewable(db, m.id, today) };
    const state = !review ? 'not_started' : review.closed_at ? 'closed' : 'open';
    out.push({ mandateId: m.id, mandateTitle: m.title, reviewId: review?.id ?? null, state: state as 'not_started' | 'open' | 'closed', closedOn: review?.closed_on ?? null, progress });
  }
  return { year, due: out.some((m) => m.state !== 'closed' && m.progress.total > 0), needsMyMandates: false, mandates: out };
}

/** How many threads of a mandate a review would list today. */
async function countReviewable(db: Executor, mandateId: number, today: string): Promise<number> {
  const ids = (await db.selectFrom('visit_requests').select('id').where('mandate_id', '=', mandateId).where('status', 'in', ['pending', 'accepted']).execute()).map((r) => r.id);
  const threads = await loadThreads(db, ids);
  let n = 0;
  for (const t of threads.values()) if (t.documents.length && reviewKind(t.documents, t.visits, today).kind) n++;
  return n;
}

/** The reviews of a mandate (or all), newest year first. */
export async function listReviews(db: Executor, mandateId?: number) {
  let q = db
    .selectFrom('reviews as v')
    .innerJoin('mandates as m', 'm.id', 'v.mandate_id')
    .select(['v.id', 'v.mandate_id', 'm.title as mandate_title', 'v.year', 'v.started_at', 'v.closed_on'])
    .select((eb) => eb.selectFrom('review_decisions as d').whereRef('d.review_id', '=', 'v.id').select(sql<number>`count(*)`.as('n')).as('decided'))
    .orderBy('v.year', 'desc')
    .orderBy('m.title_key');
  if (mandateId !== undefined) q = q.where('v.mandate_id', '=', mandateId);
  return q.execute();
}
