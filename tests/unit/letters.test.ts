/**
 * Letter facts and wording on hand-made threads: which threads are reviewed, who sent the request
 * ("my predecessor"), the dates-request variant, grouping per State, the standing invitation,
 * dates and State names in English, French and Spanish, and escaping of user text.
 * Every expected sentence below was written by hand from the rules in db/letterTemplates.ts.
 */
import { describe, expect, test } from 'vitest';
import type { Direction, DocumentType, Language } from '../../db/domain';
import { effectiveSettings, type StoredLetterSettings } from '../../db/letterStore';
import {
  currentHolder,
  formatReference,
  groupIntoLetters,
  letterFacts,
  requestedBy,
  requestFacts,
  reviewKind,
  unknownReferenceTokens,
  type HolderTerm,
  type LetterState,
  type RequestFacts,
  type ThreadDocument,
} from '../../db/letters';
import {
  bodyToText,
  datePhrase,
  escapeHtml,
  letterText,
  lettersDocument,
  lettersStylesheet,
  missionOf,
  ofState,
  periodPhrase,
  renderLetterHtml,
  textToBody,
  withArticle,
  writeDate,
} from '../../db/letterTemplates';

const TODAY = '2026-11-29';
let nextId = 1;
const doc = (type: DocumentType, date: string | null, extra: Partial<ThreadDocument> = {}): ThreadDocument => ({
  id: nextId++,
  type,
  date,
  direction: (['request', 'reminder'].includes(type) ? 'to_state' : 'from_state') as Direction,
  signed_by_holder_id: null,
  ...extra,
});

// The right to food: Hilal Elver (2014-06 to 2020-04), then Michael Fakhri (from 2020-05).
const ELVER: HolderTerm = { id: 1, name: 'Hilal Elver', term_start: '2014-06', term_end: '2020-04' };
const FAKHRI: HolderTerm = { id: 2, name: 'Michael Fakhri', term_start: '2020-05', term_end: null };
const HOLDERS = [ELVER, FAKHRI];

const PERU: LetterState = {
  code: 'PER',
  name_en: 'Peru',
  name_fr: 'Pérou',
  name_es: 'Perú',
  standing_invitation: true,
  standing_invitation_since: '2002-03',
  mission_address: 'Avenue Louis-Casaï 71\n1216 Cointrin',
};
const CHAD: LetterState = { code: 'TCD', name_en: 'Chad', name_fr: 'Tchad', name_es: 'Chad', standing_invitation: false, standing_invitation_since: null, mission_address: '' };

const STORED: StoredLetterSettings = {
  letterhead: '',
  signature: '',
  referencePattern: '',
  defaultForm: 'letter',
  pronoun: 'his',
  titles: { en: '', fr: 'Le Rapporteur spécial sur le droit à l’alimentation', es: 'El Relator Especial sobre el derecho a la alimentación' },
  resolution: '49/13',
  contact: '',
};
const settingsFor = (language: Language, stored: Partial<StoredLetterSettings> = {}) =>
  effectiveSettings({ title: 'Special Rapporteur on the right to food' }, { ...STORED, ...stored }, FAKHRI, language);

/** Facts of a hand-made thread, asserting it is on the review. */
function factsOf(requestId: number, documents: ThreadDocument[], visits: { start: string | null; end: string | null }[] = []): RequestFacts {
  const facts = requestFacts(requestId, documents, visits, HOLDERS, FAKHRI, TODAY);
  if (!facts) throw new Error('the thread is not on the review');
  return facts;
}

function facts(language: Language, form: 'letter' | 'note_verbale', requests: RequestFacts[], options: { state?: LetterState; reasons?: string[]; kind?: 'thematic' | 'country'; period?: [string | null, string | null] } = {}) {
  return letterFacts({
    language,
    form,
    letterDate: '2026-12-01',
    reference: '2026/PER/1',
    mandateKind: options.kind ?? 'thematic',
    state: options.state ?? PERU,
    requests: requests.map((r, i) => ({ ...r, reason: options.reasons?.[i] ?? '' })),
    proposedStart: options.period?.[0] ?? null,
    proposedEnd: options.period?.[1] ?? null,
    settings: settingsFor(language),
  });
}

describe('which threads the yearly review lists', () => {
  const kind = (docs: ThreadDocument[], visits: { start: string | null; end: string | null }[] = []) => reviewKind(docs, visits, TODAY).kind;

  test('pending (acknowledged or reminded) and accepted-without-dates threads, nothing else', () => {
    expect(kind([doc('request', '2019-03-04')])).toBe('pending');
    // an acknowledgement is not an acceptance
    expect(kind([doc('request', '2019-03-04'), doc('acknowledgement', '2019-04')])).toBe('pending');
    expect(kind([doc('request', '2019'), doc('acceptance', '2020')])).toBe('accepted_without_dates');
    // dates proposed: the dates are in hand
    expect(kind([doc('request', '2019'), doc('dates_proposal', '2020', { proposed_start: '2021-05-03', proposed_end: '2021-05-12' })])).toBeNull();
    // postponed after the dates were proposed: dates to be agreed again
    expect(kind([doc('request', '2019'), doc('dates_proposal', '2020-01'), doc('postponement', '2020-03')])).toBe('accepted_without_dates');
    expect(kind([doc('request', '2019'), doc('declination', '2020')])).toBeNull();
    expect(kind([doc('request', '2019'), doc('cancellation', '2020', { direction: 'to_state' })])).toBeNull();
    expect(kind([doc('invitation', '2019')])).toBeNull();
    // a visit that took place, and one scheduled after today
    expect(kind([doc('request', '2019'), doc('acceptance', '2020')], [{ start: '2021-05-03', end: '2021-05-12' }])).toBeNull();
    expect(kind([doc('request', '2019'), doc('acceptance', '2020')], [{ start: '2027-02-01', end: null }])).toBeNull();
  });
});

describe('who sent the request: this holder or a predecessor', () => {
  test('the holder in office on a day', () => {
    expect(currentHolder(HOLDERS, '2026-11-29')).toBe(FAKHRI);
    expect(currentHolder(HOLDERS, '2019-01-01')).toBe(ELVER);
    // Elver's term ends "2020-04" (any day of April), Fakhri's starts in May
    expect(currentHolder(HOLDERS, '2020-04-30')).toBe(ELVER);
    expect(currentHolder(HOLDERS, '2014-01-01')).toBeNull();
  });

  test('by the signature when there is one, else by the date against the term, else unknown', () => {
    expect(requestedBy({ date: '2019-03-04', signed_by_holder_id: 1 }, HOLDERS, FAKHRI)).toEqual({ by: 'predecessor', holder: ELVER });
    expect(requestedBy({ date: '2021-06-01', signed_by_holder_id: 2 }, HOLDERS, FAKHRI)).toEqual({ by: 'this_holder', holder: FAKHRI });
    // unsigned, March 2019: before May 2020, inside Elver's term
    expect(requestedBy({ date: '2019-03', signed_by_holder_id: null }, HOLDERS, FAKHRI)).toEqual({ by: 'predecessor', holder: ELVER });
    // unsigned, 2021: surely after May 2020
    expect(requestedBy({ date: '2021', signed_by_holder_id: null }, HOLDERS, FAKHRI)).toEqual({ by: 'this_holder', holder: FAKHRI });
    // unsigned, "2020": could be before or after May 2020
    expect(requestedBy({ date: '2020', signed_by_holder_id: null }, HOLDERS, FAKHRI)).toEqual({ by: 'unknown', holder: null });
    expect(requestedBy({ date: null, signed_by_holder_id: null }, HOLDERS, FAKHRI)).toEqual({ by: 'unknown', holder: null });
    // no holder on record: nobody can say "my predecessor"
    expect(requestedBy({ date: '2009', signed_by_holder_id: null }, [], null)).toEqual({ by: 'unknown', holder: null });
    // an earlier unsigned request with no term that surely covers it: a predecessor without a name
    expect(requestedBy({ date: '2009', signed_by_holder_id: null }, HOLDERS, FAKHRI)).toEqual({ by: 'predecessor', holder: null });
  });
});

describe('the facts of a thread', () => {
  test('a predecessor’s request, acknowledged, reminded twice (one undated)', () => {
    const f = factsOf(11, [
      doc('request', '2019-03-04', { signed_by_holder_id: 1 }),
      doc('acknowledgement', '2019-04'),
      doc('reminder', '2021-02-10', { signed_by_holder_id: 2 }),
      doc('reminder', null),
    ]);
    expect(f).toEqual({
      requestId: 11,
      kind: 'pending',
      variant: 'reminder',
      requestedOn: '2019-03-04',
      requestedBy: 'predecessor',
      requestedByHolder: 'Hilal Elver',
      reminders: ['2021-02-10'],
      undatedReminders: 1,
      acknowledgements: ['2019-04'],
      undatedAcknowledgements: 0,
      acceptedOn: null,
      postponedOn: null,
    });
  });

  test('accepted without dates: the dates-request variant, with the acceptance and the postponement', () => {
    const f = factsOf(12, [doc('request', '2018-06', { signed_by_holder_id: 1 }), doc('acceptance', '2019-11-20'), doc('dates_proposal', '2020-01-15'), doc('postponement', '2020-03')]);
    expect(f).toMatchObject({ kind: 'accepted_without_dates', variant: 'dates_request', acceptedOn: '2019-11-20', postponedOn: '2020-03' });
  });

  test('one letter per request, or one per State with all its requests', () => {
    const items = [
      { requestId: 3, stateCode: 'PER' },
      { requestId: 5, stateCode: 'TCD' },
      { requestId: 8, stateCode: 'PER' },
    ];
    expect(groupIntoLetters(items, 'per_request')).toEqual([[3], [5], [8]]);
    expect(groupIntoLetters(items, 'per_state')).toEqual([[3, 8], [5]]);
  });

  test('references from the mandate’s pattern', () => {
    expect(formatReference('{short}/{year}/{n}', { year: 2026, state: 'PER', n: 3, short: 'SR food' })).toBe('SR food/2026/3');
    expect(formatReference('REF-{state}-{year}', { year: 2026, state: 'PER', n: 3, short: '' })).toBe('REF-PER-2026');
    expect(unknownReferenceTokens('{yr}/{state}/{num}')).toEqual(['yr', 'num']);
  });
});

describe('dates and State names in the letter’s language', () => {
  test('a day, a month, a year, as entered', () => {
    expect(['en', 'fr', 'es'].map((l) => writeDate('2024-03-05', l as Language))).toEqual(['5 March 2024', '5 mars 2024', '5 de marzo de 2024']);
    expect(['en', 'fr', 'es'].map((l) => writeDate('2019-03', l as Language))).toEqual(['March 2019', 'mars 2019', 'marzo de 2019']);
    expect(['en', 'fr', 'es'].map((l) => writeDate('2019', l as Language))).toEqual(['2019', '2019', '2019']);
    expect(writeDate('2024-03-01', 'fr')).toBe('1er mars 2024');
    // the last day of a month in Geneva's summer time stays that day (no UTC shift)
    expect(writeDate('2024-03-31', 'en')).toBe('31 March 2024');
    expect(['en', 'fr', 'es'].map((l) => datePhrase('2024-03-05', l as Language))).toEqual(['on 5 March 2024', 'le 5 mars 2024', 'el 5 de marzo de 2024']);
    expect(['en', 'fr', 'es'].map((l) => datePhrase('2019-03', l as Language))).toEqual(['in March 2019', 'en mars 2019', 'en marzo de 2019']);
    expect(periodPhrase('2027-03-05', '2027-03-16', 'fr')).toBe('entre le 5 mars 2027 et le 16 mars 2027');
    expect(periodPhrase('2027-03', '2027-06', 'es')).toBe('entre marzo de 2027 y junio de 2027');
    expect(periodPhrase('2027', null, 'en')).toBe('in 2027');
    expect(periodPhrase(null, null, 'en')).toBeNull();
  });

  test('names with their article and the "of" of each language', () => {
    expect(['Peru', 'Netherlands', 'Bolivia (Plurinational State of)', 'United Kingdom of Great Britain and Northern Ireland'].map((n) => ofState(n, 'en'))).toEqual([
      'of Peru',
      'of the Netherlands',
      'of the Plurinational State of Bolivia',
      'of the United Kingdom of Great Britain and Northern Ireland',
    ]);
    expect(['Pérou', 'France', 'Algérie', 'Pays-Bas', 'Cuba', 'Israël', 'Mexique', 'Tchad', 'Sierra Leone', 'Honduras'].map((n) => ofState(n, 'fr'))).toEqual([
      'du Pérou',
      'de la France',
      "de l'Algérie",
      'des Pays-Bas',
      'de Cuba',
      "d'Israël",
      'du Mexique',
      'du Tchad',
      'de la Sierra Leone',
      'du Honduras',
    ]);
    expect(['Perú', 'Argentina', 'Países Bajos', 'Francia', 'El Salvador', 'Chad'].map((n) => ofState(n, 'es'))).toEqual([
      'del Perú',
      'de la Argentina',
      'de los Países Bajos',
      'de Francia',
      'de El Salvador',
      'del Chad',
    ]);
    // a name the user wrote with its article keeps it
    expect(withArticle('la République de Moldova', 'fr')).toBe('la République de Moldova');
    expect(missionOf('Pérou', 'fr')).toBe("Mission permanente du Pérou auprès de l'Office des Nations Unies à Genève");
    expect(missionOf('Perú', 'es')).toBe('Misión Permanente del Perú ante la Oficina de las Naciones Unidas en Ginebra');
  });
});

describe('the wording of a reminder', () => {
  const predecessorRequest = () =>
    factsOf(21, [doc('request', '2019-03-04', { signed_by_holder_id: 1 }), doc('acknowledgement', '2019-04'), doc('reminder', '2021-02-10', { signed_by_holder_id: 2 }), doc('reminder', '2023-06')]);

  test('a letter about a predecessor’s request: "my predecessor", the history, the standing invitation, the ask, the closing', () => {
    const text = letterText(facts('en', 'letter', [predecessorRequest()], { period: ['2027-03', '2027-06'] }));
    expect(text.salutation).toBe('Excellency,');
    expect(text.body).toEqual([
      'I have the honour to address you in my capacity as Special Rapporteur on the right to food, pursuant to Human Rights Council resolution 49/13.',
      'I wish to recall the request for an official visit to your country that my predecessor addressed to your Government on 4 March 2019. ' +
        'Receipt of the request was acknowledged in April 2019. ' +
        'The request was followed up by reminders on 10 February 2021 and in June 2023.',
      'This visit remains a priority for the mandate.',
      'I recall that your Government extended a standing invitation to the thematic special procedures of the Human Rights Council in March 2002.',
      "I would therefore be grateful if your Government could extend an invitation for this visit between March 2027 and June 2027. I look forward to your Government's reply.",
      'Accept, Excellency, the assurances of my highest consideration.',
    ]);
  });

  test('the holder’s own request, no standing invitation, no period: "I addressed", "at a mutually convenient time"', () => {
    const own = factsOf(22, [doc('request', '2022-09-14', { signed_by_holder_id: 2 })]);
    const text = letterText(facts('en', 'letter', [own], { state: CHAD }));
    expect(text.body[1]).toBe('I wish to recall the request for an official visit to your country that I addressed to your Government on 14 September 2022.');
    expect(text.body.some((p) => p.includes('standing invitation'))).toBe(false);
    expect(text.body[3]).toBe("I would therefore be grateful if your Government could extend an invitation for this visit at a mutually convenient time. I look forward to your Government's reply.");
  });

  test('no standing invitation sentence for a country mandate, even to a State that has one', () => {
    const text = letterText(facts('en', 'letter', [predecessorRequest()], { kind: 'country' }));
    expect(text.body.some((p) => p.includes('standing invitation'))).toBe(false);
  });

  test('the dates-request variant when the State already accepted', () => {
    const accepted = factsOf(23, [doc('request', '2018-06', { signed_by_holder_id: 1 }), doc('acceptance', '2019-11-20')]);
    const en = letterText(facts('en', 'letter', [accepted], { state: CHAD, period: ['2027', null] })).body;
    expect(en[1]).toBe(
      'I wish to recall the request for an official visit to your country that my predecessor addressed to your Government in June 2018. ' +
        'I note with appreciation that your Government accepted this request on 20 November 2019; no dates have yet been agreed.',
    );
    expect(en[3]).toBe("I would therefore be grateful if your Government could propose dates for the visit, for instance in 2027. I look forward to your Government's reply.");
    const postponed = factsOf(24, [doc('request', '2018-06', { signed_by_holder_id: 1 }), doc('acceptance', '2019-11-20'), doc('dates_proposal', '2020-01-15'), doc('postponement', '2020-03')]);
    expect(letterText(facts('fr', 'letter', [postponed], { state: CHAD })).body[1]).toBe(
      'Je souhaite rappeler la demande de visite officielle dans votre pays que mon prédécesseur a adressée à votre Gouvernement en juin 2018. ' +
        'Je note avec satisfaction que votre Gouvernement a accepté cette demande le 20 novembre 2019. ' +
        "La visite a ensuite été reportée en mars 2020, et aucune nouvelle date n'a été convenue depuis.",
    );
    expect(letterText(facts('es', 'letter', [accepted], { state: CHAD })).body[3]).toBe(
      'Por consiguiente, le agradecería que su Gobierno propusiera fechas para la visita. Quedo a la espera de la respuesta de su Gobierno.',
    );
  });

  test('one letter per State with two requests: each recalled, the second with "also", one ask for each kind', () => {
    const pending = factsOf(25, [doc('request', '2016-05-02', { signed_by_holder_id: 1 })]);
    const accepted = factsOf(26, [doc('request', '2021-02', { signed_by_holder_id: 2 }), doc('acceptance', '2022-07-01')]);
    const body = letterText(facts('en', 'letter', [pending, accepted], { state: CHAD, reasons: ['', 'Food insecurity in the Lake Chad basin has worsened since 2023.'] })).body;
    expect(body[1]).toBe('I wish to recall the request for an official visit to your country that my predecessor addressed to your Government on 2 May 2016.');
    expect(body[2]).toBe(
      'I also wish to recall the request for an official visit to your country that I addressed to your Government in February 2021. ' +
        'I note with appreciation that your Government accepted this request on 1 July 2022; no dates have yet been agreed. ' +
        'Food insecurity in the Lake Chad basin has worsened since 2023.',
    );
    // the first request has no reason of its own: the general sentence
    expect(body[3]).toBe('This visit remains a priority for the mandate.');
    expect(body[4]).toBe(
      "I would therefore be grateful if your Government could extend an invitation for this visit at a mutually convenient time and propose dates for the visit. I look forward to your Government's reply.",
    );
  });

  test('notes verbales: the third-person formulas in the three languages', () => {
    const f = predecessorRequest();
    const en = letterText(facts('en', 'note_verbale', [f])).body;
    expect(letterText(facts('en', 'note_verbale', [f])).salutation).toBeNull();
    expect(en[0]).toBe(
      'The Special Rapporteur on the right to food presents his compliments to the Permanent Mission of Peru to the United Nations Office at Geneva and, pursuant to Human Rights Council resolution 49/13, ' +
        'has the honour to recall the request for an official visit to Peru addressed to the Government by the previous mandate holder on 4 March 2019. ' +
        'Receipt of the request was acknowledged in April 2019. The request was followed up by reminders on 10 February 2021 and in June 2023.',
    );
    expect(en.at(-1)).toBe(
      'The Special Rapporteur on the right to food avails himself of this opportunity to renew to the Permanent Mission of Peru to the United Nations Office at Geneva the assurances of his highest consideration.',
    );
    const fr = letterText(facts('fr', 'note_verbale', [f])).body;
    expect(fr[0]).toMatch(/^Le Rapporteur spécial sur le droit à l’alimentation présente ses compliments à la Mission permanente du Pérou auprès de l'Office des Nations Unies à Genève et, conformément à la résolution 49\/13 du Conseil des droits de l'homme, a l'honneur de rappeler la demande de visite officielle adressée au Gouvernement du Pérou par le précédent titulaire du mandat le 4 mars 2019\./);
    expect(fr.at(-1)).toBe(
      "Le Rapporteur spécial sur le droit à l’alimentation saisit cette occasion pour renouveler à la Mission permanente du Pérou auprès de l'Office des Nations Unies à Genève les assurances de sa très haute considération.",
    );
    const es = letterText(facts('es', 'note_verbale', [f])).body;
    expect(es[0]).toMatch(/^El Relator Especial sobre el derecho a la alimentación saluda atentamente a la Misión Permanente del Perú ante la Oficina de las Naciones Unidas en Ginebra y, de conformidad con la resolución 49\/13 del Consejo de Derechos Humanos, tiene el honor de recordar la solicitud de visita oficial dirigida al Gobierno del Perú por el anterior titular del mandato el 4 de marzo de 2019\./);
    expect(es).toContain('Se recuerda que el Gobierno cursó una invitación permanente a los procedimientos especiales temáticos del Consejo de Derechos Humanos en marzo de 2002.');
  });

  test('letters in French and Spanish: "mon prédécesseur", "mi predecesor", the closings', () => {
    const f = predecessorRequest();
    const fr = letterText(facts('fr', 'letter', [f]));
    expect(fr.salutation).toBe('Excellence,');
    expect(fr.body[1]).toBe(
      'Je souhaite rappeler la demande de visite officielle dans votre pays que mon prédécesseur a adressée à votre Gouvernement le 4 mars 2019. ' +
        'Il en a été accusé réception en avril 2019. ' +
        "Cette demande a fait l'objet de rappels le 10 février 2021 et en juin 2023.",
    );
    expect(fr.body.at(-1)).toBe("Veuillez agréer, Excellence, l'assurance de ma très haute considération.");
    const es = letterText(facts('es', 'letter', [f]));
    expect(es.salutation).toBe('Excelencia:');
    expect(es.body[1]).toBe(
      'Deseo recordar la solicitud de visita oficial a su país que mi predecesor dirigió a su Gobierno el 4 de marzo de 2019. ' +
        'Se acusó recibo de esta solicitud en abril de 2019. ' +
        'Esta solicitud fue objeto de recordatorios el 10 de febrero de 2021 y en junio de 2023.',
    );
    expect(es.body.at(-1)).toBe('Aprovecho la oportunidad para reiterarle, Excelencia, las seguridades de mi más alta consideración.');
  });

  test('an undated reminder among dated ones is counted, the dated ones written in brackets', () => {
    const f = factsOf(27, [doc('request', '2019-03-04', { signed_by_holder_id: 1 }), doc('reminder', '2021-02-10'), doc('reminder', null)]);
    expect(letterText(facts('en', 'letter', [f])).body[1]).toContain('The request was followed up by 2 reminders (10 February 2021).');
  });

  test('a French letter without a French title of the mandate says so', () => {
    expect(settingsFor('fr', { titles: { en: '', fr: '', es: '' } }).warnings).toEqual(['No French title of the mandate in the letter settings: the English title is used.']);
    expect(settingsFor('en').warnings).toEqual([]);
  });
});

describe('the HTML of a letter', () => {
  const thread = () => factsOf(31, [doc('request', '2019-03-04', { signed_by_holder_id: 1 })]);

  test('user text with markup prints as text: a reason, an edited body, settings lines, the mission address', () => {
    const evil = '<script>alert("x")</script> & <b>bold</b>';
    const f = letterFacts({
      language: 'en',
      form: 'letter',
      letterDate: '2026-12-01',
      reference: 'R<1>',
      mandateKind: 'thematic',
      state: { ...PERU, mission_address: '<img src=x onerror=alert(1)>' },
      requests: [{ ...thread(), reason: evil }],
      settings: settingsFor('en', { letterhead: '<i>Head</i>', signature: 'Michael Fakhri\n<u>SR</u>' }),
    });
    const html = renderLetterHtml(f);
    expect(html).not.toMatch(/<script|<b>|<img|<i>|<u>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).toContain('<p class="reference">Reference: R&lt;1&gt;</p>');
    const edited = renderLetterHtml(f, textToBody('First <script>paragraph</script>.\nSecond line.\n\n\nThird paragraph.'));
    expect(edited).toContain('<div class="body"><p>First &lt;script&gt;paragraph&lt;/script&gt;.<br>Second line.</p><p>Third paragraph.</p></div>');
  });

  test('the parts in order: letterhead, reference and date, the Mission, salutation, body, signature', () => {
    const f = facts('en', 'letter', [thread()]);
    const html = renderLetterHtml(f);
    const order = ['class="letterhead"', 'Mandate of the Special Rapporteur on the right to food', 'Reference: 2026/PER/1', 'Geneva, 1 December 2026', 'Permanent Mission of Peru to the United Nations Office at Geneva', 'Avenue Louis-Casaï 71', 'Excellency,', 'I have the honour', 'Accept, Excellency', 'class="signature"', 'Michael Fakhri', 'Special Rapporteur on the right to food</p></div>'];
    const positions = order.map((part) => html.indexOf(part));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html.startsWith('<article class="letter form-letter" lang="en">')).toBe(true);
  });

  test('a note verbale: place and date and the Mission at its foot, no signature', () => {
    const html = renderLetterHtml(facts('fr', 'note_verbale', [thread()]));
    expect(html).toContain('class="letter form-note-verbale" lang="fr"');
    expect(html).not.toContain('class="signature"');
    expect(html).toMatch(/<div class="nv-foot"><p class="place-date">Genève, le 1er décembre 2026<\/p><address class="addressee"><p>Mission permanente du Pérou/);
  });

  test('the body round-trips through the editable text', () => {
    const body = letterText(facts('en', 'letter', [thread()])).body;
    expect(textToBody(bodyToText(body))).toEqual(body);
    expect(textToBody('  one\r\n\r\n  two  \n\n')).toEqual(['one', 'two']);
  });

  test('the print stylesheet: A4, margins, the shipped font, page numbers per letter from the second page', () => {
    const css = lettersStylesheet(2);
    expect(css).toContain('@page { size: A4; margin: 20mm 22mm 24mm 25mm;');
    expect(css).toContain('src: url("fonts/LiberationSerif-Regular.ttf") format("truetype")');
    expect(css).toContain('#sheet-2 { page: letter-2; }');
    expect(css).toContain('@page letter-2 { counter-increment: letter-page-2; @bottom-center { content: counter(letter-page-2, continuation); } }');
    expect(css).toContain('@counter-style continuation { system: fixed 2; symbols: "– 2 –" "– 3 –"');
    expect(css).not.toMatch(/https?:/);
    const doc = lettersDocument(['<article>a</article>', '<article>b</article>'], 'Reminders <2026>');
    expect(doc).toContain('<title>Reminders &lt;2026&gt;</title>');
    expect(doc).toContain('<div class="sheet" id="sheet-2">\n<article>b</article>\n</div>');
    expect(doc).toContain('<link rel="stylesheet" href="letters.css">');
    expect(doc).not.toContain('<style');
    expect(escapeHtml(`'"`)).toBe('&#39;&quot;');
  });
});
