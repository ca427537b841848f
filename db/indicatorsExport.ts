/**
 * The tables of the cooperation indicators (db/indicators.ts) as CSV or XLSX files: the same
 * numbers as the screen, one table per file, each saying which year, window and group it counts.
 */
import type { IndicatorsArgs, IndicatorTable } from './contract';
import type { Executor } from './changeLog';
import { computeIndicators, listIndicatorRequests, type Indicators, type IndicatorRequest, type MandateFigures, type RegionalGroupRow, type StateRow, type YearVisit } from './indicators';
import { writeTable, type Column, type ExportedFile } from './tables';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
/** A rate as a percentage with one decimal; empty when there is nothing to divide. */
const percent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
const CATEGORY_LABELS = {
  noRequest: 'no request received',
  requestNotAccepted: 'request not accepted (pending or declined)',
  invitation: 'invitation extended',
  acceptedNotHeld: 'accepted, visit not yet held',
} as const;

interface SummaryRow {
  figure: string;
  value: number | string | null;
}

/** The headline figures, in the report's order, one line each. */
export function summaryRows(ind: Indicators): SummaryRow[] {
  const s = ind.states;
  const w = ind.window;
  const v = ind.visitsInYear;
  return [
    { figure: 'Reporting year', value: ind.year },
    { figure: 'Records read as of', value: ind.asOf },
    { figure: 'Regional group', value: ind.regionalGroup ?? 'all' },
    { figure: 'Member States', value: s.memberStates },
    { figure: `Member States visited (as of ${ind.asOf})`, value: s.visited.count },
    { figure: 'Member States never visited', value: s.neverVisited.count },
    { figure: `  never visited: ${CATEGORY_LABELS.noRequest}`, value: s.neverVisited.noRequest.count },
    { figure: `  never visited: ${CATEGORY_LABELS.requestNotAccepted}`, value: s.neverVisited.requestNotAccepted.count },
    { figure: `  never visited: ${CATEGORY_LABELS.invitation}`, value: s.neverVisited.invitation.count },
    { figure: `  never visited: ${CATEGORY_LABELS.acceptedNotHeld}`, value: s.neverVisited.acceptedNotHeld.count },
    { figure: 'Standing invitations: Member States', value: s.standingInvitations.memberStates.count },
    { figure: 'Standing invitations: observer States', value: s.standingInvitations.observerStates.count },
    { figure: 'Standing invitations: total', value: s.standingInvitations.total },
    { figure: `Standing invitations extended in ${ind.year}`, value: s.standingInvitations.extendedInYear.count },
    { figure: `Official visits in ${ind.year} (a joint visit once)`, value: v.visits.length },
    { figure: `Official visits in ${ind.year} counted per mandate`, value: v.mandateVisits },
    { figure: `  of the visits, those that count for no State (about another State, or not held in their subject)`, value: v.visits.filter((x) => !x.countsForSubject).length },
    { figure: `States and territories visited in ${ind.year}`, value: s.visitsInYear.statesAndTerritories.count },
    { figure: `Informal visits in ${ind.year} (not counted)`, value: v.unofficial },
    { figure: 'Official visits with no date (count as visited, in no year)', value: v.undated },
    { figure: 'Five-year window', value: w.label },
    { figure: `Member States with ${5} or more visits in ${w.from}-${w.to}`, value: s.fiveYears.fiveOrMoreVisits.count },
    { figure: `Member States with no visit in ${w.from}-${w.to}`, value: s.fiveYears.noVisit.count },
    { figure: '  of which received at least one request in the window', value: s.fiveYears.noVisitWithRequest.count },
    { figure: `Member States that accepted no visit in ${w.from}-${w.to} despite 5 or more pending requests`, value: s.fiveYears.noAcceptanceDespiteFivePending.count },
  ];
}

const SUMMARY: Column<SummaryRow>[] = [
  { header: 'Figure', width: 80, value: (r) => r.figure },
  { header: 'Value', width: 24, value: (r) => r.value },
];

const stateColumns = (ind: Indicators): Column<StateRow>[] => [
  { header: 'Code', width: 6, value: (r) => r.code },
  { header: 'State', width: 28, value: (r) => r.name },
  { header: 'Kind', width: 10, value: (r) => r.kind },
  { header: 'Regional group', width: 26, value: (r) => r.regionalGroup },
  { header: `Visited (as of ${ind.asOf})`, width: 12, value: (r) => (r.kind === 'member' ? yesNo(r.visited) : null) },
  { header: 'Never visited', width: 40, value: (r) => (r.neverVisitedCategory ? CATEGORY_LABELS[r.neverVisitedCategory] : null) },
  { header: 'Standing invitation', width: 12, value: (r) => yesNo(r.standingInvitationAsOf) },
  { header: 'Standing invitation since', width: 14, value: (r) => (r.standingInvitationAsOf ? r.standingInvitationSince : null) },
  // a withdrawal known by the year's end (a later one does not show: the invitation still stood)
  { header: 'Standing invitation withdrawn', width: 14, value: (r) => (r.standingInvitation && r.standingInvitationWithdrawn && !r.standingInvitationAsOf ? r.standingInvitationWithdrawn : null) },
  { header: `Visits in ${ind.year}`, width: 10, value: (r) => r.visitsInYear },
  { header: `Visits ${ind.window.from}-${ind.window.to}`, width: 12, value: (r) => r.visitsInWindow },
  { header: `Requests ${ind.window.from}-${ind.window.to}`, width: 12, value: (r) => r.requestsInWindow },
  { header: `Mandates with a pending request at ${ind.window.asOf}`, width: 16, value: (r) => r.pendingMandatesAtWindowEnd },
  { header: 'Accepted a visit in the window', width: 12, value: (r) => yesNo(r.acceptedInWindow) },
  { header: 'No acceptance despite 5+ pending', width: 14, value: (r) => (r.kind === 'member' ? yesNo(r.noAcceptanceDespiteFivePending) : null) },
];

const groupColumns = (ind: Indicators): Column<RegionalGroupRow>[] => [
  { header: 'Regional group', width: 30, value: (r) => r.regionalGroup ?? 'Observer States and territories (no group)' },
  { header: 'Member States', width: 10, value: (r) => r.memberStates },
  { header: 'Visited', width: 10, value: (r) => r.visited },
  { header: 'Never visited', width: 10, value: (r) => r.neverVisited },
  { header: `Never visited: ${CATEGORY_LABELS.noRequest}`, width: 12, value: (r) => r.noRequest },
  { header: `Never visited: ${CATEGORY_LABELS.requestNotAccepted}`, width: 12, value: (r) => r.requestNotAccepted },
  { header: `Never visited: ${CATEGORY_LABELS.invitation}`, width: 12, value: (r) => r.invitation },
  { header: `Never visited: ${CATEGORY_LABELS.acceptedNotHeld}`, width: 12, value: (r) => r.acceptedNotHeld },
  { header: 'Standing invitations', width: 10, value: (r) => r.standingInvitations },
  { header: `Standing invitations extended in ${ind.year}`, width: 12, value: (r) => r.standingInvitationsExtendedInYear },
  { header: `Visits in ${ind.year}`, width: 10, value: (r) => r.visitsInYear },
  { header: `States and territories visited in ${ind.year}`, width: 12, value: (r) => r.statesAndTerritoriesVisitedInYear },
  { header: `5+ visits ${ind.window.from}-${ind.window.to}`, width: 10, value: (r) => r.fiveOrMoreVisits },
  { header: `No visit ${ind.window.from}-${ind.window.to}`, width: 10, value: (r) => r.noVisitInWindow },
  { header: 'No visit, with a request', width: 10, value: (r) => r.noVisitInWindowWithRequest },
  { header: 'No acceptance despite 5+ pending', width: 10, value: (r) => r.noAcceptanceDespiteFivePending },
];

const VISITS: Column<YearVisit>[] = [
  { header: 'State or territory', width: 28, value: (r) => r.subject.name },
  { header: 'Code', width: 6, value: (r) => r.subject.code },
  { header: 'Regional group', width: 26, value: (r) => r.subject.regionalGroup },
  { header: 'Start', width: 12, value: (r) => r.start },
  { header: 'End', width: 12, value: (r) => r.end },
  { header: 'Mandates', width: 80, value: (r) => r.mandates.map((m) => m.title).join('; ') },
  { header: 'Number of mandates', width: 10, value: (r) => r.mandates.length },
  { header: 'Other places (not counted as visits)', width: 30, value: (r) => r.otherPlaces.map((p) => p.name).join('; ') || null },
  { header: 'Report', width: 22, value: (r) => r.reportSymbol || null },
];

const mandateColumns = (ind: Indicators): Column<MandateFigures>[] => [
  { header: 'Mandate', width: 70, value: (r) => r.title },
  { header: 'Kind', width: 10, value: (r) => r.kind },
  { header: `Pending at ${ind.asOf}`, width: 10, value: (r) => r.pending.count },
  { header: 'Median age of pending (years)', width: 12, value: (r) => r.pending.medianAgeYears },
  { header: 'Oldest pending request', width: 12, value: (r) => r.pending.oldestOpenedOn },
  { header: `Reminders in ${ind.year}`, width: 10, value: (r) => r.remindersInYear },
  { header: `Visits in ${ind.year}`, width: 10, value: (r) => r.visitsInYear },
  { header: `Visits ${ind.window.from}-${ind.window.to}`, width: 10, value: (r) => r.visitsInWindow },
  { header: `Requests ${ind.window.from}-${ind.window.to}`, width: 10, value: (r) => r.requestsInWindow },
  { header: 'Accepted', width: 10, value: (r) => r.accepted },
  { header: 'Acceptance rate (%)', width: 10, value: (r) => percent(r.acceptanceRate) },
  { header: 'Any response rate (%)', width: 10, value: (r) => percent(r.anyResponseRate) },
  { header: 'Substantive response rate (%)', width: 10, value: (r) => percent(r.substantiveResponseRate) },
  { header: 'Median days to acceptance', width: 10, value: (r) => r.daysToAcceptance.median },
  { header: 'Median days to visit', width: 10, value: (r) => r.daysToVisit.median },
];

const PENDING: Column<IndicatorRequest>[] = [
  { header: 'Mandate', width: 60, value: (r) => r.mandateTitle },
  { header: 'State', width: 28, value: (r) => r.stateName },
  { header: 'Code', width: 6, value: (r) => r.stateCode },
  { header: 'Requested on', width: 12, value: (r) => r.openedOn },
  { header: 'Age (years)', width: 10, value: (r) => r.ageYears },
  { header: 'Request id', width: 10, value: (r) => r.id },
];

/**
 * Exports one table of the indicators for a year, window and group.
 * File name: cooperation-indicators-<year>-<table>[-annex][-<group>].<csv|xlsx>.
 */
export async function exportIndicators(
  db: Executor,
  args: IndicatorsArgs & { table: IndicatorTable; format: 'csv' | 'xlsx' },
  today: string,
): Promise<ExportedFile> {
  const ind = await computeIndicators(db, args, today);
  const group = ind.regionalGroup ? `-${ind.regionalGroup.toLowerCase().replace(/[^a-z]+/g, '-')}` : '';
  const window = ind.window.kind === 'annex' ? '-annex' : '';
  const name = `cooperation-indicators-${ind.year}-${args.table}${window}${group}`;
  const f = args.format;
  switch (args.table) {
    case 'summary':
      return writeTable({ sheet: `Summary ${ind.year}`, columns: SUMMARY, rows: summaryRows(ind) }, f, name);
    case 'states':
      return writeTable({ sheet: `States ${ind.year}`, columns: stateColumns(ind), rows: ind.stateTable }, f, name);
    case 'regionalGroups':
      return writeTable({ sheet: `Regional groups ${ind.year}`, columns: groupColumns(ind), rows: ind.byRegionalGroup }, f, name);
    case 'visits':
      return writeTable({ sheet: `Visits ${ind.year}`, columns: VISITS, rows: ind.visitsInYear.visits }, f, name);
    case 'mandates':
      return writeTable({ sheet: `Mandates ${ind.year}`, columns: mandateColumns(ind), rows: ind.mandates }, f, name);
    case 'pendingRequests': {
      const rows = await listIndicatorRequests(db, { year: ind.year, window: ind.window.kind, regionalGroup: ind.regionalGroup, mandateId: null, list: 'pending' }, today);
      return writeTable({ sheet: `Pending ${ind.asOf}`, columns: PENDING, rows }, f, name);
    }
  }
}
