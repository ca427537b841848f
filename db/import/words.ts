/**
 * The words assistants type in status, document type, direction, form, language, priority and
 * reminders cells, read as the app's vocabularies (db/domain.ts); a status phrase is read by
 * statusPhrases.ts. English with the usual variants, and the French and Spanish words; matched
 * after folding (case, accents, punctuation).
 */
import type { Direction, DocumentForm, DocumentType, Language, Priority } from '../domain';
import { foldName } from '../fold';
import { isPartialDate } from '../partialDate';
import { DETAIL_WORDS } from '../status';
import { isNoDate, parseDateCell, type DayMonthOrder } from './dates';

/** What a status word in a one-row-per-request file says happened (see importer.ts for the documents each implies). */
export type RowStatus = 'requested' | 'reminded' | 'accepted' | 'invited' | 'forthcoming' | 'postponed' | 'cancelled' | 'declined' | 'completed';

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, string[]][]) for (const w of words) map.set(foldName(w), value);
  return map;
}

export const STATUS_WORDS = table<RowStatus>({
  requested: ['requested', 'request', 'request sent', 'pending', 'outstanding', 'no reply', 'no response', 'no answer', 'awaiting reply', 'awaiting response', 'unanswered', 'demande', 'demandee', 'en attente', 'en cours', 'sans reponse', 'pas de reponse', 'acknowledged', 'acknowledgement', 'acknowledgement received', 'acknowledgment received', 'receipt acknowledged', 'accuse de reception', 'acuse de recibo', 'awaiting a response', 'awaiting a reply', 'en espera de respuesta', 'solicitada', 'solicitado', 'solicitud', 'pendiente', 'sin respuesta'],
  reminded: ['reminder', 'reminders', 'reminded', 'reminder sent', 'reminders sent', 'rappel', 'rappele', 'rappelee', 'rappel envoye', 'relance', 'relance envoyee', 'rappels envoyes', 'reminder letter', 'reminder letter sent', 'follow up letter', 'reiterated', 'request reiterated', 'reiteree', 'reiteree', 'reiterada', 'reiterado', 'se envio recordatorio', 'recordatorios enviados', 'recordatorio', 'recordatorio enviado', 'recordada'],
  accepted: ['accepted', 'acceptance', 'agreed', 'agreed in principle', 'acceptance received', 'acceptee', 'accepte', 'acceptation', 'acceptation recue', 'aceptacion', 'aceptada', 'aceptado', 'aceptacion recibida'],
  invited: ['invited', 'invitation', 'invitation received', 'invitation extended', 'extended an invitation', 'invitee', 'recibio invitacion', 'invite', 'invitation recue', 'invitado', 'invitada', 'invitacion', 'invitacion recibida'],
  forthcoming: ['forthcoming', 'scheduled', 'planned', 'upcoming', 'dates agreed', 'dates proposed', 'proposed dates', 'visit confirmed', 'prevue', 'programmee', 'a venir', 'prevista', 'programada'],
  postponed: ['postponed', 'postponement', 'deferred', 'reportee', 'ajournee', 'report de la visite', 'postergada', 'aplazamiento', 'aplazada', 'aplazado', 'pospuesta'],
  cancelled: ['cancelled', 'canceled', 'cancellation', 'withdrawn', 'withdrawal', 'called off', 'annulee', 'annule', 'annulation', 'cancelacion', 'retiree', 'cancelada', 'cancelado', 'retirada'],
  declined: ['declined', 'refused', 'rejected', 'declination', 'refusal', 'refusee', 'refuse', 'refus', 'rejet', 'declinee', 'rejetee', 'rechazo', 'rechazada', 'rechazado', 'denegada'],
  completed: ['completed', 'visited', 'done', 'visit done', 'took place', 'taken place', 'undertaken', 'held', 'eu lieu', 'llevo a cabo', 'carried out', 'conducted', 'visit', 'effectuee', 'realisee', 'realizada', 'efectuada'],
});

/** Document type cells; "visit" is a row of the visit itself. */
const DOCUMENT_WORDS = table<DocumentType | 'visit'>({
  request: ['request', 'visit request', 'request letter', 'request for visit', 'request for a visit', 'initial request', 'demande', 'demande de visite', 'demande initiale', 'solicitud', 'solicitud de visita', 'solicitud inicial'],
  invitation: ['invitation', 'invitacion'],
  acknowledgement: ['acknowledgement', 'acknowledgment', 'receipt', 'acknowledgement of receipt', 'acknowledgment of receipt', 'accuse de reception', 'acuse de recibo'],
  reminder: ['reminder', 'reminder letter', 'follow up', 'follow up letter', 'rappel', 'lettre de rappel', 'relance', 'recordatorio', 'nota de seguimiento', 'carta de seguimiento'],
  acceptance: ['acceptance', 'accepted', 'acceptance letter', 'agreement', 'acceptation', 'lettre d acceptation', 'aceptacion', 'carta de aceptacion'],
  dates_proposal: ['dates proposal', 'dates proposed', 'proposed dates', 'date proposal', 'proposition de dates', 'propuesta de fechas'],
  declination: ['declination', 'declined', 'refusal', 'refused', 'rejection', 'refus', 'rechazo', 'denegacion'],
  postponement: ['postponement', 'postponed', 'report de la visite', 'ajournement', 'aplazamiento'],
  cancellation: ['cancellation', 'cancelled', 'canceled', 'withdrawal', 'withdrawn', 'withdrawal of request', 'withdrawal of the request', 'annulation', 'retrait', 'retrait de la demande', 'cancelacion', 'retiro', 'retiro de la solicitud'],
  visit: ['visit', 'country visit', 'official visit', 'country mission', 'mission', 'visite', 'visite officielle', 'mission officielle', 'visita', 'visita oficial', 'mision', 'mision oficial'],
});

const DIRECTION_WORDS = table<Direction>({
  to_state: ['to state', 'holder to state', 'mandate to state', 'sent', 'outgoing', 'out', 'envoye', 'sortant', 'enviado', 'saliente'],
  from_state: ['from state', 'state to holder', 'state to mandate', 'received', 'incoming', 'in', 'recu', 'entrant', 'recibido', 'entrante'],
});

const FORM_WORDS = table<DocumentForm>({
  letter: ['letter', 'lettre', 'carta'],
  note_verbale: ['note verbale', 'nv', 'note', 'nota verbal'],
});

const LANGUAGE_WORDS = table<Language>({
  en: ['en', 'english', 'anglais', 'ingles'],
  fr: ['fr', 'french', 'francais', 'frances'],
  es: ['es', 'spanish', 'espagnol', 'espanol', 'castellano'],
});

const PRIORITY_WORDS = table<Priority>({
  high: ['high', 'haute', 'elevee', 'alta', 'urgent'],
  normal: ['normal', 'normale', 'medium', 'moyenne', 'media'],
  low: ['low', 'basse', 'faible', 'baja'],
});

/** A word read; `note` says when a cell was read by the words it contains, for the import to show beside the row. */
export type WordResult<T> = { ok: true; value: T | null; note?: string } | { ok: false; reason: string };

/** Cells folded so far: a column repeats a few words over thousands of rows (kept up to a bound). */
const folded = new Map<string, string>();
/** A cell's text folded with foldName (db/fold.ts), remembered for the cells that repeat. */
export function foldCell(text: string): string {
  let key = folded.get(text);
  if (key === undefined) {
    key = foldName(text);
    if (folded.size < 10_000) folded.set(text, key);
  }
  return key;
}

/**
 * A cell read as one of a vocabulary's words (folded); blank is null.
 * @returns the value, or a reason naming the cell and `examples` of what may be written.
 */
export function lookup<T>(map: Map<string, T>, text: string, what: string, examples: string): WordResult<T> {
  const key = foldCell(text);
  if (!key) return { ok: true, value: null };
  const value = map.get(key);
  return value === undefined ? { ok: false, reason: `unknown ${what} "${text.trim()}": write ${examples}` } : { ok: true, value };
}

/** A document type cell; blank is null. */
export const readDocumentType = (text: string) =>
  lookup(DOCUMENT_WORDS, text, 'document type', 'request, invitation, acknowledgement, reminder, acceptance, dates proposal, declination, postponement, cancellation or visit');
const OPENING_WORDS = table<'request' | 'invitation'>({
  request: ['request', 'requested', 'mandate', 'demande', 'solicitud'],
  invitation: ['invitation', 'invited', 'state', 'invitacion', 'state invitation', 'government invitation', 'invitation from the state', 'invitation from the government', 'invitation du gouvernement', 'invitacion del gobierno'],
});

/** The export's "Opened by" column: what opened the thread, the mandate's request or the State's invitation. */
export const readOpening = (text: string) => lookup(OPENING_WORDS, text, 'opened by', '"request" or "invitation"');

export const readDirection = (text: string) => lookup(DIRECTION_WORDS, text, 'direction', '"to State" or "from State"');
export const readForm = (text: string) => lookup(FORM_WORDS, text, 'form', 'letter or note verbale');
export const readLanguage = (text: string) => lookup(LANGUAGE_WORDS, text, 'language', 'English, French or Spanish');
export const readPriority = (text: string) => lookup(PRIORITY_WORDS, text, 'priority', 'high, normal or low');

const YES = new Set(['yes', 'y', 'x', 'true', 'oui', 'si']);
const NO = new Set(['no', 'n', 'none', 'false', 'non', 'ninguno', 'aucun']);

/**
 * The export's "Last document" cell: a document type and its date ("declination 2021-05",
 * "reminder (undated)"); blank is null. Other words are noted as not read, never the row's error:
 * the column may be the user's own.
 */
export function readLastDocument(text: string): WordResult<{ type: DocumentType; date: string | null }> {
  const t = text.trim();
  if (!t) return { ok: true, value: null };
  const m = /^(.+?)\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?|\(undated\))$/.exec(t);
  const type = m ? readDocumentType(m[1]!) : null;
  const date = m && m[2] !== '(undated)' ? m[2]! : null;
  if (!m || !type?.ok || type.value === null || type.value === 'visit' || (date && !isPartialDate(date))) {
    return { ok: true, value: null, note: `"${t}" is not read (only the last document as the app's export writes it, "declination 2021-05")` };
  }
  return { ok: true, value: { type: type.value, date } };
}

/** A yes/no cell: true for "yes", "x", "oui"...; false for blank, "no", "none"...; null when it says neither (a date, say). */
export function yesOrNo(text: string): boolean | null {
  const key = foldCell(text.trim());
  if (!key || NO.has(key)) return false;
  return YES.has(key) ? true : null;
}

/** Counts written in words, in a reminders cell. */
const COUNT_WORDS: Record<string, number> = {
  once: 1, twice: 2, thrice: 3, one: 1, two: 2, three: 3, four: 4, five: 5,
  une: 1, un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5,
};
/** A count and its unit, folded: "2 reminders", "twice", "deux rappels envoyes", "3 times". */
const COUNTED = /^(\d{1,2}|[a-z]+)(?: (?:fois|veces|times|reminders?|rappels?|recordatorios?))?(?: (?:sent|envoyes?|enviados?))?$/;
/** Words before a reminders cell's dates: "Reminder sent 15/4/2020", "Reminders: 2019; 2020", "Yes (2020)", "oui - 2020". */
const REMINDER_LEAD = /^(?:(?:reminders?|rappels?|recordatorios?)(?:\s+(?:sent|envoy[ée]s?|enviados?))?(?:\s+(?:on|le|el))?\s*[:\-–]?|(?:yes|oui|s[ií]|x)\s*[-–:(])\s*(\d.*?)\)?$/i;

export type RemindersResult = { ok: true; dates: (string | null)[]; note?: string } | { ok: false; reason: string };

/**
 * A reminders cell: "yes" (one reminder, undated), a count ("2": two undated reminders), or the
 * reminders' dates separated by ";" (or "," when no date holds a comma, as "5 March, 2019" does).
 * Blank, "no" and "0" are none.
 * @returns one entry per reminder: its date, or null when the file does not date it.
 */
/**
 * The detail beside the status in a list the app exported (db/status.ts describeDetail: "reminded
 * 2 times, withdrawn or cancelled"): whether it says the thread was declined, or withdrawn or
 * cancelled, which a "refused" status does not tell apart, and whether an accepted visit was
 * postponed. Null when the cell holds other words than the export's (a column of the user's own, not read).
 */
export function readStatusDetail(text: string): { acknowledged: boolean; declined: boolean; withdrawn: boolean; postponed: boolean } | null {
  const parts = text.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  const known = new Set<string>(Object.values(DETAIL_WORDS));
  // (a count of reminders as describeDetail writes it: "reminded once", "reminded 2 times")
  if (!parts.every((p) => known.has(p) || /^reminded (once|\d+ times)$/.test(p))) return null;
  return {
    acknowledged: parts.includes(DETAIL_WORDS.acknowledged),
    declined: parts.includes(DETAIL_WORDS.declined),
    withdrawn: parts.includes(DETAIL_WORDS.withdrawn),
    postponed: parts.includes(DETAIL_WORDS.postponed),
  };
}

export function readReminders(text: string, order: DayMonthOrder | null): RemindersResult {
  const t = text.trim();
  const key = foldCell(t);
  if (!key || NO.has(key) || key === '0') return { ok: true, dates: [] };
  // placeholders have no digits: dates and counts skip the check
  if (!/\d/.test(t) && isNoDate(t)) return { ok: true, dates: [], note: `"${t}" read as no reminder dates (a status "reminded" still records one undated reminder)` };
  if (YES.has(key)) return { ok: true, dates: [null], note: `"${t}" read as one reminder, undated (the cell does not count them)` };
  // a count in words, or with its unit ("twice", "2 reminders", "deux rappels")
  const count = COUNTED.exec(key);
  // (a bare number is the count as written, below)
  const spelled = !count ? undefined : /^\d/.test(count[1]!) ? (count[0] !== count[1] ? Number(count[1]) : undefined) : COUNT_WORDS[count[1]!];
  if (spelled !== undefined && spelled > 50) return { ok: false, reason: `"${t}" reminders is more than any thread has had: write the count or the dates` };
  if (spelled !== undefined) return { ok: true, dates: Array.from({ length: spelled }, () => null), note: `"${t}" read as ${spelled} undated reminder${spelled === 1 ? '' : 's'}` };
  // words before the dates: "Reminder sent 15/4/2020", "Yes (2020)", "yes - 2020"
  const lead = REMINDER_LEAD.exec(t);
  if (lead) {
    const rest = readReminders(lead[1]!, order);
    return rest.ok ? { ...rest, note: rest.note ?? `"${t}" read as the reminder dates ${rest.dates.map((d) => d ?? 'undated').join(', ')}` } : rest;
  }
  if (/^\d{1,2}$/.test(t)) {
    const count = Number(t);
    if (count > 50) return { ok: false, reason: `"${t}" reminders is more than any thread has had: write the count or the dates` };
    return { ok: true, dates: Array.from({ length: count }, () => null) };
  }
  // a count with the dates after it, "2 (2019, 2021)" or "2: 2019; 2021"
  const counted = /^(\d{1,2})\s*(?:\((.+)\)|:\s*(.+))$/.exec(t);
  if (counted) {
    const listed = readReminders(counted[2] ?? counted[3]!, order);
    if (!listed.ok) return listed;
    if (listed.dates.length !== Number(counted[1])) return { ok: false, reason: `"${t}" counts ${counted[1]} reminders and dates ${listed.dates.length}: write the count or the dates` };
    return listed;
  }
  // a piece's reason quotes the piece: say which cell it is in
  const within = (reason: string) => (reason.includes(`"${t}"`) ? reason : `in "${t}": ${reason}`);
  // ";" or a line break between dates; " / " too ("Jan 2020 / Feb 2021"), never "/" within a date
  const parts = t.split(/[;\n]+|\s+\/\s+/).map((p) => p.trim()).filter(Boolean);
  const dates: string[] = [];
  for (const part of parts) {
    const whole = parseDateCell(part, order);
    if (whole.ok) {
      dates.push(whole.date!);
      continue;
    }
    const pieces = part.split(',').map((p) => p.trim()).filter(Boolean);
    if (pieces.length < 2) return { ok: false, reason: whole.reason.startsWith(`"${part}" is not a date`) ? `"${t}" is neither yes/no, a count nor reminder dates separated by ";", "," or line breaks` : within(whole.reason) };
    for (const piece of pieces) {
      const one = parseDateCell(piece, order);
      if (!one.ok) return { ok: false, reason: within(one.reason) };
      dates.push(one.date!);
    }
  }
  return { ok: true, dates };
}
