/**
 * The form of one document (add or correct): its fields fit the type — proposed dates only for
 * a dates proposal or a postponement, the signing holder only for a document from the mandate
 * holder — and the API's rule errors are shown in the form.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { DocumentInput } from '../../../db/contract';
import type { ResultOf } from '../lib/api';
import { LetterFields } from '../components/LetterFields';
import { SelectInput, TextAreaInput } from '../components/fields';
import { PartialDateField } from '../components/PartialDateField';
import { ErrorNotice } from '../components/ui';
import { showApiError } from '../lib/forms';
import { dateOrNull, isPartialDate } from '../lib/partialDate';
import { DIRECTIONS, DOCUMENT_TYPES, FIXED_DIRECTION, TYPES_WITH_PROPOSED_DATES, usualDirection, type Direction, type DocumentType } from '../lib/vocab';

type Thread = ResultOf<'requests:get'>;
type Doc = Thread['documents'][number];

const optionalDate = z.string().refine((v) => v.trim() === '' || isPartialDate(v), { message: 'date' });
const schema = z.object({
  type: z.enum(DOCUMENT_TYPES),
  direction: z.enum(DIRECTIONS),
  date: optionalDate,
  form: z.string(),
  language: z.string(),
  reference: z.string().max(200),
  signedByHolderId: z.string(),
  proposedStart: optionalDate,
  proposedEnd: optionalDate,
  notes: z.string().max(10_000),
});
export type DocumentFormValues = z.infer<typeof schema>;

/** The form's starting values: a document's, or a new one of `type`. */
export function documentDefaults(thread: Thread, doc?: Doc, type: DocumentType = 'acknowledgement'): DocumentFormValues {
  if (doc) {
    return {
      type: doc.type,
      direction: doc.direction,
      date: doc.date ?? '',
      form: doc.form ?? '',
      language: doc.language ?? '',
      reference: doc.reference,
      signedByHolderId: doc.signed_by_holder_id ? String(doc.signed_by_holder_id) : '',
      proposedStart: doc.proposed_start ?? '',
      proposedEnd: doc.proposed_end ?? '',
      notes: doc.notes,
    };
  }
  const openedBy = thread.documents[0]?.type === 'invitation' ? 'invitation' : 'request';
  return {
    type,
    direction: usualDirection(type, openedBy),
    date: '',
    form: '',
    language: thread.state.correspondence_language ?? '',
    reference: '',
    signedByHolderId: '',
    proposedStart: '',
    proposedEnd: '',
    notes: '',
  };
}

/** The values as the API's document. */
export function toDocumentInput(v: DocumentFormValues): DocumentInput {
  const fixed = FIXED_DIRECTION[v.type];
  const direction = fixed ?? v.direction;
  const withDates = TYPES_WITH_PROPOSED_DATES.includes(v.type);
  return {
    type: v.type,
    direction,
    date: dateOrNull(v.date),
    form: v.form ? (v.form as DocumentInput['form']) : null,
    language: v.language ? (v.language as DocumentInput['language']) : null,
    reference: v.reference.trim(),
    signedByHolderId: direction === 'to_state' && v.signedByHolderId ? Number(v.signedByHolderId) : null,
    proposedStart: withDates ? dateOrNull(v.proposedStart) : null,
    proposedEnd: withDates ? dateOrNull(v.proposedEnd) : null,
    notes: v.notes,
  };
}

const API_FIELDS: Record<string, keyof DocumentFormValues> = {
  type: 'type',
  direction: 'direction',
  date: 'date',
  form: 'form',
  language: 'language',
  reference: 'reference',
  signedByHolderId: 'signedByHolderId',
  proposedStart: 'proposedStart',
  proposedEnd: 'proposedEnd',
  notes: 'notes',
};

/**
 * The document form. `onSubmit` calls the API and throws its error, which the form then shows.
 * @param lockedTypes the opening document stays a request or an invitation
 */
export function DocumentForm(props: {
  thread: Thread;
  defaults: DocumentFormValues;
  submitLabel: string;
  onSubmit: (input: DocumentInput) => Promise<void>;
  onCancel: () => void;
  allowedTypes?: readonly DocumentType[];
}) {
  const { t } = useTranslation();
  const form = useForm<DocumentFormValues>({ resolver: zodResolver(schema), defaultValues: props.defaults, mode: 'onTouched' });
  const { control, handleSubmit, setError, formState } = form;
  const type = useWatch({ control, name: 'type' });
  const directionValue = useWatch({ control, name: 'direction' });
  const fixed = FIXED_DIRECTION[type];
  const direction: Direction = fixed ?? directionValue;
  const withDates = TYPES_WITH_PROPOSED_DATES.includes(type);
  const fromHolder = direction === 'to_state';
  const types = props.allowedTypes ?? DOCUMENT_TYPES;
  const dateError = (message: string | undefined) => (message === 'date' ? t('field.dateInvalid') : message);
  const openedBy = props.thread.documents[0]?.type === 'invitation' ? 'invitation' : 'request';

  const submit = handleSubmit(async (values) => {
    try {
      await props.onSubmit(toDocumentInput(values));
    } catch (error) {
      showApiError(error, setError, (path) => API_FIELDS[path.replace(/^document\./, '')]);
    }
  });

  return (
    <Form className="form" onSubmit={submit} validationBehavior="aria">
      <div className="form-grid">
        <Controller
          control={control}
          name="type"
          render={({ field, fieldState }) => (
            <SelectInput
              label={t('document.type')}
              value={field.value}
              onChange={(v) => {
                if (!v) return;
                field.onChange(v);
                // a new type brings its usual direction (the State answers a request...)
                form.setValue('direction', usualDirection(v as DocumentType, openedBy));
              }}
              options={types.map((d) => ({ id: d, label: t(`documentType.${d}`) }))}
              error={fieldState.error?.message}
              isRequired
            />
          )}
        />
        {fixed ? (
          <div className="field field-static">
            <span className="field-label">{t('document.direction')}</span>
            <span className="static-value">{t(`direction.${fixed}`)}</span>
          </div>
        ) : (
          <Controller
            control={control}
            name="direction"
            render={({ field, fieldState }) => (
              <SelectInput
                label={t('document.direction')}
                value={field.value}
                onChange={(v) => v && field.onChange(v)}
                options={DIRECTIONS.map((d) => ({ id: d, label: t(`direction.${d}`) }))}
                error={fieldState.error?.message}
              />
            )}
          />
        )}
        <PartialDateField control={control} name="date" label={t('document.date')} message={dateError} />
        <LetterFields control={control} />
        {fromHolder && (
          <Controller
            control={control}
            name="signedByHolderId"
            render={({ field, fieldState }) => (
              <SelectInput
                label={t('document.signedBy')}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                noneLabel={t('common.notKnown')}
                options={props.thread.holders.map((h) => ({ id: String(h.id), label: holderLabel(h) }))}
                description={props.thread.holders.length === 0 ? t('document.noHolders') : undefined}
                error={fieldState.error?.message}
              />
            )}
          />
        )}
        {withDates && (
          <>
            <PartialDateField control={control} name="proposedStart" label={t('document.proposedStart')} message={dateError} />
            <PartialDateField control={control} name="proposedEnd" label={t('document.proposedEnd')} message={dateError} />
          </>
        )}
        <Controller
          control={control}
          name="notes"
          render={({ field, fieldState }) => (
            <TextAreaInput className="span-all" label={t('document.notes')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
          )}
        />
      </div>
      {formState.errors.root?.server && <ErrorNotice className="form-error">{formState.errors.root.server.message}</ErrorNotice>}
      <div className="dialog-actions">
        <Button className="button" onPress={props.onCancel}>
          {t('common.cancel')}
        </Button>
        <Button className="button button-primary" type="submit" isPending={formState.isSubmitting}>
          {props.submitLabel}
        </Button>
      </div>
    </Form>
  );
}

/** "Name (2014–2020)" for a holder with a known term. */
export function holderLabel(h: { name: string; term_start: string | null; term_end: string | null }): string {
  if (!h.term_start && !h.term_end) return h.name;
  return `${h.name} (${h.term_start ?? '…'}–${h.term_end ?? ''})`;
}
