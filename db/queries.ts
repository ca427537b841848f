/**
 * Reading: the requests list (filter, search, sort, page), one thread with everything on it,
 * States, mandates and holders.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from './changeLog';
import { historyOf } from './changeLog';
import type { RequestFilter, RequestListArgs } from './contract';
import { notFound } from './errors';
import { REGIONAL_GROUPS, STATUSES } from './domain';
import { escapeLike, foldName, foldText } from './fold';
import { todayLocal } from './partialDate';
import type { Database } from './schema';
import { deriveStatus, describeDetail, orderDocuments, type StatusDetail } from './status';

/**
 * Days from 1970-01-01 to the earliest day a partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) can
 * mean. UTC has no daylight-saving shifts, so the difference of two is whole calendar days, as
 * partialDate.ts daysBetween counts them, without its date-fns parsing (25 µs a call, a fifth of
 * a list page's time).
 */
function epochDay(date: string): number {
  const month = date.length > 4 ? Number(date.slice(5, 7)) : 1;
  const day = date.length > 7 ? Number(date.slice(8, 10)) : 1;
  return Date.UTC(Number(date.slice(0, 4)), month - 1, day) / 86_400_000;
}

/**
 * Whole years (of 365.2425 days, never negative) from a partial date to `today` (`YYYY-MM-DD`),
 * each taken at the earliest day it can mean; null when undated. Same value as
 * `floor(daysBetween(date, today) / 365.2425)` (tests/db/list.test.ts checks it).
 */
export function ageInYears(date: string | null, today: string): number | null {
  if (!date) return null;
  return Math.max(0, Math.floor((epochDay(today) - epochDay(date)) / 365.2425));
}

/** Names folded by foldText, kept across calls: folding costs microseconds, and the same few hundred names come back. */
const foldedNames = new Map<string, string>();
function foldedName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    if (foldedNames.size >= 5000) foldedNames.clear(); // bound: names edited many times
    folded = foldText(name);
    foldedNames.set(name, folded);
  }
  return folded;
}

/**
 * States and mandates whose names contain the folded search text (accents, case, apostrophes
 * folded): a State by its English key, its French or Spanish name, or any of its other names; a
 * mandate by its title or short name. Returns State codes and mandate ids.
 */
async function searchMatches(db: Executor, search: string) {
  // Text of punctuation alone folds to nothing, and "%%" would match every name.
  if (!foldName(search)) return { stateCodes: [], mandateIds: [] };
  const text = foldText(search);
  const plain = `%${escapeLike(text)}%`;
  const loose = `%${escapeLike(foldName(search))}%`;
  // The keys match in SQL; the French and Spanish names are folded here, through the cache
  // (`fold(name_fr) LIKE '%text%'` in SQL called the JS fold on every State each time).
  // LIKE is a case-insensitive substring test and folded text is lower case: includes() is the same test.
  const states = await db
    .selectFrom('states')
    .select([
      'code',
      'name_fr',
      'name_es',
      sql<number>`name_key LIKE ${plain} ESCAPE '\\' OR code IN (SELECT state_code FROM state_names WHERE name_key LIKE ${loose} ESCAPE '\\')`.as('by_key'),
    ])
    .execute();
  const stateCodes = states.filter((s) => s.by_key === 1 || foldedName(s.name_fr).includes(text) || foldedName(s.name_es).includes(text)).map((s) => s.code);
  const mandates = await db
    .selectFrom('mandates')
    .select('id')
    .where((eb) =>
      eb.or([eb(sql`title_key`, 'like', sql`${loose} ESCAPE '\\'`), eb(sql`short_key`, 'like', sql`${loose} ESCAPE '\\'`)]),
    )
    .execute();
  return { stateCodes, mandateIds: mandates.map((m) => m.id) };
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
    // only the non-empty sides: a constant `OR 0` can keep SQLite from the State or mandate index
    q = q.where((eb) => {
      const sides = [
        ...(found.stateCodes.length ? [eb('r.state_code', 'in', found.stateCodes)] : []),
        ...(found.mandateIds.length ? [eb('r.mandate_id', 'in', found.mandateIds)] : []),
      ];
      return sides.length ? eb.or(sides) : sql<boolean>`0`;
    });
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

/**
 * How each sort column orders the list; ties always go by State name, then id, A to Z.
 * - `walk`: ORDER BY the terms then id, in the chosen direction for the first term only; each
 *   has an index in that order (0001), which SQLite walks and stops after the page, unless a
 *   filter's own index range (0004: mandates, States, search, group with years) is smaller.
 *   `nullable`: empty values (undated) come last in both directions, as a second range.
 * - `byValue`: a column of few values (statuses, regional groups, reminder counts). Over more than
 *   {@link ONE_SORT_UP_TO} threads the list is read one value at a time, in the chosen direction,
 *   each value's threads by State name: one range of the index (column, state_key) per value, in
 *   both directions (ORDER BY `column DESC, state_key ASC` matches no index order and sorted
 *   every thread of the filter). Fewer threads are sorted at once, as terms (column, state_key).
 *   `nullable`: threads without a value (no regional group) come last in both directions.
 */
const SORTS = {
  state: { kind: 'walk', terms: ['r.state_key'], nullable: false },
  mandate: { kind: 'walk', terms: ['r.mandate_key', 'r.state_key'], nullable: false },
  openedOn: { kind: 'walk', terms: ['r.opened_on'], nullable: true },
  lastDocumentOn: { kind: 'walk', terms: ['r.last_document_on'], nullable: true },
  status: { kind: 'byValue', column: 'r.status', nullable: false },
  reminders: { kind: 'byValue', column: 'r.reminder_count', nullable: false },
  regionalGroup: { kind: 'byValue', column: 'r.regional_group', nullable: true },
} as const;

/** Ids of the threads of `q`, ordered by `terms` (the first in `direction`, the rest A to Z) then id, from `offset`. */
async function pageOf(q: RequestQuery, direction: 'asc' | 'desc', terms: readonly string[], offset: number, limit: number): Promise<number[]> {
  let out = q.select('r.id').orderBy(sql.ref(terms[0]!), direction);
  for (const term of [...terms.slice(1), 'r.id']) out = out.orderBy(sql.ref(term), 'asc');
  return (await out.limit(limit).offset(offset).execute()).map((r) => r.id);
}

/** Number of threads of `q`. */
const countOf = async (q: RequestQuery) => Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Number of threads of `q`, counted up to `max` (a LIMIT stops the count's index range early). */
async function countUpTo(db: Executor, q: RequestQuery, max: number): Promise<number> {
  const n = await db
    .selectFrom(q.select('r.id').limit(max).as('some'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

/**
 * The values a `byValue` sort column can hold, A to Z as SQLite compares them (binary; all ASCII,
 * so as JS sorts them). Statuses and groups are the vocabularies the CHECK constraints of
 * db/migrations/0001_initial.ts allow (a thread's group is its State's); reminder counts run from
 * 0 to the highest any thread has, read from the end of its index.
 */
async function valuesOf(db: Executor, column: 'r.status' | 'r.reminder_count' | 'r.regional_group'): Promise<(string | number)[]> {
  if (column === 'r.status') return [...STATUSES].sort();
  if (column === 'r.regional_group') return [...REGIONAL_GROUPS].sort();
  const top = await db.selectFrom('visit_requests').select((eb) => eb.fn.max('reminder_count').as('top')).executeTakeFirst();
  return Array.from({ length: Number(top?.top ?? 0) + 1 }, (_, i) => i);
}

/**
 * A page of `q` ordered by a column of few values (SORTS `byValue`): its values in `direction`,
 * then the empty ones if `nullable`, each value's threads by State name then id. One index range
 * per value; whole values before `offset` are skipped by their counts.
 */
async function pageByValue(
  db: Executor,
  q: RequestQuery,
  column: 'r.status' | 'r.reminder_count' | 'r.regional_group',
  nullable: boolean,
  direction: 'asc' | 'desc',
  offset: number,
  limit: number,
): Promise<number[]> {
  const ref = sql.ref(column);
  const values = await valuesOf(db, column);
  if (direction === 'desc') values.reverse();
  const ranges = [...values.map((v) => q.where(ref, '=', v)), ...(nullable ? [q.where(ref, 'is', null)] : [])];
  const ids: number[] = [];
  let skip = offset;
  for (const range of ranges) {
    if (skip > 0) {
      // counted up to skip + 1: enough to tell whether the page starts past this value
      const n = await countUpTo(db, range, skip + 1);
      if (n <= skip) {
        skip -= n;
        continue;
      }
    }
    ids.push(...(await pageOf(range, 'asc', ['r.state_key'], skip, limit - ids.length)));
    skip = 0;
    if (ids.length === limit) break;
  }
  return ids;
}

/**
 * A page of `q` (`total` threads) ordered by `terms` as {@link pageOf} does, with the threads
 * whose first term is empty last in both directions (by State name), read as a second range
 * rather than with `IS NULL` in ORDER BY, which would defeat the index.
 */
async function pageEmptyLast(q: RequestQuery, total: number, direction: 'asc' | 'desc', terms: readonly string[], offset: number, limit: number): Promise<number[]> {
  const column = sql.ref(terms[0]!);
  // total minus the empty ones: the empty range is small, a count of the others is not
  const empty = q.where(column, 'is', null);
  const presentCount = total - (await countOf(empty));
  const ids = offset < presentCount ? await pageOf(q.where(column, 'is not', null), direction, terms, offset, limit) : [];
  if (ids.length < limit && offset + ids.length >= presentCount) {
    ids.push(...(await pageOf(empty, 'asc', ['r.state_key'], Math.max(0, offset - presentCount), limit - ids.length)));
  }
  return ids;
}

/**
 * Up to this many threads, a `byValue` sort is one ORDER BY over the filter's index range (a few
 * thousand entries sort in about a millisecond); above it, one range per value, since a filter
 * that keeps this many threads finds a page's worth early in each value's range. Below it, the
 * per-value queries would each cost more than the whole sort and could be planned as a walk of
 * the value's range that reads many rows to find the few the filter keeps.
 */
const ONE_SORT_UP_TO = 5000;

/**
 * One page of the requests list, with the total count for the filter (db/contract.ts
 * requestListArgs: offset and limit in threads, limit at most 1000). Order: see {@link SORTS}.
 * Two phases: the page's ids from indexes alone, then those threads' rows with their State,
 * mandate and opening holder. Rows carry `ageYears` from `today` (YYYY-MM-DD).
 */
export async function listRequests(db: Executor, args: RequestListArgs, today = todayLocal()): Promise<{ rows: RequestListRow[]; total: number }> {
  const filtered = await filteredRequests(db, args.filter);
  const total = await countOf(filtered);
  const sort = SORTS[args.sort.column];
  const direction = args.sort.direction;
  const { offset, limit } = args;
  let ids: number[] = [];
  if (total > offset) {
    if (sort.kind === 'byValue' && total > ONE_SORT_UP_TO) {
      ids = await pageByValue(db, filtered, sort.column, sort.nullable, direction, offset, limit);
    } else {
      const terms = sort.kind === 'walk' ? sort.terms : [sort.column, 'r.state_key'];
      ids = sort.nullable ? await pageEmptyLast(filtered, total, direction, terms, offset, limit) : await pageOf(filtered, direction, terms, offset, limit);
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
