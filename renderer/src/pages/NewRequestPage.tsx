/** A new visit request (or a spontaneous invitation from a State): opens a thread. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { LetterFields } from '../components/LetterFields';
import { ComboInput, SelectInput, TextAreaInput } from '../components/fields';
import { PartialDateField } from '../components/PartialDateField';
import { ErrorNotice, InfoNotice, PageHeader } from '../components/ui';
import { call, useApiQuery } from '../lib/api';
import { showApiError } from '../lib/forms';
import { dateOrNull, isPartialDate } from '../lib/partialDate';
import { useMandateOptions, useSettings, useStateOptions, useStates } from '../lib/reference';
import { href, navigate } from '../lib/router';
import { PRIORITIES, type DocumentForm, type Language, type Priority } from '../lib/vocab';
import { holderLabel } from './DocumentForm';
import { useQueryClient } from '@tanstack/react-query';

const schema = z.object({
  mandateId: z.string().min(1, 'required'),
  stateCode: z.string().min(1, 'required'),
  type: z.enum(['request', 'invitation']),
  date: z.string().refine((v) => v.trim() === '' || isPartialDate(v), { message: 'date' }),
  form: z.string(),
  language: z.string(),
  reference: z.string().max(200),
  signedByHolderId: z.string(),
  priority: z.enum(PRIORITIES),
  notes: z.string().max(10_000),
});
type Values = z.infer<typeof schema>;

const API_FIELDS: Record<string, keyof Values> = {
  mandateId: 'mandateId',
  stateCode: 'stateCode',
  'opening.type': 'type',
  'opening.date': 'date',
  // (a rule about the opening's date names it as the document's)
  date: 'date',
  'opening.reference': 'reference',
  'opening.signedByHolderId': 'signedByHolderId',
  notes: 'notes',
};

/** The New request screen; `stateCode`/`mandateId` preselect (from a State's or a mandate's page). */
export function NewRequestPage(props: { stateCode?: string; mandateId?: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useSettings();
  const mandateOptions = useMandateOptions();
  const stateOptions = useStateOptions();
  const states = useStates();
  const mine = settings.data?.myMandateIds ?? [];
  const { control, handleSubmit, setError, setValue, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: {
      mandateId: props.mandateId ? String(props.mandateId) : mine.length === 1 ? String(mine[0]) : '',
      stateCode: props.stateCode ?? '',
      type: 'request',
      date: '',
      form: 'letter',
      language: '',
      reference: '',
      signedByHolderId: '',
      priority: 'normal',
      notes: '',
    },
  });
  const mandateId = useWatch({ control, name: 'mandateId' });
  // with one mandate of my own, it is the mandate of a new request unless the address says otherwise
  const defaulted = useRef(false);
  useEffect(() => {
    if (defaulted.current || !settings.data) return;
    defaulted.current = true;
    if (!props.mandateId && !mandateId && mine.length === 1) setValue('mandateId', String(mine[0]));
  }, [settings.data, mine, mandateId, props.mandateId, setValue]);
  const type = useWatch({ control, name: 'type' });
  const stateCode = useWatch({ control, name: 'stateCode' });
  // one pending request per mandate and State (db/requests.ts checkNoPendingThread): say so before
  // the API refuses, with a link to the thread where the reminder or the invitation goes
  const pending = useApiQuery(
    'requests:list',
    { filter: { statuses: ['pending'], mandateIds: [Number(mandateId) || 0], stateCodes: stateCode ? [stateCode] : [] }, sort: { column: 'openedOn', direction: 'asc' }, limit: 1 },
    { enabled: !!mandateId && !!stateCode },
  );
  const pendingThread = mandateId && stateCode ? pending.data?.rows[0] : undefined;
  const holders = useApiQuery('holders:list', { mandateId: mandateId ? Number(mandateId) : undefined }, { enabled: !!mandateId });
  const message = (m: string | undefined) => (m === 'date' ? t('field.dateInvalid') : m === 'required' ? t('field.required') : m);

  const submit = handleSubmit(async (v) => {
    try {
      const created = await call('requests:create', {
        mandateId: Number(v.mandateId),
        stateCode: v.stateCode,
        priority: v.priority as Priority,
        notes: v.notes || undefined,
        opening: {
          type: v.type,
          date: dateOrNull(v.date),
          form: v.form ? (v.form as DocumentForm) : null,
          language: v.language ? (v.language as Language) : null,
          reference: v.reference.trim(),
          signedByHolderId: v.type === 'request' && v.signedByHolderId ? Number(v.signedByHolderId) : null,
        },
      });
      await client.invalidateQueries();
      navigate({ name: 'request', id: created.id });
    } catch (error) {
      showApiError(error, setError, (path) => API_FIELDS[path]);
    }
  });

  return (
    <div className="page page-form">
      <PageHeader title={t('newRequest.title')} subtitle={t('newRequest.intro')} />
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <div className="form-grid">
          <Controller
            control={control}
            name="mandateId"
            render={({ field, fieldState }) => (
              <ComboInput
                className="span-2"
                label={t('newRequest.mandate')}
                value={field.value || null}
                onChange={(v) => {
                  field.onChange(v ?? '');
                  setValue('signedByHolderId', '');
                }}
                onBlur={field.onBlur}
                options={mandateOptions}
                error={message(fieldState.error?.message)}
                isRequired
              />
            )}
          />
          <Controller
            control={control}
            name="stateCode"
            render={({ field, fieldState }) => (
              <ComboInput
                label={t('newRequest.state')}
                value={field.value || null}
                onChange={(v) => {
                  field.onChange(v ?? '');
                  const state = states.data?.find((s) => s.code === v);
                  if (state) setValue('language', state.correspondence_language);
                }}
                onBlur={field.onBlur}
                options={stateOptions}
                description={t('newRequest.stateHint')}
                error={message(fieldState.error?.message)}
                isRequired
              />
            )}
          />
          <Controller
            control={control}
            name="type"
            render={({ field }) => (
              <RadioGroup className="radio-group span-all" value={field.value} onChange={(v) => field.onChange(v)} orientation="horizontal">
                <Label>{t('newRequest.opening')}</Label>
                <div className="radios">
                  <Radio className="radio" value="request">
                    {t('newRequest.openingRequest')}
                  </Radio>
                  <Radio className="radio" value="invitation">
                    {t('newRequest.openingInvitation')}
                  </Radio>
                </div>
              </RadioGroup>
            )}
          />
          <PartialDateField control={control} name="date" label={t('document.date')} message={message} />
          <LetterFields control={control} />
          {type === 'request' && (
            <Controller
              control={control}
              name="signedByHolderId"
              render={({ field, fieldState }) => (
                <SelectInput
                  label={t('document.signedBy')}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  noneLabel={t('common.notKnown')}
                  options={(holders.data ?? []).map((h) => ({ id: String(h.id), label: holderLabel(h) }))}
                  description={!mandateId ? t('newRequest.chooseMandateFirst') : holders.data?.length === 0 ? t('document.noHolders') : undefined}
                  error={fieldState.error?.message}
                />
              )}
            />
          )}
          <Controller
            control={control}
            name="priority"
            render={({ field }) => (
              <SelectInput label={t('request.priority')} value={field.value} onChange={(v) => v && field.onChange(v)} options={PRIORITIES.map((p) => ({ id: p, label: t(`priority.${p}`) }))} />
            )}
          />
          <Controller
            control={control}
            name="notes"
            render={({ field, fieldState }) => <TextAreaInput className="span-all" label={t('request.notes')} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
          />
        </div>
        {pendingThread && (
          <InfoNotice>
            {pendingThread.openedOn
              ? t('newRequest.pendingThread', { state: pendingThread.stateName, date: pendingThread.openedOn })
              : t('newRequest.pendingThreadUndated', { state: pendingThread.stateName })}{' '}
            <a href={href({ name: 'request', id: pendingThread.id })}>{t('newRequest.openPendingThread')}</a>
          </InfoNotice>
        )}
        {formState.errors.root?.server && <ErrorNotice className="form-error">{formState.errors.root.server.message}</ErrorNotice>}
        <div className="form-actions">
          <Button className="button button-primary" type="submit" isPending={formState.isSubmitting}>
            {type === 'request' ? t('newRequest.submitRequest') : t('newRequest.submitInvitation')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
