/**
 * The fields of a letter that the new-request form and the document form share: its form (letter
 * or note verbale), language and reference, each optional ("not known").
 */
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_FORMS, LANGUAGES } from '../lib/vocab';
import { SelectInput, TextInput } from './fields';

/** The values a form holds for them: '' when not known. */
export type LetterValues = { form: string; language: string; reference: string };

export function LetterFields<T extends FieldValues & LetterValues>(props: { control: Control<T> }) {
  const { t } = useTranslation();
  const name = (n: keyof LetterValues) => n as Path<T>;
  return (
    <>
      <Controller
        control={props.control}
        name={name('form')}
        render={({ field }) => (
          <SelectInput
            label={t('document.form')}
            value={(field.value as string) || null}
            onChange={(v) => field.onChange(v ?? '')}
            noneLabel={t('common.notKnown')}
            options={DOCUMENT_FORMS.map((f) => ({ id: f, label: t(`documentForm.${f}`) }))}
          />
        )}
      />
      <Controller
        control={props.control}
        name={name('language')}
        render={({ field }) => (
          <SelectInput
            label={t('document.language')}
            value={(field.value as string) || null}
            onChange={(v) => field.onChange(v ?? '')}
            noneLabel={t('common.notKnown')}
            options={LANGUAGES.map((l) => ({ id: l, label: t(`language.${l}`) }))}
          />
        )}
      />
      <Controller
        control={props.control}
        name={name('reference')}
        render={({ field, fieldState }) => (
          <TextInput label={t('document.reference')} value={field.value as string} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
        )}
      />
    </>
  );
}
