/**
 * Cooperation indicators: the annual "Facts and figures" counts, computed live from the records
 * for any reporting year (DOMAIN.md, "Cooperation indicators"; domain-practice.md section 8).
 *
 * The counting rules are plain functions here (fiveYearWindow, neverVisitedCategory,
 * summarizeStates...); the SQL below only gathers per-State and per-mandate facts for them,
 * aggregating in SQLite where the rule is a simple count.
 *
 * Rules from the sources:
 * - "States visited" are of the 193 Member States: at least one official visit whose subject is
 *   that State and that took place there. A country mandate's visit about another State
 *   (Djibouti hosting the Somalia mandate), a side trip during another State's visit (Nauru
 *   during the Australia visit: a place, not the subject) and an acceptance without a visit do
 *   not count (OHCHR "States not yet visited" footnotes, domain-practice 8.1). Observer States
 *   and territories are never in the 193 (8.3).
 * - Never-visited States split into: no request received / request not accepted / invitation
 *   extended / accepted, visit not yet held (2020 report: 22 = 4 + 15 + 1 + 2).
 * - Standing invitations: Member States + observer States (2021: 127 + 1; domain-practice 7).
 * - Visits in a year: a joint visit of several mandates is one visit, and one per mandate in
 *   mandate figures (8.4); only official visits count (2, item 12).
 * - The five years: whole calendar years, never a rolling window (8.2); see {@link fiveYearWindow}.
 * - A postponed visit is not a refusal (8.7): a postponement keeps a thread accepted (status.ts).
 * - Partial dates fall in a period by what they say: "2016" is in 2015-2019, "2014-12" is not.
 * - A renamed State counts once: States are keyed by code, former names are only names.
 *
 * Decisions where the sources are silent (each has a test in tests/db/indicators.test.ts):
 * 1. "As of": year figures are the state of the records at the end of the reporting year; window
 *    figures at the end of the window. A period ends on 31 December, or today when that is
 *    earlier (a visit planned for next week has not taken place). A dated fact is in a period
 *    when the first day it can mean is (start of a visit, date of a document): a visit from
 *    28 December 2019 to 5 January 2020 is a 2019 visit.
 * 2. Undated facts: an undated visit or document is known to have happened but cannot be put in
 *    a year. It counts "as of" any date (an undated official visit makes its subject visited; an
 *    undated acceptance makes a thread accepted; an undated standing invitation counts in every
 *    year), never "in" a year or window. Undated visits are reported beside the visits of the
 *    year so that they are not silently lost.
 * 3. A visit counts for its subject when the subject is among its places and one of its mandates
 *    is about that State (thematic, or the country mandate on it): the Somalia mandate in
 *    Djibouti counts neither for Djibouti nor, not having been held there, for Somalia, however it
 *    is recorded. It is still an official visit of the year and of its mandates.
 *    Likewise a request counts for a State when it is about it: the Somalia mandate asking
 *    Djibouti is not a request to visit Djibouti.
 * 4. The never-visited split reads each State's correspondence (documents, not visits) as of the
 *    end of the year and takes its most advanced thread: accepted (or dates proposed, postponed)
 *    > invitation > request (pending, or declined/withdrawn: "not accepted") > none. A State whose
 *    requests were all declined goes with "request not accepted": the report has no fifth box.
 * 5. "States that accepted no visit despite five or more pending requests" (no public
 *    definition, domain-practice 8.5): a request is pending in the window when its thread was
 *    opened by a request dated in the window and its status at the end of the window is pending
 *    (requested, maybe acknowledged or reminded; not accepted, refused or visited). Requests are
 *    counted as distinct mandates (two threads of one mandate count once; reminders are not
 *    requests). The State "accepted no visit" when, in the window, it received no counted visit
 *    and no thread about it got an acceptance, dates proposal, postponement or invitation.
 *    Requests older than the window are left out: the window is the report's frame, and the
 *    yearly review withdraws old requests that are no longer a priority.
 * 6. The five-year State figures (five or more visits, no visit, no acceptance) are of Member
 *    States, like "States visited"; the per-State table also lists observer States and
 *    territories that have a counted visit or a standing invitation.
 * 7. Per mandate: pending requests and their age (whole years) at the end of the reporting year;
 *    reminders dated in the year; official visits in the year and in the window (every visit of
 *    the mandate, a joint one included). Rates are over the requests the mandate sent in the
 *    window, with what came back by the window's end: accepted (acceptance, dates proposal,
 *    postponement or invitation, or a visit), any answer (an acknowledgement or a substantive
 *    answer from the State, or a visit), substantive answer (acceptance, invitation, dates,
 *    postponement, declination or cancellation from the State, or a visit). The median days to
 *    acceptance and to visit are over the same requests (first acceptance, first visit linked to
 *    the thread by the window's end), counting only dates known at least to the month: a date
 *    known to the year could be off by a year. Being over the window's requests, they do not see
 *    waits longer than the window.
 * 8. By regional group: Member States by their group; observer States and territories, which have
 *    none, form a last row so that visit counts add up to the totals.
 * 9. A standing invitation counts in a year while it stands at the year's end: extended by then
 *    and not withdrawn by then ({@link standsAt}). "Extended in the year" counts those extended in
 *    the year that still stand at its end.
 *
 * Speed (100,000 threads: tests/bench/indicatorsBench.ts): the thread milestones cached by
 * refreshRequest (status.ts deriveMilestones) and the covering indexes of migrations 0003 and
 * 0005 let each figure read index ranges only. The per-mandate and per-State figures name every
 * mandate or State (`IN (SELECT ...)`) so that SQLite reads the mandate- or State-led index one
 * key at a time, already grouped, instead of sorting every thread of the period; "pending at a
 * day" is one range of an indexed expression; dates come back as text and days and ages are
 * counted in JS ({@link firstEpochDay}), cheaper than julianday() per row; the year's visits are
 * read once for the visit list and the State counts. The few threads of never-visited States have
 * their status at a day rebuilt from their documents.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './changeLog';
import type { IndicatorsArgs, MANDATE_REQUEST_LISTS } from './contract';
import { REGIONAL_GROUPS, type MandateKind, type RegionalGroup, type StateKind, type Status, type WindowKind } from './domain';
import { notFound } from './errors';
import { PENDING_UNTIL } from './migrations/0005_indicators_speed';
import { ageInYears } from './queries';

export interface FiveYearWindow {
  kind: WindowKind;
  /** First and last calendar year, inclusive. */
  from: number;
  to: number;
  /** How the screen and the exports name it, e.g. "2015–2019 (the five years before 2020, as the report's text counts them)". */
  label: string;
}

/**
 * The "past five years" of a reporting year: whole calendar years, never a rolling 60 months.
 * - 'report-text' (default): the five whole calendar years before the reporting year, as the
 *   annual Facts and figures report's text counts them (report on 2020: 1 January 2015 to
 *   31 December 2019).
 * - 'annex': the five years ending with the reporting year, as the report's statistical annex
 *   titles its five-year table ("Status of country visits from 1 January 2016 to 31 December 2020").
 * Source: DOMAIN.md "Past five years"; domain-practice.md 8.2 (A/HRC/46/61/Add.1 and earlier addenda).
 */
export function fiveYearWindow(reportingYear: number, kind: WindowKind = 'report-text'): FiveYearWindow {
  if (kind === 'annex') {
    const from = reportingYear - 4;
    return { kind, from, to: reportingYear, label: `${from}–${reportingYear} (five years ending with ${reportingYear}, as the report's statistical annex titles its table)` };
  }
  const from = reportingYear - 5;
  const to = reportingYear - 1;
  return { kind, from, to, label: `${from}–${to} (the five years before ${reportingYear}, as the report's text counts them)` };
}

/**
 * The last day of a period ending with `lastYear`: 31 December, or `today` when that is earlier
 * (a period still running has only reached today). `YYYY-MM-DD`.
 */
export function periodEnd(lastYear: number, today: string): string {
  const end = `${lastYear}-12-31`;
  return today < end ? today : end;
}

/**
 * Text bounds of whole years for SQL: a partial date `d` is in the years `from`-`to` when
 * `d >= lower AND d < upper` ("2016" and "2016-05-02" are in 2015-2019; "2014-12" and "2020" are
 * not), which is what {@link isInYears} says. ISO text compares this way in SQLite.
 */
export function yearBounds(from: number, to: number): { lower: string; upper: string } {
  return { lower: String(from), upper: String(to + 1) };
}

/** A partial date `d` took place by `day` (`YYYY-MM-DD`) when its first possible day is on or before it; as text: `d <= day`. */
export function isByDay(date: string, day: string): boolean {
  return date <= day;
}

/** Median of numbers (mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * {@link median} of small non-negative integers (ages in whole years), counted rather than
 * sorted: the same number, in one pass.
 */
export function medianOfCounts(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const counts: number[] = [];
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 ? valueAtRank(counts, mid) : (valueAtRank(counts, mid - 1) + valueAtRank(counts, mid)) / 2;
}

/** The value at sorted position `k` (0-based) of values given as counts by value. */
function valueAtRank(counts: readonly (number | undefined)[], k: number): number {
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v] ?? 0;
    if (seen > k) return v;
  }
  return counts.length - 1;
}

/** `part / whole` as a fraction 0-1, or null when there is nothing to divide. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The never-visited boxes of the report, most advanced last. */
export const NEVER_VISITED_CATEGORIES = ['noRequest', 'requestNotAccepted', 'invitation', 'acceptedNotHeld'] as const;
export type NeverVisitedCategory = (typeof NEVER_VISITED_CATEGORIES)[number];

/**
 * The box of a never-visited State, from the statuses of its threads about it at the end of the
 * reporting year (read from documents only: visits that did not count for the State do not move
 * it). The most advanced thread decides: accepted (incl. dates proposed, postponed) > invitation
 * > request pending or declined ("request not accepted") > no thread ("no request received").
 * Source: the split of the 2020 report (4 + 15 + 1 + 2); decision 4 in this file's header.
 */
export function neverVisitedCategory(statuses: readonly Status[]): NeverVisitedCategory {
  if (statuses.some((s) => s === 'accepted' || s === 'completed')) return 'acceptedNotHeld';
  if (statuses.includes('invitation')) return 'invitation';
  if (statuses.length > 0) return 'requestNotAccepted';
  return 'noRequest';
}

/** The threshold of "five or more" in the five-year figures. */
export const FIVE = 5;

// ---------------------------------------------------------------------------------------------
// SQL fragments

/** status.ts: these documents make a thread accepted (a postponement is not a refusal). */
const ACCEPTING = sql.raw(`'acceptance', 'dates_proposal', 'postponement'`);
/** status.ts: these make it refused. */
const REFUSING = sql.raw(`'declination', 'cancellation'`);

/**
 * Official visit `v` counts for its subject State: it took place there (the subject is among its
 * places: a visit about Somalia held in Djibouti does not count for Somalia), and at least one of
 * its mandates is about that State (thematic, or the country mandate on it: the Somalia mandate's
 * visit recorded as a visit to Djibouti does not count for Djibouti). Places other than the
 * subject never count (the Nauru side trip of the Australia visit). domain-practice 8.1.
 */
const countsForSubject = sql.raw(`(EXISTS (SELECT 1 FROM visit_places pl WHERE pl.visit_id = v.id AND pl.state_code = v.subject_state_code)
  AND EXISTS (SELECT 1 FROM visit_mandates vm JOIN mandates vmm ON vmm.id = vm.mandate_id
    WHERE vm.visit_id = v.id AND (vmm.kind = 'thematic' OR vmm.subject_state_code IS NULL OR vmm.subject_state_code = v.subject_state_code)))`);

/** `m` (mandates) and `r` (visit_requests): the request is about the State it is addressed to (decision 3). */
const concernsState = sql.raw(`(m.kind = 'thematic' OR m.subject_state_code IS NULL OR m.subject_state_code = r.state_code)`);

/** A milestone column of `r` (status.ts Milestones: '' = undated, known at any day) was reached by `day`. */
const reachedBy = (column: 'decided_on' | 'visited_on' | 'accepted_on' | 'answered_on' | 'substantive_on', day: string) =>
  sql`(${sql.ref(`r.${column}`)} IS NOT NULL AND ${sql.ref(`r.${column}`)} <= ${day})`;

/**
 * Thread `r` (visit_requests) was a pending request at the end of `day`: opened by a request on
 * or before it, and neither decided (accepted, refused, invited) nor visited by then. This is
 * status.ts deriveStatus() = 'pending' on the documents and visits dated by `day`, read from the
 * milestones cached on the thread; tests/db/indicators.test.ts checks the two agree.
 */
export function pendingAt(day: string): RawBuilder<boolean> {
  // "not reached": NULL, or a date after `day` ('' is before every day). Both at once: the earlier
  // of the two, NULL read as '~' (after every date), is after `day`; spelled as the index of
  // migration 0005 holds it, so that the pending threads of a mandate are one range of it.
  return sql<boolean>`(r.opened_by = 'request' AND ${PENDING_UNTIL_R} > ${day} AND (r.opened_on IS NULL OR r.opened_on <= ${day}))`;
}

/** migration 0005's PENDING_UNTIL on `r`. */
const PENDING_UNTIL_R = sql.raw(PENDING_UNTIL.replace(/\b(decided_on|visited_on)\b/g, 'r.$1'));
/** Names every mandate, so that SQLite reads the mandate-led indexes of migration 0005 one mandate at a time, already grouped. */
const EACH_MANDATE = sql.raw(`r.mandate_id IN (SELECT id FROM mandates)`);
/** Names every State, likewise for the State-led index. */
const EACH_STATE = sql.raw(`r.state_code IN (SELECT code FROM states)`);

/**
 * The status of thread `r` (visit_requests) at the end of `day` from its correspondence alone: the
 * SQL twin of status.ts deriveStatus() run on the documents dated by `day` (undated ones included:
 * known, at no date) and no visits. NULL when the thread was not opened yet.
 * deriveStatus's walk reduces to: the last accepting or refusing document in thread order decides;
 * else an invitation on a thread opened by a request is its acceptance; else the opening (request:
 * pending, invitation: invitation). Thread order (status.ts orderDocuments): by effective date,
 * then recording order (id); a dated document's effective date is its date, an undated one's the
 * date of the latest dated document recorded before it (by id, among those known by `day`), or
 * none, which sorts before every date.
 * Used for the few threads of never-visited States; tests/db/indicators.test.ts checks it
 * against deriveStatus on a synthetic database.
 */
export function correspondenceStatusAt(day: string): RawBuilder<Status | null> {
  const effective = sql`COALESCE(d.date, (SELECT d2.date FROM documents d2
    WHERE d2.request_id = d.request_id AND d2.id < d.id AND d2.date IS NOT NULL AND d2.date <= ${day} ORDER BY d2.id DESC LIMIT 1))`;
  return sql<Status | null>`(CASE WHEN r.opened_by IS NULL OR r.opened_on > ${day} THEN NULL ELSE COALESCE(
      (SELECT CASE WHEN x.type IN (${REFUSING}) THEN 'refused' ELSE 'accepted' END
        FROM (SELECT d.id, d.type, ${effective} AS eff FROM documents d
              WHERE d.request_id = r.id AND d.type IN (${ACCEPTING}, ${REFUSING}) AND (d.date IS NULL OR d.date <= ${day})) x
        ORDER BY x.eff IS NULL, x.eff DESC, x.id DESC LIMIT 1),
      CASE WHEN r.opened_by = 'invitation' THEN 'invitation'
           WHEN EXISTS (SELECT 1 FROM documents d WHERE d.request_id = r.id AND d.type = 'invitation' AND (d.date IS NULL OR d.date <= ${day})) THEN 'accepted'
           ELSE 'pending' END) END)`;
}

// ---------------------------------------------------------------------------------------------
// Per-State facts

export interface StateRef {
  code: string;
  /** The current English name: a renamed State is one State under its current name. */
  name: string;
  kind: StateKind;
  regionalGroup: RegionalGroup | null;
}

/** What the records say about one State for a reporting year and window (all counts are of official visits / requests). */
export interface StateFacts extends StateRef {
  standingInvitation: boolean;
  standingInvitationSince: string | null;
  /** When the State withdrew its standing invitation (partial date); null: it stands. */
  standingInvitationWithdrawn: string | null;
  /** A visit that counts for this State ({@link countsForSubject}) took place by the end of the reporting year (an undated one included). */
  visitedAsOf: boolean;
  /** Visits that count for it and started in the reporting year. */
  visitsInYear: number;
  /** ... that started in the five-year window. */
  visitsInWindow: number;
  /** Threads about the State opened by a request dated in the window. */
  requestsInWindow: number;
  /** Distinct mandates with such a request still pending at the end of the window (decision 5). */
  pendingMandatesAtWindowEnd: number;
  /** In the window: a counted visit, or an acceptance, dates proposal, postponement or invitation on a thread about it. */
  acceptedInWindow: boolean;
}

/** One row of the per-State table: the facts and what the rules make of them. */
export interface StateRow extends StateFacts {
  /** Member State with a counted visit by the end of the reporting year. Always false for others. */
  visited: boolean;
  /** For a never-visited Member State, its box; else null. */
  neverVisitedCategory: NeverVisitedCategory | null;
  /** Standing invitation standing at the end of the reporting year: {@link standsAt}. */
  standingInvitationAsOf: boolean;
  /** Standing invitation extended in the reporting year (by what its date says) and still standing at its end. */
  standingInvitationExtendedInYear: boolean;
  /** Member State that accepted no visit in the window despite five or more pending requests. */
  noAcceptanceDespiteFivePending: boolean;
}

interface Period {
  year: number;
  asOf: string;
  window: FiveYearWindow;
  windowEnd: string;
  yearBounds: { lower: string; upper: string };
  windowBounds: { lower: string; upper: string };
}

/** The dates a reporting year and window stand for. */
export function reportingPeriod(year: number, kind: WindowKind, today: string): Period {
  const window = fiveYearWindow(year, kind);
  return {
    year,
    asOf: periodEnd(year, today),
    window,
    windowEnd: periodEnd(window.to, today),
    yearBounds: yearBounds(year, year),
    windowBounds: yearBounds(window.from, window.to),
  };
}

/** `col` is a date that started in the bounds and by `end`. */
const within = (col: RawBuilder<unknown>, b: { lower: string; upper: string }, end: string) => sql`(${col} >= ${b.lower} AND ${col} < ${b.upper} AND ${col} <= ${end})`;

/**
 * One query: every State with its visit and request counts for the period. Each part reads one
 * covering index (migrations 0003 and 0005): official visits by subject and date, threads by State
 * and opening.
 * @param visitsInYear counted visits of the reporting year by subject State, when the caller has
 *   them (from {@link loadVisitsOfYear} over all States: the same rule, read once); else counted here.
 * @param windowRequests the window's requests per State, when the caller has them (from the
 *   per-mandate figures over all States, the same threads read once); else counted here.
 */
export async function loadStateFacts(
  db: Executor,
  p: Period,
  visitsInYear?: ReadonlyMap<string, number>,
  windowRequests?: ReadonlyMap<string, WindowRequestsOfState>,
): Promise<StateFacts[]> {
  const start = sql.ref('v.start');
  const inYear = visitsInYear
    ? sql`0`
    : sql`(SELECT COUNT(*) FROM visits v WHERE v.subject_state_code = s.code AND v.official = 1 AND ${within(start, p.yearBounds, p.asOf)} AND ${countsForSubject})`;
  // the window's requests about each State, unless the caller read them with the per-mandate figures
  const requestsOfStates = sql`
      SELECT r.state_code AS code, COUNT(*) AS in_window,
        -- pendingAt(windowEnd) where the WHERE already says opened by a request by the window's end
        COUNT(DISTINCT r.mandate_id) FILTER (WHERE ${PENDING_UNTIL_R} > ${p.windowEnd}) AS pending_mandates
      FROM visit_requests r JOIN mandates m ON m.id = r.mandate_id
      WHERE ${EACH_STATE} AND r.opened_by = 'request' AND ${within(sql.ref('r.opened_on'), p.windowBounds, p.windowEnd)} AND ${concernsState}
      GROUP BY r.state_code`;
  const { rows } = await sql<{
    code: string;
    name_en: string;
    kind: StateKind;
    regional_group: RegionalGroup | null;
    standing_invitation: number;
    standing_invitation_since: string | null;
    standing_invitation_withdrawn: string | null;
    visited_as_of: number;
    visits_in_year: number;
    visits_in_window: number;
    requests_in_window: number;
    pending_mandates: number;
    accepted_in_window: number;
  }>`
    WITH vis AS MATERIALIZED (
      -- per State, three ranges of the (subject, official, start) index; once (in_window is read twice)
      SELECT s.code,
        EXISTS (SELECT 1 FROM visits v WHERE v.subject_state_code = s.code AND v.official = 1 AND (v.start IS NULL OR v.start <= ${p.asOf}) AND ${countsForSubject}) AS as_of,
        ${inYear} AS in_year,
        (SELECT COUNT(*) FROM visits v WHERE v.subject_state_code = s.code AND v.official = 1 AND ${within(start, p.windowBounds, p.windowEnd)} AND ${countsForSubject}) AS in_window
      FROM states s
    ),
    req AS (${windowRequests ? sql`SELECT NULL AS code, 0 AS in_window, 0 AS pending_mandates WHERE 0` : requestsOfStates})
    SELECT s.code, s.name_en, s.kind, s.regional_group, s.standing_invitation, s.standing_invitation_since, s.standing_invitation_withdrawn,
      vis.as_of AS visited_as_of, COALESCE(vis.in_year, 0) AS visits_in_year, COALESCE(vis.in_window, 0) AS visits_in_window,
      COALESCE(req.in_window, 0) AS requests_in_window, COALESCE(req.pending_mandates, 0) AS pending_mandates,
      -- a visit in the window settles it; only a State without one needs its documents read
      CASE WHEN COALESCE(vis.in_window, 0) > 0 THEN 1 ELSE EXISTS (
        SELECT 1 FROM visit_requests r JOIN mandates m ON m.id = r.mandate_id JOIN documents d ON d.request_id = r.id
        WHERE r.state_code = s.code AND ${concernsState}
          AND d.type IN (${ACCEPTING}, 'invitation') AND ${within(sql.ref('d.date'), p.windowBounds, p.windowEnd)}
      ) END AS accepted_in_window
    FROM states s LEFT JOIN vis ON vis.code = s.code LEFT JOIN req ON req.code = s.code
    ORDER BY s.name_key, s.code`.execute(db);
  return rows.map((r) => ({
    code: r.code,
    name: r.name_en,
    kind: r.kind,
    regionalGroup: r.regional_group,
    standingInvitation: r.standing_invitation === 1,
    standingInvitationSince: r.standing_invitation_since,
    standingInvitationWithdrawn: r.standing_invitation_withdrawn,
    visitedAsOf: Number(r.visited_as_of) === 1,
    visitsInYear: visitsInYear ? (visitsInYear.get(r.code) ?? 0) : Number(r.visits_in_year),
    visitsInWindow: Number(r.visits_in_window),
    requestsInWindow: windowRequests ? (windowRequests.get(r.code)?.requests ?? 0) : Number(r.requests_in_window),
    pendingMandatesAtWindowEnd: windowRequests ? (windowRequests.get(r.code)?.pendingMandates ?? 0) : Number(r.pending_mandates),
    acceptedInWindow: Number(r.accepted_in_window) === 1,
  }));
}

/** Correspondence statuses at `day` of the threads about each of `codes` (correspondenceStatusAt); States with none are absent. */
export async function loadCorrespondenceStatuses(db: Executor, codes: readonly string[], day: string): Promise<Map<string, Status[]>> {
  const out = new Map<string, Status[]>();
  if (codes.length === 0) return out;
  const { rows } = await sql<{ state_code: string; status: Status | null }>`
    SELECT r.state_code, ${correspondenceStatusAt(day)} AS status
    FROM visit_requests r JOIN mandates m ON m.id = r.mandate_id
    WHERE r.state_code IN (SELECT value FROM json_each(${JSON.stringify(codes)})) AND ${concernsState}`.execute(db);
  for (const row of rows) {
    if (row.status === null) continue;
    const list = out.get(row.state_code) ?? [];
    list.push(row.status);
    out.set(row.state_code, list);
  }
  return out;
}

/** The standing-invitation facts of a `states` row, as {@link standsAt} reads them. */
export function standingInvitationOf(state: { standing_invitation: number; standing_invitation_since: string | null; standing_invitation_withdrawn: string | null }) {
  return { standingInvitation: state.standing_invitation === 1, standingInvitationSince: state.standing_invitation_since, standingInvitationWithdrawn: state.standing_invitation_withdrawn };
}

/**
 * Whether a State's standing invitation stands at the end of `day` (`YYYY-MM-DD`, the end of the
 * reporting year or today): the State has one, extended on or before `day` (undated: known, at no
 * date, so it counts at any day), and not withdrawn on or before `day`. Partial dates are read as
 * every dated fact here (decision 1): by the first day they can mean, so an invitation extended
 * in "2015" stands at the end of 2015, and one withdrawn in "2021" no longer stands at the end of
 * 2021 (nor in any later year); it still counts for 2020. A State extending and withdrawing in the
 * same year does not count for that year. Source: DOMAIN.md "Standing invitations" (States that
 * declared they will receive any thematic mandate holder: a withdrawn declaration no longer
 * says so); decision 9 in this file's header.
 */
export function standsAt(f: Pick<StateFacts, 'standingInvitation' | 'standingInvitationSince' | 'standingInvitationWithdrawn'>, day: string): boolean {
  const since = f.standingInvitationSince;
  const withdrawn = f.standingInvitationWithdrawn;
  return f.standingInvitation && (since === null || isByDay(since, day)) && (withdrawn === null || !isByDay(withdrawn, day));
}

/**
 * Applies the State rules to the facts: visited (Member States only), the never-visited box,
 * standing invitation as of the year's end and extended in the year, the five-pending flag.
 * @param statuses correspondence statuses of never-visited Member States at the year's end.
 */
export function stateRows(facts: readonly StateFacts[], statuses: ReadonlyMap<string, readonly Status[]>, p: Pick<Period, 'asOf' | 'yearBounds'>): StateRow[] {
  return facts.map((f) => {
    const member = f.kind === 'member';
    const visited = member && f.visitedAsOf;
    const since = f.standingInvitationSince;
    const standingInvitationAsOf = standsAt(f, p.asOf);
    return {
      ...f,
      visited,
      neverVisitedCategory: member && !visited ? neverVisitedCategory(statuses.get(f.code) ?? []) : null,
      standingInvitationAsOf,
      standingInvitationExtendedInYear: standingInvitationAsOf && since !== null && since >= p.yearBounds.lower && since < p.yearBounds.upper,
      noAcceptanceDespiteFivePending: member && f.pendingMandatesAtWindowEnd >= FIVE && !f.acceptedInWindow,
    };
  });
}

export interface CountedStates {
  count: number;
  states: StateRef[];
}

/** The State figures of one reporting year over a set of State rows (all, or one regional group). */
export interface StateFigures {
  /** Member States in the set (193 for all). */
  memberStates: number;
  visited: CountedStates;
  neverVisited: CountedStates & Record<NeverVisitedCategory, CountedStates>;
  standingInvitations: {
    /** Member States + observer States. */
    total: number;
    memberStates: CountedStates;
    observerStates: CountedStates;
    extendedInYear: CountedStates;
  };
  visitsInYear: {
    /** Visits that count for a State of the set (a joint visit once); the number of all official visits is {@link VisitsOfYear}. */
    visits: number;
    /** Distinct States visited: Member States, observer States and territories. */
    statesAndTerritories: CountedStates;
  };
  fiveYears: {
    /** Member States with five or more visits in the window. */
    fiveOrMoreVisits: CountedStates;
    /** Member States with no visit in the window... */
    noVisit: CountedStates;
    /** ...and of those, the ones that received at least one request in it. */
    noVisitWithRequest: CountedStates;
    /** Member States that accepted no visit in the window despite five or more pending requests (decision 5). */
    noAcceptanceDespiteFivePending: CountedStates;
  };
}

const ref = (r: StateRef): StateRef => ({ code: r.code, name: r.name, kind: r.kind, regionalGroup: r.regionalGroup });
const counted = (rows: readonly StateRow[]): CountedStates => ({ count: rows.length, states: rows.map(ref) });

/** Counts the State figures over `rows` (already rule-applied by {@link stateRows}). Pure. */
export function summarizeStates(rows: readonly StateRow[]): StateFigures {
  const members = rows.filter((r) => r.kind === 'member');
  const never = members.filter((r) => !r.visited);
  const invited = rows.filter((r) => r.standingInvitationAsOf && r.kind !== 'territory');
  const noVisit = members.filter((r) => r.visitsInWindow === 0);
  return {
    memberStates: members.length,
    visited: counted(members.filter((r) => r.visited)),
    neverVisited: {
      ...counted(never),
      noRequest: counted(never.filter((r) => r.neverVisitedCategory === 'noRequest')),
      requestNotAccepted: counted(never.filter((r) => r.neverVisitedCategory === 'requestNotAccepted')),
      invitation: counted(never.filter((r) => r.neverVisitedCategory === 'invitation')),
      acceptedNotHeld: counted(never.filter((r) => r.neverVisitedCategory === 'acceptedNotHeld')),
    },
    standingInvitations: {
      total: invited.length,
      memberStates: counted(invited.filter((r) => r.kind === 'member')),
      observerStates: counted(invited.filter((r) => r.kind === 'observer')),
      extendedInYear: counted(invited.filter((r) => r.standingInvitationExtendedInYear)),
    },
    visitsInYear: {
      visits: rows.reduce((n, r) => n + r.visitsInYear, 0),
      statesAndTerritories: counted(rows.filter((r) => r.visitsInYear > 0)),
    },
    fiveYears: {
      fiveOrMoreVisits: counted(members.filter((r) => r.visitsInWindow >= FIVE)),
      noVisit: counted(noVisit),
      noVisitWithRequest: counted(noVisit.filter((r) => r.requestsInWindow > 0)),
      noAcceptanceDespiteFivePending: counted(members.filter((r) => r.noAcceptanceDespiteFivePending)),
    },
  };
}

/** One row of the by-regional-group table: the State figures as counts. */
export interface RegionalGroupRow {
  /** null: observer States and territories, which belong to no group. */
  regionalGroup: RegionalGroup | null;
  memberStates: number;
  visited: number;
  neverVisited: number;
  noRequest: number;
  requestNotAccepted: number;
  invitation: number;
  acceptedNotHeld: number;
  standingInvitations: number;
  standingInvitationsExtendedInYear: number;
  visitsInYear: number;
  statesAndTerritoriesVisitedInYear: number;
  fiveOrMoreVisits: number;
  noVisitInWindow: number;
  noVisitInWindowWithRequest: number;
  noAcceptanceDespiteFivePending: number;
}

/** The five groups in the report's order, then the States and territories of no group. Pure. */
export function byRegionalGroup(rows: readonly StateRow[]): RegionalGroupRow[] {
  return [...REGIONAL_GROUPS, null].map((group) => {
    const f = summarizeStates(rows.filter((r) => r.regionalGroup === group));
    return {
      regionalGroup: group,
      memberStates: f.memberStates,
      visited: f.visited.count,
      neverVisited: f.neverVisited.count,
      noRequest: f.neverVisited.noRequest.count,
      requestNotAccepted: f.neverVisited.requestNotAccepted.count,
      invitation: f.neverVisited.invitation.count,
      acceptedNotHeld: f.neverVisited.acceptedNotHeld.count,
      standingInvitations: f.standingInvitations.total,
      standingInvitationsExtendedInYear: f.standingInvitations.extendedInYear.count,
      visitsInYear: f.visitsInYear.visits,
      statesAndTerritoriesVisitedInYear: f.visitsInYear.statesAndTerritories.count,
      fiveOrMoreVisits: f.fiveYears.fiveOrMoreVisits.count,
      noVisitInWindow: f.fiveYears.noVisit.count,
      noVisitInWindowWithRequest: f.fiveYears.noVisitWithRequest.count,
      noAcceptanceDespiteFivePending: f.fiveYears.noAcceptanceDespiteFivePending.count,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Visits of the year

/** Rows grouped by a key, in their order. */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

export interface YearVisit {
  id: number;
  subject: StateRef;
  /** Whether it counts as a visit to its subject ({@link countsForSubject}); every official visit counts in the number of visits. */
  countsForSubject: boolean;
  start: string | null;
  end: string | null;
  reportSymbol: string;
  /** The mandates of a joint visit: one visit, one per mandate in mandate figures. */
  mandates: { id: number; title: string }[];
  /** Places visited other than the subject (side trips: they do not count as visits to those States). */
  otherPlaces: StateRef[];
}

export interface VisitsOfYear {
  /** Official visits that started in the year and by its end (a joint visit once), with their subject in the group if one is chosen; those that count for no State included. */
  visits: YearVisit[];
  /** Visits counted per mandate: a joint visit of three mandates is three. */
  mandateVisits: number;
  /** Informal visits started in the year: not counted. */
  unofficial: number;
  /** Official visits with no start date: they count for "visited" but belong to no year. */
  undated: number;
}

/**
 * The official visits of the reporting year with their mandates and other places; `group` limits
 * them to subjects of one group. Visits, their mandates and their places are read as ids from the
 * visits' date index; names and sort keys come from the small State and mandate tables, joined here.
 * @param states every State in name order (loadStateFacts gives them); read when not given.
 */
export async function loadVisitsOfYear(db: Executor, p: Period, group: RegionalGroup | null, states?: readonly StateRef[]): Promise<VisitsOfYear> {
  const start = sql.ref('v.start');
  const inYear = within(start, p.yearBounds, p.asOf);
  const groupFilter = group === null ? sql`1` : sql`v.subject_state_code IN (SELECT code FROM states WHERE regional_group = ${group})`;
  const stateList =
    states ??
    (
      await sql<{ code: string; name_en: string; kind: StateKind; regional_group: RegionalGroup | null }>`
        SELECT code, name_en, kind, regional_group FROM states ORDER BY name_key, code`.execute(db)
    ).rows.map((s) => ({ code: s.code, name: s.name_en, kind: s.kind, regionalGroup: s.regional_group }));
  // State -> [ref, rank in name order]; mandate -> [id and title, rank in title order]
  const stateOf = new Map(stateList.map((s, i) => [s.code, [s, i] as const]));
  const mandateList = await db.selectFrom('mandates').select(['id', 'title']).orderBy('title_key').execute();
  const mandateOf = new Map(mandateList.map((m, i) => [m.id, [m, i] as const]));
  const { rows } = await sql<{ id: number; code: string; start: string; end: string | null; report_symbol: string; counts: number }>`
    SELECT v.id, v.subject_state_code AS code, v.start, v."end", v.report_symbol, ${countsForSubject} AS counts
    FROM visits v WHERE v.official = 1 AND ${inYear} AND ${groupFilter}
    ORDER BY v.start, v.id`.execute(db);
  const others = await sql<{ unofficial: number; undated: number }>`
    SELECT (SELECT COUNT(*) FROM visits v WHERE v.official = 0 AND ${inYear} AND ${groupFilter}) AS unofficial,
      (SELECT COUNT(*) FROM visits v WHERE v.official = 1 AND v.start IS NULL AND ${groupFilter}) AS undated`.execute(db);
  const mandates = (
    await sql<{ visit_id: number; mandate_id: number }>`
      SELECT vm.visit_id, vm.mandate_id FROM visits v JOIN visit_mandates vm ON vm.visit_id = v.id
      WHERE v.official = 1 AND ${inYear} AND ${groupFilter}`.execute(db)
  ).rows;
  const places = (
    await sql<{ visit_id: number; state_code: string }>`
      SELECT pl.visit_id, pl.state_code FROM visits v JOIN visit_places pl ON pl.visit_id = v.id
      WHERE v.official = 1 AND ${inYear} AND ${groupFilter} AND pl.state_code <> v.subject_state_code`.execute(db)
  ).rows;
  const mandatesOf = groupBy(mandates, (m) => m.visit_id);
  const placesOf = groupBy(places, (pl) => pl.visit_id);
  const stateRef = (code: string): StateRef => stateOf.get(code)![0];
  const visits = rows.map((r) => ({
    id: r.id,
    subject: stateRef(r.code),
    countsForSubject: Number(r.counts) === 1,
    start: r.start,
    end: r.end,
    reportSymbol: r.report_symbol,
    // by title, as the mandates list; places by name, as the States list
    mandates: (mandatesOf.get(r.id) ?? [])
      .map((m) => mandateOf.get(m.mandate_id)!)
      .sort((x, y) => x[1] - y[1])
      .map(([m]) => ({ id: m.id, title: m.title })),
    otherPlaces: (placesOf.get(r.id) ?? [])
      .map((pl) => stateOf.get(pl.state_code)!)
      .sort((x, y) => x[1] - y[1])
      .map(([ref]) => ({ ...ref })),
  }));
  return {
    visits,
    mandateVisits: visits.reduce((n, v) => n + v.mandates.length, 0),
    unofficial: Number(others.rows[0]?.unofficial ?? 0),
    undated: Number(others.rows[0]?.undated ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Per mandate

export interface MandateFigures {
  mandateId: number;
  title: string;
  shortName: string;
  kind: MandateKind;
  /** Requests still pending at the end of the reporting year; age in whole years at that day (drill-down: indicators:requests 'pending'). */
  pending: { count: number; medianAgeYears: number | null; oldestOpenedOn: string | null };
  /** Reminders dated in the reporting year (reminders are never requests). */
  remindersInYear: number;
  /** Official visits of the mandate (a joint visit counts for each of its mandates). */
  visitsInYear: number;
  visitsInWindow: number;
  /** Requests sent in the window, and how many were accepted / answered by its end (decision 7; drill-down: 'sentInWindow'). */
  requestsInWindow: number;
  accepted: number;
  anyResponse: number;
  substantiveResponse: number;
  acceptanceRate: number | null;
  anyResponseRate: number | null;
  substantiveResponseRate: number | null;
  /** Of those requests, median days to the first acceptance / the first visit by the window's end; n: how many had both dates known to the month. */
  daysToAcceptance: { median: number | null; n: number };
  daysToVisit: { median: number | null; n: number };
}

/**
 * Days from 1970-01-01 to the first day a partial date can mean (partialDate.ts earliestDay:
 * "2019" is 2019-01-01), in UTC: whole days, exact. Differences of two are partialDate.ts
 * daysBetween, and the same numbers as SQLite's julianday() differences.
 */
export function firstEpochDay(date: string): number {
  // digits read as char codes (48 is '0') and the civil-to-days count (H. Hinnant's
  // days_from_civil): no Date, no substrings, no closures, for the tens of thousands of dates of one call
  let y = date.charCodeAt(0) * 1000 + date.charCodeAt(1) * 100 + date.charCodeAt(2) * 10 + date.charCodeAt(3) - 48 * 1111;
  const m = date.length >= 7 ? date.charCodeAt(5) * 10 + date.charCodeAt(6) - 48 * 11 : 1;
  const d = date.length >= 10 ? date.charCodeAt(8) * 10 + date.charCodeAt(9) - 48 * 11 : 1;
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}
/** Known at least to the month: precise enough to count days (a year alone could be off by a year). */
const preciseSql = (x: RawBuilder<unknown>) => sql`(length(${x}) >= 7)`;
/** Days of a wait written "from/to" (two partial dates known at least to the month): partialDate.ts daysBetween. */
function daysOfWait(pair: string): number {
  const slash = pair.indexOf('/');
  return firstEpochDay(pair.slice(slash + 1)) - firstEpochDay(pair.slice(0, slash));
}
/** Parses a json_group_array of dates (NULL when the group had none). */
const datesOf = (json: string | null | undefined): string[] => (json ? (JSON.parse(json) as string[]) : []);

/** Requests about each State sent in the window (decision 3), and the distinct mandates whose such request is still pending at the window's end (decision 5). */
export interface WindowRequestsOfState {
  requests: number;
  pendingMandates: number;
}

/**
 * The per-mandate figures; with `group`, only requests and visits to States of that group.
 * Each figure is one query over a covering index (migrations 0003 and 0005), aggregated in SQLite.
 */
export async function loadMandateFigures(db: Executor, p: Period, group: RegionalGroup | null): Promise<MandateFigures[]> {
  return (await mandateFigures(db, p, group, false)).figures;
}

/**
 * {@link loadMandateFigures}; with `byState` (all States only: `group` null), also the window's
 * requests per State for {@link loadStateFacts}, from the same pass over the window's threads
 * (the States each mandate asked, as text, sorted out here with the mandate's kind and subject).
 */
async function mandateFigures(
  db: Executor,
  p: Period,
  group: RegionalGroup | null,
  byState: boolean,
  yearVisits?: VisitsOfYear,
): Promise<{ figures: MandateFigures[]; byState: Map<string, WindowRequestsOfState> | null }> {
  const inGroup = group === null ? sql`1` : sql`r.regional_group = ${group}`;
  const visitInGroup = group === null ? sql`1` : sql`v.subject_state_code IN (SELECT code FROM states WHERE regional_group = ${group})`;
  const start = sql.ref('v.start');
  const opened = sql.ref('r.opened_on');
  const yearOrWindow = yearBounds(Math.min(p.year, p.window.from), Math.max(p.year, p.window.to));
  const mandates = await db.selectFrom('mandates').select(['id', 'title', 'short_name', 'kind', 'subject_state_code']).orderBy('title_key').execute();
  // each mandate's pending threads: one range of the pending index (migration 0005), already grouped
  // the dates come back as they are and their ages are counted here: cheaper than julianday() per thread in SQL
  const pending = await sql<{ mandate_id: number; n: number; oldest: string | null; opened: string | null }>`
    SELECT r.mandate_id, COUNT(*) AS n, MIN(r.opened_on) AS oldest, json_group_array(r.opened_on) FILTER (WHERE r.opened_on IS NOT NULL) AS opened
    FROM visit_requests r
    WHERE ${EACH_MANDATE} AND ${pendingAt(p.asOf)} AND ${inGroup}
    GROUP BY r.mandate_id`.execute(db);
  // per request first, then each thread's row once, in id order
  const reminders = await sql<{ mandate_id: number; n: number }>`
    SELECT r.mandate_id, SUM(x.n) AS n
    FROM (SELECT d.request_id, COUNT(*) AS n FROM documents d
          WHERE d.type = 'reminder' AND ${within(sql.ref('d.date'), p.yearBounds, p.asOf)} GROUP BY d.request_id) x
    JOIN visit_requests r ON r.id = x.request_id
    WHERE ${inGroup}
    GROUP BY r.mandate_id`.execute(db);
  // the year's visits per mandate: from the year's visit list when given (the same visits, same group)
  const bounds = yearVisits ? p.windowBounds : yearOrWindow;
  const visits = await sql<{ mandate_id: number; in_year: number; in_window: number }>`
    SELECT vm.mandate_id, ${yearVisits ? sql`0` : sql`SUM(${within(start, p.yearBounds, p.asOf)})`} AS in_year, SUM(${within(start, p.windowBounds, p.windowEnd)}) AS in_window
    FROM visits v JOIN visit_mandates vm ON vm.visit_id = v.id
    WHERE v.official = 1 AND v.start >= ${bounds.lower} AND v.start < ${bounds.upper} AND ${visitInGroup}
    GROUP BY vm.mandate_id`.execute(db);
  const yearVisitsOf = new Map<number, number>();
  for (const v of yearVisits?.visits ?? []) for (const m of v.mandates) yearVisitsOf.set(m.id, (yearVisitsOf.get(m.id) ?? 0) + 1);
  // requests sent in the window, with what had come back by its end (a visit answers and accepts)
  // reachedBy() as a filter: a NULL milestone compares as NULL, which a FILTER leaves out (fewer steps per thread)
  const reached = (column: 'accepted_on' | 'answered_on' | 'substantive_on' | 'visited_on') => sql`${sql.ref(`r.${column}`)} <= ${p.windowEnd}`;
  const answeredBy = (column: 'accepted_on' | 'answered_on' | 'substantive_on') => sql`COUNT(*) FILTER (WHERE ${reached(column)} OR ${reached('visited_on')})`;
  // each wait as its two dates, "from/to", comma-separated, counted in days here
  const waits = (column: 'accepted_on' | 'visited_on') => {
    const to = sql.ref(`r.${column}`);
    return sql`group_concat(${opened} || '/' || ${to}) FILTER (WHERE ${reached(column)} AND ${preciseSql(to)} AND ${preciseSql(opened)})`;
  };
  const sent = await sql<{
    mandate_id: number;
    n: number;
    accepted: number;
    any_response: number;
    substantive: number;
    to_acceptance: string | null;
    to_visit: string | null;
    states: string | null;
    states_pending: string | null;
  }>`
    SELECT r.mandate_id, COUNT(*) AS n, ${answeredBy('accepted_on')} AS accepted,
      ${answeredBy('answered_on')} AS any_response, ${answeredBy('substantive_on')} AS substantive,
      ${waits('accepted_on')} AS to_acceptance, ${waits('visited_on')} AS to_visit,
      -- the States asked, and those still pending at the window's end (pendingAt: the WHERE says the rest)
      ${byState ? sql`group_concat(r.state_code)` : sql`NULL`} AS states,
      ${byState ? sql`group_concat(r.state_code) FILTER (WHERE ${PENDING_UNTIL_R} > ${p.windowEnd})` : sql`NULL`} AS states_pending
    FROM visit_requests r
    WHERE ${EACH_MANDATE} AND r.opened_by = 'request' AND ${within(opened, p.windowBounds, p.windowEnd)} AND ${inGroup}
    GROUP BY r.mandate_id`.execute(db);

  const by = <T extends { mandate_id: number }>(rows: readonly T[]) => new Map(rows.map((r) => [r.mandate_id, r]));
  const pendingBy = by(pending.rows);
  const remindersBy = by(reminders.rows);
  const visitsBy = by(visits.rows);
  const sentBy = by(sent.rows);
  // whole years at the year's end, as queries.ts ageInYears (opened by then: never negative)
  const asOfDay = firstEpochDay(p.asOf);
  const medianAge = (json: string | null | undefined) => medianOfCounts(datesOf(json).map((d) => Math.trunc((asOfDay - firstEpochDay(d)) / 365.2425)));
  const medianDays = (list: string | null | undefined) => {
    const values = list ? list.split(',').map(daysOfWait) : [];
    return { median: median(values), n: values.length };
  };

  let states: Map<string, WindowRequestsOfState> | null = null;
  if (byState) {
    states = new Map();
    const of = (code: string) => {
      let entry = states!.get(code);
      if (!entry) states!.set(code, (entry = { requests: 0, pendingMandates: 0 }));
      return entry;
    };
    for (const m of mandates) {
      const row = sentBy.get(m.id);
      if (!row?.states) continue;
      // concernsState: a country mandate's request to another State is not about that State
      const about = (code: string) => m.kind === 'thematic' || m.subject_state_code === null || m.subject_state_code === code;
      for (const code of row.states.split(',')) if (about(code)) of(code).requests++;
      // distinct mandates: this mandate once per State
      if (row.states_pending) for (const code of new Set(row.states_pending.split(','))) if (about(code)) of(code).pendingMandates++;
    }
  }

  const figures = mandates.map((m) => {
    const s = sentBy.get(m.id);
    const n = Number(s?.n ?? 0);
    const accepted = Number(s?.accepted ?? 0);
    const anyResponse = Number(s?.any_response ?? 0);
    const substantiveResponse = Number(s?.substantive ?? 0);
    return {
      mandateId: m.id,
      title: m.title,
      shortName: m.short_name,
      kind: m.kind,
      pending: { count: Number(pendingBy.get(m.id)?.n ?? 0), medianAgeYears: medianAge(pendingBy.get(m.id)?.opened), oldestOpenedOn: pendingBy.get(m.id)?.oldest ?? null },
      remindersInYear: Number(remindersBy.get(m.id)?.n ?? 0),
      visitsInYear: yearVisits ? (yearVisitsOf.get(m.id) ?? 0) : Number(visitsBy.get(m.id)?.in_year ?? 0),
      visitsInWindow: Number(visitsBy.get(m.id)?.in_window ?? 0),
      requestsInWindow: n,
      accepted,
      anyResponse,
      substantiveResponse,
      acceptanceRate: rate(accepted, n),
      anyResponseRate: rate(anyResponse, n),
      substantiveResponseRate: rate(substantiveResponse, n),
      daysToAcceptance: medianDays(s?.to_acceptance),
      daysToVisit: medianDays(s?.to_visit),
    };
  });
  return { figures, byState: states };
}

export type MandateRequestList = (typeof MANDATE_REQUEST_LISTS)[number];

export interface IndicatorRequest {
  id: number;
  mandateId: number;
  mandateTitle: string;
  stateCode: string;
  stateName: string;
  openedOn: string | null;
  /** Whole years from the request to the end of the reporting year ('pending', 'remindersInYear') or of the window (the window's lists), as queries.ts ageInYears; null when undated. */
  ageYears: number | null;
  /** By the end of the window (the window's lists: 'sentInWindow', 'accepted', 'anyResponse', 'substantive'; null for the others). */
  accepted: boolean | null;
  answered: boolean | null;
  answeredSubstantively: boolean | null;
  /** Reminders dated in the reporting year on the thread ('remindersInYear' only; null for the others). */
  remindersInYear: number | null;
}

/**
 * Drill-down of a mandate's figure (or, with `mandateId` null, of every mandate's), oldest first,
 * with the same rules and filters as {@link loadMandateFigures}, so that each list has as many
 * rows as its figure counts (reminders: the sum of `remindersInYear`):
 * - 'pending': requests pending at the end of the reporting year (the "pending" column);
 * - 'sentInWindow': requests sent in the window with what came back by its end ("requests");
 * - 'accepted', 'anyResponse', 'substantive': those of them accepted, answered, answered
 *   substantively by the window's end (the numerators of the three rates);
 * - 'remindersInYear': threads with reminders dated in the reporting year, with how many.
 */
export async function loadMandateRequests(db: Executor, p: Period, group: RegionalGroup | null, mandateId: number | null, list: MandateRequestList): Promise<IndicatorRequest[]> {
  const inGroup = group === null ? sql`1` : sql`r.regional_group = ${group}`;
  const ofMandate = mandateId === null ? sql`1` : sql`r.mandate_id = ${mandateId}`;
  const opened = sql.ref('r.opened_on');
  const ofWindow = list !== 'pending' && list !== 'remindersInYear';
  const day = ofWindow ? p.windowEnd : p.asOf;
  const came = (column: 'accepted_on' | 'answered_on' | 'substantive_on') => sql`(${reachedBy(column, p.windowEnd)} OR ${reachedBy('visited_on', p.windowEnd)})`;
  const answered = (column: 'accepted_on' | 'answered_on' | 'substantive_on') => (ofWindow ? came(column) : sql`NULL`);
  const remindersOfYear = sql`(SELECT COUNT(*) FROM documents d WHERE d.request_id = r.id AND d.type = 'reminder' AND ${within(sql.ref('d.date'), p.yearBounds, p.asOf)})`;
  const sent = sql`r.opened_by = 'request' AND ${within(opened, p.windowBounds, p.windowEnd)}`;
  const which = {
    pending: pendingAt(p.asOf),
    sentInWindow: sent,
    accepted: sql`${sent} AND ${came('accepted_on')}`,
    anyResponse: sql`${sent} AND ${came('answered_on')}`,
    substantive: sql`${sent} AND ${came('substantive_on')}`,
    remindersInYear: sql`r.id IN (SELECT d.request_id FROM documents d WHERE d.type = 'reminder' AND ${within(sql.ref('d.date'), p.yearBounds, p.asOf)})`,
  }[list];
  const { rows } = await sql<{
    id: number;
    mandate_id: number;
    title: string;
    state_code: string;
    name_en: string;
    opened_on: string | null;
    accepted: number | null;
    answered: number | null;
    substantive: number | null;
    reminders: number | null;
  }>`
    SELECT r.id, r.mandate_id, m.title, r.state_code, s.name_en, r.opened_on,
      ${answered('accepted_on')} AS accepted, ${answered('answered_on')} AS answered, ${answered('substantive_on')} AS substantive,
      ${list === 'remindersInYear' ? remindersOfYear : sql`NULL`} AS reminders
    FROM visit_requests r JOIN states s ON s.code = r.state_code JOIN mandates m ON m.id = r.mandate_id
    WHERE ${ofMandate} AND ${which} AND ${inGroup}
    ORDER BY r.opened_on IS NULL, r.opened_on, m.title_key, s.name_key, r.id`.execute(db);
  const flag = (v: number | null) => (v === null ? null : Number(v) === 1);
  return rows.map((r) => ({
    id: r.id,
    mandateId: r.mandate_id,
    mandateTitle: r.title,
    stateCode: r.state_code,
    stateName: r.name_en,
    openedOn: r.opened_on,
    ageYears: ageInYears(r.opened_on, day),
    accepted: flag(r.accepted),
    answered: flag(r.answered),
    answeredSubstantively: flag(r.substantive),
    remindersInYear: r.reminders === null ? null : Number(r.reminders),
  }));
}

// ---------------------------------------------------------------------------------------------
// All figures

export interface Indicators {
  year: number;
  /** The records are read as of this day: 31 December of the year, or today if earlier. */
  asOf: string;
  window: FiveYearWindow & { asOf: string };
  /** The group the figures are limited to; null for all States. */
  regionalGroup: RegionalGroup | null;
  states: StateFigures;
  visitsInYear: VisitsOfYear;
  /** Every State of the selection (Member States always; observer States and territories with a counted visit or a standing invitation), for drill-down and the map. */
  stateTable: StateRow[];
  /** Always of all States, whatever the group selected. */
  byRegionalGroup: RegionalGroupRow[];
  mandates: MandateFigures[];
}

/**
 * Every figure of the cooperation indicators for one reporting year, window and (optionally)
 * regional group, computed from the records.
 * @param today `YYYY-MM-DD`: periods end no later than today.
 */
export async function computeIndicators(db: Executor, args: IndicatorsArgs, today: string): Promise<Indicators> {
  const p = reportingPeriod(args.year, args.window ?? 'report-text', today);
  const group = args.regionalGroup ?? null;
  // All States: the year's visits and the per-mandate figures first, and the State facts count
  // from them (each thread and visit read once). One group: the State facts (always of all
  // States) count for themselves, then the group's visits and per-mandate figures.
  let visitsInYear: VisitsOfYear;
  let perMandate: Awaited<ReturnType<typeof mandateFigures>>;
  let facts: StateFacts[];
  if (group === null) {
    visitsInYear = await loadVisitsOfYear(db, p, null);
    perMandate = await mandateFigures(db, p, null, true, visitsInYear);
    facts = await loadStateFacts(db, p, countedBySubject(visitsInYear.visits), perMandate.byState!);
  } else {
    facts = await loadStateFacts(db, p);
    visitsInYear = await loadVisitsOfYear(db, p, group, facts.map(ref));
    perMandate = await mandateFigures(db, p, group, false, visitsInYear);
  }
  const neverVisited = facts.filter((f) => f.kind === 'member' && !f.visitedAsOf).map((f) => f.code);
  const statuses = await loadCorrespondenceStatuses(db, neverVisited, p.asOf);
  const rows = stateRows(facts, statuses, p);
  const selected = group === null ? rows : rows.filter((r) => r.regionalGroup === group);
  const mandates = perMandate.figures;
  return {
    year: p.year,
    asOf: p.asOf,
    window: { ...p.window, asOf: p.windowEnd },
    regionalGroup: group,
    states: summarizeStates(selected),
    visitsInYear,
    stateTable: selected.filter((r) => r.kind === 'member' || r.visitedAsOf || r.standingInvitationAsOf),
    byRegionalGroup: byRegionalGroup(rows),
    mandates,
  };
}

/** Visits that count for their subject ({@link YearVisit.countsForSubject}), by subject State. */
function countedBySubject(visits: readonly YearVisit[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of visits) if (v.countsForSubject) out.set(v.subject.code, (out.get(v.subject.code) ?? 0) + 1);
  return out;
}

/**
 * The requests behind one mandate's figure (indicators:requests), for the same year, window and group.
 * @param today `YYYY-MM-DD`: periods end no later than today.
 * @throws DomainError('not_found') for a mandate that does not exist.
 */
export async function listIndicatorRequests(db: Executor, args: IndicatorsArgs & { mandateId: number | null; list: MandateRequestList }, today: string) {
  if (args.mandateId !== null && !(await db.selectFrom('mandates').select('id').where('id', '=', args.mandateId).executeTakeFirst())) throw notFound(`Mandate ${args.mandateId}`);
  const p = reportingPeriod(args.year, args.window ?? 'report-text', today);
  return loadMandateRequests(db, p, args.regionalGroup ?? null, args.mandateId, args.list);
}
