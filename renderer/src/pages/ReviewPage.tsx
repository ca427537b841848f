/**
 * The yearly review of pending requests: the year's reviews of "my mandates" (start or resume),
 * one review with a decision per request (saved as it is made) and its closing, and the home
 * screen's notice when this year's review has not been done.
 */
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { SelectInput, TextAreaInput, TextInput } from '../components/fields';
import { ErrorNotice, InfoNotice, Loading, ModalDialog, PageHeader, StatusText } from '../components/ui';
import { errorText, useApiMutation, useApiQuery, type ResultOf } from '../lib/api';
import { parseYear } from '../lib/format';
import { href, navigate } from '../lib/router';

const thisYear = () => new Date().getFullYear();
type Decision = 'remind' | 'keep' | 'withdraw';
type ReviewView = ResultOf<'review:get'>;
type Item = ReviewView['items'][number];

/** Shown on the home screen while this year's review of one of my mandates is not closed. */
export function ReviewDueBanner() {
  const { t } = useTranslation();
  const year = thisYear();
  const status = useApiQuery('review:status', { year });
  if (!status.data?.due) return null;
  const open = status.data.mandates.filter((m) => m.state !== 'closed' && m.progress.total > 0);
  return (
    <div role="status" className="notice notice-info review-due">
      {t('review.due', { year, count: open.length })} <a href={href({ name: 'review' })}>{t('review.goToReview')}</a>
    </div>
  );
}

/** The reviews of a year for my mandates. */
export function ReviewPage() {
  const { t } = useTranslation();
  const [yearText, setYearText] = useState(String(thisYear()));
  const year = parseYear(yearText) ?? thisYear();
  const status = useApiQuery('review:status', { year });
  const start = useApiMutation('review:start');

  const startAndOpen = (mandateIds?: number[]) =>
    start.mutate({ year, mandateIds }, { onSuccess: (reviews) => reviews.length === 1 && navigate({ name: 'reviewDetail', id: reviews[0]!.id }) });

  return (
    <div className="page page-review">
      <PageHeader
        title={t('review.title')}
        actions={
          status.data && !status.data.needsMyMandates ? (
            <Button className="button button-primary" onPress={() => startAndOpen()} isPending={start.isPending}>
              {t('review.startMine', { year })}
            </Button>
          ) : undefined
        }
      />
      <p className="hint">{t('review.intro')}</p>
      <div className="form-grid">
        <TextInput label={t('review.year')} value={yearText} onChange={setYearText} />
      </div>
      {status.isPending && <Loading />}
      {status.isError && <ErrorNotice>{errorText(status.error)}</ErrorNotice>}
      {start.error && <ErrorNotice>{errorText(start.error)}</ErrorNotice>}
      {status.data?.needsMyMandates && (
        <InfoNotice>
          {t('review.needsMyMandates')} <a href={href({ name: 'settings' })}>{t('nav.settings')}</a>
        </InfoNotice>
      )}
      {status.data && status.data.mandates.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('review.mandatesCaption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.column.mandate')}</th>
                <th scope="col">{t('review.column.state')}</th>
                <th scope="col" className="num">
                  {t('review.column.progress')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('review.column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.data.mandates.map((m) => (
                <tr key={m.mandateId}>
                  <td>{m.mandateTitle}</td>
                  <td>{m.state === 'closed' ? t('review.state.closed', { date: m.closedOn }) : t(`review.state.${m.state}`)}</td>
                  <td className="num">{t('review.progress', { decided: m.progress.decided, total: m.progress.total })}</td>
                  <td>
                    {m.reviewId ? (
                      <a className="button button-small" href={href({ name: 'reviewDetail', id: m.reviewId })}>
                        {m.state === 'closed' ? t('review.open') : t('review.resume')}
                      </a>
                    ) : (
                      <Button className="button button-small" onPress={() => startAndOpen([m.mandateId])}>
                        {t('review.start')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** One review: every request to decide, the progress, closing. */
export function ReviewDetailPage(props: { id: number }) {
  const { t } = useTranslation();
  const review = useApiQuery('review:get', { reviewId: props.id });
  const close = useApiMutation('review:close');
  const [closing, setClosing] = useState(false);
  const [closeNote, setCloseNote] = useState('');

  if (review.isPending) return <Loading />;
  if (review.isError) return <ErrorNotice>{errorText(review.error)}</ErrorNotice>;
  const v = review.data;
  const closed = v.closedOn !== null;
  return (
    <div className="page page-review-detail">
      <PageHeader
        title={t('review.detailTitle', { year: v.year })}
        subtitle={
          <>
            {v.mandateTitle} · <span aria-live="polite">{t('review.progress', { decided: v.progress.decided, total: v.progress.total })}</span>
            {v.holder && <> · {t('review.holder', { name: v.holder.name })}</>}
          </>
        }
        actions={
          <>
            <a className="button" href={href({ name: 'letters', reviewId: v.id })}>
              {t('review.letters')}
            </a>
            {!closed && (
              <Button className="button button-primary" onPress={() => setClosing(true)} isDisabled={v.progress.decided < v.progress.total}>
                {t('review.close')}
              </Button>
            )}
          </>
        }
      />
      {closed && <InfoNotice>{t('review.closedOn', { date: v.closedOn, note: v.closedNote })}</InfoNotice>}
      {v.items.length === 0 ? (
        <p className="muted">{t('review.nothing')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table review-table">
            <caption className="visually-hidden">{t('review.itemsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.column.stateName')}</th>
                <th scope="col">{t('review.column.requested')}</th>
                <th scope="col">{t('review.column.history')}</th>
                <th scope="col" className="num">
                  {t('review.column.age')}
                </th>
                <th scope="col">{t('review.column.lastYear')}</th>
                <th scope="col">{t('review.column.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {v.items.map((item) => (
                <ReviewRow key={item.requestId} reviewId={v.id} item={item} closed={closed} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ModalDialog title={t('review.closeTitle', { year: v.year })} isOpen={closing} onOpenChange={setClosing}>
        <p>{t('review.closeExplain', { count: v.items.filter((i) => i.decision?.decision === 'withdraw').length })}</p>
        <TextAreaInput label={t('review.closeNote')} value={closeNote} onChange={setCloseNote} rows={3} />
        {close.error && <ErrorNotice>{errorText(close.error)}</ErrorNotice>}
        <div className="dialog-actions">
          <Button className="button" onPress={() => setClosing(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            className="button button-primary"
            isPending={close.isPending}
            onPress={() => close.mutate({ reviewId: v.id, note: closeNote }, { onSuccess: () => setClosing(false) })}
          >
            {t('review.close')}
          </Button>
        </div>
      </ModalDialog>
    </div>
  );
}

/** One request of the review with its decision, saved as soon as it is chosen (note and reason on leaving the field). */
function ReviewRow(props: { reviewId: number; item: Item; closed: boolean }) {
  const { t } = useTranslation();
  const { item } = props;
  const decide = useApiMutation('review:decide');
  const [note, setNote] = useState(item.decision?.note ?? '');
  const [reason, setReason] = useState(item.decision?.reason ?? '');
  useEffect(() => {
    setNote(item.decision?.note ?? '');
    setReason(item.decision?.reason ?? '');
  }, [item.decision?.note, item.decision?.reason]);
  const save = (decision: Decision) => decide.mutate({ reviewId: props.reviewId, requestId: item.requestId, decision, note, reason });
  const by =
    item.requestedBy === 'predecessor'
      ? item.requestedByHolder
        ? t('review.byPredecessorNamed', { name: item.requestedByHolder })
        : t('review.byPredecessor')
      : item.requestedBy === 'this_holder'
        ? t('review.byThisHolder')
        : '';
  return (
    <tr>
      <td>
        <a href={href({ name: 'request', id: item.requestId })}>{item.stateName}</a>
        <span className="sub">{item.regionalGroup ? t(`regionalGroup.${item.regionalGroup}`) : ''}</span>
        <StatusText status={item.status} detail={item.statusText} />
        {item.standingInvitation && <span className="sub">{t('review.standingInvitation')}</span>}
      </td>
      <td>
        {item.requestedOn ?? t('common.undated')}
        {by && <span className="sub">{by}</span>}
      </td>
      <td>
        <span className="sub">{t('review.acknowledgements', { count: item.acknowledgements })}</span>
        <span className="sub">{item.reminders ? t('review.reminders', { count: item.reminders, last: item.lastReminderOn ?? t('common.undated') }) : t('review.noReminder')}</span>
      </td>
      <td className="num">{item.ageYears ?? '—'}</td>
      <td>{item.previousDecision ? `${item.previousDecision.year}: ${t(`review.decision.${item.previousDecision.decision}`)}${item.previousDecision.note ? ` — ${item.previousDecision.note}` : ''}` : '—'}</td>
      <td className="review-decision">
        <SelectInput
          label={t('review.column.decision')}
          value={item.decision?.decision ?? null}
          isDisabled={props.closed || decide.isPending}
          placeholder={t('review.undecided')}
          onChange={(value) => value && save(value as Decision)}
          options={(['remind', 'keep', 'withdraw'] as const).map((d) => ({ id: d, label: t(`review.decision.${d}`) }))}
        />
        <TextInput label={t('review.note')} value={note} onChange={setNote} isDisabled={props.closed} onBlur={() => item.decision && note !== item.decision.note && save(item.decision.decision)} />
        {item.decision?.decision === 'remind' && (
          <TextAreaInput
            label={t('review.reason')}
            description={t('review.reasonHint')}
            value={reason}
            rows={2}
            onChange={setReason}
            isDisabled={props.closed}
            onBlur={() => item.decision && reason !== item.decision.reason && save(item.decision.decision)}
          />
        )}
        {decide.error && <ErrorNotice>{errorText(decide.error)}</ErrorNotice>}
      </td>
    </tr>
  );
}
