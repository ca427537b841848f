/**
 * Requests: every thread in one virtualized table (smooth at 100,000 rows: only the visible rows
 * are rendered, and pages of 100 rows are fetched as they come into view), with filters,
 * accent-insensitive search, sorting by any column, and export of the current filter.
 */
import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Input, Label, SearchField, Tag, TagGroup, TagList } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { RequestListRow } from '../../../db/queries';
import type { RequestFilter } from '../../../db/contract';
import { ComboInput, MultiSelectInput, TextInput } from '../components/fields';
import { ErrorNotice, PageHeader, StatusText } from '../components/ui';
import { call, errorText, type ArgsOf } from '../lib/api';
import { parseYear } from '../lib/format';
import { mandateLabel, useMandates, useSettings, useStateOptions, useStates } from '../lib/reference';
import { href, navigate } from '../lib/router';
import { REGIONAL_GROUPS, STATUSES, type RegionalGroup, type Status } from '../lib/vocab';
import { ExportDialog } from './ExportDialog';

type SortColumn = 'state' | 'mandate' | 'status' | 'openedOn' | 'lastDocumentOn' | 'reminders';
type ColumnId = 'state' | 'mandate' | 'status' | 'openedOn' | 'lastDocument' | 'reminders' | 'age';
/** The header the user sorted by, and which way as the header shows it. */
type Sort = { header: ColumnId; ascending: boolean };

/** What the Requests screen shows: kept by the shell while the user looks at a thread. */
export interface RequestsView {
  search: string;
  statuses: Status[];
  /** null: not chosen yet, so "my mandates" from the settings apply. */
  mandateIds: number[] | null;
  stateCodes: string[];
  regionalGroups: RegionalGroup[];
  yearFrom: string;
  yearTo: string;
  holderId: number | null;
  sort: Sort;
}

export const initialRequestsView: RequestsView = {
  search: '',
  statuses: [],
  mandateIds: null,
  stateCodes: [],
  regionalGroups: [],
  yearFrom: '',
  yearTo: '',
  holderId: null,
  sort: { header: 'state', ascending: true },
};

/** The API filter for a view; the year range is only sent when both ends make sense. */
export function toApiFilter(view: RequestsView, myMandateIds: number[]): RequestFilter {
  const filter: RequestFilter = {};
  const search = view.search.trim();
  if (search) filter.search = search;
  if (view.statuses.length) filter.statuses = view.statuses;
  const mandateIds = view.mandateIds ?? myMandateIds;
  if (mandateIds.length) filter.mandateIds = mandateIds;
  if (view.stateCodes.length) filter.stateCodes = view.stateCodes;
  if (view.regionalGroups.length) filter.regionalGroups = view.regionalGroups;
  const from = parseYear(view.yearFrom);
  const to = parseYear(view.yearTo);
  if (from !== undefined && (to === undefined || from <= to)) filter.yearFrom = from;
  if (to !== undefined && (from === undefined || from <= to)) filter.yearTo = to;
  if (view.holderId !== null) filter.holderIds = [view.holderId];
  return filter;
}

/**
 * Whether the years typed make a range: each blank or a year, the first not after the last. A
 * list under a range that is not one would show every thread as if filtered.
 */
function yearsMakeRange(view: RequestsView): boolean {
  const from = parseYear(view.yearFrom);
  const to = parseYear(view.yearTo);
  const typedNoYear = (text: string, year: number | undefined) => text.trim() !== '' && year === undefined;
  return !typedNoYear(view.yearFrom, from) && !typedNoYear(view.yearTo, to) && !(from !== undefined && to !== undefined && from > to);
}

/** The API's sort for the header the user pressed. */
function toApiSort(sort: Sort): ListArgs['sort'] {
  const column = COLUMNS.find((c) => c.id === sort.header) ?? COLUMNS[0]!;
  const ascending = column.reversed ? !sort.ascending : sort.ascending;
  return { column: column.sort, direction: ascending ? 'asc' : 'desc' };
}

const PAGE_SIZE = 100;
const ROW_HEIGHT = 52;

interface Column {
  id: ColumnId;
  /** Sort used by the header; age sorts by the opening date, reversed. */
  sort: SortColumn;
  reversed?: boolean;
}
type ListArgs = ArgsOf<'requests:list'>;

const COLUMNS: Column[] = [
  { id: 'state', sort: 'state' },
  { id: 'mandate', sort: 'mandate' },
  { id: 'status', sort: 'status' },
  { id: 'openedOn', sort: 'openedOn' },
  { id: 'lastDocument', sort: 'lastDocumentOn' },
  { id: 'reminders', sort: 'reminders' },
  { id: 'age', sort: 'openedOn', reversed: true },
];

/** The Requests screen. */
export function RequestsPage(props: { view: RequestsView; onViewChange: (view: RequestsView) => void; exportRequested: boolean }) {
  const { t } = useTranslation();
  const { view, onViewChange } = props;
  const settings = useSettings();
  const myMandateIds = settings.data?.myMandateIds ?? [];
  // Search is typed fast: send it once the user pauses.
  const [searchText, setSearchText] = useState(view.search);
  // ...and follows the view when it changes elsewhere ("Clear filters", Back): else the pause would put the old text back
  const [viewSearch, setViewSearch] = useState(view.search);
  if (view.search !== viewSearch) {
    setViewSearch(view.search);
    setSearchText(view.search);
  }
  useEffect(() => {
    if (searchText === view.search) return;
    const timer = setTimeout(() => onViewChange({ ...view, search: searchText }), 250);
    return () => clearTimeout(timer);
  }, [searchText, view, onViewChange]);

  const filter = useMemo(() => toApiFilter(view, myMandateIds), [view, myMandateIds]);
  const [exportOpen, setExportOpen] = useState(false);
  useEffect(() => {
    if (props.exportRequested) {
      setExportOpen(true);
      // back to the plain address, so that Back does not reopen the dialog
      window.history.replaceState(null, '', href({ name: 'requests' }));
    }
  }, [props.exportRequested]);

  return (
    <div className="page page-requests">
      <PageHeader
        title={t('requests.title')}
        actions={
          <>
            <Button className="button" onPress={() => setExportOpen(true)} isDisabled={!yearsMakeRange(view)}>
              {t('requests.export')}
            </Button>
            <a className="button button-primary" href={href({ name: 'newRequest' })}>
              {t('requests.new')}
            </a>
          </>
        }
      />
      <div className="requests-toolbar">
        <SearchField className="field search-field" value={searchText} onChange={setSearchText} aria-describedby="search-hint">
          <Label>{t('requests.search')}</Label>
          <Input placeholder={t('requests.searchPlaceholder')} />
          <span id="search-hint" className="visually-hidden">
            {t('requests.searchHint')}
          </span>
        </SearchField>
        <Filters view={view} onViewChange={onViewChange} myMandateIds={myMandateIds} />
      </div>
      {settings.isError && <ErrorNotice>{errorText(settings.error)}</ErrorNotice>}
      {!settings.isPending &&
        (yearsMakeRange(view) ? (
          <RequestsTable filter={filter} sort={view.sort} onSort={(sort) => onViewChange({ ...view, sort })} />
        ) : (
          <p className="muted" role="status">
            {t('requests.fixYears')}
          </p>
        ))}
      <ExportDialog isOpen={exportOpen} onOpenChange={setExportOpen} filter={filter} />
    </div>
  );
}

function Filters(props: { view: RequestsView; onViewChange: (view: RequestsView) => void; myMandateIds: number[] }) {
  const { t } = useTranslation();
  const { view, onViewChange: set } = props;
  const mandates = useMandates();
  const states = useStates();
  const stateOptions = useStateOptions();
  const mandateIds = view.mandateIds ?? props.myMandateIds;
  const usingMine = view.mandateIds === null && props.myMandateIds.length > 0;
  const mandateById = new Map((mandates.data ?? []).map((m) => [m.id, m]));
  const stateByCode = new Map((states.data ?? []).map((s) => [s.code, s]));
  const holderOptions = (mandates.data ?? []).flatMap((m) => m.holders.map((h) => ({ id: String(h.id), label: `${h.name} (${m.short_name || m.title})` })));
  const yearError = (text: string) => (text.trim() && parseYear(text) === undefined ? t('requests.filter.yearInvalid') : undefined);
  const from = parseYear(view.yearFrom);
  const to = parseYear(view.yearTo);
  const rangeError = from !== undefined && to !== undefined && from > to ? t('requests.filter.yearOrder') : undefined;
  const anyFilter =
    view.statuses.length || mandateIds.length || view.stateCodes.length || view.regionalGroups.length || view.yearFrom || view.yearTo || view.holderId !== null || view.search;

  return (
    <div className="filters" role="group" aria-label={t('requests.filter.label')}>
      <div className="filter-row">
        <MultiSelectInput
          label={t('requests.filter.status')}
          placeholder={t('requests.filter.any')}
          value={view.statuses}
          onChange={(v) => set({ ...view, statuses: v as Status[] })}
          options={STATUSES.map((s) => ({ id: s, label: t(`status.${s}`) }))}
        />
        <MultiSelectInput
          label={t('requests.filter.regionalGroup')}
          placeholder={t('requests.filter.any')}
          value={view.regionalGroups}
          onChange={(v) => set({ ...view, regionalGroups: v as RegionalGroup[] })}
          options={REGIONAL_GROUPS.map((g) => ({ id: g, label: t(`regionalGroup.${g}`) }))}
        />
        <TextInput className="field-year" label={t('requests.filter.yearFrom')} value={view.yearFrom} onChange={(v) => set({ ...view, yearFrom: v })} error={yearError(view.yearFrom) ?? rangeError} />
        <TextInput className="field-year" label={t('requests.filter.yearTo')} value={view.yearTo} onChange={(v) => set({ ...view, yearTo: v })} error={yearError(view.yearTo)} />
        <ComboInput
          className="field-holder"
          label={t('requests.filter.holder')}
          placeholder={t('requests.filter.any')}
          value={view.holderId === null ? null : String(view.holderId)}
          onChange={(v) => set({ ...view, holderId: v === null ? null : Number(v) })}
          options={holderOptions}
        />
      </div>
      <div className="filter-row">
        <div className="tag-filter">
          <ComboInput
            key={`m-${mandateIds.join(',')}`}
            label={t('requests.filter.mandate')}
            placeholder={t('requests.filter.addMandate')}
            value={null}
            onChange={(v) => v && set({ ...view, mandateIds: [...new Set([...mandateIds, Number(v)])] })}
            options={(mandates.data ?? []).filter((m) => !mandateIds.includes(m.id)).map((m) => ({ id: String(m.id), label: mandateLabel(m) }))}
          />
          <div className="tag-line">
            {mandateIds.length > 0 && (
              <TagGroup aria-label={usingMine ? t('requests.filter.myMandates') : t('requests.filter.chosenMandates')} onRemove={(keys) => set({ ...view, mandateIds: mandateIds.filter((id) => !keys.has(String(id))) })}>
                <TagList className="tags">
                  {mandateIds.map((id) => {
                    const m = mandateById.get(id);
                    const label = m ? m.short_name || m.title : String(id);
                    return (
                      <Tag className="tag" id={String(id)} key={id} textValue={label}>
                        {label}
                        <Button slot="remove" className="tag-remove" aria-label={t('requests.filter.remove', { name: label })}>
                          ×
                        </Button>
                      </Tag>
                    );
                  })}
                </TagList>
              </TagGroup>
            )}
            {usingMine && <span className="hint">{t('requests.filter.myMandatesHint')}</span>}
            {mandateIds.length > 0 && (
              <Button className="button button-small" onPress={() => set({ ...view, mandateIds: [] })}>
                {t('requests.filter.allMandates')}
              </Button>
            )}
            {view.mandateIds !== null && props.myMandateIds.length > 0 && (
              <Button className="button button-small" onPress={() => set({ ...view, mandateIds: null })}>
                {t('requests.filter.useMyMandates')}
              </Button>
            )}
          </div>
        </div>
        <div className="tag-filter">
          <ComboInput
            key={`s-${view.stateCodes.join(',')}`}
            label={t('requests.filter.state')}
            placeholder={t('requests.filter.addState')}
            value={null}
            onChange={(v) => v && set({ ...view, stateCodes: [...new Set([...view.stateCodes, v])] })}
            options={stateOptions.filter((o) => !view.stateCodes.includes(o.id))}
          />
          <div className="tag-line">
            {view.stateCodes.length > 0 && (
              <TagGroup aria-label={t('requests.filter.chosenStates')} onRemove={(keys) => set({ ...view, stateCodes: view.stateCodes.filter((c) => !keys.has(c)) })}>
                <TagList className="tags">
                  {view.stateCodes.map((code) => {
                    const label = stateByCode.get(code)?.name_en ?? code;
                    return (
                      <Tag className="tag" id={code} key={code} textValue={label}>
                        {label}
                        <Button slot="remove" className="tag-remove" aria-label={t('requests.filter.remove', { name: label })}>
                          ×
                        </Button>
                      </Tag>
                    );
                  })}
                </TagList>
              </TagGroup>
            )}
          </div>
        </div>
        <div className="filter-clear">
          <Button className="button button-small" isDisabled={!anyFilter} onPress={() => set({ ...initialRequestsView, mandateIds: [], sort: view.sort })}>
            {t('requests.filter.clear')}
          </Button>
        </div>
      </div>
    </div>
  );
}

/**
 * The virtualized table. Rows are absolutely positioned inside a spacer as tall as all rows;
 * the pages under the visible rows are fetched (and cached by page index) through TanStack Query.
 */
function RequestsTable(props: { filter: RequestFilter; sort: Sort; onSort: (sort: Sort) => void }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  // The header scrolls with the rows (sticky), so columns line up whatever the scrollbar; rows start below it.
  const [headHeight, setHeadHeight] = useState(40);
  useLayoutEffect(() => {
    if (headRef.current) setHeadHeight(headRef.current.offsetHeight);
  }, []);
  const [total, setTotal] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const apiSort = toApiSort(props.sort);
  const argsFor = (page: number): ListArgs => ({ filter: props.filter, sort: apiSort, offset: page * PAGE_SIZE, limit: PAGE_SIZE });

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });
  const items = virtualizer.getVirtualItems();
  const pages = [...new Set([0, ...items.map((i) => Math.floor(i.index / PAGE_SIZE))])];
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: ['requests:list', argsFor(page)],
      queryFn: () => call('requests:list', argsFor(page)),
    })),
  });
  const first = results[0];
  useEffect(() => {
    if (first?.data) setTotal(first.data.total);
  }, [first?.data]);
  // A new filter or sort starts at the top.
  const filterKey = JSON.stringify([props.filter, props.sort]);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setActive(0);
  }, [filterKey]);

  const rowAt = (index: number): RequestListRow | undefined => {
    const page = Math.floor(index / PAGE_SIZE);
    const result = results[pages.indexOf(page)];
    return result?.data?.rows[index - page * PAGE_SIZE];
  };

  useEffect(() => {
    if (!focusPending.current) return;
    const link = scrollRef.current?.querySelector<HTMLAnchorElement>(`[data-row="${active}"] a`);
    if (link) {
      focusPending.current = false;
      link.focus({ preventScroll: true });
    }
  });

  const count = total ?? 0;
  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const perPage = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + perPage, PageUp: active - perPage, Home: 0, End: count - 1 };
    const to = keys[e.key];
    if (to === undefined || count === 0) return;
    e.preventDefault();
    move(to);
  };

  const sortOf = (c: Column): 'ascending' | 'descending' | 'none' => (props.sort.header !== c.id ? 'none' : props.sort.ascending ? 'ascending' : 'descending');
  const onHeader = (c: Column) => props.onSort({ header: c.id, ascending: sortOf(c) !== 'ascending' });

  const error = results.find((r) => r.error)?.error;
  // one row link is in the Tab order: the active row, or the first in view when it scrolled away
  const tabbableIndex = items.some((i) => i.index === active) ? active : items[0]?.index;
  return (
    <section className="requests-table-section" aria-labelledby="requests-count">
      <p id="requests-count" className="table-count" role="status">
        {total === null ? t('common.loading') : t('requests.count', { count: total })}
      </p>
      {error && <ErrorNotice>{errorText(error)}</ErrorNotice>}
      <div className="vtable" role="table" aria-label={t('requests.tableLabel')} aria-rowcount={count + 1}>
        <div className="vtable-scroll" ref={scrollRef} onKeyDown={onKeyDown}>
          <div className="vtable-head" role="rowgroup" ref={headRef}>
            <div className="vtable-row vtable-header-row" role="row" aria-rowindex={1}>
              {COLUMNS.map((c) => {
                const sort = sortOf(c);
                return (
                  <div key={c.id} role="columnheader" aria-sort={sort} className={`vtable-cell col-${c.id}`}>
                    <button type="button" className="sort-button" onClick={() => onHeader(c)}>
                      {t(`requests.column.${c.id}`)}
                      <span aria-hidden="true" className="sort-indicator">
                        {sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : ''}
                      </span>
                    </button>
                  </div>
                );
              })}
            </div>
          </div>
          <div className="vtable-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-row={item.index}
                  className={`vtable-row ${item.index % 2 ? 'odd' : ''} ${item.index === active ? 'active' : ''}`}
                  style={{ transform: `translateY(${item.start - headHeight}px)`, height: item.size }}
                  onClick={(e) => {
                    if (!row || (e.target as HTMLElement).closest('a')) return;
                    setActive(item.index);
                    navigate({ name: 'request', id: row.id });
                  }}
                >
                  {row ? <RowCells row={row} tabbable={item.index === tabbableIndex} onFocus={() => setActive(item.index)} /> : <div className="vtable-cell loading-row" role="cell">{t('common.loading')}</div>}
                </div>
              );
            })}
          </div>
          {total === 0 && <p className="empty">{t('requests.empty')}</p>}
        </div>
      </div>
    </section>
  );
}

function RowCells(props: { row: RequestListRow; tabbable: boolean; onFocus: () => void }) {
  const { t } = useTranslation();
  const { row } = props;
  return (
    <>
      <div role="cell" className="vtable-cell col-state">
        <a href={href({ name: 'request', id: row.id })} tabIndex={props.tabbable ? 0 : -1} onFocus={props.onFocus} className="row-link">
          {row.stateName}
        </a>
      </div>
      <div role="cell" className="vtable-cell col-mandate" title={row.mandateTitle}>
        <span className="clamp">{row.mandateShortName || row.mandateTitle}</span>
      </div>
      <div role="cell" className="vtable-cell col-status" title={row.statusText ? `${row.status} — ${row.statusText}` : undefined}>
        <span className="clamp">
          <StatusText status={row.status} detail={row.statusText} />
        </span>
      </div>
      <div role="cell" className="vtable-cell col-openedOn">
        <span className="date">{row.openedOn ?? t('common.undated')}</span>
        {row.openedBy === 'invitation' ? (
          <span className="sub">{t('requests.invitedByState')}</span>
        ) : (
          row.openedByHolder && <span className="sub">{t('requests.byHolder', { name: row.openedByHolder })}</span>
        )}
      </div>
      <div role="cell" className="vtable-cell col-lastDocument">
        <span className="date">{row.lastDocumentOn ?? t('common.undated')}</span>
        {row.lastDocumentType && <span className="sub">{t(`documentType.${row.lastDocumentType as 'request'}`, { defaultValue: row.lastDocumentType })}</span>}
      </div>
      <div role="cell" className="vtable-cell col-reminders num">
        {row.reminderCount}
        {row.lastReminderOn && <span className="sub">{row.lastReminderOn}</span>}
      </div>
      <div role="cell" className="vtable-cell col-age num">
        {row.ageYears ?? '—'}
      </div>
    </>
  );
}
