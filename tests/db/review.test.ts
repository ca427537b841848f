/**
 * The yearly review and its reminder letters through the handler table, on a real SQLite
 * database: a mandate with requests from two holders; start, decide, resume, progress, close;
 * next year's review; letters prepared, edited and confirmed sent (the reminders appear on the
 * threads only then, with the day they were sent); withdrawals recorded when the review closes.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createApi } from '../../db/api';
import { call, fail, freshApi } from '../support/db';

afterEach(() => {
  vi.useRealTimers();
});

/**
 * The right to food with Hilal Elver (2014-06 to 2020-04) then Michael Fakhri (from 2020-05), and
 * its threads (reference data: Chile, France, Kenya and Peru have a standing invitation, Chad none;
 * Chad and France write in French, Chile and Peru in Spanish, Kenya in English):
 * - Chad: Fakhri's request of 14 September 2022: pending, this holder;
 * - Chile: Elver's request of June 2018, accepted 20 November 2019, no dates: accepted without dates;
 * - France: an unsigned request of "2020": pending, sender unknown (Fakhri's term began May 2020);
 * - Kenya: Fakhri's request of 15 January 2023, acknowledged February 2023: pending;
 * - Peru: Elver's request of 4 March 2019, acknowledged April 2019, Fakhri's reminder of 10 February 2021;
 * - Norway: dates proposed (not reviewed); Brazil: declined (not reviewed);
 * - Peru for another mandate (not reviewed).
 */
async function setup(today = '2026-12-04', options: { earlierPeru?: boolean } = {}) {
  // the clock agrees with the handlers' today: a review is stamped started now, and may not be
  // closed on a day before that (on a real clock past the fixed today, every close would be)
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${today}T12:00:00`));
  const ctx = await freshApi(today);
  const { api, db } = ctx;
  const food = await db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow();
  const other = await db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to education').executeTakeFirstOrThrow();
  const elver = await call(api, 'holders:create', { mandateId: food.id, name: 'Hilal Elver', termStart: '2014-06', termEnd: '2020-04' });
  const fakhri = await call(api, 'holders:create', { mandateId: food.id, name: 'Michael Fakhri', termStart: '2020-05' });
  const open = async (stateCode: string, opening: object, mandateId = food.id) => (await call(api, 'requests:create', { mandateId, stateCode, opening: { type: 'request', ...opening } })).id;
  const record = (requestId: number, document: object) => call(api, 'documents:record', { requestId, document });
  const chad = await open('TCD', { date: '2022-09-14', signedByHolderId: fakhri.id });
  const chile = await open('CHL', { date: '2018-06', signedByHolderId: elver.id });
  await record(chile, { type: 'acceptance', date: '2019-11-20' });
  const france = await open('FRA', { date: '2020' });
  const kenya = await open('KEN', { date: '2023-01-15', signedByHolderId: fakhri.id });
  await record(kenya, { type: 'acknowledgement', date: '2023-02' });
  // an earlier episode with Peru, when asked: an unsigned request of 2 October 2012, accepted February 2013, no dates
  // (recorded before the 2019 request: a new request is refused while one of the mandate to the State is pending)
  let earlierPeru: number | null = null;
  if (options.earlierPeru) {
    earlierPeru = await open('PER', { date: '2012-10-02' });
    await record(earlierPeru, { type: 'acceptance', date: '2013-02' });
  }
  const peru = await open('PER', { date: '2019-03-04', signedByHolderId: elver.id, reference: 'SRfood/2019/7' });
  await record(peru, { type: 'acknowledgement', date: '2019-04' });
  await record(peru, { type: 'reminder', date: '2021-02-10', signedByHolderId: fakhri.id });
  const norway = await open('NOR', { date: '2017' });
  await record(norway, { type: 'acceptance', date: '2018', proposedStart: '2027-05-03', proposedEnd: '2027-05-12' });
  const brazil = await open('BRA', { date: '2015' });
  await record(brazil, { type: 'declination', date: '2016' });
  await open('PER', { date: '2020-01' }, other.id);
  await call(api, 'settings:set', { myMandateIds: [food.id] });
  return { ...ctx, food: food.id, elver: elver.id, fakhri: fakhri.id, chad, chile, france, kenya, peru, earlierPeru };
}

describe('the yearly review', () => {
  test('start, list every pending and accepted-without-dates request with who sent it, decide, resume, progress, close', async () => {
    const s = await setup();
    const { api } = s;
    expect(await call(api, 'review:status', { year: 2026 })).toEqual({
      year: 2026,
      due: true,
      needsMyMandates: false,
      mandates: [{ mandateId: s.food, mandateTitle: 'Special Rapporteur on the right to food', reviewId: null, state: 'not_started', closedOn: null, progress: { decided: 0, total: 5 } }],
    });

    // "my mandates" when none is named
    const [started] = await call(api, 'review:start', { year: 2026 });
    expect(started).toMatchObject({ mandateId: s.food, year: 2026, closedOn: null, progress: { decided: 0, total: 5 }, resumed: false });
    const reviewId = started!.id;

    const review = await call(api, 'review:get', { reviewId });
    expect(review.holder).toEqual({ id: s.fakhri, name: 'Michael Fakhri' });
    expect(review.items.map((i) => [i.stateName, i.kind, i.requestedOn, i.requestedBy, i.requestedByHolder])).toEqual([
      ['Chad', 'pending', '2022-09-14', 'this_holder', 'Michael Fakhri'],
      ['Chile', 'accepted_without_dates', '2018-06', 'predecessor', 'Hilal Elver'],
      ['France', 'pending', '2020', 'unknown', null],
      ['Kenya', 'pending', '2023-01-15', 'this_holder', 'Michael Fakhri'],
      ['Peru', 'pending', '2019-03-04', 'predecessor', 'Hilal Elver'],
    ]);
    // Peru: requested 2019-03-04, today 2026-12-04: 7 whole years
    expect(review.items[4]).toMatchObject({
      stateCode: 'PER',
      regionalGroup: 'Latin American and Caribbean',
      status: 'pending',
      statusText: 'acknowledged, reminded once',
      acknowledgements: 1,
      lastAcknowledgementOn: '2019-04',
      reminders: 1,
      lastReminderOn: '2021-02-10',
      ageYears: 7,
      standingInvitation: true,
      previousDecision: null,
      decision: null,
      letter: null,
    });
    expect(review.items.map((i) => i.ageYears)).toEqual([4, 8, 6, 3, 7]);
    expect(review.items.map((i) => i.standingInvitation)).toEqual([false, true, true, true, true]);

    // decisions save at once
    const first = await call(api, 'review:decide', { reviewId, requestId: s.peru, decision: 'remind', note: 'Priority for the 2027 report.', reason: 'La situación alimentaria en las zonas altoandinas sigue siendo preocupante.' });
    expect(first.progress).toEqual({ decided: 1, total: 5 });
    expect(first.item.decision).toMatchObject({ decision: 'remind', note: 'Priority for the 2027 report.' });
    await call(api, 'review:decide', { reviewId, requestId: s.chad, decision: 'keep', note: 'Wait for the new Government.' });

    // closing needs a decision on every request
    expect(await fail(api, 'review:close', { reviewId })).toEqual({
      code: 'rule',
      message: '3 of 5 requests have no decision yet (Chile, France, Kenya). Decide each one (remind, keep or withdraw) before closing the review.',
    });

    // left and resumed: a new handler table over the same database finds the same review and decisions
    const again = createApi(s.db, { today: () => '2026-12-04' });
    const [resumed] = await call(again, 'review:start', { year: 2026, mandateIds: [s.food] });
    expect(resumed).toMatchObject({ id: reviewId, resumed: true, progress: { decided: 2, total: 5 } });

    // a decision changed: the earlier one stays in the change log
    await call(again, 'review:decide', { reviewId, requestId: s.chad, decision: 'remind' });
    const changed = await s.db.selectFrom('change_log').select(['action', 'before', 'after']).where('entity', '=', 'review_decision').where('entity_id', '=', `${reviewId}/${s.chad}`).orderBy('id').execute();
    expect(changed.map((c) => c.action)).toEqual(['create', 'update']);
    expect(JSON.parse(changed[1]!.before!)).toMatchObject({ decision: 'keep', note: 'Wait for the new Government.' });
    // the note stays when a change does not give one
    expect(JSON.parse(changed[1]!.after!)).toMatchObject({ decision: 'remind', note: 'Wait for the new Government.' });

    await call(api, 'review:decide', { reviewId, requestId: s.chile, decision: 'remind' });
    await call(api, 'review:decide', { reviewId, requestId: s.kenya, decision: 'keep', note: 'Visit to the region planned in 2028.' });
    const last = await call(api, 'review:decide', { reviewId, requestId: s.france, decision: 'withdraw', note: 'No longer a priority.' });
    expect(last.progress).toEqual({ decided: 5, total: 5 });
    // a withdrawal is recorded only when the review closes
    expect((await call(api, 'requests:get', { id: s.france })).status).toBe('pending');

    const closed = await call(api, 'review:close', { reviewId, note: 'Reviewed with the Special Rapporteur on 3 December.' });
    expect(closed.review).toMatchObject({ closedOn: '2026-12-04', closedNote: 'Reviewed with the Special Rapporteur on 3 December.', progress: { decided: 5, total: 5 } });
    expect(closed.withdrawals).toHaveLength(1);
    const france = await call(api, 'requests:get', { id: s.france });
    expect(france.status).toBe('refused');
    expect(france.statusText).toBe('withdrawn or cancelled');
    expect(france.documents.at(-1)).toMatchObject({
      id: closed.withdrawals[0]!.documentId,
      type: 'cancellation',
      direction: 'to_state',
      date: '2026-12-04',
      signed_by: 'Michael Fakhri',
      notes: 'Withdrawn by the mandate at the review of 2026. No longer a priority.',
    });

    // closed: read-only, and said so on the home screen
    expect(await fail(api, 'review:decide', { reviewId, requestId: s.kenya, decision: 'remind' })).toEqual({
      code: 'rule',
      message: 'The review of 2026 was closed on 2026-12-04: its decisions can no longer change.',
    });
    expect((await fail(api, 'review:close', { reviewId })).code).toBe('conflict');
    expect(await call(api, 'review:status', { year: 2026 })).toMatchObject({ due: false, mandates: [{ state: 'closed', closedOn: '2026-12-04', progress: { decided: 5, total: 5 } }] });
    // a closed review lists its decisions, France included though it is now refused
    expect((await call(api, 'review:get', { reviewId })).items.map((i) => [i.stateCode, i.decision?.decision])).toEqual([
      ['TCD', 'remind'],
      ['CHL', 'remind'],
      ['FRA', 'withdraw'],
      ['KEN', 'keep'],
      ['PER', 'remind'],
    ]);

    // next year's review shows this year's decisions; the withdrawn request is gone
    const nextYear = createApi(s.db, { today: () => '2027-11-20' });
    expect(await call(nextYear, 'review:status', { year: 2027 })).toMatchObject({ due: true, mandates: [{ state: 'not_started', progress: { decided: 0, total: 4 } }] });
    const [next] = await call(nextYear, 'review:start', { year: 2027, mandateIds: [s.food] });
    const items = (await call(nextYear, 'review:get', { reviewId: next!.id })).items;
    expect(items.map((i) => [i.stateCode, i.previousDecision])).toEqual([
      ['TCD', { year: 2026, decision: 'remind', note: 'Wait for the new Government.' }],
      ['CHL', { year: 2026, decision: 'remind', note: '' }],
      ['KEN', { year: 2026, decision: 'keep', note: 'Visit to the region planned in 2028.' }],
      ['PER', { year: 2026, decision: 'remind', note: 'Priority for the 2027 report.' }],
    ]);
    expect(await call(nextYear, 'review:list', { mandateId: s.food })).toMatchObject([
      { id: next!.id, year: 2027, closed_on: null, decided: 0 },
      { id: reviewId, year: 2026, closed_on: '2026-12-04', decided: 5 },
    ]);
  });

  test('clear refusals: a future year, another mandate’s thread, a thread not on the review, bad arguments, no mandates of mine', async () => {
    const s = await setup();
    const { api, db } = s;
    expect(await fail(api, 'review:start', { year: 2027, mandateIds: [s.food] })).toEqual({ code: 'rule', message: 'The review of 2027 cannot start before 2027: today is 2026-12-04.' });
    const reviewId = (await call(api, 'review:start', { year: 2026, mandateIds: [s.food] }))[0]!.id;
    const otherThread = await db.selectFrom('visit_requests').select('id').where('mandate_id', '!=', s.food).executeTakeFirstOrThrow();
    expect(await fail(api, 'review:decide', { reviewId, requestId: otherThread.id, decision: 'keep' })).toEqual({
      code: 'rule',
      message: `Visit request ${otherThread.id} belongs to another mandate than this review.`,
    });
    const norway = await db.selectFrom('visit_requests').select('id').where('state_code', '=', 'NOR').executeTakeFirstOrThrow();
    expect((await fail(api, 'review:decide', { reviewId, requestId: norway.id, decision: 'remind' })).message).toBe(
      `Visit request ${norway.id} is neither pending nor accepted without dates: it is not part of the review.`,
    );
    expect((await fail(api, 'review:decide', { reviewId, requestId: s.peru, decision: 'maybe' })).code).toBe('invalid_argument');
    expect((await fail(api, 'review:decide', { reviewId, requestId: s.peru, decision: 'maybe' })).message).toMatch(/^decision: /);
    expect(await fail(api, 'review:start', { year: 1980 })).toEqual({ code: 'invalid_argument', message: 'year: the year of a review is 1990 or later' });
    expect(await fail(api, 'review:get', { reviewId: 999 })).toEqual({ code: 'not_found', message: 'Review 999 does not exist' });
    expect(await fail(api, 'review:close', { reviewId, closedOn: '2026-12-32' })).toEqual({ code: 'invalid_argument', message: 'closedOn: write the day as YYYY-MM-DD (a real calendar date)' });
    await call(api, 'settings:set', { myMandateIds: [] });
    expect(await fail(api, 'review:start', { year: 2026 })).toEqual({
      code: 'rule',
      message: 'No mandate is chosen as yours: choose your mandates in Settings, or start the review of one mandate.',
    });
    expect(await call(api, 'review:status', { year: 2026 })).toEqual({ year: 2026, due: false, needsMyMandates: true, mandates: [] });
  });
});

describe('the reminder letters of a review', () => {
  /** The 2026 review with Chad, Chile and Peru to remind, Kenya kept, France withdrawn. */
  async function decided(options: { earlierPeru?: boolean } = {}) {
    const s = await setup('2026-12-04', options);
    const reviewId = (await call(s.api, 'review:start', { year: 2026, mandateIds: [s.food] }))[0]!.id;
    const decide = (requestId: number, decision: string, more: object = {}) => call(s.api, 'review:decide', { reviewId, requestId, decision, ...more });
    await decide(s.chad, 'remind');
    await decide(s.chile, 'remind');
    await decide(s.france, 'withdraw');
    await decide(s.kenya, 'keep');
    await decide(s.peru, 'remind', { reason: 'La situación <b>alimentaria</b> sigue siendo preocupante.' });
    await call(s.api, 'letters:settings:set', {
      mandateId: s.food,
      titles: { fr: 'Le Rapporteur spécial sur le droit à l’alimentation', es: 'El Relator Especial sobre el derecho a la alimentación' },
      resolution: '49/13',
      referencePattern: 'SRfood/{year}/{n}',
    });
    return { ...s, reviewId };
  }

  test('one per request in the State’s language, the reminders recorded only once confirmed sent, on the day sent', async () => {
    const s = await decided();
    const { api } = s;
    const prepared = await call(api, 'letters:prepare', { reviewId: s.reviewId, grouping: 'per_request', letterDate: '2026-12-01', proposedStart: '2027-03', proposedEnd: '2027-06' });
    expect(prepared.letters.map((l) => [l.number, l.stateCode, l.language, l.form, l.reference, l.letterDate])).toEqual([
      [1, 'TCD', 'fr', 'letter', 'SRfood/2026/1', '2026-12-01'],
      [2, 'CHL', 'es', 'letter', 'SRfood/2026/2', '2026-12-01'],
      [3, 'PER', 'es', 'letter', 'SRfood/2026/3', '2026-12-01'],
    ]);
    const [chad, chile, peru] = prepared.letters as [(typeof prepared.letters)[0], (typeof prepared.letters)[0], (typeof prepared.letters)[0]];
    // Chile accepted: the dates-request variant; Peru: the predecessor's request, its history, the reason (escaped)
    expect(chile.facts!.requests[0]).toMatchObject({ variant: 'dates_request', acceptedOn: '2019-11-20', requestedBy: 'predecessor' });
    expect(chile.text).toContain('Observo con reconocimiento que su Gobierno aceptó esta solicitud el 20 de noviembre de 2019; sin embargo, aún no se han acordado fechas.');
    expect(chile.text).toContain('propusiera fechas para la visita, por ejemplo entre marzo de 2027 y junio de 2027.');
    expect(peru.text).toContain('Deseo recordar la solicitud de visita oficial a su país que mi predecesor dirigió a su Gobierno el 4 de marzo de 2019.');
    expect(peru.text).toContain('Esta solicitud fue objeto de un recordatorio el 10 de febrero de 2021.');
    expect(peru.html).toContain('La situación &lt;b&gt;alimentaria&lt;/b&gt; sigue siendo preocupante.');
    expect(peru.html).toContain('Misión Permanente del Perú ante la Oficina de las Naciones Unidas en Ginebra');
    // the standing invitation of Peru (date unknown), none for Chad
    expect(peru.text).toContain('Recuerdo que su Gobierno ha cursado una invitación permanente a los procedimientos especiales temáticos del Consejo de Derechos Humanos.');
    expect(chad.text).not.toContain('invitation permanente');
    expect(chad.text).toContain("Je souhaite rappeler la demande de visite officielle dans votre pays que j'ai adressée à votre Gouvernement le 14 septembre 2022.");
    expect(chad.html).toContain('<p class="place-date">Genève, le 1er décembre 2026</p>');

    // the review shows the letters; preparing again changes nothing
    expect((await call(api, 'review:get', { reviewId: s.reviewId })).items.find((i) => i.stateCode === 'PER')!.letter).toEqual({ id: peru.id, sentOn: null });
    const again = await call(api, 'letters:prepare', { reviewId: s.reviewId });
    expect(again.letters.map((l) => [l.id, l.number])).toEqual([
      [chad.id, 1],
      [chile.id, 2],
      [peru.id, 3],
    ]);

    // printed is not sent: no reminder on any thread yet
    await call(api, 'letters:markPrinted', { letterIds: [chad.id, chile.id, peru.id] });
    const reminders = async (id: number) => (await call(api, 'requests:get', { id })).documents.filter((d) => d.type === 'reminder').map((d) => d.date);
    expect(await reminders(s.peru)).toEqual(['2021-02-10']);
    expect(await reminders(s.chad)).toEqual([]);

    // a letter cannot be sent before its date
    expect(await fail(api, 'letters:confirmSent', { letterIds: [peru.id], sentOn: '2026-11-30' })).toEqual({
      code: 'rule',
      message: 'Letter SRfood/2026/3 to Peru is dated 2026-12-01: it cannot have been sent on 2026-11-30.',
    });
    const confirmed = await call(api, 'letters:confirmSent', { letterIds: [chad.id, peru.id], sentOn: '2026-12-03' });
    expect(confirmed.letters.map((l) => l.reminderDocumentIds.length)).toEqual([1, 1]);
    expect(await reminders(s.peru)).toEqual(['2021-02-10', '2026-12-03']);
    expect(await reminders(s.chad)).toEqual(['2026-12-03']);
    expect(await reminders(s.chile)).toEqual([]);
    const peruThread = await call(api, 'requests:get', { id: s.peru });
    expect(peruThread.documents.at(-1)).toMatchObject({
      type: 'reminder',
      direction: 'to_state',
      date: '2026-12-03',
      form: 'letter',
      language: 'es',
      reference: 'SRfood/2026/3',
      signed_by: 'Michael Fakhri',
      notes: 'Reminder (letter) of the 2026 review of pending requests.',
    });
    expect(peruThread.statusText).toBe('acknowledged, reminded 2 times');

    // sent letters are frozen, and cannot be confirmed twice
    const list = await call(api, 'letters:list', { reviewId: s.reviewId });
    const sentPeru = list.letters.find((l) => l.id === peru.id)!;
    // not edited by the assistant: sent as generated, and said so; its text as sent kept
    expect(sentPeru).toMatchObject({ sentOn: '2026-12-03', facts: null, reference: 'SRfood/2026/3', reminderDocumentIds: confirmed.letters[1]!.reminderDocumentIds, edited: false, text: peru.text });
    expect(sentPeru.html).toBe(peru.html);
    expect(sentPeru.printedAt).not.toBeNull();
    expect(await fail(api, 'letters:confirmSent', { letterIds: [peru.id], sentOn: '2026-12-03' })).toEqual({
      code: 'conflict',
      message: 'Letter SRfood/2026/3 to Peru was already confirmed sent on 2026-12-03.',
    });
    expect((await fail(api, 'letters:update', { id: peru.id, body: 'x' })).code).toBe('conflict');
    expect(await fail(api, 'review:decide', { reviewId: s.reviewId, requestId: s.peru, decision: 'keep' })).toEqual({
      code: 'conflict',
      message: 'The reminder for this request was confirmed sent on 2026-12-03: the decision stays "remind".',
    });

    // a failure part-way writes nothing: Chile's letter with an unknown letter id
    expect((await fail(api, 'letters:confirmSent', { letterIds: [chile.id, 999], sentOn: '2026-12-03' })).code).toBe('not_found');
    expect(await reminders(s.chile)).toEqual([]);

    // the batch document: sent letters as sent, in number order
    const printable = await call(api, 'letters:document', { letterIds: [peru.id, chad.id] });
    expect(printable.letterIds).toEqual([chad.id, peru.id]);
    expect(printable.html).toContain('<div class="sheet" id="sheet-2">');
    expect(printable.css).toContain('#sheet-2 { page: letter-2; }');
  });

  test('the letter confirmed sent is the printout, though the thread moved on; a reminder recorded by hand on the day sent is that letter', async () => {
    const s = await decided();
    const { api } = s;
    const prepared = await call(api, 'letters:prepare', { reviewId: s.reviewId, grouping: 'per_request', letterDate: '2026-12-01' });
    const chad = prepared.letters.find((l) => l.stateCode === 'TCD')!;
    await call(api, 'letters:markPrinted', { letterIds: [chad.id] });
    // after printing: the State's acknowledgement, and the reminder recorded by hand on the day it was sent
    await call(api, 'documents:record', { requestId: s.chad, document: { type: 'acknowledgement', date: '2026-12-02' } });
    const byHand = await call(api, 'documents:record', { requestId: s.chad, document: { type: 'reminder', date: '2026-12-03' } });
    const shown = (await call(api, 'letters:list', { reviewId: s.reviewId })).letters.find((l) => l.id === chad.id)!;
    expect(shown.text).toContain('accusé réception');
    // the letter cites no reminder of its own day: the hand-recorded one is this letter
    expect(shown.text).not.toContain('3 décembre 2026');
    expect(shown.warnings).toContain('The thread has changed since this letter was printed: the printout is what will be confirmed sent. Print it again to send this text.');
    const confirmed = await call(api, 'letters:confirmSent', { letterIds: [chad.id], sentOn: '2026-12-03' });
    expect(confirmed.letters).toEqual([{ letterId: chad.id, reminderDocumentIds: [byHand.id] }]);
    const thread = await call(api, 'requests:get', { id: s.chad });
    expect(thread.documents.filter((d) => d.type === 'reminder').map((d) => [d.id, d.date])).toEqual([[byHand.id, '2026-12-03']]);
    const sent = (await call(api, 'letters:list', { reviewId: s.reviewId })).letters.find((l) => l.id === chad.id)!;
    expect(sent.html).toBe(chad.html);
    expect(sent.text).toBe(chad.text);
    // an edit after printing drops the printout's copy: the letter is then sent as edited
    const peru = prepared.letters.find((l) => l.stateCode === 'PER')!;
    await call(api, 'letters:markPrinted', { letterIds: [peru.id] });
    const edited = await call(api, 'letters:update', { id: peru.id, body: 'Texto corregido.' });
    expect(edited.letter.printedAt).toBeNull();
    await call(api, 'letters:confirmSent', { letterIds: [peru.id], sentOn: '2026-12-03' });
    expect((await call(api, 'letters:list', { reviewId: s.reviewId })).letters.find((l) => l.id === peru.id)!.text).toBe('Texto corregido.');
  });

  test('a standing invitation withdrawn by the letter’s date is not mentioned, nor shown on the review', async () => {
    const s = await decided();
    // Peru withdrew its standing invitation in June 2026 (set as the State page saves it)
    await s.db.updateTable('states').set({ standing_invitation_withdrawn: '2026-06' }).where('code', '=', 'PER').execute();
    const review = await call(s.api, 'review:get', { reviewId: s.reviewId });
    expect(review.items.filter((i) => ['CHL', 'PER'].includes(i.stateCode)).map((i) => [i.stateCode, i.standingInvitation])).toEqual([
      ['CHL', true],
      ['PER', false],
    ]);
    const prepared = await call(s.api, 'letters:prepare', { reviewId: s.reviewId, grouping: 'per_request', letterDate: '2026-12-01' });
    const peru = prepared.letters.find((l) => l.stateCode === 'PER')!;
    expect(peru.text).toContain('Deseo recordar la solicitud de visita oficial a su país');
    expect(peru.text).not.toContain('invitación permanente');
  });

  test('the assistant’s edit is escaped; a new language resets it; a decision changed away from remind drops the unsent letter', async () => {
    const s = await decided();
    const { api } = s;
    const { letters } = await call(api, 'letters:prepare', { reviewId: s.reviewId, letterDate: '2026-12-01' });
    const chile = letters.find((l) => l.stateCode === 'CHL')!;
    const edited = await call(api, 'letters:update', { id: chile.id, body: 'Excelencia, <script>alert(1)</script>\n\nSegundo párrafo.' });
    expect(edited.letter.edited).toBe(true);
    expect(edited.letter.html).toContain('<div class="body"><p>Excelencia, &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Segundo párrafo.</p></div>');
    expect(edited.letter.html).not.toContain('<script>');
    const english = await call(api, 'letters:update', { id: chile.id, language: 'en' });
    expect(english.bodyReset).toBe(true);
    expect(english.letter.text).toContain('I note with appreciation that your Government accepted this request on 20 November 2019; no dates have yet been agreed.');
    expect(await fail(api, 'letters:update', { id: chile.id, body: '  \n\n ' })).toEqual({ code: 'rule', message: 'The letter’s text is empty: write it, or go back to the generated text.' });

    await call(api, 'review:decide', { reviewId: s.reviewId, requestId: s.chile, decision: 'keep' });
    expect((await call(api, 'letters:list', { reviewId: s.reviewId })).letters.map((l) => l.stateCode)).toEqual(['TCD', 'PER']);
  });

  test('one letter per State groups the mandate’s requests to it', async () => {
    // a second thread of the mandate with Peru: the earlier episode, requested 2012-10-02, accepted 2013-02, no dates
    const s = await decided({ earlierPeru: true });
    const { api } = s;
    const second = s.earlierPeru!;
    await call(api, 'review:decide', { reviewId: s.reviewId, requestId: second, decision: 'remind' });
    const perRequest = await call(api, 'letters:prepare', { reviewId: s.reviewId, letterDate: '2026-12-01' });
    expect(perRequest.letters.map((l) => [l.stateCode, l.requestIds])).toEqual([
      ['TCD', [s.chad]],
      ['CHL', [s.chile]],
      ['PER', [second]],
      ['PER', [s.peru]],
    ]);
    const perState = await call(api, 'letters:prepare', { reviewId: s.reviewId, grouping: 'per_state', form: 'note_verbale', language: 'en' });
    expect(perState.letters.map((l) => [l.number, l.stateCode, l.requestIds, l.form, l.language])).toEqual([
      [1, 'TCD', [s.chad], 'note_verbale', 'en'],
      [2, 'CHL', [s.chile], 'note_verbale', 'en'],
      [3, 'PER', [second, s.peru], 'note_verbale', 'en'],
    ]);
    const peru = perState.letters[2]!;
    // the older request first; both before Michael Fakhri's term (from 2020-05): the previous mandate holder's
    expect(peru.text).toContain(
      'has the honour to recall the request for an official visit to Peru addressed to the Government by the previous mandate holder on 2 October 2012. It is noted with appreciation that the Government accepted this request in February 2013; no dates have yet been agreed.',
    );
    expect(peru.text).toContain(
      'The request for an official visit to Peru addressed to the Government by the previous mandate holder on 4 March 2019 is also recalled. Receipt of the request was acknowledged in April 2019. The request was followed up by a reminder on 10 February 2021.',
    );
    expect(peru.text).toContain('would be grateful if the Government could extend an invitation for this visit at a mutually convenient time and propose dates for the visit, and looks forward to its reply.');
    // one confirmation records a reminder on both threads
    const sent = await call(api, 'letters:confirmSent', { letterIds: [peru.id], sentOn: '2026-12-04' });
    expect(sent.letters[0]!.reminderDocumentIds).toHaveLength(2);
    const onSecond = (await call(api, 'requests:get', { id: second })).documents.filter((d) => d.type === 'reminder');
    expect(onSecond.map((d) => [d.date, d.form, d.language])).toEqual([['2026-12-04', 'note_verbale', 'en']]);
  });

  test('letter settings: stored values, defaults, validation', async () => {
    const s = await setup();
    const { api } = s;
    const blank = await call(api, 'letters:settings:get', { mandateId: s.food });
    expect(blank.effective).toMatchObject({
      letterhead: ['Mandate of the Special Rapporteur on the right to food', 'Palais des Nations, CH-1211 Geneva 10, Switzerland'],
      signature: { en: ['Michael Fakhri', 'Special Rapporteur on the right to food'] },
      referencePattern: '{year}/{state}/{n}',
      pronoun: 'their',
      title: { en: 'The Special Rapporteur on the right to food' },
    });
    const set = await call(api, 'letters:settings:set', { mandateId: s.food, pronoun: 'his', signature: 'Michael Fakhri\nSpecial Rapporteur', defaultForm: 'note_verbale' });
    expect(set.stored).toMatchObject({ pronoun: 'his', signature: 'Michael Fakhri\nSpecial Rapporteur', defaultForm: 'note_verbale', letterhead: '' });
    expect(set.effective.signature.fr).toEqual(['Michael Fakhri', 'Special Rapporteur']);
    // only the fields given change
    const again = await call(api, 'letters:settings:set', { mandateId: s.food, contact: 'ohchr-srfood@un.org' });
    expect(again.stored).toMatchObject({ pronoun: 'his', contact: 'ohchr-srfood@un.org' });
    expect(await fail(api, 'letters:settings:set', { mandateId: s.food, referencePattern: '{yr}/{n}' })).toEqual({
      code: 'invalid_argument',
      message: 'referencePattern: a reference pattern may use {year}, {state}, {n} and {short} only',
    });
    expect((await fail(api, 'letters:settings:set', { mandateId: s.food, colour: 'red' })).code).toBe('invalid_argument');
    expect(await fail(api, 'letters:settings:get', { mandateId: 999 })).toEqual({ code: 'not_found', message: 'Mandate 999 does not exist' });
  });
});

describe('what the review refuses once things have moved on', () => {
  test('a letter is not confirmed sent when its request was completed since it was prepared; nothing is recorded', async () => {
    const s = await setup();
    const { api } = s;
    const reviewId = (await call(api, 'review:start', { year: 2026, mandateIds: [s.food] }))[0]!.id;
    await call(api, 'review:decide', { reviewId, requestId: s.kenya, decision: 'remind' });
    const prepared = await call(api, 'letters:prepare', { reviewId, grouping: 'per_request', letterDate: '2026-12-01' });
    await call(api, 'visits:record', { mandateIds: [s.food], subjectStateCode: 'KEN', start: '2026-11-20', end: '2026-11-25' });
    expect(await fail(api, 'letters:confirmSent', { letterIds: [prepared.letters[0]!.id], sentOn: '2026-12-02' })).toEqual({
      code: 'rule',
      message: 'The request to Kenya is now completed: no reminder is recorded for it. Prepare the letters again.',
    });
    const kenya = await call(api, 'requests:get', { id: s.kenya });
    expect(kenya.documents.map((d) => d.type)).toEqual(['request', 'acknowledgement']);
  });

  test('a review is not closed on a day before it was started', async () => {
    const s = await setup();
    const { api } = s;
    const [review] = await call(api, 'review:start', { year: 2026, mandateIds: [s.food] });
    for (const requestId of [s.chad, s.chile, s.france, s.kenya, s.peru]) await call(api, 'review:decide', { reviewId: review!.id, requestId, decision: 'keep' });
    // started now: at noon of the fixed today, 2026-12-04 (setup sets the clock)
    expect(await fail(api, 'review:close', { reviewId: review!.id, closedOn: '2026-12-03' })).toEqual({
      code: 'rule',
      message: 'The review was started on 2026-12-04: it cannot be closed on 2026-12-03.',
    });
    expect(await call(api, 'review:close', { reviewId: review!.id, closedOn: '2026-12-04' })).toMatchObject({ review: { id: review!.id, closedOn: '2026-12-04' } });
  });
});

describe('a review started on a clock ahead of today', () => {
  test('can still be closed today (the laptop’s time zone moved back a day since it was started)', async () => {
    // stamped started at 00:30 on 5 December, local time; the handlers' today is 4 December
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T00:30:00'));
    const { api, db } = await freshApi('2026-12-04');
    const food = await db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow();
    const [review] = await call(api, 'review:start', { year: 2026, mandateIds: [food.id] });
    expect(await fail(api, 'review:close', { reviewId: review!.id, closedOn: '2026-12-03' })).toEqual({
      code: 'rule',
      message: 'The review was started on 2026-12-04: it cannot be closed on 2026-12-03.',
    });
    expect(await call(api, 'review:close', { reviewId: review!.id })).toMatchObject({ review: { id: review!.id, closedOn: '2026-12-04' } });
  });
});
