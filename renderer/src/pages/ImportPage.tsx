/**
 * Import of the assistant's spreadsheet (CSV or XLSX): choose the file, optionally override the
 * column mapping, preview every row's result and every error (row, column, reason), answer the
 * day/month question when the file does not settle it, then confirm. Nothing is written before
 * Confirm (the API previews inside a transaction it rolls back).
 *
 * The report's shape is db/import/importer.ts ImportReport; the screen still reads it defensively
 * (missing lists read as empty) since that module is young.
 */
import { useState, type ChangeEvent } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CheckboxInput, SelectInput } from '../components/fields';
import { ScrollTable } from '../components/ScrollTable';
import { ErrorNotice, InfoNotice, PageHeader } from '../components/ui';
import { MAPPING_TARGETS } from '../../../db/import/fields';
import { ApiError, call, errorText, type ResultOf } from '../lib/api';
import { useQueryClient } from '@tanstack/react-query';

type Target = (typeof MAPPING_TARGETS)[number];
type Report = ResultOf<'import:preview'>;
type Order = 'dmy' | 'mdy';
type FileBytes = { name: string; bytes: Uint8Array<ArrayBuffer> };

const TOTALS = ['rows', 'imported', 'unchanged', 'invalid', 'threadsCreated', 'documentsAdded', 'visitsAdded'] as const;

/** The Import screen. */
export function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<FileBytes | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the header row of a file whose columns could not be read, for the user to map
  const [unreadHeaders, setUnreadHeaders] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [order, setOrder] = useState<Order | null>(null);
  const [mapping, setMapping] = useState<Record<string, Target>>({});
  const [showMapping, setShowMapping] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [done, setDone] = useState<Report | null>(null);

  const args = (f: FileBytes, o: Order | null, m: Record<string, Target>) => ({
    fileName: f.name,
    bytes: f.bytes,
    dayMonthOrder: o ?? undefined,
    mapping: Object.keys(m).length ? (m as Record<string, string>) : undefined,
  });

  const preview = async (f: FileBytes, o: Order | null, m: Record<string, Target>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    setUnreadHeaders(null);
    try {
      setReport(await call('import:preview', args(f, o, m)));
    } catch (e) {
      setReport(null);
      setError(errorText(e));
      if (e instanceof ApiError && e.headers) setUnreadHeaders(e.headers);
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    if (!chosen) return;
    // File.arrayBuffer works in Electron and in a browser alike: no file path is needed.
    const f = { name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) };
    setFile(f);
    setOrder(null);
    setMapping({});
    setSkipInvalid(false);
    await preview(f, null, {});
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('import:commit', { ...args(file, order, mapping), skipInvalidRows: skipInvalid });
      setDone(result);
      setReport(null);
      await client.invalidateQueries();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const remap = (next: Record<string, Target>) => {
    setMapping(next);
    if (file) void preview(file, order, next);
  };

  const errors = report?.errors ?? [];
  const rows = report?.rows ?? [];
  const columns = report?.columns ?? [];
  const mustAnswer = !!report?.needsDayMonthOrder && order === null;
  // rows with errors stop the whole import unless the user chooses to leave them out
  const canCommit = !!report && !busy && !mustAnswer && report.canCommit && (errors.length === 0 || skipInvalid);

  return (
    <div className="page page-import">
      <PageHeader title={t('import.title')} subtitle={t('import.intro')} />
      <section className="card" aria-labelledby="import-file">
        <h2 id="import-file">{t('import.step1')}</h2>
        <div className="field">
          <label htmlFor="import-input" className="field-label">
            {t('import.file')}
          </label>
          <input id="import-input" className="file-input" type="file" accept=".csv,.tsv,.txt,.xlsx" onChange={onFile} aria-describedby="import-file-hint" />
          <span id="import-file-hint" className="field-description">
            {t('import.fileHint')}
          </span>
        </div>
        {busy && (
          <p role="status" className="loading">
            {t('common.working')}
          </p>
        )}
        {error && <ErrorNotice>{error}</ErrorNotice>}
        {unreadHeaders && (
          <section aria-labelledby="import-mapping">
            <h3 id="import-mapping">{t('import.changeMapping')}</h3>
            <MappingGrid headers={unreadHeaders} mapping={mapping} onChange={remap} />
          </section>
        )}
        {done && (
          <InfoNotice>
            {t('import.done')} {done.message}
          </InfoNotice>
        )}
      </section>

      {report && file && (
        <>
          {(report.needsDayMonthOrder || report.dayMonthOrderFrom === 'user') && (
            <section className="card" aria-labelledby="import-daymonth">
              <h2 id="import-daymonth">{t('import.dayMonthTitle')}</h2>
              <p>{t('import.dayMonthQuestion')}</p>
              <RadioGroup
                className="radio-group"
                value={order}
                onChange={(v) => {
                  const o = v as Order;
                  setOrder(o);
                  void preview(file, o, mapping);
                }}
                orientation="horizontal"
              >
                <Label>{t('import.dayMonthLabel')}</Label>
                <div className="radios">
                  <Radio className="radio" value="dmy">
                    {t('import.dmy')}
                  </Radio>
                  <Radio className="radio" value="mdy">
                    {t('import.mdy')}
                  </Radio>
                </div>
              </RadioGroup>
            </section>
          )}

          <section className="card" aria-labelledby="import-columns">
            <h2 id="import-columns">{t('import.columns')}</h2>
            <p className="muted">{t(report.shape === 'document' ? 'import.shapeDocument' : 'import.shapeRequest', { file: report.fileName })}</p>
            <ul className="plain-list columns-found">
              {columns.map((c) => (
                <li key={c.header}>
                  <strong>{c.header}</strong> → {c.field ? t(`import.field.${c.field}`) : <span className="muted">{t(`import.by.${c.by === 'mapping' ? 'ignored' : c.by}`)}</span>}
                </li>
              ))}
            </ul>
            <Button className="button button-small" onPress={() => setShowMapping(!showMapping)} aria-expanded={showMapping}>
              {showMapping ? t('import.hideMapping') : t('import.changeMapping')}
            </Button>
            {showMapping && <MappingGrid headers={columns.map((c) => c.header)} mapping={mapping} onChange={remap} />}
          </section>

          <section className="card" aria-labelledby="import-preview">
            <h2 id="import-preview">{t('import.preview')}</h2>
            <p>{report.message}</p>
            {report.totals && (
              <p className="counts">
                {TOTALS.map((k) => (
                  <span key={k} className="count-chip">
                    {t(`import.count.${k}`)}: {report.totals[k] ?? 0}
                  </span>
                ))}
              </p>
            )}
            {errors.length > 0 ? (
              <>
                {/* a row may have several errors: the count of rows is the one beside "with errors" */}
                <h3>{t('import.errorsInRows', { errors: t('import.errors', { count: errors.length }), count: report.totals.invalid })}</h3>
                <ScrollTable
                  rows={errors}
                  testId="import-errors"
                  columns={3}
                  caption={t('import.errors', { count: errors.length })}
                  head={
                    <>
                      <th scope="col" className="num">
                        {t('import.row')}
                      </th>
                      <th scope="col">{t('import.column')}</th>
                      <th scope="col">{t('import.reason')}</th>
                    </>
                  }
                  cells={(e) => (
                    <>
                      <td className="num">{e.row}</td>
                      <td>{e.column ?? t('import.wholeRow')}</td>
                      <td>{e.reason}</td>
                    </>
                  )}
                />
              </>
            ) : (
              <p className="ok-text">{t('import.noErrors')}</p>
            )}
            {rows.length > 0 && (
              <>
                <h3>{t('import.rows', { count: rows.length })}</h3>
                <ScrollTable
                  rows={rows}
                  testId="import-rows"
                  columns={3}
                  caption={t('import.rows', { count: rows.length })}
                  rowClassName={(r) => (r.outcome === 'error' ? 'row-error' : undefined)}
                  head={
                    <>
                      <th scope="col" className="num">
                        {t('import.row')}
                      </th>
                      <th scope="col">{t('import.outcome')}</th>
                      <th scope="col">{t('import.result')}</th>
                    </>
                  }
                  cells={(r) => (
                    <>
                      <td className="num">{r.row}</td>
                      <td className="nowrap">{t(`import.outcomeValue.${r.outcome}`, { defaultValue: r.outcome })}</td>
                      <td>
                        {r.action}
                        {r.warnings?.map((w, i) => (
                          <span key={i} className="sub">
                            {t('import.warning', { text: w })}
                          </span>
                        ))}
                      </td>
                    </>
                  )}
                />
              </>
            )}
            {errors.length > 0 && <CheckboxInput label={t('import.skipInvalid')} value={skipInvalid} onChange={setSkipInvalid} />}
            {mustAnswer && <p className="hint">{t('import.answerFirst')}</p>}
            <div className="form-actions">
              <Button className="button button-primary" onPress={commit} isDisabled={!canCommit}>
                {t('import.confirm')}
              </Button>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

/** One choice of field per column of the file's header; none chosen leaves the column to be recognised by its header. */
function MappingGrid({ headers, mapping, onChange }: { headers: string[]; mapping: Record<string, Target>; onChange: (next: Record<string, Target>) => void }) {
  const { t } = useTranslation();
  return (
    <div className="mapping-grid">
      {headers
        .filter((h) => h.trim())
        .map((header) => (
          <SelectInput
            key={header}
            label={header}
            value={mapping[header] ?? null}
            noneLabel={t('import.autoDetect')}
            onChange={(v) => {
              const next = { ...mapping };
              if (v) next[header] = v as Target;
              else delete next[header];
              onChange(next);
            }}
            options={MAPPING_TARGETS.map((f) => ({ id: f, label: t(`import.field.${f}`) }))}
          />
        ))}
    </div>
  );
}
