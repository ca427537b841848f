import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/ui';
import { href } from '../lib/router';

/** An address the app does not know (an old link). */
export function NotFoundPage(props: { path: string }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.body', { path: props.path })}</p>
      <a href={href({ name: 'requests' })}>{t('notFound.back')}</a>
    </div>
  );
}
