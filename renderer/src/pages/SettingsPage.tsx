/** Settings: my mandates (the Requests screen's default filter), the default letter language, the data folder and backups. */
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { SelectInput, TagPicker } from '../components/fields';
import { ErrorNotice, Facts, InfoNotice, Loading, PageHeader } from '../components/ui';
import { errorText, useApiMutation, useApiQuery } from '../lib/api';
import { useMandateOptions, useSettings } from '../lib/reference';
import { LANGUAGES } from '../lib/vocab';

type LetterLanguage = 'state' | (typeof LANGUAGES)[number];

/** The Settings screen. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const mandateOptions = useMandateOptions();
  const save = useApiMutation('settings:set');
  const [mine, setMine] = useState<string[]>([]);
  const [language, setLanguage] = useState<LetterLanguage>('state');
  useEffect(() => {
    if (!settings.data) return;
    setMine(settings.data.myMandateIds.map(String));
    setLanguage(settings.data.letterLanguageDefault);
  }, [settings.data]);

  const info = useApiQuery('app:info', {});
  const backup = useApiMutation('app:backupNow');
  const openFolder = useApiMutation('app:openDataFolder');

  if (settings.isPending) return <Loading />;
  const dirty = settings.data && (mine.join(',') !== settings.data.myMandateIds.join(',') || language !== settings.data.letterLanguageDefault);
  return (
    <div className="page page-settings">
      <PageHeader title={t('settings.title')} />
      <section className="card" aria-labelledby="settings-work">
        <h2 id="settings-work">{t('settings.work')}</h2>
        <TagPicker
          label={t('settings.myMandates')}
          addPlaceholder={t('settings.addMandate')}
          value={mine}
          onChange={setMine}
          options={mandateOptions}
          removeLabel={(name) => t('requests.filter.remove', { name })}
        />
        <p className="hint">{t('settings.myMandatesHint')}</p>
        <SelectInput
          label={t('settings.letterLanguage')}
          value={language}
          onChange={(v) => v && setLanguage(v as LetterLanguage)}
          options={[{ id: 'state', label: t('settings.letterLanguageState') }, ...LANGUAGES.map((l) => ({ id: l, label: t(`language.${l}`) }))]}
        />
        {settings.isError && <ErrorNotice>{errorText(settings.error)}</ErrorNotice>}
        {save.error && <ErrorNotice>{errorText(save.error)}</ErrorNotice>}
        {save.isSuccess && !dirty && <InfoNotice>{t('common.saved')}</InfoNotice>}
        <div className="form-actions">
          <Button
            className="button button-primary"
            isDisabled={!dirty}
            isPending={save.isPending}
            onPress={() => save.mutate({ myMandateIds: mine.map(Number), letterLanguageDefault: language })}
          >
            {t('common.save')}
          </Button>
        </div>
      </section>
      <section className="card" aria-labelledby="settings-data">
        <h2 id="settings-data">{t('settings.data')}</h2>
        {info.isError && <ErrorNotice>{errorText(info.error)}</ErrorNotice>}
        {info.data && (
          <Facts
            items={[
              [t('settings.version'), info.data.version],
              [t('settings.dataFolder'), <code key="d">{info.data.dataFolder}</code>],
              [t('settings.databaseFile'), <code key="f">{info.data.databaseFile}</code>],
              [t('settings.backupsFolder'), <code key="b">{info.data.backupsFolder}</code>],
            ]}
          />
        )}
        {backup.error && <ErrorNotice>{errorText(backup.error)}</ErrorNotice>}
        {backup.data && <InfoNotice>{t('settings.backupDone', { path: backup.data.path })}</InfoNotice>}
        {openFolder.error && <ErrorNotice>{errorText(openFolder.error)}</ErrorNotice>}
        <div className="form-actions">
          <Button className="button" onPress={() => openFolder.mutate({})}>
            {t('settings.openDataFolder')}
          </Button>
          <Button className="button" onPress={() => backup.mutate({})} isPending={backup.isPending}>
            {t('settings.backupNow')}
          </Button>
        </div>
      </section>
    </div>
  );
}
