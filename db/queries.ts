/**
 * Reading: the requests list (filter, search, sort, page), one thread with everything on it,
 * States, mandates and holders.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from './changeLog';
import { historyOf } from './changeLog';
import type { RequestFilter, RequestListArgs } from './contract';
import { notFound } from './errors';
import { escapeLike, foldName, foldText } from './fold';
import { daysBetween, todayLocal } from './partialDate';
import type { Database } from './schema';
import { deriveStatus, describeDetail, orderDocuments, type StatusDetail } from './status';

/** Whole years from a partial date to today (earliest day it can mean), or null when undated. */
export function ageInYears(date: string | null, today: string): number | null {
  if (!date) return null;
  return Math.max(0, Math.floor(daysBetween(date, today) / 365.2425));
}

/** States and mandates whose names contain the folded search text (accents, case, apostrophes folded). */
async function searchMatches(db: Executor, search: string) {
  // Text of punctuation alone folds to nothing, and "%%" would match every name.
  if (!foldName(search)) return { stateCodes: [], mandateIds: [] };
  const plain = `%${escapeLike(foldText(search))}%`;
  const loose = `%${escapeLike(foldName(search))}%`;
  const states = await db
    .selectFrom('states')
    .select('code')
    .where((eb) =>
      eb.or([
        eb(sql`name_key`, 'like', sql`${plain} ESCAPE '\\'`),
        eb(sql`fold(name_fr)`, 'like', sql`${plain} ESCAPE '\\'`),
        eb(sql`fold(name_es)`, 'like', sql`${plain} ESCAPE '\\'`),
        eb('code', 'in', eb.selectFrom('state_names').select('state_code').where(sql`name_key`, 'like', sql`${loose} ESCAPE '\\'`)),
      ]),
    )
    .execute();
  const mandates = await db
    .selectFrom('mandates')
    .select('id')
    .where((eb) =>
      eb.or([eb(sql`title_key`, 'like', sql`${loose} ESCAPE '\\'`), eb(sql`short_key`, 'like', sql`${loose} ESCAPE '\\'`)]),
    )
    .execute();
  return { stateCodes: states.map((s) => s.code), mandateIds: mandates.map((m) => m.id) };
}

type RequestQuery = SelectQueryBuilder<Database & { r: Database['visit_requests'] }, 'r', object>;

/** The filter as conditions on visit_requests alone (State group and sort keys are copied onto it). */
async function filteredRequests(db: Executor, filter: RequestFilter): Promise<RequestQuery> {
  let q = db.selectFrom('visit_requests as r') as unknown as RequestQuery;
  if (filter.statuses?.length) q = q.where('r.status', 'in', filter.statuses);
  if (filter.mandateIds?.length) q = q.where('r.mandate_id', 'in', filter.mandateIds);
  if (filter.stateCodes?.length) q = q.where('r.state_code', 'in', filter.stateCodes);
  if (filter.regionalGroups?.length) q = q.where('r.regional_group', 'in', filter.regionalGroups);
  // Partial ISO dates compare as text: every date of year Y is >= 'Y' and < 'Y+1'.
  if (filter.yearFrom !== undefined) q = q.where('r.opened_on', '>=', String(filter.yearFrom));
  if (filter.yearTo !== undefined) q = q.where('r.opened_on', '<', String(filter.yearTo + 1));
  if (filter.holderIds?.length) {
    const holders = filter.holderIds;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('documents as d').select(sql`1`.as('one')).whereRef('d.request_id', '=', 'r.id').where('d.signed_by_holder_id', 'in', holders)),
    );
  }
  if (filter.search?.trim()) {
    const found = await searchMatches(db, filter.search.trim());
    q = q.where((eb) =>
      eb.or([
        found.stateCodes.length ? eb('r.state_code', 'in', found.stateCodes) : sql<boolean>`0`,
        found.mandateIds.length ? eb('r.mandate_id', 'in', found.mandateIds) : sql<boolean>`0`,
      ]),
    );
  }
  return q;
}

export interface RequestListRow {
  id: number;
  stateCode: string;
  stateName: string;
  regionalGroup: string | null;
  mandateId: number;
  mandateTitle: string;
  mandateShortName: string;
  status: string;
  statusText: string;
  openedBy: 'request' | 'invitation' | null;
  openedOn: string | null;
  openedByHolder: string | null;
  lastDocumentOn: string | null;
  lastDocumentType: string | null;
  reminderCount: number;
  lastReminderOn: string | null;
  ageYears: number | null;
  priority: string;
}

/** Sort column -> its terms (each has an index) and whether it can be empty. */
const SORTS = {
  state: { terms: ['r.state_key'], nullable: false },
  mandate: { terms: ['r.mandate_key', 'r.state_key'], nullable: false },
  status: { terms: ['r.status', 'r.state_key'], nullable: false },
  reminders: { terms: ['r.reminder_count', 'r.state_key'], nullable: false },
  regionalGroup: { terms: ['r.regional_group', 'r.state_key'], nullable: true },
  openedOn: { terms: ['r.opened_on'], nullable: true },
  lastDocumentOn: { terms: ['r.last_document_on'], nullable: true },
} as const;

/**
 * One page of the requests list, with the total count for the filter.
 * Ties go by State name, then id. Each sort column has an index (db migrations); empty values
 * (undated, no group) come last in both directions, fetched as a second range rather than with
 * `IS NULL` in ORDER BY, which would defeat the index.
 */
export async function listRequests(db: Executor, args: RequestListArgs, today = todayLocal()): Promise<{ rows: RequestListRow[]; total: number }> {
  const filtered = await filteredRequests(db, args.filter);
  const count = async (q: RequestQuery) => Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const total = await count(filtered);
  const sort = SORTS[args.sort.column];
  const direction = args.sort.direction;
  // the sort column in the chosen direction, ties always by State name then id, A to Z
  const ordered = (q: RequestQuery, dir: 'asc' | 'desc', terms: readonly string[]) => {
    let out = q.select('r.id').orderBy(sql.ref(terms[0]!), dir);
    for (const term of [...terms.slice(1), 'r.id']) out = out.orderBy(sql.ref(term), 'asc');
    return out;
  };
  let ids: number[];
  if (!sort.nullable) {
    ids = (await ordered(filtered, direction, sort.terms).limit(args.limit).offset(args.offset).execute()).map((r) => r.id);
  } else {
    const column = sort.terms[0];
    const present = filtered.where(sql.ref(column), 'is not', null);
    const presentCount = await count(present);
    ids = [];
    if (args.offset < presentCount) {
      ids = (await ordered(present, direction, sort.terms).limit(args.limit).offset(args.offset).execute()).map((r) => r.id);
    }
    if (ids.length < args.limit && args.offset + ids.length >= presentCount) {
      const empty = filtered.where(sql.ref(column), 'is', null);
      const more = await ordered(empty, 'asc', ['r.state_key'])
        .limit(args.limit - ids.length)
        .offset(Math.max(0, args.offset - presentCount))
        .execute();
      ids.push(...more.map((r) => r.id));
    }
  }
  if (ids.length === 0) return { total, rows: [] };
  const details = await db
    .selectFrom('visit_requests as r')
    .innerJoin('states as s', 's.code', 'r.state_code')
    .innerJoin('mandates as m', 'm.id', 'r.mandate_id')
    .leftJoin('mandate_holders as h', 'h.id', 'r.opened_by_holder_id')
    .select([
      'r.id',
      'r.state_code',
      's.name_en',
      's.regional_group',
      'r.mandate_id',
      'm.title',
      'm.short_name',
      'r.status',
      'r.status_text',
      'r.opened_by',
      'r.opened_on',
      'h.name as holder_name',
      'r.last_document_on',
      'r.last_document_type',
      'r.reminder_count',
      'r.last_reminder_on',
      'r.priority',
    ])
    .where('r.id', 'in', ids)
    .execute();
  const byId = new Map(details.map((r) => [r.id, r]));
  return {
    total,
    rows: ids.map((id) => {
      const r = byId.get(id)!;
      return {
        id: r.id,
        stateCode: r.state_code,
        stateName: r.name_en,
        regionalGroup: r.regional_group,
        mandateId: r.mandate_id,
        mandateTitle: r.title,
        mandateShortName: r.short_name,
        status: r.status,
        statusText: r.status_text,
        openedBy: r.opened_by,
        openedOn: r.opened_on,
        openedByHolder: r.holder_name ?? null,
        lastDocumentOn: r.last_document_on,
        lastDocumentType: r.last_document_type,
        reminderCount: r.reminder_count,
        lastReminderOn: r.last_reminder_on,
        ageYears: ageInYears(r.opened_on, today),
        priority: r.priority,
      };
    }),
  };
}

/**
 * One thread: the mandate, the State, documents in thread order (with the signing holder's
 * name), visits (joint mandates and places), the derived status with its detail and reasons.
 */
export async function getRequest(db: Executor, id: number, today = todayLocal()) {
  const request = await db.selectFrom('visit_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!request) throw notFound(`Visit request ${id}`);
  const [mandate, state, documents, visitRows, holders] = await Promise.all([
    db.selectFrom('mandates').selectAll().where('id', '=', request.mandate_id).executeTakeFirstOrThrow(),
    db.selectFrom('states').selectAll().where('code', '=', request.state_code).executeTakeFirstOrThrow(),
    db
      .selectFrom('documents as d')
      .leftJoin('mandate_holders as h', 'h.id', 'd.signed_by_holder_id')
      .selectAll('d')
      .select('h.name as signed_by')
      .where('d.request_id', '=', id)
      .execute(),
    db
      .selectFrom('visit_mandates as vm')
      .innerJoin('visits as v', 'v.id', 'vm.visit_id')
      .selectAll('v')
      .where('vm.request_id', '=', id)
      .execute(),
    db.selectFrom('mandate_holders').selectAll().where('mandate_id', '=', request.mandate_id).orderBy('term_start').execute(),
  ]);
  const visits = [];
  for (const v of visitRows) {
    const mandates = await db
      .selectFrom('visit_mandates as vm')
      .innerJoin('mandates as m', 'm.id', 'vm.mandate_id')
      .select(['m.id', 'm.title'])
      .where('vm.visit_id', '=', v.id)
      .execute();
    const places = await db.selectFrom('visit_places as p').innerJoin('states as s', 's.code', 'p.state_code').select(['s.code', 's.name_en']).where('p.visit_id', '=', v.id).execute();
    visits.push({ ...v, official: v.official === 1, mandates, places });
  }
  const derived = deriveStatus(documents, visitRows, today);
  return {
    id: request.id,
    priority: request.priority,
    notes: request.notes,
    mandate,
    state,
    holders,
    documents: orderDocuments(documents),
    visits,
    status: derived.status,
    detail: derived.detail as StatusDetail,
    statusText: describeDetail(derived.detail),
    reasons: derived.reasons,
    ageYears: ageInYears(request.opened_on, today),
  };
}

/** States with their former names and counts of threads by status. */
export async function listStates(db: Executor, search?: string) {
  let q = db.selectFrom('states').selectAll().orderBy('name_key');
  if (search?.trim()) {
    const { stateCodes } = await searchMatches(db, search.trim());
    if (stateCodes.length === 0) return [];
    q = q.where('code', 'in', stateCodes);
  }
  const states = await q.execute();
  const counts = await db.selectFrom('visit_requests').select(['state_code', 'status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['state_code', 'status']).execute();
  const names = await db.selectFrom('state_names').select(['state_code', 'name', 'until']).where('kind', '=', 'former').orderBy('until').execute();
  return states.map((s) => ({
    ...s,
    standing_invitation: s.standing_invitation === 1,
    formerNames: names.filter((n) => n.state_code === s.code).map((n) => ({ name: n.name, until: n.until })),
    requestsByStatus: Object.fromEntries(counts.filter((c) => c.state_code === s.code).map((c) => [c.status, Number(c.n)])),
  }));
}

/** One State with its former names, other names, and all its threads across mandates. */
export async function getState(db: Executor, code: string, today = todayLocal()) {
  const state = await db.selectFrom('states').selectAll().where('code', '=', code).executeTakeFirst();
  if (!state) throw notFound(`State ${code}`);
  const names = await db.selectFrom('state_names').select(['name', 'kind', 'until']).where('state_code', '=', code).orderBy('kind').orderBy('until').execute();
  const threads = await listRequests(db, { filter: { stateCodes: [code] }, sort: { column: 'openedOn', direction: 'desc' }, offset: 0, limit: 1000 }, today);
  return {
    ...state,
    standing_invitation: state.standing_invitation === 1,
    formerNames: names.filter((n) => n.kind === 'former').map((n) => ({ name: n.name, until: n.until })),
    otherNames: names.filter((n) => n.kind === 'alias').map((n) => n.name),
    requests: threads.rows,
  };
}

/** Mandates sorted by title, with their holders and thread counts. */
export async function listMandates(db: Executor) {
  const mandates = await db.selectFrom('mandates').selectAll().orderBy('title_key').execute();
  const holders = await db.selectFrom('mandate_holders').selectAll().orderBy('term_start').execute();
  const counts = await db.selectFrom('visit_requests').select(['mandate_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('mandate_id').execute();
  return mandates.map((m) => ({
    ...m,
    holders: holders.filter((h) => h.mandate_id === m.id),
    requestCount: Number(counts.find((c) => c.mandate_id === m.id)?.n ?? 0),
  }));
}

/** One mandate with its holders and its threads. */
export async function getMandate(db: Executor, id: number, today = todayLocal()) {
  const mandate = await db.selectFrom('mandates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!mandate) throw notFound(`Mandate ${id}`);
  const holders = await db.selectFrom('mandate_holders').selectAll().where('mandate_id', '=', id).orderBy('term_start').execute();
  const threads = await listRequests(db, { filter: { mandateIds: [id] }, sort: { column: 'state', direction: 'asc' }, offset: 0, limit: 1000 }, today);
  return { ...mandate, holders, requests: threads.rows, requestCount: threads.total };
}

/** Holders of one mandate, or of all, by term start. */
export async function listHolders(db: Executor, mandateId?: number) {
  let q = db.selectFrom('mandate_holders').selectAll().orderBy('mandate_id').orderBy('term_start');
  if (mandateId !== undefined) q = q.where('mandate_id', '=', mandateId);
  return q.execute();
}

/** The versions of one document, oldest first (created, corrected..., deleted). */
export const documentHistory = (db: Executor, id: number) => historyOf(db, 'document', id);
