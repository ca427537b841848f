/**
 * The words assistants type in status, document type, direction, form, language, priority and
 * reminders cells, read as the app's vocabularies (db/domain.ts). English with the usual
 * variants, and the French and Spanish words; matched after folding (case, accents, punctuation).
 */
import type { Direction, DocumentForm, DocumentType, Language, Priority } from '../domain';
import { foldName } from '../fold';
import { parseDateCell, type DayMonthOrder } from './dates';

/** What a status word in a one-row-per-request file says happened (see importer.ts for the documents each implies). */
export type RowStatus = 'requested' | 'reminded' | 'accepted' | 'invited' | 'forthcoming' | 'postponed' | 'cancelled' | 'declined' | 'completed';

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, string[]][]) for (const w of words) map.set(foldName(w), value);
  return map;
}

const STATUS_WORDS = table<RowStatus>({
  requested: ['requested', 'request', 'request sent', 'pending', 'outstanding', 'demande', 'demandee', 'en attente', 'solicitada', 'solicitado', 'solicitud', 'pendiente'],
  reminded: ['reminder', 'reminders', 'reminded', 'reminder sent', 'rappel', 'rappele', 'rappelee', 'recordatorio', 'recordada'],
  accepted: ['accepted', 'acceptance', 'agreed', 'agreed in principle', 'acceptee', 'accepte', 'aceptada', 'aceptado'],
  invited: ['invited', 'invitation', 'invitee', 'invite', 'invitado', 'invitada', 'invitacion'],
  forthcoming: ['forthcoming', 'scheduled', 'planned', 'upcoming', 'dates agreed', 'dates proposed', 'prevue', 'programmee', 'a venir', 'prevista', 'programada'],
  postponed: ['postponed', 'postponement', 'deferred', 'reportee', 'reporte', 'ajournee', 'aplazada', 'aplazado', 'pospuesta'],
  cancelled: ['cancelled', 'canceled', 'cancellation', 'withdrawn', 'withdrawal', 'called off', 'annulee', 'annule', 'retiree', 'cancelada', 'cancelado', 'retirada'],
  declined: ['declined', 'refused', 'rejected', 'declination', 'refusal', 'refusee', 'refuse', 'rechazada', 'rechazado', 'denegada'],
  completed: ['completed', 'visited', 'done', 'took place', 'carried out', 'conducted', 'visit', 'effectuee', 'realisee', 'realizada', 'efectuada'],
});

/** Document type cells; "visit" is a row of the visit itself. */
const DOCUMENT_WORDS = table<DocumentType | 'visit'>({
  request: ['request', 'visit request', 'request letter', 'demande', 'demande de visite', 'solicitud', 'solicitud de visita'],
  invitation: ['invitation', 'invitacion'],
  acknowledgement: ['acknowledgement', 'acknowledgment', 'receipt', 'acknowledgement of receipt', 'accuse de reception', 'acuse de recibo'],
  reminder: ['reminder', 'follow up', 'follow up letter', 'rappel', 'lettre de rappel', 'recordatorio'],
  acceptance: ['acceptance', 'accepted', 'agreement', 'acceptation', 'aceptacion'],
  dates_proposal: ['dates proposal', 'dates proposed', 'proposed dates', 'date proposal', 'proposition de dates', 'propuesta de fechas'],
  declination: ['declination', 'declined', 'refusal', 'refused', 'rejection', 'refus', 'rechazo', 'denegacion'],
  postponement: ['postponement', 'postponed', 'report de la visite', 'ajournement', 'aplazamiento'],
  cancellation: ['cancellation', 'cancelled', 'canceled', 'withdrawal', 'withdrawn', 'annulation', 'retrait', 'cancelacion', 'retiro'],
  visit: ['visit', 'country visit', 'mission', 'visite', 'visita'],
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

export type WordResult<T> = { ok: true; value: T | null } | { ok: false; reason: string };

/** Cells folded so far: a column repeats a few words over thousands of rows (kept up to a bound). */
const folded = new Map<string, string>();
function foldCell(text: string): string {
  let key = folded.get(text);
  if (key === undefined) {
    key = foldName(text);
    if (folded.size < 10_000) folded.set(text, key);
  }
  return key;
}

function lookup<T>(map: Map<string, T>, text: string, what: string, examples: string): WordResult<T> {
  const key = foldCell(text);
  if (!key) return { ok: true, value: null };
  const value = map.get(key);
  return value === undefined ? { ok: false, reason: `unknown ${what} "${text.trim()}": write ${examples}` } : { ok: true, value };
}

/** A status cell; blank is null. */
export const readStatus = (text: string) =>
  lookup(STATUS_WORDS, text, 'status', 'requested, reminded, accepted, invited, forthcoming, postponed, cancelled, declined or completed');
/** A document type cell; blank is null. */
export const readDocumentType = (text: string) =>
  lookup(DOCUMENT_WORDS, text, 'document type', 'request, invitation, acknowledgement, reminder, acceptance, dates proposal, declination, postponement, cancellation or visit');
const OPENING_WORDS = table<'request' | 'invitation'>({
  request: ['request', 'requested', 'mandate', 'demande', 'solicitud'],
  invitation: ['invitation', 'invited', 'state', 'invitacion'],
});

/** The export's "Opened by" column: what opened the thread, the mandate's request or the State's invitation. */
export const readOpening = (text: string) => lookup(OPENING_WORDS, text, 'opened by', '"request" or "invitation"');

export const readDirection = (text: string) => lookup(DIRECTION_WORDS, text, 'direction', '"to State" or "from State"');
export const readForm = (text: string) => lookup(FORM_WORDS, text, 'form', 'letter or note verbale');
export const readLanguage = (text: string) => lookup(LANGUAGE_WORDS, text, 'language', 'English, French or Spanish');
export const readPriority = (text: string) => lookup(PRIORITY_WORDS, text, 'priority', 'high, normal or low');

const YES = new Set(['yes', 'y', 'x', 'true', 'oui', 'si']);
const NO = new Set(['no', 'n', 'none', 'false', 'non', 'ninguno', 'aucun']);

export type RemindersResult = { ok: true; dates: (string | null)[] } | { ok: false; reason: string };

/**
 * A reminders cell: "yes" (one reminder, undated), a count ("2": two undated reminders), or the
 * reminders' dates separated by ";" (or "," when no date holds a comma, as "5 March, 2019" does).
 * Blank, "no" and "0" are none.
 * @returns one entry per reminder: its date, or null when the file does not date it.
 */
export function readReminders(text: string, order: DayMonthOrder | null): RemindersResult {
  const t = text.trim();
  const key = foldCell(t);
  if (!key || NO.has(key) || key === '0') return { ok: true, dates: [] };
  if (YES.has(key)) return { ok: true, dates: [null] };
  if (/^\d{1,2}$/.test(t)) {
    const count = Number(t);
    if (count > 50) return { ok: false, reason: `"${t}" reminders is more than any thread has had: write the count or the dates` };
    return { ok: true, dates: Array.from({ length: count }, () => null) };
  }
  const parts = t.split(/[;\n]+/).map((p) => p.trim()).filter(Boolean);
  const dates: string[] = [];
  for (const part of parts) {
    const whole = parseDateCell(part, order);
    if (whole.ok) {
      dates.push(whole.date!);
      continue;
    }
    const pieces = part.split(',').map((p) => p.trim()).filter(Boolean);
    if (pieces.length < 2) return { ok: false, reason: whole.reason.startsWith(`"${part}" is not a date`) ? `"${t}" is neither yes/no, a count nor reminder dates separated by ";"` : whole.reason };
    for (const piece of pieces) {
      const one = parseDateCell(piece, order);
      if (!one.ok) return { ok: false, reason: one.reason };
      dates.push(one.date!);
    }
  }
  return { ok: true, dates };
}
