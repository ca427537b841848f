/**
 * The cooperation-indicators part of the benchmark: every figure of one reporting year through
 * the real handler table ('indicators:get': validation, one read transaction, Kysely, the rules),
 * against the floor: the same figures from one hand-written SQL query each, run directly with
 * better-sqlite3 on the same database. The floor's answers are checked against the app's, so the
 * two measure the same work; the ratio says what the app's structure costs over bare SQL.
 */
import { performance } from 'node:perf_hooks';
import type { Api, ChannelResult } from '../../db/api';
import type { OpenDatabase } from '../../db/connection';
import { reportingPeriod } from '../../db/indicators';
import { todayLocal } from '../../db/partialDate';

type Row = { what: string; value: string; target?: string; met?: boolean };
type Indicators = ChannelResult<'indicators:get'>;

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// The rules, written out in each query as one would by hand (db/indicators.ts says why).
const COUNTS_FOR = (state: string) => `v.official = 1 AND v.subject_state_code = ${state}
  AND EXISTS (SELECT 1 FROM visit_places pl WHERE pl.visit_id = v.id AND pl.state_code = v.subject_state_code)
  AND EXISTS (SELECT 1 FROM visit_mandates vm JOIN mandates vmm ON vmm.id = vm.mandate_id
              WHERE vm.visit_id = v.id AND (vmm.kind = 'thematic' OR vmm.subject_state_code IS NULL OR vmm.subject_state_code = v.subject_state_code))`;
const ABOUT = `(m.kind = 'thematic' OR m.subject_state_code IS NULL OR m.subject_state_code = r.state_code)`;
const IN_YEAR = (c: string) => `(${c} >= :y0 AND ${c} < :y1 AND ${c} <= :asOf)`;
const IN_WINDOW = (c: string) => `(${c} >= :w0 AND ${c} < :w1 AND ${c} <= :wEnd)`;
// neither decided nor visited by the day: the earlier of the two ('~' for none) after it, as the pending index of migration 0005 holds it
const PENDING_AT = (day: string) => `(r.opened_by = 'request' AND (r.opened_on IS NULL OR r.opened_on <= ${day})
  AND min(coalesce(r.decided_on, '~'), coalesce(r.visited_on, '~')) > ${day})`;
const REACHED = (c: string, day: string) => `(r.${c} IS NOT NULL AND r.${c} <= ${day})`;
const FIRST_DAY = (c: string) => `julianday(CASE length(${c}) WHEN 4 THEN ${c} || '-01-01' WHEN 7 THEN ${c} || '-01' ELSE ${c} END)`;
// one window (one sort): the row's rank and its partition's size
const MEDIAN_BY = (from: string) => `SELECT key, AVG(value) AS median, MAX(n) AS n FROM (
    SELECT key, value, ROW_NUMBER() OVER w AS i, COUNT(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n
    FROM (${from}) WINDOW w AS (PARTITION BY key ORDER BY value))
  WHERE i IN ((n + 1) / 2, (n + 2) / 2) GROUP BY key`;
const VISITED_AS_OF = `EXISTS (SELECT 1 FROM visits v WHERE ${COUNTS_FOR('s.code')} AND (v.start IS NULL OR v.start <= :asOf))`;
const CORRESPONDENCE_AT = `(CASE WHEN r.opened_by IS NULL OR r.opened_on > :asOf THEN NULL ELSE COALESCE(
    (SELECT CASE WHEN d.type IN ('declination', 'cancellation') THEN 'refused' ELSE 'accepted' END FROM documents d
     WHERE d.request_id = r.id AND d.type IN ('acceptance', 'dates_proposal', 'postponement', 'declination', 'cancellation') AND (d.date IS NULL OR d.date <= :asOf)
     -- thread order: an undated document sits after the latest dated one recorded before it
     ORDER BY COALESCE(d.date, (SELECT d2.date FROM documents d2 WHERE d2.request_id = d.request_id AND d2.id < d.id AND d2.date <= :asOf ORDER BY d2.id DESC LIMIT 1)) IS NULL,
       COALESCE(d.date, (SELECT d2.date FROM documents d2 WHERE d2.request_id = d.request_id AND d2.id < d.id AND d2.date <= :asOf ORDER BY d2.id DESC LIMIT 1)) DESC, d.id DESC LIMIT 1),
    CASE WHEN r.opened_by = 'invitation' THEN 'invitation'
         WHEN EXISTS (SELECT 1 FROM documents d WHERE d.request_id = r.id AND d.type = 'invitation' AND (d.date IS NULL OR d.date <= :asOf)) THEN 'accepted'
         ELSE 'pending' END) END)`;

/** One hand-written query per figure of the issue. */
const FLOOR: { figure: string; sql: string }[] = [
  { figure: 'Member States visited', sql: `SELECT s.code FROM states s WHERE s.kind = 'member' AND ${VISITED_AS_OF}` },
  {
    figure: 'never visited, split',
    sql: `SELECT category, COUNT(*) AS n FROM (
        SELECT s.code, COALESCE((SELECT MAX(CASE st.status WHEN 'accepted' THEN 3 WHEN 'invitation' THEN 2 ELSE 1 END) FROM (
          SELECT ${CORRESPONDENCE_AT} AS status FROM visit_requests r JOIN mandates m ON m.id = r.mandate_id WHERE r.state_code = s.code AND ${ABOUT}) st
          WHERE st.status IS NOT NULL), 0) AS category
        FROM states s WHERE s.kind = 'member' AND NOT ${VISITED_AS_OF})
      GROUP BY category`,
  },
  {
    figure: 'standing invitations',
    sql: `SELECT kind, COUNT(*) AS n, SUM(standing_invitation_since IS NOT NULL AND ${IN_YEAR('standing_invitation_since')}) AS in_year FROM states
      WHERE standing_invitation = 1 AND (standing_invitation_since IS NULL OR standing_invitation_since <= :asOf)
        AND (standing_invitation_withdrawn IS NULL OR standing_invitation_withdrawn > :asOf) AND kind IN ('member', 'observer') GROUP BY kind`,
  },
  {
    figure: 'visits in the year',
    sql: `SELECT COUNT(DISTINCT v.id) AS visits, COUNT(*) AS mandate_visits,
        (SELECT COUNT(DISTINCT v.subject_state_code) FROM visits v WHERE ${IN_YEAR('v.start')} AND ${COUNTS_FOR('v.subject_state_code')}) AS states
      FROM visits v JOIN visit_mandates vm ON vm.visit_id = v.id WHERE v.official = 1 AND ${IN_YEAR('v.start')}`,
  },
  {
    figure: 'visits of the year, with mandates and places',
    sql: `SELECT v.id, v.subject_state_code, v.start, v."end",
        (SELECT group_concat(m.title, '; ') FROM visit_mandates vm JOIN mandates m ON m.id = vm.mandate_id WHERE vm.visit_id = v.id) AS mandates,
        (SELECT group_concat(pl.state_code) FROM visit_places pl WHERE pl.visit_id = v.id AND pl.state_code <> v.subject_state_code) AS places
      FROM visits v WHERE v.official = 1 AND ${IN_YEAR('v.start')} ORDER BY v.start, v.id`,
  },
  { figure: 'visits per State in the window', sql: `SELECT v.subject_state_code, COUNT(*) AS n FROM visits v WHERE ${IN_WINDOW('v.start')} AND ${COUNTS_FOR('v.subject_state_code')} GROUP BY v.subject_state_code` },
  {
    figure: 'five or more visits; no visit, with a request',
    sql: `SELECT SUM(COALESCE(v.n, 0) >= 5) AS five_or_more, SUM(v.n IS NULL) AS no_visit, SUM(v.n IS NULL AND q.n > 0) AS no_visit_with_request
      FROM states s
      LEFT JOIN (SELECT v.subject_state_code AS code, COUNT(*) AS n FROM visits v WHERE ${IN_WINDOW('v.start')} AND ${COUNTS_FOR('v.subject_state_code')} GROUP BY 1) v ON v.code = s.code
      LEFT JOIN (SELECT r.state_code AS code, COUNT(*) AS n FROM visit_requests r JOIN mandates m ON m.id = r.mandate_id
                 WHERE r.opened_by = 'request' AND ${IN_WINDOW('r.opened_on')} AND ${ABOUT} GROUP BY 1) q ON q.code = s.code
      WHERE s.kind = 'member'`,
  },
  {
    figure: 'no acceptance despite five pending',
    sql: `SELECT s.code FROM states s
      JOIN (SELECT r.state_code, COUNT(DISTINCT r.mandate_id) AS n FROM visit_requests r JOIN mandates m ON m.id = r.mandate_id
            WHERE r.opened_by = 'request' AND ${IN_WINDOW('r.opened_on')} AND ${ABOUT} AND ${PENDING_AT(':wEnd')} GROUP BY r.state_code) p ON p.state_code = s.code
      WHERE s.kind = 'member' AND p.n >= 5
        AND NOT EXISTS (SELECT 1 FROM visits v WHERE ${COUNTS_FOR('s.code')} AND ${IN_WINDOW('v.start')})
        AND NOT EXISTS (SELECT 1 FROM visit_requests r JOIN mandates m ON m.id = r.mandate_id JOIN documents d ON d.request_id = r.id
                        WHERE r.state_code = s.code AND ${ABOUT} AND d.type IN ('acceptance', 'dates_proposal', 'postponement', 'invitation') AND ${IN_WINDOW('d.date')})`,
  },
  {
    figure: 'by regional group',
    sql: `SELECT s.regional_group, COUNT(*) AS members, SUM(${VISITED_AS_OF}) AS visited,
        SUM(s.standing_invitation = 1 AND (s.standing_invitation_since IS NULL OR s.standing_invitation_since <= :asOf)
          AND (s.standing_invitation_withdrawn IS NULL OR s.standing_invitation_withdrawn > :asOf)) AS standing_invitations,
        SUM((SELECT COUNT(*) FROM visits v WHERE ${COUNTS_FOR('s.code')} AND ${IN_YEAR('v.start')})) AS visits_in_year
      FROM states s WHERE s.kind = 'member' GROUP BY s.regional_group`,
  },
  {
    figure: 'per mandate: pending and median age',
    sql: `WITH p AS MATERIALIZED (
        SELECT r.mandate_id AS key, r.opened_on, CAST((julianday(:asOf) - ${FIRST_DAY('r.opened_on')}) / 365.2425 AS INTEGER) AS value
        FROM visit_requests r WHERE ${PENDING_AT(':asOf')})
      SELECT a.key AS mandate_id, a.n, a.oldest, m.median
      FROM (SELECT key, COUNT(*) AS n, MIN(opened_on) AS oldest FROM p GROUP BY key) a
      LEFT JOIN (${MEDIAN_BY('SELECT key, value FROM p WHERE value IS NOT NULL')}) m ON m.key = a.key`,
  },
  {
    figure: 'per mandate: reminders in the year',
    sql: `SELECT r.mandate_id, COUNT(*) AS n FROM documents d JOIN visit_requests r ON r.id = d.request_id WHERE d.type = 'reminder' AND ${IN_YEAR('d.date')} GROUP BY r.mandate_id`,
  },
  {
    figure: 'per mandate: visits in the year and window',
    sql: `SELECT vm.mandate_id, SUM(${IN_YEAR('v.start')}) AS in_year, SUM(${IN_WINDOW('v.start')}) AS in_window
      FROM visits v JOIN visit_mandates vm ON vm.visit_id = v.id WHERE v.official = 1 GROUP BY vm.mandate_id`,
  },
  {
    figure: 'per mandate: acceptance and response rates',
    sql: `SELECT r.mandate_id, COUNT(*) AS n, SUM(${REACHED('accepted_on', ':wEnd')} OR ${REACHED('visited_on', ':wEnd')}) AS accepted,
        SUM(${REACHED('answered_on', ':wEnd')} OR ${REACHED('visited_on', ':wEnd')}) AS any_response,
        SUM(${REACHED('substantive_on', ':wEnd')} OR ${REACHED('visited_on', ':wEnd')}) AS substantive
      FROM visit_requests r WHERE r.opened_by = 'request' AND ${IN_WINDOW('r.opened_on')} GROUP BY r.mandate_id`,
  },
  {
    figure: 'per mandate: median days to acceptance',
    sql: MEDIAN_BY(`SELECT r.mandate_id AS key, CAST(${FIRST_DAY('r.accepted_on')} - ${FIRST_DAY('r.opened_on')} AS INTEGER) AS value FROM visit_requests r
      WHERE r.opened_by = 'request' AND ${IN_WINDOW('r.opened_on')} AND ${REACHED('accepted_on', ':wEnd')} AND length(r.accepted_on) >= 7 AND length(r.opened_on) >= 7`),
  },
  {
    figure: 'per mandate: median days to visit',
    sql: MEDIAN_BY(`SELECT r.mandate_id AS key, CAST(${FIRST_DAY('r.visited_on')} - ${FIRST_DAY('r.opened_on')} AS INTEGER) AS value FROM visit_requests r
      WHERE r.opened_by = 'request' AND ${IN_WINDOW('r.opened_on')} AND ${REACHED('visited_on', ':wEnd')} AND length(r.visited_on) >= 7 AND length(r.opened_on) >= 7`),
  },
];

/** The floor's answers against the app's: the figures both give, as "name: floor = app" lines that differ. */
function compare(app: Indicators, floor: Map<string, Record<string, unknown>[]>): { compared: number; differences: string[] } {
  const rows = (figure: string) => floor.get(figure) ?? [];
  const num = (v: unknown) => Number(v ?? 0);
  const sum = <T>(list: readonly T[], pick: (t: T) => number) => list.reduce((n, t) => n + pick(t), 0);
  const split = new Map(rows('never visited, split').map((r) => [num(r.category), num(r.n)]));
  const si = new Map(rows('standing invitations').map((r) => [String(r.kind), r]));
  const year = rows('visits in the year')[0] ?? {};
  const five = rows('five or more visits; no visit, with a request')[0] ?? {};
  const rates = rows('per mandate: acceptance and response rates');
  const pairs: [string, number, number][] = [
    ['visited', rows('Member States visited').length, app.states.visited.count],
    ['never visited: no request', split.get(0) ?? 0, app.states.neverVisited.noRequest.count],
    ['never visited: not accepted', split.get(1) ?? 0, app.states.neverVisited.requestNotAccepted.count],
    ['never visited: invitation', split.get(2) ?? 0, app.states.neverVisited.invitation.count],
    ['never visited: accepted', split.get(3) ?? 0, app.states.neverVisited.acceptedNotHeld.count],
    ['standing invitations, Member States', num(si.get('member')?.n), app.states.standingInvitations.memberStates.count],
    ['standing invitations, observers', num(si.get('observer')?.n), app.states.standingInvitations.observerStates.count],
    ['standing invitations extended in the year', num(si.get('member')?.in_year) + num(si.get('observer')?.in_year), app.states.standingInvitations.extendedInYear.count],
    ['visits in the year', num(year.visits), app.visitsInYear.visits.length],
    ['mandate visits in the year', num(year.mandate_visits), app.visitsInYear.mandateVisits],
    ['States and territories visited in the year', num(year.states), app.states.visitsInYear.statesAndTerritories.count],
    ['visits of the year listed', rows('visits of the year, with mandates and places').length, app.visitsInYear.visits.length],
    ['visits in the window', sum(rows('visits per State in the window'), (r) => num(r.n)), sum(app.stateTable, (r) => r.visitsInWindow)],
    ['five or more visits', num(five.five_or_more), app.states.fiveYears.fiveOrMoreVisits.count],
    ['no visit in the window', num(five.no_visit), app.states.fiveYears.noVisit.count],
    ['no visit, with a request', num(five.no_visit_with_request), app.states.fiveYears.noVisitWithRequest.count],
    ['no acceptance despite five pending', rows('no acceptance despite five pending').length, app.states.fiveYears.noAcceptanceDespiteFivePending.count],
    ['visited, by group (sum)', sum(rows('by regional group'), (r) => num(r.visited)), sum(app.byRegionalGroup, (r) => r.visited)],
    ['pending requests', sum(rows('per mandate: pending and median age'), (r) => num(r.n)), sum(app.mandates, (m) => m.pending.count)],
    ['median ages (sum)', sum(rows('per mandate: pending and median age'), (r) => num(r.median)), sum(app.mandates, (m) => m.pending.medianAgeYears ?? 0)],
    ['reminders in the year', sum(rows('per mandate: reminders in the year'), (r) => num(r.n)), sum(app.mandates, (m) => m.remindersInYear)],
    ['mandate visits in the window', sum(rows('per mandate: visits in the year and window'), (r) => num(r.in_window)), sum(app.mandates, (m) => m.visitsInWindow)],
    ['requests sent in the window', sum(rates, (r) => num(r.n)), sum(app.mandates, (m) => m.requestsInWindow)],
    ['accepted', sum(rates, (r) => num(r.accepted)), sum(app.mandates, (m) => m.accepted)],
    ['any response', sum(rates, (r) => num(r.any_response)), sum(app.mandates, (m) => m.anyResponse)],
    ['substantive response', sum(rates, (r) => num(r.substantive)), sum(app.mandates, (m) => m.substantiveResponse)],
    ['median days to acceptance (sum)', sum(rows('per mandate: median days to acceptance'), (r) => num(r.median)), sum(app.mandates, (m) => m.daysToAcceptance.median ?? 0)],
    ['median days to visit (sum)', sum(rows('per mandate: median days to visit'), (r) => num(r.median)), sum(app.mandates, (m) => m.daysToVisit.median ?? 0)],
  ];
  const differences = pairs.filter(([, floor, app]) => Math.abs(floor - app) > 1e-9).map(([name, floor, app]) => `${name}: floor ${floor}, app ${app}`);
  return { compared: pairs.length, differences };
}

/**
 * Times every figure of one reporting year: 'indicators:get' through the handler table (median
 * of 15 runs after one warm-up) and the hand-written SQL floor (all its queries, median of 15),
 * and checks that both give the same numbers.
 * @param today the day the api was built with (run.ts's TODAY), for the floor's periods.
 * @returns rows for run.ts's results table.
 */
export async function benchIndicators(handle: OpenDatabase, api: Api, year: number, today = todayLocal(), runs = 15): Promise<Row[]> {
  const get = async () => {
    const r = await api['indicators:get']({ year });
    if (!r.ok) throw new Error(`indicators:get: ${r.error.message}`);
    return r.data;
  };
  const app = await get();
  const appSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await get();
    appSamples.push(performance.now() - t);
  }

  const p = reportingPeriod(year, 'report-text', today);
  const params = { asOf: p.asOf, y0: p.yearBounds.lower, y1: p.yearBounds.upper, w0: p.windowBounds.lower, w1: p.windowBounds.upper, wEnd: p.windowEnd };
  const statements = FLOOR.map((f) => {
    const statement = handle.sqlite.prepare(f.sql);
    // each query binds only the parameters it names
    const named = Object.fromEntries(Object.entries(params).filter(([k]) => f.sql.includes(`:${k}`)));
    return { figure: f.figure, run: () => statement.all(named) as Record<string, unknown>[] };
  });
  const answers = new Map(statements.map((s) => [s.figure, s.run()]));
  const floorSamples: number[] = [];
  const perFigure = new Map<string, number[]>();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    for (const s of statements) {
      const t0 = performance.now();
      s.run();
      perFigure.set(s.figure, [...(perFigure.get(s.figure) ?? []), performance.now() - t0]);
    }
    floorSamples.push(performance.now() - t);
  }

  const appMs = median(appSamples);
  const floorMs = median(floorSamples);
  const { compared, differences } = compare(app, answers);
  const [slowest] = [...perFigure].map(([figure, samples]) => [figure, median(samples)] as const).sort((a, b) => b[1] - a[1]);
  return [
    { what: `indicators:get, all figures of ${year} (median of ${runs})`, value: `${appMs.toFixed(1)} ms`, target: '< 100 ms', met: appMs < 100 },
    { what: `  floor: ${FLOOR.length} hand-written SQL queries, one per figure (median of ${runs})`, value: `${floorMs.toFixed(1)} ms` },
    { what: '  app / floor', value: `${(appMs / floorMs).toFixed(2)}x` },
    { what: `  floor's slowest query: ${slowest![0]}`, value: `${slowest![1].toFixed(1)} ms` },
    {
      what: differences.length === 0 ? `  floor and app give the same figures (${compared} compared)` : `  floor and app DIFFER: ${differences.join('; ')}`,
      value: differences.length === 0 ? 'same' : 'DIFFER',
      target: 'same',
      met: differences.length === 0,
    },
  ];
}
