/** Export of the Requests screen's current filter to CSV or XLSX, saved through the shell. */
import { useState } from 'react';
import { Button, Radio, RadioGroup, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { RequestFilter } from '../../../db/contract';
import { ErrorNotice, InfoNotice, ModalDialog } from '../components/ui';
import { call, errorText } from '../lib/api';

/** Bytes as the API may answer them: a Uint8Array, or a plain array after a transport. */
function asBytes(value: unknown): Uint8Array<ArrayBuffer> {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return Uint8Array.from(value as number[]);
  if (value && typeof value === 'object') return Uint8Array.from(Object.values(value as Record<string, number>));
  return new Uint8Array();
}

/** The export dialog. */
export function ExportDialog(props: { isOpen: boolean; onOpenChange: (open: boolean) => void; filter: RequestFilter }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const file = (await call('export:requests', { filter: props.filter, format })) as { fileName?: string; mimeType?: string; bytes?: unknown };
      const name = file.fileName || `visit-requests.${format}`;
      const result = await call('app:saveFile', {
        defaultName: name,
        bytes: asBytes(file.bytes),
        filters: [format === 'csv' ? { name: t('export.csv'), extensions: ['csv'] } : { name: t('export.xlsx'), extensions: ['xlsx'] }],
      });
      if (result.saved) setSaved(result.path ?? name);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      title={t('export.title')}
      isOpen={props.isOpen}
      onOpenChange={(open) => {
        props.onOpenChange(open);
        if (!open) {
          setError(null);
          setSaved(null);
        }
      }}
    >
      <p>{t('export.intro')}</p>
      <RadioGroup className="radio-group" value={format} onChange={(v) => setFormat(v as 'csv' | 'xlsx')}>
        <Label>{t('export.format')}</Label>
        <Radio className="radio" value="xlsx">
          {t('export.xlsx')}
        </Radio>
        <Radio className="radio" value="csv">
          {t('export.csv')}
        </Radio>
      </RadioGroup>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {saved && <InfoNotice>{t('export.saved', { path: saved })}</InfoNotice>}
      <div className="dialog-actions">
        <Button className="button" slot="close">
          {t('common.close')}
        </Button>
        <Button className="button button-primary" onPress={run} isPending={busy}>
          {t('export.run')}
        </Button>
      </div>
    </ModalDialog>
  );
}
