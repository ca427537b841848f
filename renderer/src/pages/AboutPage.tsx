/** About: what the application is, its version. */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/ui';
import { useApiQuery } from '../lib/api';

/** The About screen. */
export function AboutPage() {
  const { t } = useTranslation();
  const info = useApiQuery('app:info', {});
  return (
    <div className="page page-about">
      <PageHeader title={t('about.title')} subtitle={info.data ? t('about.version', { version: info.data.version }) : undefined} />
      <section className="card prose">
        <p>{t('about.body1')}</p>
        <p>{t('about.body2')}</p>
        <p>{t('about.body3')}</p>
      </section>
    </div>
  );
}
