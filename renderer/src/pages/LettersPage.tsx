/**
 * The reminder letters of a review: prepare them (one per request or per State, language, form,
 * date, proposed period), read and edit each one's text, print or save them as PDF, and confirm
 * they were sent — which, and only which, records the reminders on the threads.
 */
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CheckboxInput, PartialDateInput, SelectInput, TextAreaInput, TextInput } from '../components/fields';
import { ConfirmDialog, ErrorNotice, InfoNotice, Loading, PageHeader } from '../components/ui';
import { errorText, useApiMutation, useApiQuery, type ResultOf } from '../lib/api';
import { href } from '../lib/router';

type Letter = ResultOf<'letters:list'>['letters'][number];
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The Letters screen of one review. */
export function LettersPage(props: { reviewId: number }) {
  const { t } = useTranslation();
  const list = useApiQuery('letters:list', { reviewId: props.reviewId });
  const prepare = useApiMutation('letters:prepare');
  const print = useApiMutation('app:printLetters');
  const savePdf = useApiMutation('app:saveLettersPdf');
  const confirm = useApiMutation('letters:confirmSent');
  const [grouping, setGrouping] = useState<'per_request' | 'per_state'>('per_request');
  const [form, setForm] = useState<'letter' | 'note_verbale' | 'default'>('default');
  const [letterDate, setLetterDate] = useState(today());
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const [sentOn, setSentOn] = useState(today());
  const [confirming, setConfirming] = useState(false);

  const letters = list.data?.letters ?? [];
  // a new list (prepared, confirmed) selects the letters still to send
  useEffect(() => setSelected((list.data?.letters ?? []).filter((l) => !l.sentOn).map((l) => l.id)), [list.data]);
  const chosen = letters.filter((l) => selected.includes(l.id));

  return (
    <div className="page page-letters">
      <PageHeader
        title={t('letters.title', { year: list.data?.year ?? '' })}
        subtitle={<a href={href({ name: 'reviewDetail', id: props.reviewId })}>{t('letters.backToReview')}</a>}
      />
      <section className="card" aria-labelledby="letters-prepare">
        <h2 id="letters-prepare">{t('letters.prepare')}</h2>
        <div className="form-grid">
          <SelectInput
            label={t('letters.grouping')}
            value={grouping}
            onChange={(v) => v && setGrouping(v as typeof grouping)}
            options={[
              { id: 'per_request', label: t('letters.perRequest') },
              { id: 'per_state', label: t('letters.perState') },
            ]}
          />
          <SelectInput
            label={t('letters.form')}
            value={form}
            onChange={(v) => v && setForm(v as typeof form)}
            options={[
              { id: 'default', label: t('letters.formDefault') },
              { id: 'letter', label: t('documentForm.letter') },
              { id: 'note_verbale', label: t('documentForm.note_verbale') },
            ]}
          />
          <TextInput label={t('letters.letterDate')} value={letterDate} onChange={setLetterDate} />
          <PartialDateInput label={t('letters.periodStart')} value={periodStart} onChange={setPeriodStart} />
          <PartialDateInput label={t('letters.periodEnd')} value={periodEnd} onChange={setPeriodEnd} />
        </div>
        {prepare.error && <ErrorNotice>{errorText(prepare.error)}</ErrorNotice>}
        <div className="form-actions">
          <Button
            className="button button-primary"
            isPending={prepare.isPending}
            onPress={() =>
              prepare.mutate({
                reviewId: props.reviewId,
                grouping,
                ...(form === 'default' ? {} : { form }),
                letterDate,
                proposedStart: periodStart || null,
                proposedEnd: periodEnd || null,
              })
            }
          >
            {t('letters.prepareButton')}
          </Button>
        </div>
      </section>

      {list.isPending && <Loading />}
      {list.isError && <ErrorNotice>{errorText(list.error)}</ErrorNotice>}
      {list.data && letters.length === 0 && <p className="muted">{t('letters.none')}</p>}
      {letters.length > 0 && (
        <section className="card" aria-labelledby="letters-batch">
          <h2 id="letters-batch">{t('letters.batch', { count: chosen.length })}</h2>
          <div className="form-actions">
            <Button className="button" isDisabled={chosen.length === 0} isPending={print.isPending} onPress={() => print.mutate({ letterIds: selected })}>
              {t('letters.print')}
            </Button>
            <Button className="button" isDisabled={chosen.length === 0} isPending={savePdf.isPending} onPress={() => savePdf.mutate({ letterIds: selected })}>
              {t('letters.savePdf')}
            </Button>
            <Button className="button" isDisabled={chosen.length === 0} onPress={() => savePdf.mutate({ letterIds: selected, perLetter: true })}>
              {t('letters.savePdfPerLetter')}
            </Button>
          </div>
          {(print.error || savePdf.error) && <ErrorNotice>{errorText(print.error ?? savePdf.error)}</ErrorNotice>}
          {savePdf.data?.saved && <InfoNotice>{t('letters.saved', { count: savePdf.data.paths.length })}</InfoNotice>}
          <div className="form-grid">
            <TextInput label={t('letters.sentOn')} description={t('letters.sentOnHint')} value={sentOn} onChange={setSentOn} />
          </div>
          {confirm.data && <InfoNotice>{t('letters.confirmed', { count: confirm.data.letters.length, date: confirm.data.sentOn })}</InfoNotice>}
          <div className="form-actions">
            <Button className="button button-primary" isDisabled={chosen.filter((l) => !l.sentOn).length === 0} onPress={() => setConfirming(true)}>
              {t('letters.confirmSent')}
            </Button>
          </div>
        </section>
      )}
      {list.data && <LetterSettingsCard mandateId={list.data.mandateId} />}
      {letters.map((letter) => (
        <LetterCard
          key={letter.id}
          letter={letter}
          selected={selected.includes(letter.id)}
          onSelect={(on) => setSelected((s) => (on ? [...s, letter.id] : s.filter((id) => id !== letter.id)))}
        />
      ))}
      <ConfirmDialog
        title={t('letters.confirmTitle')}
        message={t('letters.confirmMessage', { count: chosen.filter((l) => !l.sentOn).reduce((n, l) => n + l.requestIds.length, 0), date: sentOn })}
        confirmLabel={t('letters.confirmSent')}
        isOpen={confirming}
        onOpenChange={setConfirming}
        isPending={confirm.isPending}
        error={confirm.error ? errorText(confirm.error) : null}
        onConfirm={() => confirm.mutate({ letterIds: chosen.filter((l) => !l.sentOn).map((l) => l.id), sentOn }, { onSuccess: () => setConfirming(false) })}
      />
    </div>
  );
}

/** One letter: what it is, its warnings, its text (editable until sent). */
function LetterCard(props: { letter: Letter; selected: boolean; onSelect: (on: boolean) => void }) {
  const { t } = useTranslation();
  const { letter } = props;
  const update = useApiMutation('letters:update');
  const [text, setText] = useState(letter.text);
  useEffect(() => setText(letter.text), [letter.text]);
  const sent = letter.sentOn !== null;
  return (
    <section className="card letter-card" aria-labelledby={`letter-${letter.id}`}>
      <h3 id={`letter-${letter.id}`}>
        {letter.number}. {letter.stateName} — {letter.reference}
      </h3>
      <p className="sub">
        {t(`language.${letter.language}`)} · {t(`documentForm.${letter.form}`)} · {letter.letterDate}
        {letter.printedAt && ` · ${t('letters.printed')}`}
        {sent && ` · ${t('letters.sentOnDate', { date: letter.sentOn })}`}
      </p>
      <CheckboxInput label={t('letters.select')} value={props.selected} onChange={props.onSelect} />
      {letter.warnings.map((w) => (
        <ErrorNotice key={w}>{w}</ErrorNotice>
      ))}
      <TextAreaInput label={t('letters.text')} description={t('letters.textHint')} value={text} onChange={setText} rows={12} isDisabled={sent} />
      {update.error && <ErrorNotice>{errorText(update.error)}</ErrorNotice>}
      {!sent && (
        <div className="form-actions">
          <Button className="button" isDisabled={text === letter.text} isPending={update.isPending} onPress={() => update.mutate({ id: letter.id, body: text })}>
            {t('letters.saveText')}
          </Button>
          {letter.edited && (
            <Button className="button" onPress={() => update.mutate({ id: letter.id, body: null })}>
              {t('letters.resetText')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

/** The mandate's letter settings: letterhead, signature, reference pattern, titles in the three languages. */
function LetterSettingsCard(props: { mandateId: number }) {
  const { t } = useTranslation();
  const settings = useApiQuery('letters:settings:get', { mandateId: props.mandateId });
  const save = useApiMutation('letters:settings:set');
  const [values, setValues] = useState({ letterhead: '', signature: '', referencePattern: '', resolution: '', contact: '', en: '', fr: '', es: '', pronoun: 'default' });
  useEffect(() => {
    const s = settings.data?.stored;
    if (!s) return;
    setValues({ letterhead: s.letterhead, signature: s.signature, referencePattern: s.referencePattern, resolution: s.resolution, contact: s.contact, en: s.titles.en, fr: s.titles.fr, es: s.titles.es, pronoun: s.pronoun ?? 'default' });
  }, [settings.data]);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const effective = settings.data?.effective;
  return (
    <section className="card" aria-labelledby="letters-settings">
      <h2 id="letters-settings">{t('letters.settings')}</h2>
      <p className="hint">{t('letters.settingsHint')}</p>
      <div className="form-grid">
        <TextAreaInput label={t('letters.letterhead')} value={values.letterhead} onChange={set('letterhead')} rows={3} description={effective?.letterhead.join(' / ')} />
        <TextAreaInput label={t('letters.signature')} value={values.signature} onChange={set('signature')} rows={3} description={effective?.signature.en.join(' / ')} />
        <TextInput label={t('letters.referencePattern')} value={values.referencePattern} onChange={set('referencePattern')} description={t('letters.referencePatternHint', { pattern: effective?.referencePattern ?? '' })} />
        <TextInput label={t('letters.titleEn')} value={values.en} onChange={set('en')} description={effective?.title.en} />
        <TextInput label={t('letters.titleFr')} value={values.fr} onChange={set('fr')} description={t('letters.titleFrHint')} />
        <TextInput label={t('letters.titleEs')} value={values.es} onChange={set('es')} description={t('letters.titleEsHint')} />
        <SelectInput
          label={t('letters.pronoun')}
          value={values.pronoun}
          onChange={(v) => v && set('pronoun')(v)}
          options={[{ id: 'default', label: t('letters.pronounDefault', { pronoun: effective?.pronoun ?? '' }) }, ...(['her', 'his', 'their', 'its'] as const).map((p) => ({ id: p, label: p }))]}
        />
        <TextInput label={t('letters.resolution')} value={values.resolution} onChange={set('resolution')} />
        <TextInput label={t('letters.contact')} value={values.contact} onChange={set('contact')} />
      </div>
      {save.error && <ErrorNotice>{errorText(save.error)}</ErrorNotice>}
      {save.isSuccess && <InfoNotice>{t('common.saved')}</InfoNotice>}
      <div className="form-actions">
        <Button
          className="button"
          isPending={save.isPending}
          onPress={() =>
            save.mutate({
              mandateId: props.mandateId,
              letterhead: values.letterhead,
              signature: values.signature,
              referencePattern: values.referencePattern,
              resolution: values.resolution,
              contact: values.contact,
              titles: { en: values.en, fr: values.fr, es: values.es },
              pronoun: values.pronoun === 'default' ? null : (values.pronoun as 'her' | 'his' | 'their' | 'its'),
            })
          }
        >
          {t('letters.saveSettings')}
        </Button>
      </div>
    </section>
  );
}
