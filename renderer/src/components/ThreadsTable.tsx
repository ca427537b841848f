/** A plain table of threads (a State's or a mandate's: at most a few hundred rows). */
import { useTranslation } from 'react-i18next';
import type { RequestListRow } from '../../../db/queries';
import { href } from '../lib/router';
import type { DocumentType } from '../lib/vocab';
import { StatusText } from './ui';

/** Threads with a link to each; `show` picks the State or the mandate as the first column. */
export function ThreadsTable(props: { rows: RequestListRow[]; show: 'state' | 'mandate'; caption: string }) {
  const { t } = useTranslation();
  if (props.rows.length === 0) return <p className="muted">{t('threads.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.show === 'state' ? t('requests.column.state') : t('requests.column.mandate')}</th>
            <th scope="col">{t('requests.column.status')}</th>
            <th scope="col">{t('requests.column.openedOn')}</th>
            <th scope="col">{t('requests.column.lastDocument')}</th>
            <th scope="col" className="num">
              {t('requests.column.reminders')}
            </th>
            <th scope="col" className="num">
              {t('requests.column.age')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id}>
              <td>
                <a href={href({ name: 'request', id: row.id })}>{props.show === 'state' ? row.stateName : row.mandateShortName || row.mandateTitle}</a>
              </td>
              <td>
                <StatusText status={row.status} detail={row.statusText} />
              </td>
              <td>
                {row.openedOn ?? t('common.undated')}
                {row.openedByHolder && <span className="sub">{t('requests.byHolder', { name: row.openedByHolder })}</span>}
              </td>
              <td>
                {row.lastDocumentOn ?? t('common.undated')}
                {row.lastDocumentType && <span className="sub">{t(`documentType.${row.lastDocumentType as DocumentType}`)}</span>}
              </td>
              <td className="num">{row.reminderCount}</td>
              <td className="num">{row.ageYears ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
