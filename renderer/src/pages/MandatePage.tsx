/** One mandate: its facts (editable), its holders with their terms, and its threads. */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ThreadsTable } from '../components/ThreadsTable';
import { ErrorNotice, Facts, Loading, ModalDialog, PageHeader } from '../components/ui';
import { errorText, useApiQuery } from '../lib/api';
import { href } from '../lib/router';
import type { MandateKind } from '../lib/vocab';
import { HolderForm, MandateForm } from './MandateForms';

type Holder = { id: number; name: string; term_start: string | null; term_end: string | null };

/** The Mandate screen. */
export function MandatePage(props: { id: number }) {
  const { t } = useTranslation();
  const query = useApiQuery('mandates:get', { id: props.id });
  const [editing, setEditing] = useState(false);
  const [holder, setHolder] = useState<Holder | 'new' | null>(null);
  if (query.isPending) return <Loading />;
  if (query.isError)
    return (
      <div className="page">
        <PageHeader title={t('mandate.title')} />
        <ErrorNotice>{errorText(query.error)}</ErrorNotice>
      </div>
    );
  const m = query.data;
  return (
    <div className="page">
      <PageHeader
        title={m.title}
        subtitle={[m.short_name, t(`mandateKind.${m.kind as MandateKind}`)].filter(Boolean).join(' · ')}
        actions={
          <>
            <Button className="button" onPress={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <a className="button button-primary" href={href({ name: 'newRequest', mandateId: m.id })}>
              {t('mandate.newRequest')}
            </a>
          </>
        }
      />
      <div className="two-columns">
        <section className="card" aria-labelledby="mandate-facts">
          <h2 id="mandate-facts">{t('mandate.facts')}</h2>
          <Facts
            items={[
              [t('mandate.established'), m.established],
              [t('mandate.ended'), m.ended],
              [t('mandate.subjectState'), m.subject_state_code ? <a href={href({ name: 'state', code: m.subject_state_code })}>{m.subject_state_code}</a> : ''],
              [t('mandate.notes'), m.notes ? <span className="pre">{m.notes}</span> : ''],
            ]}
          />
        </section>
        <section className="card" aria-labelledby="holders-heading">
          <h2 id="holders-heading">{t('mandate.holders')}</h2>
          {m.holders.length === 0 ? (
            <p className="muted">{t('mandates.noHolders')}</p>
          ) : (
            <ul className="holders">
              {m.holders.map((h) => (
                <li key={h.id}>
                  <span>
                    <strong>{h.name}</strong>{' '}
                    <span className="muted">
                      {h.term_start ?? '…'} – {h.term_end ?? t('holder.current')}
                    </span>
                  </span>
                  <Button className="button button-small" onPress={() => setHolder(h)} aria-label={t('holder.editOne', { name: h.name })}>
                    {t('common.edit')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <Button className="button button-small" onPress={() => setHolder('new')}>
            {t('holder.add')}
          </Button>
        </section>
      </div>
      <section className="card" aria-labelledby="mandate-threads">
        <h2 id="mandate-threads">{t('mandate.threads', { count: m.requestCount })}</h2>
        <ThreadsTable rows={m.requests} show="state" caption={t('mandate.threads', { count: m.requestCount })} />
      </section>
      <ModalDialog title={t('mandate.edit')} isOpen={editing} onOpenChange={setEditing} wide>
        <MandateForm mandate={m} onDone={() => setEditing(false)} />
      </ModalDialog>
      <ModalDialog title={holder === 'new' ? t('holder.add') : t('holder.edit')} isOpen={holder !== null} onOpenChange={(open) => !open && setHolder(null)}>
        {holder !== null && <HolderForm mandateId={m.id} holder={holder === 'new' ? undefined : holder} onDone={() => setHolder(null)} />}
      </ModalDialog>
    </div>
  );
}
