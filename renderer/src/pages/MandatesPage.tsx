/** Mandates and their holders: the list, and adding a mandate. */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, ModalDialog, PageHeader } from '../components/ui';
import { errorText } from '../lib/api';
import { useMandates } from '../lib/reference';
import { href, navigate } from '../lib/router';
import type { MandateKind } from '../lib/vocab';
import { holderLabel } from './DocumentForm';
import { MandateForm } from './MandateForms';

/** The Mandates screen. */
export function MandatesPage() {
  const { t } = useTranslation();
  const query = useMandates();
  const [adding, setAdding] = useState(false);
  return (
    <div className="page">
      <PageHeader
        title={t('mandates.title')}
        actions={
          <Button className="button button-primary" onPress={() => setAdding(true)}>
            {t('mandates.add')}
          </Button>
        }
      />
      {query.isPending && <Loading />}
      {query.isError && <ErrorNotice>{errorText(query.error)}</ErrorNotice>}
      {query.data && (
        <>
          <p className="table-count">{t('mandates.count', { count: query.data.length })}</p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('mandates.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mandate.titleField')}</th>
                  <th scope="col">{t('mandate.kind')}</th>
                  <th scope="col">{t('mandate.established')}</th>
                  <th scope="col">{t('mandate.ended')}</th>
                  <th scope="col">{t('mandates.holders')}</th>
                  <th scope="col" className="num">
                    {t('mandates.requests')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {query.data.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <a href={href({ name: 'mandate', id: m.id })}>{m.title}</a>
                      {m.short_name && <span className="sub">{m.short_name}</span>}
                    </td>
                    <td>{t(`mandateKind.${m.kind as MandateKind}`)}</td>
                    <td>{m.established ?? '—'}</td>
                    <td>{m.ended ?? '—'}</td>
                    <td>{m.holders.length ? m.holders.map(holderLabel).join('; ') : <span className="muted">{t('mandates.noHolders')}</span>}</td>
                    <td className="num">{m.requestCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ModalDialog title={t('mandates.add')} isOpen={adding} onOpenChange={setAdding} wide>
        <MandateForm
          onDone={(id) => {
            setAdding(false);
            if (id) navigate({ name: 'mandate', id });
          }}
        />
      </ModalDialog>
    </div>
  );
}
