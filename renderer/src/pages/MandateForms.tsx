/** The forms of a mandate and of a mandate holder's term. */
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ComboInput, SelectInput, TextAreaInput, TextInput } from '../components/fields';
import { PartialDateField } from '../components/PartialDateField';
import { ErrorNotice } from '../components/ui';
import { call } from '../lib/api';
import { showApiError } from '../lib/forms';
import { dateOrNull, isPartialDate } from '../lib/partialDate';
import { useStateOptions } from '../lib/reference';
import { MANDATE_KINDS, type MandateKind } from '../lib/vocab';
import { useQueryClient } from '@tanstack/react-query';

const optionalDate = z.string().refine((v) => v.trim() === '' || isPartialDate(v), { message: 'date' });
const mandateSchema = z.object({
  title: z.string().trim().min(1, 'required').max(500),
  shortName: z.string().max(100),
  kind: z.enum(MANDATE_KINDS),
  subjectStateCode: z.string(),
  established: optionalDate,
  ended: optionalDate,
  notes: z.string().max(10_000),
});
type MandateValues = z.infer<typeof mandateSchema>;

/** A mandate as the form and the API read it. */
export interface MandateLike {
  id: number;
  title: string;
  short_name: string;
  kind: string;
  subject_state_code: string | null;
  established: string | null;
  ended: string | null;
  notes: string;
}

function useMessages() {
  const { t } = useTranslation();
  return (m: string | undefined) => (m === 'date' ? t('field.dateInvalid') : m === 'required' ? t('field.required') : m);
}

/** Adds a mandate (no `mandate`) or edits one. */
export function MandateForm(props: { mandate?: MandateLike; onDone: (id: number | null) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const message = useMessages();
  const stateOptions = useStateOptions();
  const m = props.mandate;
  const { control, handleSubmit, setError, formState } = useForm<MandateValues>({
    resolver: zodResolver(mandateSchema),
    mode: 'onTouched',
    defaultValues: {
      title: m?.title ?? '',
      shortName: m?.short_name ?? '',
      kind: (m?.kind as MandateKind) ?? 'thematic',
      subjectStateCode: m?.subject_state_code ?? '',
      established: m?.established ?? '',
      ended: m?.ended ?? '',
      notes: m?.notes ?? '',
    },
  });
  const kind = useWatch({ control, name: 'kind' });
  const submit = handleSubmit(async (v) => {
    const input = {
      title: v.title.trim(),
      shortName: v.shortName.trim() || undefined,
      kind: v.kind,
      subjectStateCode: v.kind === 'country' && v.subjectStateCode ? v.subjectStateCode : null,
      established: dateOrNull(v.established),
      ended: dateOrNull(v.ended),
      notes: v.notes,
    };
    try {
      const result = m ? await call('mandates:update', { ...input, id: m.id }) : await call('mandates:create', input);
      await client.invalidateQueries();
      props.onDone(result.id);
    } catch (error) {
      showApiError(error, setError, (path) => (path in v ? (path as keyof MandateValues) : undefined));
    }
  });
  return (
    <Form className="form" onSubmit={submit} validationBehavior="aria">
      <div className="form-grid">
        <Controller
          control={control}
          name="title"
          render={({ field, fieldState }) => <TextInput className="span-all" label={t('mandate.titleField')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} isRequired error={message(fieldState.error?.message)} />}
        />
        <Controller control={control} name="shortName" render={({ field }) => <TextInput label={t('mandate.shortName')} description={t('mandate.shortNameHint')} value={field.value} onChange={field.onChange} />} />
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <SelectInput label={t('mandate.kind')} value={field.value} onChange={(v) => v && field.onChange(v)} options={MANDATE_KINDS.map((k) => ({ id: k, label: t(`mandateKind.${k}`) }))} />
          )}
        />
        {kind === 'country' && (
          <Controller
            control={control}
            name="subjectStateCode"
            render={({ field, fieldState }) => (
              <ComboInput label={t('mandate.subjectState')} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} options={stateOptions} error={message(fieldState.error?.message)} />
            )}
          />
        )}
        <PartialDateField control={control} name="established" label={t('mandate.established')} message={message} />
        <PartialDateField control={control} name="ended" label={t('mandate.ended')} message={message} />
        <Controller control={control} name="notes" render={({ field }) => <TextAreaInput className="span-all" label={t('mandate.notes')} value={field.value} onChange={field.onChange} />} />
      </div>
      {formState.errors.root?.server && <ErrorNotice className="form-error">{formState.errors.root.server.message}</ErrorNotice>}
      <div className="dialog-actions">
        <Button className="button" onPress={() => props.onDone(null)}>
          {t('common.cancel')}
        </Button>
        <Button className="button button-primary" type="submit" isPending={formState.isSubmitting}>
          {m ? t('common.save') : t('mandate.create')}
        </Button>
      </div>
    </Form>
  );
}

const holderSchema = z.object({ name: z.string().trim().min(1, 'required').max(200), termStart: optionalDate, termEnd: optionalDate });
type HolderValues = z.infer<typeof holderSchema>;

/** Adds a holder to a mandate (no `holder`) or edits one's name and term. */
export function HolderForm(props: { mandateId: number; holder?: { id: number; name: string; term_start: string | null; term_end: string | null }; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const message = useMessages();
  const h = props.holder;
  const { control, handleSubmit, setError, formState } = useForm<HolderValues>({
    resolver: zodResolver(holderSchema),
    mode: 'onTouched',
    defaultValues: { name: h?.name ?? '', termStart: h?.term_start ?? '', termEnd: h?.term_end ?? '' },
  });
  const submit = handleSubmit(async (v) => {
    const input = { mandateId: props.mandateId, name: v.name.trim(), termStart: dateOrNull(v.termStart), termEnd: dateOrNull(v.termEnd) };
    try {
      if (h) await call('holders:update', { ...input, id: h.id });
      else await call('holders:create', input);
      await client.invalidateQueries();
      props.onDone();
    } catch (error) {
      showApiError(error, setError, (path) => (path in v ? (path as keyof HolderValues) : undefined));
    }
  });
  return (
    <Form className="form" onSubmit={submit} validationBehavior="aria">
      <div className="form-grid">
        <Controller
          control={control}
          name="name"
          render={({ field, fieldState }) => <TextInput className="span-all" label={t('holder.name')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} isRequired error={message(fieldState.error?.message)} />}
        />
        <PartialDateField control={control} name="termStart" label={t('holder.termStart')} message={message} />
        <PartialDateField control={control} name="termEnd" label={t('holder.termEnd')} message={message} />
      </div>
      {formState.errors.root?.server && <ErrorNotice className="form-error">{formState.errors.root.server.message}</ErrorNotice>}
      <div className="dialog-actions">
        <Button className="button" onPress={props.onDone}>
          {t('common.cancel')}
        </Button>
        <Button className="button button-primary" type="submit" isPending={formState.isSubmitting}>
          {h ? t('common.save') : t('holder.add')}
        </Button>
      </div>
    </Form>
  );
}
