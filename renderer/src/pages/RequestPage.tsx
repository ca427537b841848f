/**
 * One visit request (a thread): who and where, the derived status with why, the documents in
 * thread order with their corrections and history, the visits, priority and notes.
 */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { StatusDetail } from '../../../db/status';
import { SelectInput, TextAreaInput } from '../components/fields';
import { ConfirmDialog, ErrorNotice, InfoNotice, Loading, ModalDialog, PageHeader, StatusText } from '../components/ui';
import { call, errorText, useApiMutation, useApiQuery, type ResultOf } from '../lib/api';
import { formatInstant } from '../lib/format';
import { href, navigate } from '../lib/router';
import { PRIORITIES, type DocumentType, type Priority } from '../lib/vocab';
import { DocumentForm, documentDefaults, holderLabel } from './DocumentForm';
import { VisitForm } from './VisitForm';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';

type Thread = ResultOf<'requests:get'>;
type Doc = Thread['documents'][number];
type Visit = Thread['visits'][number];

/** The status detail in words ("acknowledged, reminded 2 times"), from the catalogue. */
export function detailText(t: TFunction, d: StatusDetail): string {
  const parts: string[] = [];
  if (d.acknowledged) parts.push(t('statusDetail.acknowledged'));
  if (d.reminders > 0) parts.push(t('statusDetail.reminded', { count: d.reminders }));
  if (d.datesProposed) parts.push(t('statusDetail.datesProposed'));
  if (d.postponed) parts.push(t('statusDetail.postponed'));
  if (d.declined) parts.push(t('statusDetail.declined'));
  if (d.withdrawn) parts.push(t('statusDetail.withdrawn'));
  if (d.visitScheduled) parts.push(t('statusDetail.visitScheduled'));
  return parts.join(', ');
}

/** The Request screen. */
export function RequestPage(props: { id: number }) {
  const { t } = useTranslation();
  const query = useApiQuery('requests:get', { id: props.id });
  const [adding, setAdding] = useState(false);
  const [recordingVisit, setRecordingVisit] = useState(false);
  const [correctingVisit, setCorrectingVisit] = useState<Visit | null>(null);
  const [deletingVisit, setDeletingVisit] = useState<Visit | null>(null);
  const [correcting, setCorrecting] = useState<Doc | null>(null);
  const [deleting, setDeleting] = useState<Doc | null>(null);
  const [historyOf, setHistoryOf] = useState<Doc | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const client = useQueryClient();
  const remove = useApiMutation('documents:delete');
  const removeVisit = useApiMutation('visits:delete');

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <div className="page">
        <PageHeader title={t('request.title')} />
        <ErrorNotice>{errorText(query.error)}</ErrorNotice>
      </div>
    );
  }
  const thread = query.data;
  const mandateName = thread.mandate.short_name || thread.mandate.title;
  const opener = thread.documents[0];
  const typesFor = (doc: Doc | null): readonly DocumentType[] | undefined => (doc && doc.id === opener?.id ? ['request', 'invitation'] : undefined);

  const afterWrite = async (result: { filedAs: string; note: string | null }, chosen: DocumentType) => {
    await client.invalidateQueries();
    setNotice(result.note && result.filedAs !== chosen ? t('request.filedAs', { type: t(`documentType.${result.filedAs as DocumentType}`), note: result.note }) : result.note);
  };

  return (
    <div className="page page-request">
      <PageHeader
        title={
          <>
            {thread.state.name_en} <span className="title-sep">·</span> {mandateName}
          </>
        }
        subtitle={
          <>
            <a href={href({ name: 'state', code: thread.state.code })}>{thread.state.name_en}</a>
            <span className="title-sep">·</span>
            <a href={href({ name: 'mandate', id: thread.mandate.id })}>{thread.mandate.title}</a>
          </>
        }
        actions={
          <>
            <Button className="button" onPress={() => setRecordingVisit(true)}>
              {t('request.recordVisit')}
            </Button>
            <Button className="button button-primary" onPress={() => (setNotice(null), setAdding(true))}>
              {t('request.addDocument')}
            </Button>
          </>
        }
      />
      {notice && <InfoNotice>{notice}</InfoNotice>}
      <div className="request-layout">
        <div className="request-main">
          <section className="card status-card" aria-labelledby="status-heading">
            <h2 id="status-heading">{t('request.status')}</h2>
            <p className="status-line" data-testid="thread-status">
              <StatusText status={thread.status} detail={detailText(t, thread.detail)} />
            </p>
            <p className="muted">{thread.ageYears === null ? t('request.undatedAge') : t('request.age', { count: thread.ageYears })}</p>
            <h3>{t('request.why')}</h3>
            <ol className="reasons">
              {thread.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ol>
          </section>

          <section className="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t('request.documents')}</h2>
            <ol className="timeline">
              {thread.documents.map((doc) => (
                <DocumentItem key={doc.id} doc={doc} onCorrect={() => (setNotice(null), setCorrecting(doc))} onDelete={() => setDeleting(doc)} onHistory={() => setHistoryOf(doc)} />
              ))}
            </ol>
          </section>

          <section className="card" aria-labelledby="visits-heading">
            <h2 id="visits-heading">{t('request.visits')}</h2>
            {thread.visits.length === 0 ? (
              <p className="muted">{t('request.noVisits')}</p>
            ) : (
              <ul className="visits">
                {thread.visits.map((v) => (
                  <li key={v.id} className="visit">
                    <strong>
                      {v.start ?? t('common.undated')}
                      {v.end ? ` – ${v.end}` : ''}
                    </strong>{' '}
                    {v.official ? t('visit.official') : t('visit.unofficial')}
                    <div className="muted">
                      {t('visit.places')}: {v.places.map((p) => p.name_en).join(', ')}
                      {v.mandates.length > 1 && (
                        <>
                          {' · '}
                          {t('visit.joint')}: {v.mandates.map((m) => m.title).join('; ')}
                        </>
                      )}
                      {v.report_symbol && (
                        <>
                          {' · '}
                          {t('visit.report')}: {v.report_symbol}
                        </>
                      )}
                    </div>
                    {v.notes && <p className="doc-notes">{v.notes}</p>}
                    <div className="doc-actions">
                      <Button className="button button-small" onPress={() => (setNotice(null), setCorrectingVisit(v))} aria-label={t('visit.correctOne', { date: v.start ?? t('common.undated') })}>
                        {t('request.correct')}
                      </Button>
                      <Button className="button button-small button-danger-quiet" onPress={() => setDeletingVisit(v)} aria-label={t('visit.deleteOne', { date: v.start ?? t('common.undated') })}>
                        {t('common.delete')}
                      </Button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <aside className="request-side">
          <PriorityNotes thread={thread} />
        </aside>
      </div>

      <ModalDialog title={t('request.addDocument')} isOpen={adding} onOpenChange={setAdding} wide>
        <DocumentForm
          thread={thread}
          defaults={documentDefaults(thread, undefined, thread.status === 'pending' ? 'acknowledgement' : 'acceptance')}
          submitLabel={t('request.addDocumentSubmit')}
          onCancel={() => setAdding(false)}
          onSubmit={async (document) => {
            const result = await call('documents:record', { requestId: thread.id, document });
            setAdding(false);
            await afterWrite(result, document.type);
          }}
        />
      </ModalDialog>

      <ModalDialog title={t('request.correctDocument')} isOpen={correcting !== null} onOpenChange={(open) => !open && setCorrecting(null)} wide>
        {correcting && (
          <DocumentForm
            thread={thread}
            defaults={documentDefaults(thread, correcting)}
            allowedTypes={typesFor(correcting)}
            submitLabel={t('request.correctSubmit')}
            onCancel={() => setCorrecting(null)}
            onSubmit={async (document) => {
              const result = await call('documents:correct', { id: correcting.id, document });
              setCorrecting(null);
              await afterWrite(result, document.type);
            }}
          />
        )}
      </ModalDialog>

      <ConfirmDialog
        title={t('request.deleteTitle')}
        message={
          deleting && (
            <p>
              {t(thread.documents.length === 1 && thread.visits.length === 0 ? 'request.deleteLastMessage' : 'request.deleteMessage', {
                type: t(`documentType.${deleting.type}`),
                date: deleting.date ?? t('common.undated'),
              })}
            </p>
          )
        }
        confirmLabel={t('common.delete')}
        {...deletion(deleting, () => setDeleting(null), remove, (result) => result.requestDeleted)}
      />

      <ModalDialog title={t('history.title')} isOpen={historyOf !== null} onOpenChange={(open) => !open && setHistoryOf(null)} wide>
        {historyOf && <DocumentHistory id={historyOf.id} holders={thread.holders} />}
        <div className="dialog-actions">
          <Button className="button" slot="close">
            {t('common.close')}
          </Button>
        </div>
      </ModalDialog>

      <ModalDialog title={t('visit.title')} isOpen={recordingVisit} onOpenChange={setRecordingVisit} wide>
        <VisitForm thread={thread} onDone={() => setRecordingVisit(false)} />
      </ModalDialog>

      <ModalDialog title={t('visit.correctTitle')} isOpen={correctingVisit !== null} onOpenChange={(open) => !open && setCorrectingVisit(null)} wide>
        {correctingVisit && <VisitForm thread={thread} visit={correctingVisit} onDone={() => setCorrectingVisit(null)} />}
      </ModalDialog>

      <ConfirmDialog
        title={t('visit.deleteTitle')}
        message={deletingVisit && <p>{t(deletingVisit.mandates.length > 1 ? 'visit.deleteJointMessage' : 'visit.deleteMessage', { date: deletingVisit.start ?? t('common.undated') })}</p>}
        confirmLabel={t('common.delete')}
        {...deletion(deletingVisit, () => setDeletingVisit(null), removeVisit, (result) => result.requestsDeleted.includes(thread.id))}
      />
    </div>
  );
}

/**
 * The confirmation dialog's wiring to delete `item` (a document or a visit) with `mutation`:
 * open while there is one, reset on close; `threadGone` says from the result whether the thread
 * went with it, and the page then goes back to the list.
 */
function deletion<R>(
  item: { id: number } | null,
  clear: () => void,
  mutation: { mutate: (args: { id: number }, options: { onSuccess: (result: R) => void }) => void; reset: () => void; isPending: boolean; error: unknown },
  threadGone: (result: R) => boolean,
) {
  return {
    isOpen: item !== null,
    onOpenChange: (open: boolean) => {
      if (!open) {
        clear();
        mutation.reset();
      }
    },
    isPending: mutation.isPending,
    error: mutation.error ? errorText(mutation.error) : null,
    onConfirm: () =>
      item &&
      mutation.mutate(
        { id: item.id },
        {
          onSuccess: (result) => {
            clear();
            if (threadGone(result)) navigate({ name: 'requests' });
          },
        },
      ),
  };
}

function DocumentItem(props: { doc: Doc; onCorrect: () => void; onDelete: () => void; onHistory: () => void }) {
  const { t } = useTranslation();
  const { doc } = props;
  const typeLabel = t(`documentType.${doc.type}`);
  return (
    <li className={`timeline-item dir-${doc.direction}`} data-testid="document">
      <div className="timeline-head">
        <span className="doc-date">{doc.date ?? t('common.undated')}</span>
        <span className="doc-type">{typeLabel}</span>
        <span className="doc-direction">{t(`direction.${doc.direction}`)}</span>
        {doc.version > 1 && <span className="doc-version">{t('document.version', { version: doc.version })}</span>}
      </div>
      <dl className="doc-facts">
        {doc.form && (
          <div>
            <dt>{t('document.form')}</dt>
            <dd>{t(`documentForm.${doc.form}`)}</dd>
          </div>
        )}
        {doc.language && (
          <div>
            <dt>{t('document.language')}</dt>
            <dd>{t(`language.${doc.language}`)}</dd>
          </div>
        )}
        {doc.reference && (
          <div>
            <dt>{t('document.reference')}</dt>
            <dd>{doc.reference}</dd>
          </div>
        )}
        {doc.signed_by && (
          <div>
            <dt>{t('document.signedBy')}</dt>
            <dd>{doc.signed_by}</dd>
          </div>
        )}
        {(doc.proposed_start || doc.proposed_end) && (
          <div>
            <dt>{t('document.proposedDates')}</dt>
            <dd>
              {doc.proposed_start ?? '…'} – {doc.proposed_end ?? '…'}
            </dd>
          </div>
        )}
      </dl>
      {doc.notes && <p className="doc-notes">{doc.notes}</p>}
      <div className="doc-actions">
        <Button className="button button-small" onPress={props.onCorrect} aria-label={t('request.correctOne', { type: typeLabel, date: doc.date ?? t('common.undated') })}>
          {t('request.correct')}
        </Button>
        <Button className="button button-small" onPress={props.onHistory} aria-label={t('request.historyOne', { type: typeLabel, date: doc.date ?? t('common.undated') })}>
          {t('request.history')}
        </Button>
        <Button className="button button-small button-danger-quiet" onPress={props.onDelete} aria-label={t('request.deleteOne', { type: typeLabel, date: doc.date ?? t('common.undated') })}>
          {t('common.delete')}
        </Button>
      </div>
    </li>
  );
}

const HISTORY_FIELDS = ['type', 'direction', 'date', 'form', 'language', 'reference', 'signed_by_holder_id', 'proposed_start', 'proposed_end', 'notes'] as const;

/** The versions of one document, oldest first, each with its time and what it said. */
function DocumentHistory(props: { id: number; holders: Thread['holders'] }) {
  const { t } = useTranslation();
  const query = useApiQuery('documents:history', { id: props.id });
  // stored values read in the UI's words (types, directions, holders by name)
  const show = (field: (typeof HISTORY_FIELDS)[number], value: unknown): string => {
    const v = String(value);
    switch (field) {
      case 'type':
        return t(`documentType.${v as DocumentType}`, { defaultValue: v });
      case 'direction':
        return t(`direction.${v as 'to_state'}`, { defaultValue: v });
      case 'form':
        return t(`documentForm.${v as 'letter'}`, { defaultValue: v });
      case 'language':
        return t(`language.${v as 'en'}`, { defaultValue: v });
      case 'signed_by_holder_id':
        return props.holders.find((h) => h.id === Number(value))?.name ?? v;
      default:
        return v;
    }
  };
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice>{errorText(query.error)}</ErrorNotice>;
  return (
    <ol className="history">
      {query.data.map((entry, i) => {
        const values = (entry.action === 'delete' ? entry.before : entry.after) as Record<string, unknown> | null;
        const previous = entry.action === 'update' ? (entry.before as Record<string, unknown> | null) : null;
        return (
          <li key={entry.id} className="history-entry" data-testid="history-entry">
            <div className="history-head">
              <strong>{t(`history.action.${entry.action}`)}</strong> <span>{formatInstant(entry.at)}</span>{' '}
              <span className="muted">
                {t('history.version', { n: i + 1 })} · {t(`history.source.${entry.source as 'user'}`, { defaultValue: entry.source })}
              </span>
            </div>
            {values && (
              <dl className="history-values">
                {HISTORY_FIELDS.filter((f) => values[f] !== null && values[f] !== undefined && values[f] !== '').map((f) => {
                  const changed = previous !== null && previous[f] !== values[f];
                  return (
                    <div key={f} className={changed ? 'changed' : undefined}>
                      <dt>{t(`history.field.${f}`)}</dt>
                      <dd>
                        {show(f, values[f])}
                        {changed && previous?.[f] != null && previous[f] !== '' && <span className="was"> {t('history.was', { value: show(f, previous[f]) })}</span>}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function PriorityNotes(props: { thread: Thread }) {
  const { t } = useTranslation();
  const [priority, setPriority] = useState<Priority>(props.thread.priority);
  const [notes, setNotes] = useState(props.thread.notes);
  const update = useApiMutation('requests:update');
  const dirty = priority !== props.thread.priority || notes !== props.thread.notes;
  return (
    <section className="card" aria-labelledby="priority-heading">
      <h2 id="priority-heading">{t('request.priorityNotes')}</h2>
      <SelectInput label={t('request.priority')} value={priority} onChange={(v) => v && setPriority(v as Priority)} options={PRIORITIES.map((p) => ({ id: p, label: t(`priority.${p}`) }))} />
      <TextAreaInput label={t('request.notes')} value={notes} onChange={setNotes} rows={6} />
      {update.error && <ErrorNotice>{errorText(update.error)}</ErrorNotice>}
      {update.isSuccess && !dirty && <InfoNotice>{t('common.saved')}</InfoNotice>}
      <Button className="button" isDisabled={!dirty} isPending={update.isPending} onPress={() => update.mutate({ id: props.thread.id, priority, notes })}>
        {t('common.save')}
      </Button>
      <h3>{t('request.holders')}</h3>
      {props.thread.holders.length === 0 ? (
        <p className="muted">{t('request.noHolders')}</p>
      ) : (
        <ul className="plain-list">
          {props.thread.holders.map((h) => (
            <li key={h.id}>{holderLabel(h)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
