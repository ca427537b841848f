/**
 * One State: its facts (names, former and other names, group, standing invitation,
 * correspondence language, Permanent Mission address), editable, and all its threads across
 * mandates. The same form adds a State or territory.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { StateInput } from '../../../db/contract';
import { CheckboxInput, SelectInput, TextAreaInput, TextInput } from '../components/fields';
import { PartialDateField } from '../components/PartialDateField';
import { ThreadsTable } from '../components/ThreadsTable';
import { ErrorNotice, Facts, InfoNotice, Loading, PageHeader } from '../components/ui';
import { call, errorText, useApiQuery, type ResultOf } from '../lib/api';
import { showApiError } from '../lib/forms';
import { dateOrNull, isPartialDate } from '../lib/partialDate';
import { href, navigate } from '../lib/router';
import { LANGUAGES, REGIONAL_GROUPS, STATE_KINDS, type Language, type RegionalGroup, type StateKind } from '../lib/vocab';
import { useQueryClient } from '@tanstack/react-query';

const optionalDate = z.string().refine((v) => v.trim() === '' || isPartialDate(v), { message: 'date' });
const schema = z.object({
  code: z.string().regex(/^[A-Z]{3}$/, 'code'),
  nameEn: z.string().trim().min(1, 'required').max(200),
  nameFr: z.string().max(200),
  nameEs: z.string().max(200),
  kind: z.enum(STATE_KINDS),
  regionalGroup: z.string(),
  standingInvitation: z.boolean(),
  standingInvitationSince: optionalDate,
  standingInvitationWithdrawn: optionalDate,
  correspondenceLanguage: z.enum(LANGUAGES),
  missionAddress: z.string().max(2000),
  notes: z.string().max(10_000),
  formerNames: z.array(z.object({ name: z.string().trim().min(1, 'required').max(200), until: optionalDate })),
  /** One per line. */
  otherNames: z.string().max(20_000),
});
type Values = z.infer<typeof schema>;
type State = ResultOf<'states:get'>;

function defaultsOf(s?: State): Values {
  return {
    code: s?.code ?? '',
    nameEn: s?.name_en ?? '',
    nameFr: s?.name_fr ?? '',
    nameEs: s?.name_es ?? '',
    kind: (s?.kind as StateKind) ?? 'territory',
    regionalGroup: s?.regional_group ?? '',
    standingInvitation: s?.standing_invitation ?? false,
    standingInvitationSince: s?.standing_invitation_since ?? '',
    standingInvitationWithdrawn: s?.standing_invitation_withdrawn ?? '',
    correspondenceLanguage: (s?.correspondence_language as Language) ?? 'en',
    missionAddress: s?.mission_address ?? '',
    notes: s?.notes ?? '',
    formerNames: (s?.formerNames ?? []).map((f) => ({ name: f.name, until: f.until ?? '' })),
    otherNames: (s?.otherNames ?? []).join('\n'),
  };
}

function toInput(v: Values): StateInput {
  return {
    code: v.code,
    nameEn: v.nameEn.trim(),
    nameFr: v.nameFr.trim() || undefined,
    nameEs: v.nameEs.trim() || undefined,
    kind: v.kind,
    regionalGroup: v.kind === 'member' && v.regionalGroup ? (v.regionalGroup as RegionalGroup) : null,
    standingInvitation: v.standingInvitation,
    standingInvitationSince: v.standingInvitation ? dateOrNull(v.standingInvitationSince) : null,
    standingInvitationWithdrawn: v.standingInvitation ? dateOrNull(v.standingInvitationWithdrawn) : null,
    correspondenceLanguage: v.correspondenceLanguage,
    missionAddress: v.missionAddress,
    notes: v.notes,
    formerNames: v.formerNames.map((f) => ({ name: f.name.trim(), until: dateOrNull(f.until) })),
    otherNames: v.otherNames
      .split('\n')
      .map((n) => n.trim())
      .filter(Boolean),
  };
}

/** The State screen. */
export function StatePage(props: { code: string }) {
  const { t } = useTranslation();
  const query = useApiQuery('states:get', { code: props.code });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (query.isPending) return <Loading />;
  if (query.isError)
    return (
      <div className="page">
        <PageHeader title={t('state.title')} />
        <ErrorNotice>{errorText(query.error)}</ErrorNotice>
      </div>
    );
  const s = query.data;
  return (
    <div className="page">
      <PageHeader
        title={s.name_en}
        subtitle={`${s.code} · ${t(`stateKind.${s.kind as StateKind}`)}${s.regional_group ? ` · ${t(`regionalGroup.${s.regional_group as RegionalGroup}`)}` : ''}`}
        actions={
          <>
            {!editing && (
              <Button className="button" onPress={() => (setSaved(false), setEditing(true))}>
                {t('common.edit')}
              </Button>
            )}
            <a className="button button-primary" href={href({ name: 'newRequest', stateCode: s.code })}>
              {t('state.newRequest')}
            </a>
          </>
        }
      />
      {saved && <InfoNotice>{t('common.saved')}</InfoNotice>}
      {editing ? (
        <StateForm
          state={s}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t('state.facts')}</h2>
          <Facts
            items={[
              [t('state.nameFr'), s.name_fr],
              [t('state.nameEs'), s.name_es],
              [t('state.formerNames'), s.formerNames.map((f) => (f.until ? t('state.nameUntil', { name: f.name, until: f.until }) : f.name)).join('; ')],
              [t('state.otherNames'), s.otherNames.join('; ')],
              [
                t('state.standingInvitation'),
                s.standing_invitation
                  ? [s.standing_invitation_since ? t('state.sinceDate', { date: s.standing_invitation_since }) : t('common.yes'), s.standing_invitation_withdrawn ? t('state.withdrawnDate', { date: s.standing_invitation_withdrawn }) : null]
                      .filter(Boolean)
                      .join('; ')
                  : t('common.no'),
              ],
              [t('state.language'), t(`language.${s.correspondence_language as Language}`)],
              [t('state.missionAddress'), s.mission_address ? <span className="pre">{s.mission_address}</span> : ''],
              [t('state.notes'), s.notes ? <span className="pre">{s.notes}</span> : ''],
            ]}
          />
        </section>
      )}
      <section className="card" aria-labelledby="threads-heading">
        <h2 id="threads-heading">{t('state.threads', { count: s.requests.length })}</h2>
        <ThreadsTable rows={s.requests} show="mandate" caption={t('state.threads', { count: s.requests.length })} />
      </section>
    </div>
  );
}

/** Adding a State or territory. */
export function NewStatePage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('state.addTitle')} subtitle={t('state.addIntro')} />
      <StateForm onCancel={() => navigate({ name: 'states' })} onSaved={(code) => navigate({ name: 'state', code })} />
    </div>
  );
}

function StateForm(props: { state?: State; onCancel: () => void; onSaved: (code: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const creating = !props.state;
  const { control, handleSubmit, setError, formState } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: defaultsOf(props.state), mode: 'onTouched' });
  const former = useFieldArray({ control, name: 'formerNames' });
  const kind = useWatch({ control, name: 'kind' });
  const standing = useWatch({ control, name: 'standingInvitation' });
  const message = (m: string | undefined) =>
    m === 'date' ? t('field.dateInvalid') : m === 'required' ? t('field.required') : m === 'code' ? t('state.codeInvalid') : m;

  const submit = handleSubmit(async (v) => {
    try {
      const input = toInput(v);
      const result = creating ? await call('states:create', input) : await call('states:update', input);
      await client.invalidateQueries();
      props.onSaved(result.code);
    } catch (error) {
      showApiError(error, setError, (path) => (path in v ? (path as keyof Values) : undefined));
    }
  });

  return (
    <Form className="form card" onSubmit={submit} validationBehavior="aria">
      <div className="form-grid">
        <Controller
          control={control}
          name="code"
          render={({ field, fieldState }) => (
            <TextInput
              label={t('state.code')}
              description={t('state.codeHint')}
              value={field.value}
              onChange={(v) => field.onChange(v.toUpperCase())}
              onBlur={field.onBlur}
              isDisabled={!creating}
              isRequired
              error={message(fieldState.error?.message)}
            />
          )}
        />
        <Controller
          control={control}
          name="nameEn"
          render={({ field, fieldState }) => <TextInput label={t('state.nameEn')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} isRequired error={message(fieldState.error?.message)} />}
        />
        <Controller control={control} name="nameFr" render={({ field }) => <TextInput label={t('state.nameFr')} value={field.value} onChange={field.onChange} />} />
        <Controller control={control} name="nameEs" render={({ field }) => <TextInput label={t('state.nameEs')} value={field.value} onChange={field.onChange} />} />
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <SelectInput label={t('state.kind')} value={field.value} onChange={(v) => v && field.onChange(v)} options={STATE_KINDS.map((k) => ({ id: k, label: t(`stateKind.${k}`) }))} />
          )}
        />
        {kind === 'member' && (
          <Controller
            control={control}
            name="regionalGroup"
            render={({ field, fieldState }) => (
              <SelectInput
                label={t('state.regionalGroup')}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                options={REGIONAL_GROUPS.map((g) => ({ id: g, label: t(`regionalGroup.${g}`) }))}
                placeholder={t('common.choose')}
                error={message(fieldState.error?.message)}
              />
            )}
          />
        )}
        <Controller
          control={control}
          name="correspondenceLanguage"
          render={({ field }) => (
            <SelectInput label={t('state.language')} value={field.value} onChange={(v) => v && field.onChange(v)} options={LANGUAGES.map((l) => ({ id: l, label: t(`language.${l}`) }))} />
          )}
        />
        <Controller control={control} name="standingInvitation" render={({ field }) => <CheckboxInput className="align-end" label={t('state.standingInvitation')} value={field.value} onChange={field.onChange} />} />
        {standing && (
          <PartialDateField control={control} name="standingInvitationSince" label={t('state.standingSince')} message={message} />
        )}
        {standing && (
          <PartialDateField
            control={control}
            name="standingInvitationWithdrawn"
            label={t('state.standingWithdrawn')}
            description={`${t('field.dateHint')} ${t('state.standingWithdrawnHint')}`}
            message={message}
          />
        )}
        <Controller
          control={control}
          name="missionAddress"
          render={({ field }) => <TextAreaInput className="span-all" label={t('state.missionAddress')} description={t('state.missionHint')} value={field.value} onChange={field.onChange} rows={4} />}
        />
        <fieldset className="span-all former-names">
          <legend>{t('state.formerNames')}</legend>
          {former.fields.length === 0 && <p className="muted">{t('state.noFormerNames')}</p>}
          {former.fields.map((item, index) => (
            <div className="former-row" key={item.id}>
              <Controller
                control={control}
                name={`formerNames.${index}.name`}
                render={({ field, fieldState }) => <TextInput label={t('state.formerName')} value={field.value} onChange={field.onChange} error={message(fieldState.error?.message)} />}
              />
              <PartialDateField control={control} name={`formerNames.${index}.until`} label={t('state.until')} message={message} />
              <Button className="button button-small button-danger-quiet" onPress={() => former.remove(index)} aria-label={t('state.removeFormerName', { n: index + 1 })}>
                {t('common.remove')}
              </Button>
            </div>
          ))}
          <Button className="button button-small" onPress={() => former.append({ name: '', until: '' })}>
            {t('state.addFormerName')}
          </Button>
        </fieldset>
        <Controller
          control={control}
          name="otherNames"
          render={({ field }) => (
            <TextAreaInput className="span-all" label={t('state.otherNames')} description={t('state.otherNamesHint')} value={field.value} onChange={field.onChange} rows={3} />
          )}
        />
        <Controller control={control} name="notes" render={({ field }) => <TextAreaInput className="span-all" label={t('state.notes')} value={field.value} onChange={field.onChange} />} />
      </div>
      {formState.errors.root?.server && <ErrorNotice className="form-error">{formState.errors.root.server.message}</ErrorNotice>}
      <div className="form-actions">
        <Button className="button" onPress={props.onCancel}>
          {t('common.cancel')}
        </Button>
        <Button className="button button-primary" type="submit" isPending={formState.isSubmitting}>
          {creating ? t('state.create') : t('common.save')}
        </Button>
      </div>
    </Form>
  );
}
