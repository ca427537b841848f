/**
 * Visits: one visit may be joint (several mandates), has a subject State and the places visited
 * (which can differ: a country mandate on Somalia visiting Djibouti, the Nauru side trip of an
 * Australia visit), start and end (partial dates), official or not, and a report symbol.
 */
import { nowIso, recordChange, type ChangeSource, type Executor } from './changeLog';
import type { VisitInput } from './contract';
import { notFound, ruleError } from './errors';
import { isSurelyBefore, todayLocal } from './partialDate';
import { refreshRequest } from './requests';

/**
 * Records a visit and links it, for each mandate, to that mandate's thread with the subject State
 * (the given `requestId`, else the most recent thread that is not refused or completed).
 * @returns the visit's id and the thread ids it completed.
 * @throws DomainError for an unknown mandate/State, an end before the start, or a thread of another mandate or State.
 */
export async function recordVisit(db: Executor, input: VisitInput, source: ChangeSource = 'user', today = todayLocal()) {
  const mandateIds = [...new Set(input.mandateIds)];
  const mandates = await db.selectFrom('mandates').select('id').where('id', 'in', mandateIds).execute();
  if (mandates.length !== mandateIds.length) throw notFound(`Mandate ${mandateIds.find((id) => !mandates.some((m) => m.id === id))}`);
  const placeCodes = [...new Set(input.placeCodes && input.placeCodes.length > 0 ? input.placeCodes : [input.subjectStateCode])];
  const codes = [...new Set([input.subjectStateCode, ...placeCodes])];
  const states = await db.selectFrom('states').select('code').where('code', 'in', codes).execute();
  if (states.length !== codes.length) throw notFound(`State ${codes.find((c) => !states.some((s) => s.code === c))}`);
  if (input.start && input.end && isSurelyBefore(input.end, input.start)) throw ruleError(`The visit ends (${input.end}) before it starts (${input.start}).`);
  if (input.end && !input.start) throw ruleError('A visit with an end date needs its start date too.');

  const links = new Map<number, number | null>();
  if (input.requestId !== undefined) {
    const thread = await db.selectFrom('visit_requests').select(['id', 'mandate_id', 'state_code']).where('id', '=', input.requestId).executeTakeFirst();
    if (!thread) throw notFound(`Visit request ${input.requestId}`);
    if (!mandateIds.includes(thread.mandate_id)) throw ruleError('The visit request belongs to a mandate that is not part of this visit.');
    if (!placeCodes.includes(thread.state_code) && thread.state_code !== input.subjectStateCode) throw ruleError('The visit request is addressed to a State this visit does not go to.');
    links.set(thread.mandate_id, thread.id);
  }
  for (const mandateId of mandateIds) {
    if (links.has(mandateId)) continue;
    const open = await db
      .selectFrom('visit_requests')
      .select('id')
      .where('mandate_id', '=', mandateId)
      .where('state_code', 'in', [input.subjectStateCode, ...placeCodes])
      .where('status', 'not in', ['refused', 'completed'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    links.set(mandateId, open?.id ?? null);
  }

  const now = nowIso();
  const values = {
    subject_state_code: input.subjectStateCode,
    start: input.start ?? null,
    end: input.end ?? null,
    official: input.official === false ? 0 : 1,
    report_symbol: input.reportSymbol?.trim() ?? '',
    notes: input.notes ?? '',
    created_at: now,
    updated_at: now,
  };
  const { id } = await db.insertInto('visits').values(values).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('visit_places').values(placeCodes.map((state_code) => ({ visit_id: id, state_code }))).execute();
  await db
    .insertInto('visit_mandates')
    .values(mandateIds.map((mandate_id) => ({ visit_id: id, mandate_id, request_id: links.get(mandate_id) ?? null })))
    .execute();
  await recordChange(db, { entity: 'visit', entityId: id, action: 'create', after: { ...values, placeCodes, links: Object.fromEntries(links) }, source });
  const requestIds = [...links.values()].filter((v): v is number => v !== null);
  for (const requestId of requestIds) await refreshRequest(db, requestId, today);
  return { id, requestIds };
}
