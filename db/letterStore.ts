/**
 * The reminder letters of a review in the database: the mandate's letter settings, preparing the
 * letters of the "remind" decisions (one per request or per State), the assistant's edits, the
 * printable document, and the confirmation that they were sent, which records one reminder
 * document on each thread. Before that confirmation no reminder is on any thread: printing is not
 * sending.
 *
 * Design choices where the sources are silent:
 * - The letter's language is the State's correspondence language unless the user's settings or
 *   the preparation force one (domain-practice.md §5); the form defaults to the mandate's setting.
 * - The body is stored only when the assistant edits it, as plain text (escaped when rendered);
 *   changing the letter's language or form without a new text goes back to the generated one.
 * - The reference comes from the mandate's pattern until the letter is printed; it is then frozen,
 *   with the letter's HTML and text as printed (html_as_sent, text_as_sent): what the State
 *   receives is the printout, so confirming it sent keeps that, even if the thread moved on in
 *   between (an acknowledgement recorded). An edit after printing drops the printout's copy (print
 *   again). A letter never printed in the app is frozen as it reads when confirmed sent.
 * - A letter does not cite a reminder dated on or after its own date: it is that letter (recorded
 *   by hand); confirming the letter sent then links that reminder rather than recording a second.
 * - A reminder document carries the day the assistant says the letter was sent, its form,
 *   language and reference, and the holder in office on the letter's date as its signatory.
 */
import { nowIso, recordChange, type ChangeSource, type Executor } from './changeLog';
import type { LetterSettingsInput, LetterUpdateInput, PrepareLettersInput } from './contract';
import type { DocumentForm, Language } from './domain';
import { conflict, notFound, ruleError } from './errors';
import {
  currentHolder,
  formatReference,
  groupIntoLetters,
  letterFacts,
  threadFacts,
  type EffectiveLetterSettings,
  type HolderTerm,
  type LetterFacts,
} from './letters';
import { bodyToText, capacityOf, letterText, lettersDocument, lettersStylesheet, renderLetterHtml, textToBody } from './letterTemplates';
import { standingInvitationOf, standsAt } from './indicators';
import { isSurelyBefore, todayLocal } from './partialDate';
import { recordDocument } from './requests';
import { loadHolders, loadThreads } from './review';
import type { LetterSettingsRow, MandateRow } from './schema';
import { getSettings } from './settings';

/** The stored settings as the form shows them ('' or null: the default applies). */
export interface StoredLetterSettings {
  letterhead: string;
  signature: string;
  referencePattern: string;
  defaultForm: DocumentForm;
  pronoun: EffectiveLetterSettings['pronoun'] | null;
  titles: Record<Language, string>;
  resolution: string;
  contact: string;
}

const EMPTY: StoredLetterSettings = { letterhead: '', signature: '', referencePattern: '', defaultForm: 'letter', pronoun: null, titles: { en: '', fr: '', es: '' }, resolution: '', contact: '' };
export const DEFAULT_REFERENCE_PATTERN = '{year}/{state}/{n}';

function fromRow(row: LetterSettingsRow | undefined): StoredLetterSettings {
  if (!row) return EMPTY;
  return {
    letterhead: row.letterhead,
    signature: row.signature,
    referencePattern: row.reference_pattern,
    defaultForm: row.default_form,
    pronoun: row.pronoun,
    titles: { en: row.title_en, fr: row.title_fr, es: row.title_es },
    resolution: row.resolution,
    contact: row.contact,
  };
}

const lines = (text: string) => text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'French', es: 'Spanish' };

/**
 * The settings a letter in `language` uses, every default filled in:
 * letterhead "Mandate of the <title>" + "Palais des Nations, CH-1211 Geneva 10, Switzerland";
 * title "The <mandate title>" (a French or Spanish letter without its own title uses the English
 * one, with a warning: titles are gendered there, "La Rapporteuse spéciale"); signature the
 * holder's name and title; pronoun "its" for a Working Group, else the neutral "their".
 */
export function effectiveSettings(mandate: Pick<MandateRow, 'title'>, stored: StoredLetterSettings, writer: HolderTerm | null, language: Language): EffectiveLetterSettings {
  const warnings: string[] = [];
  const english = stored.titles.en.trim() || `The ${mandate.title.trim()}`;
  const title = { en: english, fr: stored.titles.fr.trim() || english, es: stored.titles.es.trim() || english };
  if (language !== 'en' && !stored.titles[language].trim()) {
    warnings.push(`No ${LANGUAGE_NAMES[language]} title of the mandate in the letter settings: the English title is used.`);
  }
  const signature = (l: Language) => (stored.signature.trim() ? lines(stored.signature) : [...(writer ? [writer.name] : []), capacityOf(title[l])]);
  if (!stored.signature.trim() && !writer) warnings.push('No holder of the mandate is on record for the letter’s date: the signature has no name.');
  const isGroup = /^(the\s+)?working group/i.test(mandate.title.trim());
  return {
    letterhead: stored.letterhead.trim() ? lines(stored.letterhead) : [`Mandate of the ${capacityOf(english)}`, 'Palais des Nations, CH-1211 Geneva 10, Switzerland'],
    signature: { en: signature('en'), fr: signature('fr'), es: signature('es') },
    referencePattern: stored.referencePattern.trim() || DEFAULT_REFERENCE_PATTERN,
    defaultForm: stored.defaultForm,
    pronoun: stored.pronoun ?? (isGroup ? 'its' : 'their'),
    title,
    resolution: stored.resolution,
    contact: stored.contact,
    warnings,
  };
}

async function mandateOf(db: Executor, mandateId: number) {
  const mandate = await db.selectFrom('mandates').selectAll().where('id', '=', mandateId).executeTakeFirst();
  if (!mandate) throw notFound(`Mandate ${mandateId}`);
  return mandate;
}

/**
 * A mandate's letter settings: as stored, and as an English letter dated today would use them.
 * @throws DomainError not_found
 */
export async function getLetterSettings(db: Executor, mandateId: number, today: string = todayLocal()) {
  const mandate = await mandateOf(db, mandateId);
  const stored = fromRow(await db.selectFrom('mandate_letter_settings').selectAll().where('mandate_id', '=', mandateId).executeTakeFirst());
  const writer = currentHolder(await loadHolders(db, mandateId), today);
  return { mandateId, stored, effective: effectiveSettings(mandate, stored, writer, 'en') };
}

/** Changes a mandate's letter settings (only the fields given); the earlier values stay in the change log. */
export async function setLetterSettings(db: Executor, input: LetterSettingsInput, today: string = todayLocal(), source: ChangeSource = 'user') {
  await mandateOf(db, input.mandateId);
  const row = await db.selectFrom('mandate_letter_settings').selectAll().where('mandate_id', '=', input.mandateId).executeTakeFirst();
  const before = fromRow(row);
  const after: StoredLetterSettings = {
    letterhead: input.letterhead ?? before.letterhead,
    signature: input.signature ?? before.signature,
    referencePattern: input.referencePattern?.trim() ?? before.referencePattern,
    defaultForm: input.defaultForm ?? before.defaultForm,
    pronoun: input.pronoun === undefined ? before.pronoun : input.pronoun,
    titles: { en: input.titles?.en?.trim() ?? before.titles.en, fr: input.titles?.fr?.trim() ?? before.titles.fr, es: input.titles?.es?.trim() ?? before.titles.es },
    resolution: input.resolution?.trim() ?? before.resolution,
    contact: input.contact?.trim() ?? before.contact,
  };
  const values = {
    letterhead: after.letterhead,
    signature: after.signature,
    reference_pattern: after.referencePattern,
    default_form: after.defaultForm,
    pronoun: after.pronoun,
    title_en: after.titles.en,
    title_fr: after.titles.fr,
    title_es: after.titles.es,
    resolution: after.resolution,
    contact: after.contact,
    updated_at: nowIso(),
  };
  if (row) await db.updateTable('mandate_letter_settings').set(values).where('mandate_id', '=', input.mandateId).execute();
  else await db.insertInto('mandate_letter_settings').values({ ...values, mandate_id: input.mandateId }).execute();
  await recordChange(db, { entity: 'letter_settings', entityId: input.mandateId, action: row ? 'update' : 'create', before: row ? before : undefined, after, source });
  return getLetterSettings(db, input.mandateId, today);
}

/** One letter as the Letters screen shows it. */
export interface LetterView {
  id: number;
  reviewId: number;
  number: number;
  stateCode: string;
  stateName: string;
  requestIds: number[];
  language: Language;
  form: DocumentForm;
  reference: string;
  letterDate: string;
  proposedStart: string | null;
  proposedEnd: string | null;
  /** True when the body is the assistant's text rather than the generated one. */
  edited: boolean;
  /** The body as the assistant edits it (paragraphs separated by blank lines). */
  text: string;
  /** The letter as an HTML <article>; for a sent letter, exactly as sent. */
  html: string;
  /** The facts the text states (null once sent: the letter is then frozen). */
  facts: LetterFacts | null;
  warnings: string[];
  printedAt: string | null;
  sentOn: string | null;
  sentConfirmedAt: string | null;
  reminderDocumentIds: number[];
}

async function reviewOf(db: Executor, reviewId: number) {
  const review = await db.selectFrom('reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!review) throw notFound(`Review ${reviewId}`);
  return review;
}

/** Builds the views of the given letter rows (all of one review). */
async function viewLetters(db: Executor, reviewId: number, letterIds: readonly number[] | null, today: string): Promise<LetterView[]> {
  const review = await reviewOf(db, reviewId);
  const mandate = await mandateOf(db, review.mandate_id);
  let q = db.selectFrom('letters').selectAll().where('review_id', '=', reviewId).orderBy('number');
  if (letterIds) q = q.where('id', 'in', letterIds.length ? [...letterIds] : [0]);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('letter_requests as lr')
    .innerJoin('visit_requests as r', 'r.id', 'lr.request_id')
    .select(['lr.letter_id', 'lr.request_id', 'lr.reminder_document_id', 'r.state_key'])
    .where(
      'lr.letter_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('r.opened_on')
    .orderBy('lr.request_id')
    .execute();
  const states = await db
    .selectFrom('states')
    .selectAll()
    .where('code', 'in', [...new Set(rows.map((r) => r.state_code))])
    .execute();
  const stored = fromRow(await db.selectFrom('mandate_letter_settings').selectAll().where('mandate_id', '=', mandate.id).executeTakeFirst());
  const holders = await loadHolders(db, mandate.id);
  const requestIds = [...new Set(links.map((l) => l.request_id))];
  const threads = await loadThreads(db, requestIds);
  const reasons = new Map(
    (await db.selectFrom('review_decisions').select(['request_id', 'reason']).where('review_id', '=', reviewId).execute()).map((d) => [d.request_id, d.reason]),
  );

  return rows.map((row) => {
    const mine = links.filter((l) => l.letter_id === row.id);
    const state = states.find((s) => s.code === row.state_code)!;
    const base = {
      id: row.id,
      reviewId,
      number: row.number,
      stateCode: row.state_code,
      stateName: state.name_en,
      requestIds: mine.map((l) => l.request_id),
      language: row.language,
      form: row.form,
      letterDate: row.letter_date,
      proposedStart: row.proposed_start,
      proposedEnd: row.proposed_end,
      edited: row.edited_body !== null,
      printedAt: row.printed_at,
      sentOn: row.sent_on,
      sentConfirmedAt: row.sent_confirmed_at,
      reminderDocumentIds: mine.flatMap((l) => (l.reminder_document_id === null ? [] : [l.reminder_document_id])),
    };
    if (row.sent_on !== null) {
      return { ...base, reference: row.reference, text: row.text_as_sent ?? row.edited_body ?? '', html: row.html_as_sent!, facts: null, warnings: [] };
    }
    const writer = currentHolder(holders, row.letter_date);
    const settings = effectiveSettings(mandate, stored, writer, row.language);
    const reference = row.reference.trim() || formatReference(settings.referencePattern, { year: review.year, state: row.state_code, n: row.number, short: mandate.short_name || String(mandate.id) });
    const warnings = [...settings.warnings];
    const requests = mine.map((l) => {
      const thread = threads.get(l.request_id)!;
      const earlier = thread.documents.filter((d) => !isThisReminder(d, row.letter_date));
      const facts = threadFacts(l.request_id, earlier, thread.visits, holders, writer, today);
      if (!facts.kind) warnings.push(`Request ${l.request_id} is no longer pending nor accepted without dates: check the letter before sending it.`);
      return { ...facts, reason: reasons.get(l.request_id) ?? '' };
    });
    const facts = letterFacts({
      language: row.language,
      form: row.form,
      letterDate: row.letter_date,
      reference,
      mandateKind: mandate.kind,
      // a standing invitation withdrawn by the letter's date is not mentioned (indicators.ts standsAt)
      state: { ...state, standing_invitation: standsAt(standingInvitationOf(state), row.letter_date) },
      requests,
      proposedStart: row.proposed_start,
      proposedEnd: row.proposed_end,
      settings,
    });
    const body = row.edited_body !== null ? textToBody(row.edited_body) : letterText(facts).body;
    const html = renderLetterHtml(facts, body);
    if (row.html_as_sent !== null && row.html_as_sent !== html) {
      warnings.push('The thread has changed since this letter was printed: the printout is what will be confirmed sent. Print it again to send this text.');
    }
    return { ...base, reference, text: row.edited_body ?? bodyToText(body), html, facts, warnings };
  });
}

/**
 * The letters of a review, by number, with their text, HTML and facts.
 * @throws DomainError not_found
 */
export async function listLetters(db: Executor, reviewId: number, today: string = todayLocal()) {
  const review = await reviewOf(db, reviewId);
  return { reviewId, year: review.year, mandateId: review.mandate_id, closed: review.closed_at !== null, letters: await viewLetters(db, reviewId, null, today) };
}

/**
 * Prepares the letters of a review's "remind" decisions, or brings them up to date: threads with
 * a sent letter keep it; the others are grouped (one letter per thread, or one per State) in the
 * order of the States' names; unsent letters whose threads no longer form a group are deleted,
 * the missing ones created, and unsent letters are numbered after the sent ones.
 * Options given (language, form, letter date, proposed period) apply to every unsent letter;
 * without them a new letter takes the defaults (the State's language, the mandate's form, today).
 * @returns the review's letters (see {@link listLetters})
 */
export async function prepareLetters(db: Executor, input: PrepareLettersInput, today: string = todayLocal(), source: ChangeSource = 'user') {
  const review = await reviewOf(db, input.reviewId);
  const stored = fromRow(await db.selectFrom('mandate_letter_settings').selectAll().where('mandate_id', '=', review.mandate_id).executeTakeFirst());
  const userSettings = await getSettings(db);
  if (input.letterDate && isSurelyBefore(input.letterDate, `${review.year}`)) throw ruleError(`A letter of the ${review.year} review cannot be dated ${input.letterDate}.`);
  if (input.proposedStart && input.proposedEnd && isSurelyBefore(input.proposedEnd, input.proposedStart)) {
    throw ruleError(`The proposed period ends (${input.proposedEnd}) before it starts (${input.proposedStart}).`);
  }
  const remind = await db
    .selectFrom('review_decisions as d')
    .innerJoin('visit_requests as r', 'r.id', 'd.request_id')
    .innerJoin('states as s', 's.code', 'r.state_code')
    .select(['d.request_id', 'r.state_code', 's.correspondence_language'])
    .where('d.review_id', '=', review.id)
    .where('d.decision', '=', 'remind')
    .orderBy('r.state_key')
    .orderBy('r.opened_on')
    .orderBy('r.id')
    .execute();
  const letters = await db.selectFrom('letters').selectAll().where('review_id', '=', review.id).execute();
  const links = letters.length
    ? await db
        .selectFrom('letter_requests')
        .select(['letter_id', 'request_id'])
        .where(
          'letter_id',
          'in',
          letters.map((l) => l.id),
        )
        .execute()
    : [];
  const sent = letters.filter((l) => l.sent_on !== null);
  const inSent = new Set(links.filter((l) => sent.some((s) => s.id === l.letter_id)).map((l) => l.request_id));
  const groups = groupIntoLetters(
    remind.filter((r) => !inSent.has(r.request_id)).map((r) => ({ requestId: r.request_id, stateCode: r.state_code })),
    input.grouping,
  );
  const keyOf = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join(',');
  const unsent = letters.filter((l) => l.sent_on === null).map((l) => ({ row: l, key: keyOf(links.filter((k) => k.letter_id === l.id).map((k) => k.request_id)) }));
  const wanted = new Set(groups.map(keyOf));
  for (const stale of unsent.filter((u) => !wanted.has(u.key))) {
    await db.deleteFrom('letters').where('id', '=', stale.row.id).execute();
    await recordChange(db, { entity: 'letter', entityId: stale.row.id, action: 'delete', before: stale.row, source });
  }
  // Numbers: sent letters keep theirs; unsent ones follow, in State order (moved out of the way first: UNIQUE)
  const firstFree = Math.max(0, ...sent.map((l) => l.number)) + 1;
  await db
    .updateTable('letters')
    .set((eb) => ({ number: eb('number', '+', 1_000_000) }))
    .where('review_id', '=', review.id)
    .where('sent_on', 'is', null)
    .execute();
  const now = nowIso();
  for (const [index, group] of groups.entries()) {
    const number = firstFree + index;
    const existing = unsent.find((u) => u.key === keyOf(group));
    const first = remind.find((r) => r.request_id === group[0])!;
    const language: Language =
      input.language === undefined
        ? userSettings.letterLanguageDefault === 'state'
          ? first.correspondence_language
          : userSettings.letterLanguageDefault
        : input.language === 'state'
          ? first.correspondence_language
          : input.language;
    if (existing) {
      const row = existing.row;
      const changes: Partial<typeof row> = { number };
      if (input.language !== undefined) changes.language = language;
      if (input.form !== undefined) changes.form = input.form;
      if (input.letterDate !== undefined) changes.letter_date = input.letterDate;
      if (input.proposedStart !== undefined) changes.proposed_start = input.proposedStart;
      if (input.proposedEnd !== undefined) changes.proposed_end = input.proposedEnd;
      if ((changes.language && changes.language !== row.language) || (changes.form && changes.form !== row.form)) changes.edited_body = null;
      await db.updateTable('letters').set({ ...changes, updated_at: now }).where('id', '=', row.id).execute();
      continue;
    }
    const values = {
      review_id: review.id,
      number,
      state_code: first.state_code,
      language,
      form: input.form ?? stored.defaultForm,
      reference: '',
      letter_date: input.letterDate ?? today,
      proposed_start: input.proposedStart ?? null,
      proposed_end: input.proposedEnd ?? null,
      edited_body: null,
      printed_at: null,
      sent_on: null,
      sent_confirmed_at: null,
      html_as_sent: null,
      created_at: now,
      updated_at: now,
    };
    const { id } = await db.insertInto('letters').values(values).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('letter_requests')
      .values(group.map((requestId) => ({ letter_id: id, request_id: requestId, reminder_document_id: null })))
      .execute();
    await recordChange(db, { entity: 'letter', entityId: id, action: 'create', after: { ...values, requestIds: group }, source });
  }
  return listLetters(db, review.id, today);
}

async function letterRow(db: Executor, id: number) {
  const row = await db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Letter ${id}`);
  return row;
}

/**
 * Edits a letter before it is sent: its text (plain; null goes back to the generated text), language,
 * form, date, proposed period or reference. A new language or form without a new text goes back to
 * the generated text (the edit was written for the other one): `bodyReset` says so.
 * @throws DomainError conflict (already sent), rule (empty text, a period that ends before it starts)
 */
export async function updateLetter(db: Executor, input: LetterUpdateInput, today: string = todayLocal(), source: ChangeSource = 'user') {
  const before = await letterRow(db, input.id);
  if (before.sent_on) throw conflict(`This letter was confirmed sent on ${before.sent_on}: it can no longer change.`);
  if (typeof input.body === 'string' && textToBody(input.body).length === 0) {
    throw ruleError('The letter’s text is empty: write it, or go back to the generated text.');
  }
  const start = input.proposedStart === undefined ? before.proposed_start : input.proposedStart;
  const end = input.proposedEnd === undefined ? before.proposed_end : input.proposedEnd;
  if (start && end && isSurelyBefore(end, start)) throw ruleError(`The proposed period ends (${end}) before it starts (${start}).`);
  const changes: Partial<typeof before> = {};
  if (input.language !== undefined) changes.language = input.language;
  if (input.form !== undefined) changes.form = input.form;
  if (input.letterDate !== undefined) changes.letter_date = input.letterDate;
  if (input.proposedStart !== undefined) changes.proposed_start = input.proposedStart;
  if (input.proposedEnd !== undefined) changes.proposed_end = input.proposedEnd;
  if (input.reference !== undefined) changes.reference = input.reference.trim();
  let bodyReset = false;
  // the printout no longer shows the letter: print it again
  if (before.printed_at !== null) Object.assign(changes, { printed_at: null, html_as_sent: null, text_as_sent: null });
  if (input.body !== undefined) changes.edited_body = input.body;
  else if (before.edited_body !== null && ((changes.language && changes.language !== before.language) || (changes.form && changes.form !== before.form))) {
    changes.edited_body = null;
    bodyReset = true;
  }
  await db.updateTable('letters').set({ ...changes, updated_at: nowIso() }).where('id', '=', input.id).execute();
  await recordChange(db, { entity: 'letter', entityId: input.id, action: 'update', before, after: changes, source });
  const [letter] = await viewLetters(db, before.review_id, [input.id], today);
  return { letter: letter!, bodyReset };
}

/**
 * The printable HTML document of letters (in review and number order) and its stylesheet; the
 * page links `letters.css` and the font files under `fonts/` beside it (electron/print.ts and the
 * tests serve them). Sent letters print exactly as sent.
 * @throws DomainError not_found when a letter does not exist
 */
export async function lettersPrintDocument(db: Executor, letterIds: readonly number[], today: string = todayLocal()) {
  const views = await viewsOf(db, letterIds, today);
  const title = views.length === 1 ? `Letter ${views[0]!.reference}` : `Reminder letters (${views.length})`;
  return {
    title,
    letterIds: views.map((v) => v.id),
    /** A file name for a saved PDF, e.g. "reminders-2026-PER.pdf" or "reminders-2026-12.pdf". */
    fileName: views.length === 1 ? `reminder-${views[0]!.reference.replace(/[^\w.-]+/g, '-')}.pdf` : `reminders-${views.length}.pdf`,
    html: lettersDocument(
      views.map((v) => v.html),
      title,
    ),
    css: lettersStylesheet(views.length),
  };
}

/** A reminder dated on or after a letter's date: the letter itself, recorded by hand (a letter cites only earlier reminders). */
function isThisReminder(document: { type: string; date: string | null }, letterDate: string): boolean {
  return document.type === 'reminder' && document.date !== null && !isSurelyBefore(document.date, letterDate);
}

/**
 * Notes that letters were printed or saved as PDF (printing is not sending: no reminder is
 * recorded) and keeps each unsent letter as printed (HTML, text, reference): what is confirmed sent later.
 */
export async function markLettersPrinted(db: Executor, letterIds: readonly number[], source: ChangeSource = 'user', today: string = todayLocal()) {
  const at = nowIso();
  for (const view of await viewsOf(db, letterIds, today)) {
    // a reprint of a sent letter is the letter as sent
    const printed = view.sentOn ? { printed_at: at } : { printed_at: at, html_as_sent: view.html, text_as_sent: view.text, reference: view.reference };
    await db.updateTable('letters').set(printed).where('id', '=', view.id).execute();
    await recordChange(db, { entity: 'letter', entityId: view.id, action: 'update', after: view.sentOn ? { printed_at: at } : { printed_at: at, reference: view.reference }, source });
  }
  return { printedAt: at, letterIds: [...letterIds] };
}

/** Letters of any reviews as they read (viewLetters), in review and number order. @throws DomainError not_found */
async function viewsOf(db: Executor, letterIds: readonly number[], today: string): Promise<LetterView[]> {
  const rows = await db.selectFrom('letters').select(['id', 'review_id', 'number']).where('id', 'in', [...letterIds]).orderBy('review_id').orderBy('number').execute();
  const missing = letterIds.find((id) => !rows.some((r) => r.id === id));
  if (missing !== undefined) throw notFound(`Letter ${missing}`);
  const views: LetterView[] = [];
  for (const reviewId of [...new Set(rows.map((r) => r.review_id))]) {
    views.push(...(await viewLetters(db, reviewId, rows.filter((r) => r.review_id === reviewId).map((r) => r.id), today)));
  }
  return views;
}

/**
 * Confirms that letters were sent on `sentOn`: records one reminder document on each of their
 * threads through recordDocument (so the thread rules apply: a date before the request or after
 * today is refused), freezes each letter as sent, and links the documents. All or nothing: call
 * inside one transaction.
 * @param sentOn `YYYY-MM-DD`, not before the letter's date
 * @throws DomainError not_found, conflict (already confirmed), rule (date before the letter's date,
 *   a thread no longer decided "remind", or a thread rule)
 */
export async function confirmLettersSent(db: Executor, input: { letterIds: readonly number[]; sentOn: string }, today: string = todayLocal(), source: ChangeSource = 'user') {
  const out: { letterId: number; reminderDocumentIds: number[] }[] = [];
  for (const id of [...new Set(input.letterIds)]) {
    const row = await letterRow(db, id);
    const [view] = await viewLetters(db, row.review_id, [id], today);
    const v = view!;
    if (row.sent_on) throw conflict(`Letter ${v.reference || id} to ${v.stateName} was already confirmed sent on ${row.sent_on}.`);
    if (isSurelyBefore(input.sentOn, row.letter_date)) throw ruleError(`Letter ${v.reference} to ${v.stateName} is dated ${row.letter_date}: it cannot have been sent on ${input.sentOn}.`);
    const decisions = await db.selectFrom('review_decisions').select(['request_id', 'decision']).where('review_id', '=', row.review_id).where('request_id', 'in', v.requestIds).execute();
    const notRemind = v.requestIds.find((r) => decisions.find((d) => d.request_id === r)?.decision !== 'remind');
    if (notRemind !== undefined) throw ruleError(`Request ${notRemind} is no longer decided "remind" in this review: prepare the letters again.`);
    // the thread may have moved on since the letter was prepared (a visit, a refusal): a
    // reminder of a request that is no longer open would be a wrong record
    const closed = await db.selectFrom('visit_requests').select(['id', 'status']).where('id', 'in', v.requestIds).where('status', 'in', ['completed', 'refused']).executeTakeFirst();
    if (closed) throw ruleError(`The request to ${v.stateName} is now ${closed.status}: no reminder is recorded for it. Prepare the letters again.`);
    const review = await reviewOf(db, row.review_id);
    const writer = currentHolder(await loadHolders(db, review.mandate_id), row.letter_date);
    const documentIds: number[] = [];
    const linked = new Set((await db.selectFrom('letter_requests').select('reminder_document_id').where('reminder_document_id', 'is not', null).execute()).map((l) => l.reminder_document_id));
    for (const requestId of v.requestIds) {
      // the reminder recorded by hand on the day sent is this letter: linked, not recorded twice
      const byHand = await db
        .selectFrom('documents')
        .select('id')
        .where('request_id', '=', requestId)
        .where('type', '=', 'reminder')
        .where('date', '=', input.sentOn)
        .orderBy('id')
        .execute();
      const own = byHand.find((d) => !linked.has(d.id));
      if (own) {
        await db.updateTable('letter_requests').set({ reminder_document_id: own.id }).where('letter_id', '=', id).where('request_id', '=', requestId).execute();
        documentIds.push(own.id);
        continue;
      }
      const filed = await recordDocument(
        db,
        requestId,
        {
          type: 'reminder',
          direction: 'to_state',
          date: input.sentOn,
          form: row.form,
          language: row.language,
          reference: v.reference,
          signedByHolderId: writer?.id ?? null,
          notes: `Reminder (${row.form === 'letter' ? 'letter' : 'note verbale'}) of the ${review.year} review of pending requests.`,
        },
        source,
        today,
      );
      await db.updateTable('letter_requests').set({ reminder_document_id: filed.id }).where('letter_id', '=', id).where('request_id', '=', requestId).execute();
      documentIds.push(filed.id);
    }
    // as printed (markLettersPrinted), else as it reads now
    const after = { sent_on: input.sentOn, sent_confirmed_at: nowIso(), html_as_sent: row.html_as_sent ?? v.html, text_as_sent: row.text_as_sent ?? v.text, reference: row.html_as_sent ? row.reference : v.reference };
    await db.updateTable('letters').set({ ...after, updated_at: after.sent_confirmed_at }).where('id', '=', id).execute();
    await recordChange(db, { entity: 'letter', entityId: id, action: 'update', before: { sent_on: null }, after: { sent_on: after.sent_on, reference: after.reference, reminderDocumentIds: documentIds }, source });
    out.push({ letterId: id, reminderDocumentIds: documentIds });
  }
  return { sentOn: input.sentOn, letters: out };
}
