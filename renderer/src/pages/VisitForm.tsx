/**
 * Recording a visit from a thread: the mandates (a joint visit has several), the subject State,
 * the places visited (which can differ), start and end, official or not, the report symbol.
 * Given a recorded visit, the same form corrects it (its mandates stay as recorded).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CheckboxInput, ComboInput, TagPicker, TextAreaInput, TextInput } from '../components/fields';
import { PartialDateField } from '../components/PartialDateField';
import { ErrorNotice } from '../components/ui';
import { call, type ResultOf } from '../lib/api';
import { showApiError } from '../lib/forms';
import { dateOrNull, isPartialDate } from '../lib/partialDate';
import { useMandateOptions, useStateOptions } from '../lib/reference';
import { useQueryClient } from '@tanstack/react-query';

const optionalDate = z.string().refine((v) => v.trim() === '' || isPartialDate(v), { message: 'date' });
const schema = z.object({
  mandateIds: z.array(z.string()).min(1, 'mandates'),
  subjectStateCode: z.string().min(1, 'subject'),
  placeCodes: z.array(z.string()),
  start: optionalDate,
  end: optionalDate,
  official: z.boolean(),
  reportSymbol: z.string().max(100),
  notes: z.string().max(10_000),
});
type Values = z.infer<typeof schema>;

type Visit = ResultOf<'requests:get'>['visits'][number];

/** The visit form for one thread; the visit is linked to that thread. With `visit`, corrects that visit. */
export function VisitForm(props: { thread: ResultOf<'requests:get'>; visit?: Visit; onDone: () => void }) {
  const { visit } = props;
  const { t } = useTranslation();
  const client = useQueryClient();
  const mandateOptions = useMandateOptions();
  const stateOptions = useStateOptions();
  const { control, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: visit
      ? {
          mandateIds: visit.mandates.map((m) => String(m.id)),
          subjectStateCode: visit.subject_state_code,
          placeCodes: visit.places.map((p) => p.code),
          start: visit.start ?? '',
          end: visit.end ?? '',
          official: visit.official,
          reportSymbol: visit.report_symbol,
          notes: visit.notes,
        }
      : {
          mandateIds: [String(props.thread.mandate.id)],
          subjectStateCode: props.thread.state.code,
          placeCodes: [props.thread.state.code],
          start: '',
          end: '',
          official: true,
          reportSymbol: '',
          notes: '',
        },
  });
  const message = (m: string | undefined) =>
    m === 'date' ? t('field.dateInvalid') : m === 'mandates' ? t('visit.needsMandate') : m === 'subject' ? t('field.required') : m;

  const submit = handleSubmit(async (v) => {
    try {
      const values = {
        subjectStateCode: v.subjectStateCode,
        placeCodes: v.placeCodes.length ? v.placeCodes : undefined,
        start: dateOrNull(v.start),
        end: dateOrNull(v.end),
        official: v.official,
        reportSymbol: v.reportSymbol.trim() || undefined,
        notes: v.notes || undefined,
      };
      if (visit) await call('visits:correct', { id: visit.id, visit: { ...values, reportSymbol: values.reportSymbol ?? '', notes: values.notes ?? '' } });
      else await call('visits:record', { ...values, mandateIds: v.mandateIds.map(Number), requestId: props.thread.id });
      await client.invalidateQueries();
      props.onDone();
    } catch (error) {
      showApiError(error, setError, (path) => (['start', 'end', 'subjectStateCode', 'reportSymbol', 'notes', 'mandateIds', 'placeCodes'].includes(path) ? (path as keyof Values) : undefined));
    }
  });

  return (
    <Form className="form" onSubmit={submit} validationBehavior="aria">
      <div className="form-grid">
        {visit ? (
          <div className="span-all">
            <p className="field-label">{t('visit.mandates')}</p>
            <p>{visit.mandates.map((m) => m.title).join('; ')}</p>
            <p className="muted">{t('visit.mandatesStay')}</p>
          </div>
        ) : (
          <Controller
            control={control}
            name="mandateIds"
            render={({ field, fieldState }) => (
              <TagPicker
                className="span-all"
                label={t('visit.mandates')}
                addPlaceholder={t('visit.addMandate')}
                value={field.value}
                onChange={field.onChange}
                options={mandateOptions}
                error={message(fieldState.error?.message)}
                removeLabel={(name) => t('requests.filter.remove', { name })}
              />
            )}
          />
        )}
        <Controller
          control={control}
          name="subjectStateCode"
          render={({ field, fieldState }) => (
            <ComboInput label={t('visit.subject')} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} options={stateOptions} error={message(fieldState.error?.message)} isRequired />
          )}
        />
        <Controller
          control={control}
          name="placeCodes"
          render={({ field }) => (
            <TagPicker
              label={t('visit.places')}
              addPlaceholder={t('visit.addPlace')}
              value={field.value}
              onChange={field.onChange}
              options={stateOptions}
              removeLabel={(name) => t('requests.filter.remove', { name })}
            />
          )}
        />
        <PartialDateField control={control} name="start" label={t('visit.start')} message={message} />
        <PartialDateField control={control} name="end" label={t('visit.end')} message={message} />
        <Controller
          control={control}
          name="reportSymbol"
          render={({ field, fieldState }) => (
            <TextInput label={t('visit.reportSymbol')} description={t('visit.reportHint')} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
          )}
        />
        <Controller control={control} name="official" render={({ field }) => <CheckboxInput className="align-end" label={t('visit.officialLabel')} value={field.value} onChange={field.onChange} />} />
        <Controller
          control={control}
          name="notes"
          render={({ field, fieldState }) => <TextAreaInput className="span-all" label={t('visit.notes')} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
        />
      </div>
      {formState.errors.root?.server && <ErrorNotice className="form-error">{formState.errors.root.server.message}</ErrorNotice>}
      <div className="dialog-actions">
        <Button className="button" onPress={props.onDone}>
          {t('common.cancel')}
        </Button>
        <Button className="button button-primary" type="submit" isPending={formState.isSubmitting}>
          {visit ? t('visit.correctSubmit') : t('visit.submit')}
        </Button>
      </div>
    </Form>
  );
}
