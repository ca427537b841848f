/** States and territories: one table with their cooperation facts and requests by status. */
import { useEffect, useState } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, PageHeader } from '../components/ui';
import { errorText, useApiQuery } from '../lib/api';
import { href } from '../lib/router';
import { STATUSES, type Language, type RegionalGroup, type StateKind } from '../lib/vocab';

/** The States screen. */
export function StatesPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const query = useApiQuery('states:list', search ? { search } : {});
  return (
    <div className="page">
      <PageHeader
        title={t('states.title')}
        actions={
          <a className="button button-primary" href={href({ name: 'newState' })}>
            {t('states.add')}
          </a>
        }
      />
      <SearchField className="field search-field narrow" value={text} onChange={setText}>
        <Label>{t('states.search')}</Label>
        <Input placeholder={t('states.searchPlaceholder')} />
      </SearchField>
      {query.isPending && <Loading />}
      {query.isError && <ErrorNotice>{errorText(query.error)}</ErrorNotice>}
      {query.data && (
        <>
          <p className="table-count" role="status">
            {t('states.count', { count: query.data.length })}
          </p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('states.title')}</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t('state.name')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('state.regionalGroup')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('state.kind')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('state.standingInvitation')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('state.languageShort')}
                  </th>
                  <th scope="colgroup" colSpan={STATUSES.length} className="group-head">
                    {t('states.requestsByStatus')}
                  </th>
                </tr>
                <tr>
                  {STATUSES.map((s) => (
                    <th scope="col" key={s} className="num count-col">
                      {t(`status.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {query.data.map((s) => (
                  <tr key={s.code}>
                    <td>
                      <a href={href({ name: 'state', code: s.code })}>{s.name_en}</a>
                      {s.formerNames.length > 0 && <span className="sub">{t('state.formerly', { names: s.formerNames.map((f) => f.name).join(', ') })}</span>}
                    </td>
                    <td className="nowrap">
                      {s.regional_group ? <abbr title={t(`regionalGroup.${s.regional_group as RegionalGroup}`)}>{t(`regionalGroupShort.${s.regional_group as RegionalGroup}`)}</abbr> : '—'}
                    </td>
                    <td className="nowrap">{t(`stateKind.${s.kind as StateKind}`)}</td>
                    <td>{s.standing_invitation ? (s.standing_invitation_since ? t('state.sinceDate', { date: s.standing_invitation_since }) : t('common.yes')) : t('common.no')}</td>
                    <td>{t(`language.${s.correspondence_language as Language}`)}</td>
                    {STATUSES.map((st) => (
                      <td key={st} className="num">
                        {(s.requestsByStatus as Record<string, number>)[st] ?? 0}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
