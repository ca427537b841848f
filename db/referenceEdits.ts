/**
 * Users add and edit all reference data: States (names, former names, group, standing
 * invitation, correspondence language, Permanent Mission address), mandates and mandate holders.
 */
import { nowIso, recordChange, type ChangeSource, type Executor } from './changeLog';
import type { HolderInput, MandateInput, StateInput } from './contract';
import { aDocument } from './domain';
import { conflict, notFound, ruleError } from './errors';
import { foldName, foldText } from './fold';
import { isSurelyBefore, onOrIn, todayLocal } from './partialDate';

/**
 * The State rules: a Member State has a regional group and only Member States have one; a
 * standing invitation's withdrawal needs the standing invitation, and is not before it was
 * extended ("surely before" for partial dates: a withdrawal in "2015" of an invitation of
 * "2015-06" may be later in 2015, and is accepted), nor after `today`.
 * @throws DomainError('rule') naming the rule broken.
 */
function checkState(input: StateInput, today: string) {
  if (input.kind === 'member' && !input.regionalGroup) throw ruleError('A Member State belongs to a regional group.');
  if (input.kind !== 'member' && input.regionalGroup) throw ruleError('Only Member States belong to a regional group.');
  const since = input.standingInvitationSince;
  const withdrawn = input.standingInvitationWithdrawn;
  if (withdrawn && !input.standingInvitation && !since) throw ruleError('A withdrawal needs the standing invitation it withdraws.');
  if (withdrawn && since && isSurelyBefore(withdrawn, since)) throw ruleError('The standing invitation is withdrawn before it was extended.', 'standingInvitationWithdrawn');
  if (withdrawn && isSurelyBefore(today, withdrawn)) throw ruleError(`The withdrawal is dated ${withdrawn}, after today (${today}): record it once the State has withdrawn its standing invitation.`);
}

function stateValues(input: StateInput) {
  return {
    name_en: input.nameEn,
    name_fr: input.nameFr || input.nameEn,
    name_es: input.nameEs || input.nameEn,
    name_key: foldText(input.nameEn),
    kind: input.kind,
    regional_group: input.regionalGroup ?? null,
    standing_invitation: input.standingInvitation || input.standingInvitationSince ? 1 : 0,
    standing_invitation_since: input.standingInvitationSince ?? null,
    standing_invitation_withdrawn: input.standingInvitationWithdrawn ?? null,
    correspondence_language: input.correspondenceLanguage ?? 'en',
    mission_address: input.missionAddress ?? '',
    notes: input.notes ?? '',
    updated_at: nowIso(),
  };
}

async function replaceFormerNames(db: Executor, code: string, formerNames: StateInput['formerNames']) {
  if (formerNames === undefined) return;
  await db.deleteFrom('state_names').where('state_code', '=', code).where('kind', '=', 'former').execute();
  for (const f of formerNames) {
    await db
      .insertInto('state_names')
      .values({ state_code: code, name: f.name, name_key: foldName(f.name), kind: 'former', until: f.until ?? null })
      .onConflict((oc) => oc.columns(['state_code', 'name_key']).doUpdateSet({ kind: 'former', name: f.name, until: f.until ?? null }))
      .execute();
  }
}

/**
 * Replaces a State's other names (state_names kind 'alias', matched by the import after its current
 * and former names) when given. A name that is already one of its former names stays that.
 * @throws DomainError('rule') when a name it did not have is another State's name: the import
 *   could not tell them apart.
 */
async function replaceOtherNames(db: Executor, code: string, otherNames: StateInput['otherNames']) {
  if (otherNames === undefined) return;
  const own = new Set((await db.selectFrom('state_names').select('name_key').where('state_code', '=', code).execute()).map((n) => n.name_key));
  for (const name of otherNames) {
    const key = foldName(name);
    // names it already has stand (the reference gives a few States a name in common, "Congo")
    if (own.has(key)) continue;
    const other =
      (await db.selectFrom('states').select('name_en').where('code', '!=', code).where('name_key', '=', foldText(name)).executeTakeFirst()) ??
      (await db.selectFrom('state_names as n').innerJoin('states as s', 's.code', 'n.state_code').select('s.name_en').where('n.state_code', '!=', code).where('n.name_key', '=', key).executeTakeFirst());
    if (other) throw ruleError(`"${name}" is already a name of ${other.name_en}: the import could not tell the two apart.`);
  }
  await db.deleteFrom('state_names').where('state_code', '=', code).where('kind', '=', 'alias').execute();
  for (const name of otherNames) {
    await db
      .insertInto('state_names')
      .values({ state_code: code, name, name_key: foldName(name), kind: 'alias', until: null })
      .onConflict((oc) => oc.columns(['state_code', 'name_key']).doNothing())
      .execute();
  }
}

/** Adds a State or territory. @throws DomainError('conflict') when the code is taken. */
export async function createState(db: Executor, input: StateInput, source: ChangeSource = 'user', today = todayLocal()) {
  checkState(input, today);
  const existing = await db.selectFrom('states').select('code').where('code', '=', input.code).executeTakeFirst();
  if (existing) throw conflict(`A State with code ${input.code} already exists.`);
  const values = { code: input.code, ...stateValues(input) };
  await db.insertInto('states').values(values).execute();
  await replaceFormerNames(db, input.code, input.formerNames);
  await replaceOtherNames(db, input.code, input.otherNames);
  await recordChange(db, { entity: 'state', entityId: input.code, action: 'create', after: { ...values, formerNames: input.formerNames ?? [], otherNames: input.otherNames ?? [] }, source });
  return { code: input.code };
}

/** Edits a State (its code stays). Former names are replaced when given. */
export async function updateState(db: Executor, input: StateInput, source: ChangeSource = 'user', today = todayLocal()) {
  checkState(input, today);
  const before = await db.selectFrom('states').selectAll().where('code', '=', input.code).executeTakeFirst();
  if (!before) throw notFound(`State ${input.code}`);
  const values = stateValues(input);
  await db.updateTable('states').set(values).where('code', '=', input.code).execute();
  await replaceFormerNames(db, input.code, input.formerNames);
  await replaceOtherNames(db, input.code, input.otherNames);
  await recordChange(db, { entity: 'state', entityId: input.code, action: 'update', before, after: { ...before, ...values, formerNames: input.formerNames, otherNames: input.otherNames }, source });
  return { code: input.code };
}

async function mandateValues(db: Executor, input: MandateInput, ownId: number | null) {
  if (input.kind === 'thematic' && input.subjectStateCode) throw ruleError('A thematic mandate has no subject State.');
  if (input.subjectStateCode) {
    const state = await db.selectFrom('states').select('code').where('code', '=', input.subjectStateCode).executeTakeFirst();
    if (!state) throw notFound(`State ${input.subjectStateCode}`);
  }
  if (input.established && input.ended && isSurelyBefore(input.ended, input.established)) throw ruleError('The mandate ends before it was established.');
  const titleKey = foldName(input.title);
  const clash = await db.selectFrom('mandates').select('id').where('title_key', '=', titleKey).executeTakeFirst();
  if (clash && clash.id !== ownId) throw conflict(`A mandate titled "${input.title}" already exists.`);
  return {
    title: input.title,
    title_key: titleKey,
    short_name: input.shortName ?? '',
    short_key: input.shortName ? foldName(input.shortName) : '',
    kind: input.kind,
    subject_state_code: input.subjectStateCode ?? null,
    established: input.established ?? null,
    ended: input.ended ?? null,
    notes: input.notes ?? '',
    updated_at: nowIso(),
  };
}

/** Adds a mandate. @throws DomainError('conflict') for a title already used. */
export async function createMandate(db: Executor, input: MandateInput, source: ChangeSource = 'user') {
  const values = await mandateValues(db, input, null);
  const { id } = await db.insertInto('mandates').values(values).returning('id').executeTakeFirstOrThrow();
  await recordChange(db, { entity: 'mandate', entityId: id, action: 'create', after: values, source });
  return { id };
}

/**
 * Edits a mandate.
 * @throws DomainError('rule') when the end given is surely before a request or letter the mandate
 *   sent or a visit it made (requests.ts checkMandateSends, visits.ts checkMandatesVisit would refuse them).
 */
export async function updateMandate(db: Executor, id: number, input: MandateInput, source: ChangeSource = 'user') {
  const before = await db.selectFrom('mandates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound(`Mandate ${id}`);
  const values = await mandateValues(db, input, id);
  if (values.ended && values.ended !== before.ended) await checkEndAfterRecords(db, id, values.ended);
  await db.updateTable('mandates').set(values).where('id', '=', id).execute();
  await recordChange(db, { entity: 'mandate', entityId: id, action: 'update', before, after: values, source });
  return { id };
}

/** The mandate's latest letter to a State and latest visit may not be surely after the end given. */
async function checkEndAfterRecords(db: Executor, mandateId: number, ended: string) {
  const sent = await db
    .selectFrom('documents as d')
    .innerJoin('visit_requests as r', 'r.id', 'd.request_id')
    .select(['d.type', 'd.date'])
    .where('r.mandate_id', '=', mandateId)
    .where('d.direction', '=', 'to_state')
    .where('d.date', 'is not', null)
    .orderBy('d.date', 'desc')
    .executeTakeFirst();
  const visit = await db
    .selectFrom('visits as v')
    .innerJoin('visit_mandates as vm', 'vm.visit_id', 'v.id')
    .select('v.start')
    .where('vm.mandate_id', '=', mandateId)
    .where('v.start', 'is not', null)
    .orderBy('v.start', 'desc')
    .executeTakeFirst();
  const after = [sent?.date ? { what: aDocument(sent.type), date: sent.date } : null, visit?.start ? { what: 'a visit', date: visit.start } : null].find(
    (r) => r && isSurelyBefore(ended, r.date),
  );
  if (after) throw ruleError(`The mandate has ${after.what} ${onOrIn(after.date)}: it cannot have ended ${onOrIn(ended)}. Correct that record first, or give a later end.`);
}

async function holderValues(db: Executor, input: HolderInput) {
  const mandate = await db.selectFrom('mandates').select('id').where('id', '=', input.mandateId).executeTakeFirst();
  if (!mandate) throw notFound(`Mandate ${input.mandateId}`);
  if (input.termStart && input.termEnd && isSurelyBefore(input.termEnd, input.termStart)) throw ruleError('The term ends before it starts.', 'termEnd');
  return { mandate_id: input.mandateId, name: input.name, term_start: input.termStart ?? null, term_end: input.termEnd ?? null, updated_at: nowIso() };
}

/** Adds a mandate holder with their term. */
export async function createHolder(db: Executor, input: HolderInput, source: ChangeSource = 'user') {
  const values = await holderValues(db, input);
  const { id } = await db.insertInto('mandate_holders').values(values).returning('id').executeTakeFirstOrThrow();
  await recordChange(db, { entity: 'holder', entityId: id, action: 'create', after: values, source });
  return { id };
}

/** Edits a mandate holder. */
export async function updateHolder(db: Executor, id: number, input: HolderInput, source: ChangeSource = 'user') {
  const before = await db.selectFrom('mandate_holders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound(`Mandate holder ${id}`);
  const values = await holderValues(db, input);
  await db.updateTable('mandate_holders').set(values).where('id', '=', id).execute();
  await recordChange(db, { entity: 'holder', entityId: id, action: 'update', before, after: values, source });
  return { id };
}
