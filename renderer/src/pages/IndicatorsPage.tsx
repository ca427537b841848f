/**
 * Cooperation indicators (issue #5): the annual "Facts and figures" of country visits for a
 * reporting year, computed live by db/indicators.ts ('indicators:get'). Headline figures that
 * open the list of their States, the report's text, charts, a world map, the tables by regional
 * group and per mandate, an export of every table, and an A4 print laid out like the visits
 * chapter of the annual report (styles/indicators.css, @media print).
 */
import { useState, type ReactNode } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { IndicatorTable, MANDATE_REQUEST_LISTS } from '../../../db/contract';
import type { CountedStates, Indicators, MandateFigures, YearVisit } from '../../../db/indicators';
import { CheckboxInput, SelectInput } from '../components/fields';
import { ErrorNotice, InfoNotice, Loading, ModalDialog, PageHeader } from '../components/ui';
import { call, errorText, useApiQuery } from '../lib/api';
import { href } from '../lib/router';
import { REGIONAL_GROUPS, type RegionalGroup } from '../lib/vocab';
import { CooperationMap, HorizontalBars } from './IndicatorsCharts';
import '../styles/indicators.css';

type WindowKind = 'report-text' | 'annex';
type RequestList = (typeof MANDATE_REQUEST_LISTS)[number];
/** What a drill-down dialog shows: the States or visits behind a headline figure, or the requests behind a per-mandate figure ('indicators:requests'). */
type Drill =
  | { title: string; states: CountedStates }
  | { title: string; visits: YearVisit[] }
  | { title: string; count: number; requests: { args: Args; mandateId: number; list: RequestList } };

/** Bytes as the API may answer them: a Uint8Array, or a plain array after a transport. */
function asBytes(value: unknown): Uint8Array<ArrayBuffer> {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return Uint8Array.from(value as number[]);
  if (value && typeof value === 'object') return Uint8Array.from(Object.values(value as Record<string, number>));
  return new Uint8Array();
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)} %`);
const num = (n: number | null) => (n === null ? '—' : String(Math.round(n * 10) / 10));

/** The last whole calendar year: the default reporting year. */
export function lastFullYear(today = new Date()): number {
  return today.getFullYear() - 1;
}

/** The Indicators screen. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const current = new Date().getFullYear();
  const [year, setYear] = useState(lastFullYear());
  const [windowKind, setWindowKind] = useState<WindowKind>('report-text');
  const [group, setGroup] = useState<RegionalGroup | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const args = { year, window: windowKind, regionalGroup: group };
  const query = useApiQuery('indicators:get', args);
  const ind = query.data;

  const years = Array.from({ length: current - 1990 + 1 }, (_, i) => String(current - i)).map((y) => ({ id: y, label: y }));

  return (
    <div className="page page-indicators">
      <PageHeader
        title={t('indicators.title')}
        subtitle={ind ? t('indicators.subtitle', { asOf: ind.asOf, windowAsOf: ind.window.asOf }) : undefined}
        actions={
          <Button className="button button-primary" onPress={() => window.print()}>
            {t('indicators.print')}
          </Button>
        }
      />
      <section className="card ind-controls no-print" aria-label={t('indicators.controls')}>
        <SelectInput className="ind-year" label={t('indicators.year')} value={String(year)} onChange={(v) => v && setYear(Number(v))} options={years} />
        <RadioGroup className="radio-group ind-window" value={windowKind} onChange={(v) => setWindowKind(v as WindowKind)}>
          <Label>{t('indicators.window')}</Label>
          <Radio className="radio" value="report-text">
            {t('indicators.windowReportText')}
          </Radio>
          <Radio className="radio" value="annex">
            {t('indicators.windowAnnex')}
          </Radio>
        </RadioGroup>
        <SelectInput
          className="ind-group"
          label={t('indicators.group')}
          value={group}
          noneLabel={t('indicators.allGroups')}
          onChange={(v) => setGroup(v as RegionalGroup | null)}
          options={REGIONAL_GROUPS.map((g) => ({ id: g, label: t(`regionalGroup.${g}`) }))}
        />
      </section>
      {query.isPending && <Loading />}
      {query.isError && <ErrorNotice>{errorText(query.error)}</ErrorNotice>}
      {ind && (
        <>
          <p className="ind-window-shown" role="status">
            {t('indicators.windowShown', { from: ind.window.from, to: ind.window.to })} — {windowKind === 'annex' ? t('indicators.windowAnnex') : t('indicators.windowReportText')}
            {group ? ` — ${t(`regionalGroup.${group}`)}` : ''}
          </p>
          <Headline ind={ind} onDrill={setDrill} args={args} />
          <ReportText ind={ind} />
          <section className="ind-section ind-pictures" aria-labelledby="ind-charts">
            <h2 id="ind-charts">{t('indicators.charts')}</h2>
            <div className="ind-chart-grid">
              <div className="card">
                <HorizontalBars
                  title={t('indicators.chartGroups')}
                  description={t('indicators.chartDesc')}
                  series={[t('indicators.legendVisited'), t('indicators.legendNever')]}
                  labelWidth={130}
                  data={ind.byRegionalGroup.filter((g) => g.regionalGroup !== null).map((g) => ({ key: g.regionalGroup!, label: t(`regionalGroupShort.${g.regionalGroup!}`), values: [g.visited, g.neverVisited] }))}
                />
              </div>
              <div className="card">
                <HorizontalBars
                  title={t('indicators.chartNever')}
                  description={t('indicators.chartDesc')}
                  series={[t('indicators.neverVisited')]}
                  data={(['noRequest', 'requestNotAccepted', 'invitation', 'acceptedNotHeld'] as const).map((k) => ({ key: k, label: t(`indicators.${k}`), values: [ind.states.neverVisited[k].count] }))}
                />
              </div>
            </div>
            <div className="card ind-map-card">
              <h3>{t('indicators.map')}</h3>
              <CooperationMap rows={ind.stateTable} />
            </div>
          </section>
          <GroupTable ind={ind} args={args} />
          <MandateTable ind={ind} args={args} onDrill={setDrill} />
          <VisitsTable ind={ind} args={args} />
        </>
      )}
      <DrillDialog drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}

type Args = { year: number; window: WindowKind; regionalGroup: RegionalGroup | null };

/** CSV and XLSX buttons for one table: 'indicators:export', then the shell's save dialog. */
function ExportButtons(props: { args: Args; table: IndicatorTable; label?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tableName = t(`indicators.export.${props.table}`);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setSaved(null);
    setError(null);
    try {
      const file = await call('indicators:export', { ...props.args, table: props.table, format });
      const result = await call('app:saveFile', {
        defaultName: file.fileName,
        bytes: asBytes(file.bytes),
        filters: [format === 'csv' ? { name: t('export.csv'), extensions: ['csv'] } : { name: t('export.xlsx'), extensions: ['xlsx'] }],
      });
      if (result.saved) setSaved(result.path ?? file.fileName);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="ind-export no-print">
      {props.label && <span className="ind-export-label">{props.label}</span>}
      {(['csv', 'xlsx'] as const).map((f) => (
        <Button key={f} className="button button-small" onPress={() => run(f)} isPending={busy === f} aria-label={t('indicators.export.label', { table: tableName, format: t(`indicators.export.${f}`) })}>
          {t(`indicators.export.${f}`)}
        </Button>
      ))}
      {saved && <InfoNotice>{t('indicators.export.saved', { path: saved })}</InfoNotice>}
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </div>
  );
}

/** A figure that opens the list of its States. */
function Figure(props: { value: ReactNode; label: string; states?: CountedStates; onDrill?: (d: Drill) => void; sub?: boolean; extra?: () => void }) {
  const { t } = useTranslation();
  const body = (
    <>
      <span className="fig-value">{props.value}</span>{' '}
      <span className="fig-label">{props.label}</span>
    </>
  );
  const open = props.extra ?? (props.states && props.onDrill ? () => props.onDrill!({ title: props.label, states: props.states! }) : null);
  return (
    <li className={`fig ${props.sub ? 'fig-sub' : ''}`}>
      {open ? (
        <Button className="fig-button" onPress={open}>
          {body}
          <span className="visually-hidden">{t('indicators.showStates')}</span>
          <span className="fig-more" aria-hidden="true">
            ›
          </span>
        </Button>
      ) : (
        <div className="fig-static">{body}</div>
      )}
    </li>
  );
}

function Headline(props: { ind: Indicators; onDrill: (d: Drill) => void; args: Args }) {
  const { t } = useTranslation();
  const { ind, onDrill } = props;
  const s = ind.states;
  const w = ind.window;
  const v = ind.visitsInYear;
  return (
    <section className="ind-section" aria-labelledby="ind-headline">
      <div className="ind-section-head">
        <h2 id="ind-headline">{t('indicators.headline')}</h2>
        <ExportButtons args={props.args} table="summary" />
      </div>
      <div className="ind-cards">
        <div className="card ind-card">
          <h3>{t('indicators.visitedCard')}</h3>
          <p className="fig-headline">{t('indicators.visitedOf', { visited: s.visited.count, members: s.memberStates })}</p>
          <ul className="figs">
            <Figure value={s.visited.count} label={t('indicators.visited')} states={s.visited} onDrill={onDrill} />
            <Figure value={s.neverVisited.count} label={t('indicators.neverVisited')} states={s.neverVisited} onDrill={onDrill} />
            {(['noRequest', 'requestNotAccepted', 'invitation', 'acceptedNotHeld'] as const).map((k) => (
              <Figure key={k} sub value={s.neverVisited[k].count} label={t(`indicators.${k}`)} states={s.neverVisited[k]} onDrill={onDrill} />
            ))}
          </ul>
        </div>
        <div className="card ind-card">
          <h3>{t('indicators.standingCard')}</h3>
          <ul className="figs">
            <Figure
              value={s.standingInvitations.total}
              label={t('indicators.standingTotal')}
              states={{ count: s.standingInvitations.total, states: [...s.standingInvitations.memberStates.states, ...s.standingInvitations.observerStates.states] }}
              onDrill={onDrill}
            />
            <Figure sub value={s.standingInvitations.memberStates.count} label={t('indicators.standingMembers')} states={s.standingInvitations.memberStates} onDrill={onDrill} />
            <Figure sub value={s.standingInvitations.observerStates.count} label={t('indicators.standingObservers')} states={s.standingInvitations.observerStates} onDrill={onDrill} />
            <Figure value={s.standingInvitations.extendedInYear.count} label={t('indicators.standingExtended', { year: ind.year })} states={s.standingInvitations.extendedInYear} onDrill={onDrill} />
          </ul>
        </div>
        <div className="card ind-card">
          <h3>{t('indicators.yearCard', { year: ind.year })}</h3>
          <ul className="figs">
            <Figure value={v.visits.length} label={t('indicators.visits')} extra={() => onDrill({ title: t('indicators.visitsDialog', { year: ind.year }), visits: v.visits })} />
            <Figure sub value={v.mandateVisits} label={t('indicators.mandateVisits')} />
            <Figure value={s.visitsInYear.statesAndTerritories.count} label={t('indicators.statesVisitedInYear')} states={s.visitsInYear.statesAndTerritories} onDrill={onDrill} />
          </ul>
          {v.undated > 0 && <p className="hint">{t('indicators.undatedVisits', { count: v.undated })}</p>}
        </div>
        <div className="card ind-card">
          <h3>{t('indicators.fiveCard', { from: w.from, to: w.to })}</h3>
          <ul className="figs">
            <Figure value={s.fiveYears.fiveOrMoreVisits.count} label={t('indicators.fiveOrMore')} states={s.fiveYears.fiveOrMoreVisits} onDrill={onDrill} />
            <Figure value={s.fiveYears.noVisit.count} label={t('indicators.noVisit')} states={s.fiveYears.noVisit} onDrill={onDrill} />
            <Figure sub value={s.fiveYears.noVisitWithRequest.count} label={t('indicators.noVisitWithRequest')} states={s.fiveYears.noVisitWithRequest} onDrill={onDrill} />
            <Figure value={s.fiveYears.noAcceptanceDespiteFivePending.count} label={t('indicators.noAcceptance')} states={s.fiveYears.noAcceptanceDespiteFivePending} onDrill={onDrill} />
          </ul>
        </div>
      </div>
    </section>
  );
}

/** The figures as the report's text writes them (also the lead of the printed chapter). */
function ReportText(props: { ind: Indicators }) {
  const { t } = useTranslation();
  const { ind } = props;
  const s = ind.states;
  const n = s.neverVisited;
  return (
    <section className="card ind-report-text" aria-labelledby="ind-chapter">
      <h2 id="ind-chapter">
        <span className="no-print">{t('indicators.reportText')}</span>
        <span className="print-only">{t('indicators.chapter')}</span>
      </h2>
      <p className="print-only ind-chapter-lead">{t('indicators.chapterLead', { year: ind.year })}</p>
      <p>{t('indicators.para1', { year: ind.year, visits: ind.visitsInYear.visits.length, mandateVisits: ind.visitsInYear.mandateVisits, states: s.visitsInYear.statesAndTerritories.count })}</p>
      <p>
        {t('indicators.para2', {
          asOf: ind.asOf,
          visited: s.visited.count,
          members: s.memberStates,
          never: n.count,
          noRequest: n.noRequest.count,
          notAccepted: n.requestNotAccepted.count,
          invitation: n.invitation.count,
          accepted: n.acceptedNotHeld.count,
        })}
      </p>
      <p>
        {t('indicators.para3', {
          total: s.standingInvitations.total,
          members: s.standingInvitations.memberStates.count,
          observers: s.standingInvitations.observerStates.count,
          extended: s.standingInvitations.extendedInYear.count,
          year: ind.year,
        })}
      </p>
      <p>
        {t('indicators.para4', {
          from: ind.window.from,
          to: ind.window.to,
          five: s.fiveYears.fiveOrMoreVisits.count,
          noVisit: s.fiveYears.noVisit.count,
          noVisitWithRequest: s.fiveYears.noVisitWithRequest.count,
          noAcceptance: s.fiveYears.noAcceptanceDespiteFivePending.count,
        })}
      </p>
    </section>
  );
}

function GroupTable(props: { ind: Indicators; args: Args }) {
  const { t } = useTranslation();
  const { ind } = props;
  const rows = ind.byRegionalGroup;
  const total = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
  const cols = [
    ['memberStates', t('indicators.col.members')],
    ['visited', t('indicators.col.visited')],
    ['neverVisited', t('indicators.col.never')],
    ['noRequest', t('indicators.col.noRequest')],
    ['requestNotAccepted', t('indicators.col.notAccepted')],
    ['invitation', t('indicators.col.invitation')],
    ['acceptedNotHeld', t('indicators.col.acceptedNotHeld')],
    ['standingInvitations', t('indicators.col.standing')],
    ['visitsInYear', t('indicators.col.visitsInYear', { year: ind.year })],
    ['statesAndTerritoriesVisitedInYear', t('indicators.col.statesInYear', { year: ind.year })],
    ['fiveOrMoreVisits', t('indicators.col.fiveOrMore')],
    ['noVisitInWindow', t('indicators.col.noVisit')],
    ['noVisitInWindowWithRequest', t('indicators.col.noVisitWithRequest')],
    ['noAcceptanceDespiteFivePending', t('indicators.col.noAcceptance')],
  ] as const;
  return (
    <section className="ind-section ind-table-section" aria-labelledby="ind-groups">
      <div className="ind-section-head">
        <h2 id="ind-groups">{t('indicators.byGroup')}</h2>
        <ExportButtons args={props.args} table="regionalGroups" />
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="ind-groups">
        <table className="table ind-table">
          <caption className="visually-hidden">{t('indicators.byGroup')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicators.col.group')}</th>
              {cols.map(([k, label]) => (
                <th scope="col" className="num" key={k}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.regionalGroup ?? 'none'}>
                <th scope="row" className="ind-group-name">{r.regionalGroup ? t(`regionalGroup.${r.regionalGroup}`) : t('indicators.noGroup')}</th>
                {cols.map(([k]) => (
                  <td className="num" key={k}>
                    {r[k]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('indicators.allGroups')}</th>
              {cols.map(([k]) => (
                <td className="num" key={k}>
                  {total(k)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/**
 * A per-mandate figure that opens the list of the requests behind it (as the headline figures
 * open their States); a figure with nothing behind it is plain text.
 */
function MandateCell(props: { m: MandateFigures; list: RequestList; count: number; children: ReactNode; args: Args; ind: Indicators; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  const { m, list, ind } = props;
  // the rates are over the window's requests: nothing to list when there were none
  const behind = list === 'accepted' || list === 'anyResponse' || list === 'substantive' ? m.requestsInWindow : props.count;
  if (behind === 0) return <td className="num">{props.children}</td>;
  const title = t(`indicators.drill.${list}`, { mandate: m.shortName || m.title, year: ind.year, from: ind.window.from, to: ind.window.to, asOf: ind.window.asOf, of: m.requestsInWindow });
  return (
    <td className="num">
      <Button className="cell-drill" onPress={() => props.onDrill({ title, count: props.count, requests: { args: props.args, mandateId: m.mandateId, list } })}>
        {props.children}
        <span className="visually-hidden">{t('indicators.showRequests')}</span>
      </Button>
    </td>
  );
}

function MandateTable(props: { ind: Indicators; args: Args; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  const { ind } = props;
  const cell = { args: props.args, ind, onDrill: props.onDrill };
  const [onlyActive, setOnlyActive] = useState(true);
  const active = (m: MandateFigures) => m.pending.count > 0 || m.requestsInWindow > 0 || m.visitsInYear > 0 || m.visitsInWindow > 0 || m.remindersInYear > 0;
  const rows = onlyActive ? ind.mandates.filter(active) : ind.mandates;
  const charted = [...ind.mandates].filter((m) => m.requestsInWindow > 0).sort((a, b) => b.requestsInWindow - a.requestsInWindow).slice(0, 12);
  return (
    <section className="ind-section ind-table-section" aria-labelledby="ind-mandates">
      <div className="ind-section-head">
        <h2 id="ind-mandates">{t('indicators.perMandate')}</h2>
        <ExportButtons args={props.args} table="mandates" />
        <ExportButtons args={props.args} table="pendingRequests" label={t('indicators.export.pendingButton')} />
      </div>
      <p className="hint">{t('indicators.perMandateHint', { from: ind.window.from, to: ind.window.to, windowAsOf: ind.window.asOf, year: ind.year })}</p>
      <div className="no-print">
        <CheckboxInput label={t('indicators.onlyActive')} value={onlyActive} onChange={setOnlyActive} />
      </div>
      {charted.length > 0 && (
        <div className="card ind-mandate-chart">
          <HorizontalBars
            title={t('indicators.chartMandates', { from: ind.window.from, to: ind.window.to })}
            description={t('indicators.chartDesc')}
            series={[t('indicators.col.acceptance')]}
            percent
            width={760}
            labelWidth={300}
            data={charted.map((m) => ({ key: String(m.mandateId), label: m.shortName || m.title, values: [(m.acceptanceRate ?? 0) * 100] }))}
          />
        </div>
      )}
      <div className="table-wrap table-scroll ind-scroll" tabIndex={0} role="region" aria-labelledby="ind-mandates">
        <table className="table ind-table ind-table-mandates">
          <caption className="visually-hidden">{t('indicators.perMandate')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicators.col.mandate')}</th>
              <th scope="col" className="num">
                {t('indicators.col.pending')}
              </th>
              <th scope="col" className="num">
                {t('indicators.col.medianAge')}
              </th>
              <th scope="col">{t('indicators.col.oldest')}</th>
              <th scope="col" className="num">
                {t('indicators.col.reminders', { year: ind.year })}
              </th>
              <th scope="col" className="num">
                {t('indicators.col.requests')}
              </th>
              <th scope="col" className="num">
                {t('indicators.col.acceptance')}
              </th>
              <th scope="col" className="num">
                {t('indicators.col.anyResponse')}
              </th>
              <th scope="col" className="num">
                {t('indicators.col.substantive')}
              </th>
              <th scope="col" className="num">
                {t('indicators.col.daysToAcceptance')}
              </th>
              <th scope="col" className="num">
                {t('indicators.col.daysToVisit')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.mandateId}>
                <th scope="row" className="ind-mandate-name">
                  {m.title}
                </th>
                <MandateCell {...cell} m={m} list="pending" count={m.pending.count}>
                  {m.pending.count}
                </MandateCell>
                <td className="num">{num(m.pending.medianAgeYears)}</td>
                <td className="nowrap">{m.pending.oldestOpenedOn ?? '—'}</td>
                <MandateCell {...cell} m={m} list="remindersInYear" count={m.remindersInYear}>
                  {m.remindersInYear}
                </MandateCell>
                <MandateCell {...cell} m={m} list="sentInWindow" count={m.requestsInWindow}>
                  {m.requestsInWindow}
                </MandateCell>
                <MandateCell {...cell} m={m} list="accepted" count={m.accepted}>
                  {pct(m.acceptanceRate)}
                </MandateCell>
                <MandateCell {...cell} m={m} list="anyResponse" count={m.anyResponse}>
                  {pct(m.anyResponseRate)}
                </MandateCell>
                <MandateCell {...cell} m={m} list="substantive" count={m.substantiveResponse}>
                  {pct(m.substantiveResponseRate)}
                </MandateCell>
                <td className="num">{num(m.daysToAcceptance.median)}</td>
                <td className="num">{num(m.daysToVisit.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function VisitsTable(props: { ind: Indicators; args: Args }) {
  const { t } = useTranslation();
  const { ind } = props;
  return (
    <section className="ind-section ind-table-section" aria-labelledby="ind-visits">
      <div className="ind-section-head">
        <h2 id="ind-visits">{t('indicators.yearVisits', { year: ind.year })}</h2>
        <ExportButtons args={props.args} table="visits" />
        <ExportButtons args={props.args} table="states" label={t('indicators.export.statesButton')} />
      </div>
      {ind.visitsInYear.visits.length === 0 ? (
        <p className="empty">{t('indicators.noVisits', { year: ind.year })}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="ind-visits">
          <table className="table ind-table">
            <caption className="visually-hidden">{t('indicators.yearVisits', { year: ind.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicators.col.state')}</th>
                <th scope="col">{t('indicators.col.dates')}</th>
                <th scope="col">{t('indicators.col.mandates')}</th>
                <th scope="col">{t('indicators.col.report')}</th>
              </tr>
            </thead>
            <tbody>
              {ind.visitsInYear.visits.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    {v.subject.name}
                    {!v.countsForSubject && <div className="sub">{t('indicators.notCounted')}</div>}
                  </th>
                  <td className="nowrap">{t('indicators.visitDates', { start: v.start ?? '', end: v.end ?? '…' })}</td>
                  <td>{v.mandates.map((m) => m.title).join('; ')}</td>
                  <td>{v.reportSymbol || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The requests behind a per-mandate figure, each opening its thread; what came back or the reminders as the list says. */
function RequestDrill(props: { args: Args; mandateId: number; list: RequestList }) {
  const { t } = useTranslation();
  const query = useApiQuery('indicators:requests', { ...props.args, mandateId: props.mandateId, list: props.list });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice>{errorText(query.error)}</ErrorNotice>;
  const rows = query.data;
  if (rows.length === 0) return <p>{t('indicators.noRequests')}</p>;
  const ofWindow = props.list === 'sentInWindow' || props.list === 'accepted' || props.list === 'anyResponse' || props.list === 'substantive';
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no'));
  return (
    <div className="table-wrap ind-request-list">
      <table className="table ind-table">
        <thead>
          <tr>
            <th scope="col">{t('indicators.col.state')}</th>
            <th scope="col">{t('indicators.col.requestedOn')}</th>
            <th scope="col" className="num">
              {t('indicators.col.age')}
            </th>
            {ofWindow && (
              <>
                <th scope="col">{t('indicators.col.accepted')}</th>
                <th scope="col">{t('indicators.col.answered')}</th>
                <th scope="col">{t('indicators.col.answeredInSubstance')}</th>
              </>
            )}
            {props.list === 'remindersInYear' && (
              <th scope="col" className="num">
                {t('indicators.col.remindersOfYear', { year: props.args.year })}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={href({ name: 'request', id: r.id })}>{r.stateName}</a>
              </th>
              <td className="nowrap">{r.openedOn ?? '—'}</td>
              <td className="num">{r.ageYears ?? '—'}</td>
              {ofWindow && (
                <>
                  <td>{yesNo(r.accepted)}</td>
                  <td>{yesNo(r.answered)}</td>
                  <td>{yesNo(r.answeredSubstantively)}</td>
                </>
              )}
              {props.list === 'remindersInYear' && <td className="num">{r.remindersInYear}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DrillDialog(props: { drill: Drill | null; onClose: () => void }) {
  const { t } = useTranslation();
  const d = props.drill;
  const count = d ? ('states' in d ? d.states.count : 'visits' in d ? d.visits.length : d.count) : 0;
  return (
    <ModalDialog title={d ? t('indicators.statesDialog', { figure: d.title, count }) : ''} isOpen={d !== null} onOpenChange={(open) => !open && props.onClose()} wide>
      {d && 'states' in d && (d.states.states.length === 0 ? <p>{t('indicators.noStates')}</p> : <ul className="ind-state-list">{d.states.states.map((s) => <li key={s.code}>{s.name}</li>)}</ul>)}
      {d && 'visits' in d && (
        <ul className="ind-visit-list">
          {d.visits.map((v) => (
            <li key={v.id}>
              <strong>{v.subject.name}</strong> — {t('indicators.visitDates', { start: v.start ?? '', end: v.end ?? '…' })} — {v.mandates.map((m) => m.title).join('; ')}
            </li>
          ))}
        </ul>
      )}
      {d && 'requests' in d && <RequestDrill {...d.requests} />}
      <div className="dialog-actions">
        <Button className="button" slot="close" autoFocus>
          {t('common.close')}
        </Button>
      </div>
    </ModalDialog>
  );
}
