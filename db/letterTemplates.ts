/**
 * The wording of reminder letters in English, French and Spanish, and their HTML for printing.
 * Renderer-agnostic: plain strings in, an HTML string and a stylesheet out; Chromium prints them
 * (Electron's printToPDF in the app, page.pdf in the tests).
 *
 * Formulas of the field (domain-practice.md §2 and §4, after the UN Correspondence Manual):
 * a letter signed by the mandate holder opens "Excellency," and closes "Accept, Excellency, the
 * assurances of my highest consideration."; a note verbale "presents its compliments to the
 * Permanent Mission ... and has the honour to ..." and closes by renewing "the assurances of its
 * highest consideration". Wording stays neutral on gender where the language allows (passive
 * history sentences, "Je saurais gré", "le agradecería"); the English possessive of a note verbale
 * and the holder's title in each language come from the mandate's letter settings.
 *
 * Everything that varies — State names, dates, the assistant's notes and edits, settings — is
 * plain text, escaped once when the HTML is built: a note containing markup prints as text.
 */
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { es } from 'date-fns/locale/es';
import { fr } from 'date-fns/locale/fr';
import type { Language, LetterPronoun } from './domain';
import type { LetterFacts, RequestFacts } from './letters';
import { parsePartialDate } from './partialDate';

// ---------------------------------------------------------------------------------------------
// Dates

const LOCALES = { en: enGB, fr, es } as const;
const DAY_FORMAT: Record<Language, string> = { en: 'd MMMM yyyy', fr: 'do MMMM yyyy', es: "d 'de' MMMM 'de' yyyy" };
const MONTH_FORMAT: Record<Language, string> = { en: 'MMMM yyyy', fr: 'MMMM yyyy', es: "MMMM 'de' yyyy" };

/**
 * A partial date written out in a language, as precise as it was entered, never more:
 * "2024-03-05" -> "5 March 2024" / "5 mars 2024" / "5 de marzo de 2024"; "2019-03" -> "March 2019" /
 * "mars 2019" / "marzo de 2019"; "2019" -> "2019". French writes the first of the month "1er".
 * Built from the date's own parts at local midnight and formatted in local time: no UTC shift.
 * @throws Error when `date` is not a partial date
 */
export function writeDate(date: string, language: Language): string {
  const d = parsePartialDate(date);
  if (d.precision === 'year') return String(d.year);
  const value = new Date(d.year, (d.month ?? 1) - 1, d.day ?? 1);
  return format(value, d.precision === 'day' ? DAY_FORMAT[language] : MONTH_FORMAT[language], { locale: LOCALES[language] });
}

/**
 * A date as an adverbial phrase: "on 5 March 2024" / "in March 2019" / "in 2019";
 * "le 5 mars 2024" / "en mars 2019"; "el 5 de marzo de 2024" / "en marzo de 2019".
 */
export function datePhrase(date: string, language: Language): string {
  const day = parsePartialDate(date).precision === 'day';
  const written = writeDate(date, language);
  switch (language) {
    case 'en':
      return `${day ? 'on' : 'in'} ${written}`;
    case 'fr':
      return `${day ? 'le' : 'en'} ${written}`;
    case 'es':
      return `${day ? 'el' : 'en'} ${written}`;
  }
}

/** A date as one end of a range ("entre le 5 mars 2027 et ..."): French and Spanish take the article before a day. */
function rangeEnd(date: string, language: Language): string {
  const day = parsePartialDate(date).precision === 'day';
  const written = writeDate(date, language);
  if (!day || language === 'en') return written;
  return `${language === 'fr' ? 'le' : 'el'} ${written}`;
}

/**
 * A proposed period: one date -> its phrase ("in March 2027"); two -> "between A and B"
 * ("entre mars 2027 et juin 2027", "entre el 5 de marzo de 2027 y el 16 de marzo de 2027").
 */
export function periodPhrase(start: string | null, end: string | null, language: Language): string | null {
  if (!start && !end) return null;
  if (!start || !end || start === end) return datePhrase((start ?? end)!, language);
  const and = { en: 'and', fr: 'et', es: 'y' }[language];
  const between = { en: 'between', fr: 'entre', es: 'entre' }[language];
  return `${between} ${rangeEnd(start, language)} ${and} ${rangeEnd(end, language)}`;
}

/** "A", "A and B", "A, B and C" in the language ("et", "y"). */
export function joinList(items: readonly string[], language: Language): string {
  const and = { en: 'and', fr: 'et', es: 'y' }[language];
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** "Geneva, 5 March 2027" / "Genève, le 5 mars 2027" / "Ginebra, 5 de marzo de 2027". */
export function placeAndDate(date: string, language: Language): string {
  switch (language) {
    case 'en':
      return `Geneva, ${writeDate(date, 'en')}`;
    case 'fr':
      return `Genève, le ${writeDate(date, 'fr')}`;
    case 'es':
      return `Ginebra, ${writeDate(date, 'es')}`;
  }
}

// ---------------------------------------------------------------------------------------------
// State names in running text

/** The State's name in a language (the English one when the other is empty). */
export function stateName(state: { name_en: string; name_fr: string; name_es: string }, language: Language): string {
  const name = { en: state.name_en, fr: state.name_fr, es: state.name_es }[language].trim();
  return name || state.name_en.trim();
}

// English: the UN writes "the" before these names in running text (UN editorial practice).
const EN_THE_NAMES = new Set(['bahamas', 'comoros', 'congo', 'gambia', 'maldives', 'netherlands', 'niger', 'philippines', 'sudan', 'holy see', 'state of palestine']);
const EN_THE_WORDS = /\b(Republic|Kingdom|Federation|States|Islands|Emirates|Union)\b/;

// French: names said without an article (islands, city-States and a few others), and the
// masculine names that end in -e; other names ending in -e are feminine (la France, l'Algérie).
const FR_NO_ARTICLE = new Set(
  [
    'andorre', 'antigua-et-barbuda', 'bahreïn', 'brunei darussalam', 'brunéi darussalam', 'cabo verde', 'chypre', 'cuba', 'djibouti', 'el salvador',
    'haïti', 'israël', 'kiribati', 'madagascar', 'malte', 'maurice', 'monaco', 'nauru', 'oman', 'palaos', 'saint-christophe-et-niévès', 'saint-marin',
    'saint-vincent-et-les-grenadines', 'sainte-lucie', 'samoa', 'sao tomé-et-principe', 'são tomé-et-principe', 'singapour', 'sri lanka', 'tonga',
    'trinité-et-tobago', 'tuvalu', 'vanuatu',
  ],
);
const FR_PLURAL_FIRST_WORDS = new Set(['états', 'émirats', 'îles', 'pays', 'comores', 'maldives', 'philippines', 'seychelles', 'bahamas', 'fidji']);
const FR_MASCULINE_IN_E = new Set(['mexique', 'cambodge', 'mozambique', 'zimbabwe', 'belize', 'suriname', 'royaume', 'zaïre']);
const FR_FEMININE_OTHER = new Set(['sierra']);

// Spanish: the article the UN's Spanish usage puts before these names (el Perú, la Argentina).
const ES_ARTICLE: Record<string, 'el' | 'la' | 'los' | 'las'> = {
  afganistán: 'el', brasil: 'el', camerún: 'el', canadá: 'el', chad: 'el', congo: 'el', ecuador: 'el', gabón: 'el', iraq: 'el', japón: 'el',
  líbano: 'el', níger: 'el', pakistán: 'el', paraguay: 'el', perú: 'el', senegal: 'el', sudán: 'el', 'sudán del sur': 'el', uruguay: 'el', yemen: 'el',
  argentina: 'la', india: 'la', 'arabia saudita': 'la', 'santa sede': 'la', bahamas: 'las', comoras: 'las', maldivas: 'las', 'países bajos': 'los',
};
const ES_FIRST_WORD: Record<string, 'el' | 'la' | 'los' | 'las'> = { estados: 'los', emiratos: 'los', países: 'los', islas: 'las', república: 'la', federación: 'la', reino: 'el' };

const firstWord = (name: string) => name.split(/[\s\-']/)[0]!.toLowerCase();
const startsWithVowel = (name: string) => /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(name.normalize('NFC')) && !/^y[aeioué]/i.test(name);

/**
 * The State's name as running text takes it, with its article when the language wants one:
 * "the Netherlands", "the Plurinational State of Bolivia" (from the UN's "Bolivia (Plurinational
 * State of)"), "Peru"; "le Pérou", "la France", "l'Algérie", "les Pays-Bas", "Cuba"; "el Perú",
 * "la Argentina", "los Países Bajos", "Francia". A name the user already wrote with its article is
 * kept. Heuristic plus lists of exceptions: the assistant reads every letter and can edit it.
 */
export function withArticle(name: string, language: Language): string {
  const n = name.trim();
  const lower = n.toLowerCase();
  switch (language) {
    case 'en': {
      const inverted = /^(.*?)\s*\((.+ of)\)$/.exec(n);
      if (inverted) return `the ${inverted[2]} ${inverted[1]}`;
      if (/^the\s/i.test(n)) return n;
      return EN_THE_NAMES.has(lower) || EN_THE_WORDS.test(n) ? `the ${n}` : n;
    }
    case 'fr': {
      if (/^(le|la|les)\s/i.test(n) || /^l['’]/i.test(n)) return n;
      if (FR_NO_ARTICLE.has(lower)) return n;
      const first = firstWord(n);
      if (FR_PLURAL_FIRST_WORDS.has(first)) return `les ${n}`;
      if (startsWithVowel(n)) return `l'${n}`;
      const feminine = FR_FEMININE_OTHER.has(first) || (first.endsWith('e') && !FR_MASCULINE_IN_E.has(first));
      return `${feminine ? 'la' : 'le'} ${n}`;
    }
    case 'es': {
      if (/^(el|la|los|las)\s/i.test(n) && !/^el salvador$/i.test(n)) return n;
      const article = ES_ARTICLE[lower] ?? ES_FIRST_WORD[firstWord(n)];
      return article ? `${article} ${n}` : n;
    }
  }
}

/**
 * "of" + the State in running text, with the language's contractions:
 * "of the Netherlands"; "du Pérou", "de la France", "de l'Algérie", "des Pays-Bas", "de Cuba",
 * "d'Israël"; "del Perú", "de la Argentina", "de los Países Bajos", "de Francia", "de El Salvador".
 */
export function ofState(name: string, language: Language): string {
  const full = withArticle(name, language);
  switch (language) {
    case 'en':
      return `of ${full}`;
    case 'fr': {
      const m = /^(le|la|les)\s(.*)$/i.exec(full);
      if (m) return { le: 'du', la: 'de la', les: 'des' }[m[1]!.toLowerCase() as 'le' | 'la' | 'les'] + ` ${m[2]}`;
      if (/^l['’]/i.test(full)) return `de ${full}`;
      return startsWithVowel(full) || /^haï/i.test(full) ? `d'${full}` : `de ${full}`;
    }
    case 'es': {
      const m = /^el\s(.*)$/.exec(full);
      if (m && !/^El Salvador$/.test(full)) return `del ${m[1]}`;
      return `de ${full}`;
    }
  }
}

/** "Permanent Mission of Peru to the United Nations Office at Geneva", in the language. */
export function missionOf(name: string, language: Language): string {
  switch (language) {
    case 'en':
      return `Permanent Mission ${ofState(name, 'en')} to the United Nations Office at Geneva`;
    case 'fr':
      return `Mission permanente ${ofState(name, 'fr')} auprès de l'Office des Nations Unies à Genève`;
    case 'es':
      return `Misión Permanente ${ofState(name, 'es')} ante la Oficina de las Naciones Unidas en Ginebra`;
  }
}

// ---------------------------------------------------------------------------------------------
// The text

/** The title without its leading article, as "in my capacity as ..." takes it. */
export function capacityOf(title: string): string {
  return title.trim().replace(/^(the|le|la|les|el|los|las)\s+/i, '').replace(/^l['’]\s*/i, '');
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const REFLEXIVE: Record<LetterPronoun, string> = { her: 'herself', his: 'himself', their: 'themselves', its: 'itself' };

/** The letter's text: the salutation (a note verbale has none) and the body paragraphs, closing formula included. */
export interface LetterText {
  salutation: string | null;
  body: string[];
}

/** Counted or dated reminders: "a reminder on 10 February 2021", "reminders on A and in B", "3 reminders (A and B)". */
function remindersPhrase(r: RequestFacts, language: Language): string | null {
  const total = r.reminders.length + r.undatedReminders;
  if (total === 0) return null;
  const dated = r.reminders;
  if (r.undatedReminders === 0) {
    const phrases = joinList(dated.map((d) => datePhrase(d, language)), language);
    return {
      en: total === 1 ? `a reminder ${phrases}` : `reminders ${phrases}`,
      fr: total === 1 ? `d'un rappel ${phrases}` : `de rappels ${phrases}`,
      es: total === 1 ? `un recordatorio ${phrases}` : `recordatorios ${phrases}`,
    }[language];
  }
  const written = dated.length ? ` (${joinList(dated.map((d) => writeDate(d, language)), language)})` : '';
  return {
    en: total === 1 ? `a reminder${written}` : `${total} reminders${written}`,
    fr: total === 1 ? `d'un rappel${written}` : `de ${total} rappels${written}`,
    es: total === 1 ? `un recordatorio${written}` : `${total} recordatorios${written}`,
  }[language];
}

/** The sentences of one thread's history after the recall: reminders, acknowledgements, acceptance. */
function historySentences(r: RequestFacts, language: Language, letter: boolean): string[] {
  const out: string[] = [];
  // in the order they usually come: the State's acknowledgement, then the holder's reminders
  if (r.acknowledgements.length + r.undatedAcknowledgements > 0) {
    const when = r.acknowledgements.length ? ` ${joinList(r.acknowledgements.map((d) => datePhrase(d, language)), language)}` : '';
    out.push({ en: `Receipt of the request was acknowledged${when}.`, fr: `Il en a été accusé réception${when}.`, es: `Se acusó recibo de esta solicitud${when}.` }[language]);
  }
  const reminders = remindersPhrase(r, language);
  if (reminders) {
    out.push({ en: `The request was followed up by ${reminders}.`, fr: `Cette demande a fait l'objet ${reminders}.`, es: `Esta solicitud fue objeto de ${reminders}.` }[language]);
  }
  if (r.variant === 'dates_request') {
    const on = r.acceptedOn ? ` ${datePhrase(r.acceptedOn, language)}` : '';
    const accepted = letter
      ? { en: `I note with appreciation that your Government accepted this request${on}`, fr: `Je note avec satisfaction que votre Gouvernement a accepté cette demande${on}`, es: `Observo con reconocimiento que su Gobierno aceptó esta solicitud${on}` }[language]
      : { en: `It is noted with appreciation that the Government accepted this request${on}`, fr: `Il est pris note avec satisfaction de ce que le Gouvernement a accepté cette demande${on}`, es: `Se toma nota con reconocimiento de que el Gobierno aceptó esta solicitud${on}` }[language];
    if (r.postponedOn) {
      const when = r.postponedOn === 'undated' ? '' : ` ${datePhrase(r.postponedOn, language)}`;
      out.push(
        `${accepted}. ` +
          {
            en: `The visit was subsequently postponed${when}, and no new dates have been agreed since.`,
            fr: `La visite a ensuite été reportée${when}, et aucune nouvelle date n'a été convenue depuis.`,
            es: `La visita fue aplazada posteriormente${when} y desde entonces no se han acordado nuevas fechas.`,
          }[language],
      );
    } else {
      out.push(`${accepted}${{ en: '; no dates have yet been agreed.', fr: ' ; aucune date n’a toutefois encore été convenue.', es: '; sin embargo, aún no se han acordado fechas.' }[language]}`);
    }
  }
  return out;
}

/** The recall of one thread's request in a letter (first person). */
function recallInLetter(r: RequestFacts, language: Language, also: boolean): string {
  const on = r.requestedOn ? ` ${datePhrase(r.requestedOn, language)}` : '';
  switch (language) {
    case 'en': {
      const who = { this_holder: 'that I addressed', predecessor: 'that my predecessor addressed', unknown: 'addressed' }[r.requestedBy];
      return `I ${also ? 'also ' : ''}wish to recall the request for an official visit to your country ${who} to your Government${on}.`;
    }
    case 'fr': {
      const who = { this_holder: "que j'ai adressée", predecessor: 'que mon prédécesseur a adressée', unknown: 'adressée' }[r.requestedBy];
      return `Je souhaite ${also ? 'également ' : ''}rappeler la demande de visite officielle dans votre pays ${who} à votre Gouvernement${on}.`;
    }
    case 'es': {
      const who = { this_holder: 'que dirigí', predecessor: 'que mi predecesor dirigió', unknown: 'dirigida' }[r.requestedBy];
      return `Deseo ${also ? 'asimismo ' : ''}recordar la solicitud de visita oficial a su país ${who} a su Gobierno${on}.`;
    }
  }
}

/** The recall of one thread's request in a note verbale (third person; the first one is part of the opening). */
function recallInNote(r: RequestFacts, language: Language, state: string): string {
  const on = r.requestedOn ? ` ${datePhrase(r.requestedOn, language)}` : '';
  const by = r.requestedBy === 'predecessor' ? { en: ' by the previous mandate holder', fr: ' par le précédent titulaire du mandat', es: ' por el anterior titular del mandato' }[language] : '';
  switch (language) {
    case 'en':
      return `the request for an official visit to ${withArticle(state, 'en')} addressed to the Government${by}${on}`;
    case 'fr':
      return `la demande de visite officielle adressée au Gouvernement ${ofState(state, 'fr')}${by}${on}`;
    case 'es':
      return `la solicitud de visita oficial dirigida al Gobierno ${ofState(state, 'es')}${by}${on}`;
  }
}

const DEFAULT_REASON: Record<Language, string> = {
  en: 'This visit remains a priority for the mandate.',
  fr: 'Cette visite demeure une priorité pour le mandat.',
  es: 'Esta visita sigue siendo una prioridad para el mandato.',
};

/**
 * The letter's text, from its facts: salutation, then the body (opening with the mandate and its
 * resolution, each request recalled with its date and sender, earlier reminders and
 * acknowledgements, the acceptance for the dates-request variant, why the visit remains a
 * priority, the standing invitation, the ask with the proposed period, the contact point, the
 * courtesy closing). The parts are those of domain-practice.md §4.
 */
export function letterText(facts: LetterFacts): LetterText {
  const L = facts.language;
  const s = facts.settings;
  const state = stateName(facts.state, L);
  const isLetter = facts.form === 'letter';
  const title = s.title[L];
  const Title = upperFirst(title);
  const body: string[] = [];
  const res = s.resolution.trim();

  // Opening and the recall of the requests, each with its history and reason
  const reasons = facts.requests.map((r) => r.reason.trim());
  facts.requests.forEach((r, i) => {
    const history = historySentences(r, L, isLetter);
    const own = reasons[i] ? [reasons[i]!] : [];
    if (isLetter) {
      if (i === 0) {
        body.push(
          {
            en: `I have the honour to address you in my capacity as ${capacityOf(title)}${res ? `, pursuant to Human Rights Council resolution ${res}` : ''}.`,
            fr: `J'ai l'honneur de m'adresser à vous en ma qualité de ${capacityOf(title)}${res ? `, conformément à la résolution ${res} du Conseil des droits de l'homme` : ''}.`,
            es: `Tengo el honor de dirigirme a usted en mi calidad de ${capacityOf(title)}${res ? `, de conformidad con la resolución ${res} del Consejo de Derechos Humanos` : ''}.`,
          }[L],
        );
      }
      body.push([recallInLetter(r, L, i > 0), ...history, ...own].join(' '));
    } else if (i === 0) {
      const recall = recallInNote(r, L, state);
      const resEn = res ? `, pursuant to Human Rights Council resolution ${res},` : '';
      const opening = {
        en: `${Title} presents ${s.pronoun} compliments to the ${missionOf(state, 'en')} and${resEn} has the honour to recall ${recall}.`,
        fr: `${Title} présente ses compliments à la ${missionOf(state, 'fr')} et${res ? `, conformément à la résolution ${res} du Conseil des droits de l'homme,` : ''} a l'honneur de rappeler ${recall}.`,
        es: `${Title} saluda atentamente a la ${missionOf(state, 'es')} y${res ? `, de conformidad con la resolución ${res} del Consejo de Derechos Humanos,` : ''} tiene el honor de recordar ${recall}.`,
      }[L];
      body.push([opening, ...history, ...own].join(' '));
    } else {
      const recall = recallInNote(r, L, state);
      const also = { en: `${upperFirst(recall)} is also recalled.`, fr: `Est également rappelée ${recall}.`, es: `Se recuerda asimismo ${recall}.` }[L];
      body.push([also, ...history, ...own].join(' '));
    }
  });
  if (reasons.some((r) => !r)) body.push(DEFAULT_REASON[L]);

  // The standing invitation (thematic mandates only; see letterFacts)
  if (facts.standingInvitation) {
    const since = facts.standingInvitation.since;
    const when = since ? ` ${datePhrase(since, L)}` : '';
    const sp = { en: 'the thematic special procedures of the Human Rights Council', fr: "aux procédures spéciales thématiques du Conseil des droits de l'homme", es: 'a los procedimientos especiales temáticos del Consejo de Derechos Humanos' }[L];
    body.push(
      isLetter
        ? { en: `I recall that your Government ${since ? 'extended' : 'has extended'} a standing invitation to ${sp}${when}.`, fr: `Je rappelle que votre Gouvernement a adressé une invitation permanente ${sp}${when}.`, es: `Recuerdo que su Gobierno ${since ? 'cursó' : 'ha cursado'} una invitación permanente ${sp}${when}.` }[L]
        : { en: `It is recalled that the Government ${since ? 'extended' : 'has extended'} a standing invitation to ${sp}${when}.`, fr: `Il est rappelé que le Gouvernement a adressé une invitation permanente ${sp}${when}.`, es: `Se recuerda que el Gobierno ${since ? 'cursó' : 'ha cursado'} una invitación permanente ${sp}${when}.` }[L],
    );
  }

  // The ask: an invitation for pending requests, dates for accepted ones
  const period = periodPhrase(facts.proposedStart, facts.proposedEnd, L);
  const toRemind = facts.requests.filter((r) => r.variant === 'reminder').length;
  const toDate = facts.requests.filter((r) => r.variant === 'dates_request').length;
  const asks: string[] = [];
  if (toRemind > 0) {
    const what = toRemind === 1 ? { en: 'this visit', fr: 'cette visite', es: 'esta visita' }[L] : { en: 'the visits requested', fr: 'les visites demandées', es: 'las visitas solicitadas' }[L];
    const when = period ?? { en: 'at a mutually convenient time', fr: 'à une date mutuellement convenue', es: 'en una fecha mutuamente conveniente' }[L];
    asks.push({ en: `extend an invitation for ${what} ${when}`, fr: `adresser une invitation pour ${what} ${when}`, es: `extendiera una invitación para ${what} ${when}` }[L]);
  }
  if (toDate > 0) {
    const example = period ? { en: `, for instance ${period}`, fr: `, par exemple ${period}`, es: `, por ejemplo ${period}` }[L] : '';
    const what = toDate === 1 ? { en: 'the visit', fr: 'la visite', es: 'la visita' }[L] : { en: 'the visits accepted', fr: 'les visites acceptées', es: 'las visitas aceptadas' }[L];
    asks.push({ en: `propose dates for ${what}${example}`, fr: `proposer des dates pour ${what}${example}`, es: `propusiera fechas para ${what}${example}` }[L]);
  }
  const asked = joinList(asks, L);
  body.push(
    isLetter
      ? {
          en: `I would therefore be grateful if your Government could ${asked}. I look forward to your Government's reply.`,
          fr: `Je saurais donc gré à votre Gouvernement de bien vouloir ${asked}. Je me réjouis de recevoir sa réponse.`,
          es: `Por consiguiente, le agradecería que su Gobierno ${asked}. Quedo a la espera de la respuesta de su Gobierno.`,
        }[L]
      : {
          en: `${Title} would be grateful if the Government could ${asked}, and looks forward to its reply.`,
          fr: `${Title} saurait gré au Gouvernement de bien vouloir ${asked}, et se réjouit de recevoir sa réponse.`,
          es: `${Title} agradecería que el Gobierno ${asked}, y espera con interés su respuesta.`,
        }[L],
  );
  const contact = s.contact.trim();
  if (contact) {
    body.push({ en: `For any question, the Permanent Mission may contact ${contact}.`, fr: `Pour toute question, la Mission permanente peut s'adresser à ${contact}.`, es: `Para cualquier consulta, la Misión Permanente puede dirigirse a ${contact}.` }[L]);
  }

  // Courtesy closing
  body.push(
    isLetter
      ? {
          en: 'Accept, Excellency, the assurances of my highest consideration.',
          fr: "Veuillez agréer, Excellence, l'assurance de ma très haute considération.",
          es: 'Aprovecho la oportunidad para reiterarle, Excelencia, las seguridades de mi más alta consideración.',
        }[L]
      : {
          en: `${Title} avails ${REFLEXIVE[s.pronoun]} of this opportunity to renew to the ${missionOf(state, 'en')} the assurances of ${s.pronoun} highest consideration.`,
          fr: `${Title} saisit cette occasion pour renouveler à la ${missionOf(state, 'fr')} les assurances de sa très haute considération.`,
          es: `${Title} aprovecha la oportunidad para reiterar a la ${missionOf(state, 'es')} las seguridades de su más alta consideración.`,
        }[L],
  );
  return { salutation: isLetter ? { en: 'Excellency,', fr: 'Excellence,', es: 'Excelencia:' }[L] : null, body };
}

/** The body as the assistant edits it: paragraphs separated by a blank line. */
export function bodyToText(body: readonly string[]): string {
  return body.join('\n\n');
}

/** The assistant's text back into paragraphs: blank lines separate them; line ends inside one are kept. */
export function textToBody(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// HTML

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const lines = (text: string) => text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
/** A paragraph of plain text: escaped, its line ends kept as <br>. */
const paragraph = (text: string, cls?: string) => `<p${cls ? ` class="${cls}"` : ''}>${text.replace(/\r\n?/g, '\n').split('\n').map(escapeHtml).join('<br>')}</p>`;

/**
 * One letter as an HTML <article> (no page-specific ids: the document wraps it, and the same
 * markup is kept as sent). A letter: letterhead, reference, place and date, the Permanent Mission
 * addressed, salutation, body, signature. A note verbale: letterhead, reference, body, place and
 * date, then the Mission addressed at the foot, unsigned (domain-practice.md §2, §4).
 * @param body the body paragraphs (the generated ones, or the assistant's edit)
 */
export function renderLetterHtml(facts: LetterFacts, body: readonly string[] = letterText(facts).body): string {
  const L = facts.language;
  const state = stateName(facts.state, L);
  const text = letterText(facts);
  // the Mission's own line already says Geneva; the street address follows when it is on record
  const address = [missionOf(state, L), ...lines(facts.state.mission_address)];
  const reference = facts.reference.trim()
    ? paragraph(`${{ en: 'Reference:', fr: 'Référence\u00a0:', es: 'Referencia:' }[L]} ${facts.reference.trim()}`, 'reference')
    : '';
  const addressee = `<address class="addressee">${address.map((l) => paragraph(l)).join('')}</address>`;
  const parts = [
    `<article class="letter ${facts.form === 'letter' ? 'form-letter' : 'form-note-verbale'}" lang="${L}">`,
    `<header class="letterhead">${facts.settings.letterhead.map((l) => paragraph(l)).join('')}</header>`,
  ];
  if (facts.form === 'letter') {
    parts.push(`<div class="heading">${reference}${paragraph(placeAndDate(facts.letterDate, L), 'place-date')}</div>`, addressee, paragraph(text.salutation!, 'salutation'));
    parts.push(`<div class="body">${body.map((p) => paragraph(p)).join('')}</div>`);
    parts.push(`<div class="signature">${facts.settings.signature[L].map((l) => paragraph(l)).join('')}</div>`);
  } else {
    parts.push(`<div class="heading">${reference}</div>`);
    parts.push(`<div class="body">${body.map((p) => paragraph(p)).join('')}</div>`);
    parts.push(`<div class="nv-foot">${paragraph(placeAndDate(facts.letterDate, L), 'place-date')}${addressee}</div>`);
  }
  parts.push('</article>');
  return parts.join('\n');
}

/** The fonts shipped with the app for letters (assets/fonts, Liberation Serif, SIL Open Font License). */
export const LETTER_FONT_FILES = [
  { file: 'LiberationSerif-Regular.ttf', weight: 400, style: 'normal' },
  { file: 'LiberationSerif-Bold.ttf', weight: 700, style: 'normal' },
  { file: 'LiberationSerif-Italic.ttf', weight: 400, style: 'italic' },
] as const;

/** A4 page margins of a letter in millimetres (room at the foot for the page number). */
export const LETTER_PAGE_MARGINS_MM = { top: 20, right: 22, bottom: 24, left: 25 } as const;

/** The family name the stylesheet gives the shipped font, distinct from any installed copy. */
const FONT_FAMILY = 'Country Visits Letter Serif';

/**
 * The print stylesheet of a batch of `count` letters: A4 set explicitly, margins, the shipped
 * serif font, and page numbers on the second and later pages of each letter ("– 2 –").
 * Each letter gets a named page with its own page counter, because Chromium's `page` counter
 * runs over the whole document and cannot be reset per letter; a counter style that leaves 1
 * blank keeps one-page letters and first pages unnumbered.
 * @param fontBase URL prefix of the font files, relative to the stylesheet ("fonts/")
 */
export function lettersStylesheet(count: number, fontBase = 'fonts/'): string {
  const faces = LETTER_FONT_FILES.map(
    (f) => `@font-face { font-family: "${FONT_FAMILY}"; src: url("${fontBase}${f.file}") format("truetype"); font-weight: ${f.weight}; font-style: ${f.style}; }`,
  );
  const m = LETTER_PAGE_MARGINS_MM;
  const numbers = Array.from({ length: 49 }, (_, i) => `"– ${i + 2} –"`).join(' ');
  const perLetter: string[] = [];
  for (let i = 1; i <= count; i++) {
    perLetter.push(`#sheet-${i} { page: letter-${i}; }`, `@page letter-${i} { counter-increment: letter-page-${i}; @bottom-center { content: counter(letter-page-${i}, continuation); } }`);
  }
  return [
    ...faces,
    '@counter-style blank { system: cyclic; symbols: "\\200B"; }',
    // 1 is outside the range: it falls back to the blank style; 2..50 print "– n –"
    `@counter-style continuation { system: fixed 2; symbols: ${numbers}; fallback: blank; }`,
    `@page { size: A4; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; @bottom-center { font-family: "${FONT_FAMILY}", serif; font-size: 9.5pt; color: #333; } }`,
    `html { font-family: "${FONT_FAMILY}", serif; font-size: 11.5pt; line-height: 1.38; color: #000; background: #fff; }`,
    'body { margin: 0; }',
    '.sheet { break-after: page; }',
    '.sheet:last-child { break-after: auto; }',
    '.letter p { margin: 0 0 0.75em; orphans: 3; widows: 3; }',
    '.letterhead { text-align: center; margin-bottom: 10mm; }',
    '.letterhead p { margin: 0; font-size: 10pt; letter-spacing: 0.02em; }',
    '.letterhead p:first-child { font-weight: 700; font-size: 11pt; }',
    '.heading { display: flex; justify-content: space-between; gap: 10mm; margin-bottom: 8mm; }',
    '.heading p { margin: 0; }',
    '.form-letter .heading .place-date { margin-left: auto; text-align: right; }',
    '.addressee { font-style: normal; margin-bottom: 8mm; }',
    '.addressee p { margin: 0; }',
    '.salutation { margin-bottom: 1em; }',
    '.body p { text-align: justify; hyphens: manual; }',
    // the courtesy closing never stays behind on one page while the signature goes to the next
    '.body p:last-child { break-after: avoid; break-inside: avoid; }',
    '.signature { margin-top: 12mm; break-inside: avoid; break-before: avoid; }',
    '.signature p { margin: 0; }',
    '.form-note-verbale .body p:first-child { text-indent: 12mm; }',
    '.form-note-verbale .body p + p { text-indent: 12mm; }',
    '.nv-foot { margin-top: 10mm; break-inside: avoid; break-before: avoid; }',
    '.nv-foot .place-date { text-align: right; margin-bottom: 10mm; }',
    '.nv-foot .addressee { font-size: 10pt; margin: 0; }',
    ...perLetter,
  ].join('\n');
}

/**
 * The HTML document of a batch of letters (already rendered articles), for printing. It links
 * `letters.css` (the stylesheet of {@link lettersStylesheet}) beside it: the app's
 * Content-Security-Policy allows no inline style, and the page needs no script at all.
 */
export function lettersDocument(articles: readonly string[], title: string): string {
  return [
    '<!doctype html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'">`,
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="stylesheet" href="letters.css">',
    '</head>',
    '<body>',
    ...articles.map((a, i) => `<div class="sheet" id="sheet-${i + 1}">\n${a}\n</div>`),
    '</body>',
    '</html>',
  ].join('\n');
}
