/**
 * The words assistants type in status, document type, direction, form, language, priority and
 * reminders cells, read as the app's vocabularies (db/domain.ts). English with the usual
 * variants, and the French and Spanish words; matched after folding (case, accents, punctuation).
 */
import type { Direction, DocumentForm, DocumentType, Language, Priority } from '../domain';
import { foldName } from '../fold';
import { isNoDate, parseDateCell, type DayMonthOrder } from './dates';

/** What a status word in a one-row-per-request file says happened (see importer.ts for the documents each implies). */
export type RowStatus = 'requested' | 'reminded' | 'accepted' | 'invited' | 'forthcoming' | 'postponed' | 'cancelled' | 'declined' | 'completed';

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, string[]][]) for (const w of words) map.set(foldName(w), value);
  return map;
}

const STATUS_WORDS = table<RowStatus>({
  requested: ['requested', 'request', 'request sent', 'pending', 'outstanding', 'no reply', 'no response', 'no answer', 'awaiting reply', 'awaiting response', 'unanswered', 'demande', 'demandee', 'en attente', 'en cours', 'sans reponse', 'pas de reponse', 'acknowledged', 'solicitada', 'solicitado', 'solicitud', 'pendiente', 'sin respuesta'],
  reminded: ['reminder', 'reminders', 'reminded', 'reminder sent', 'reminders sent', 'rappel', 'rappele', 'rappelee', 'rappel envoye', 'relance', 'relance envoyee', 'rappels envoyes', 'recordatorio', 'recordatorio enviado', 'recordada'],
  accepted: ['accepted', 'acceptance', 'agreed', 'agreed in principle', 'acceptance received', 'acceptee', 'accepte', 'acceptation recue', 'aceptada', 'aceptado', 'aceptacion recibida'],
  invited: ['invited', 'invitation', 'invitation received', 'invitation extended', 'invitee', 'invite', 'invitation recue', 'invitado', 'invitada', 'invitacion', 'invitacion recibida'],
  forthcoming: ['forthcoming', 'scheduled', 'planned', 'upcoming', 'dates agreed', 'dates proposed', 'prevue', 'programmee', 'a venir', 'prevista', 'programada'],
  postponed: ['postponed', 'postponement', 'deferred', 'reportee', 'ajournee', 'postergada', 'aplazada', 'aplazado', 'pospuesta'],
  cancelled: ['cancelled', 'canceled', 'cancellation', 'withdrawn', 'withdrawal', 'called off', 'annulee', 'annule', 'retiree', 'cancelada', 'cancelado', 'retirada'],
  declined: ['declined', 'refused', 'rejected', 'declination', 'refusal', 'refusee', 'refuse', 'declinee', 'rejetee', 'rechazada', 'rechazado', 'denegada'],
  completed: ['completed', 'visited', 'done', 'visit done', 'took place', 'taken place', 'carried out', 'conducted', 'visit', 'effectuee', 'realisee', 'realizada', 'efectuada'],
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

/** A word read; `note` says when a cell was read by the words it contains, for the import to show beside the row. */
export type WordResult<T> = { ok: true; value: T | null; note?: string } | { ok: false; reason: string };

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

const STATUS_EXAMPLES = 'requested, reminded, accepted, invited, forthcoming, postponed, cancelled, declined or completed';

const phrases = (list: string[]) => list.map((p) => foldName(p).split(' '));
/** Words that turn a status around ("not yet accepted", "Accepted: no", "pas encore acceptée"), when they bear on a status word (see readStatus). */
const NEGATIONS = phrases(['not', 'no', 'non', 'never', 'none', 'n', 'false', 'nil', 'pas', 'jamais', 'aucune', 'sin', 'nunca', 'ninguna']);
/** Words that undo a status wherever they stand ("acceptance revoked"). */
const REVERSALS = phrases(['revoked', 'rescinded', 'retracted', 'reversed', 'annulled', 'reinstated']);
/** Words after a status word that a negation before them turns around ("Acceptance not received"); else the negation is about something else ("Declined - no reason given"). */
const NEGATED_AFTER = new Set(['yet', 'received', 'confirmed', 'given', 'sent', 'done', 'granted', 'recue', 'confirmee', 'recibida', 'confirmada']);
/** Words of what is awaited: a status beyond a reminder with one is no fact ("Pending acceptance", "Invitation outstanding"); "Pending - reminder sent" is one. */
const AWAITING = phrases(['pending', 'outstanding', 'awaiting', 'awaited', 'waiting', 'yet', 'still', 'overdue', 'en attente', 'en cours', 'pendiente']);
/** Words of what may happen, is asked for or is to be done: a status beyond the request with one is no fact ("Visit to be conducted", "Acceptance sought", "Accepted?"). */
const MODAL = phrases([
  'to be', 'will', 'would', 'shall', 'may be', 'may have', 'may not', 'may take', 'might', 'could', 'should', 'likely', 'unlikely', 'possibly', 'probably', 'perhaps', 'maybe',
  'tentative', 'tentatively', 'due', 'expected', 'send', 'to send', 'draft', 'drafted', 'prepare', 'tbc', 'tbd', 'if', 'whether',
  'consider', 'considered', 'considering', 'consideration', 'hoped', 'hoping', 'intends', 'asked', 'sought', 'seeking', 'chasing', 'chased', 'needed', 'required', 're',
  'sera', 'serait', 'pourrait', 'peut', 'devant', 'doit', 'doivent', 'a confirmer', 'a envoyer', 'a effectuer',
  'puede', 'podria', 'debe', 'deben', 'a ser', 'por ser', 'por confirmar', 'por enviar', 'por realizar', 'por efectuar',
]);
/** A status asked for or proposed by the mandate rather than given ("Acceptance requested", "Invitation forthcoming", "Dates proposed by the SR"). */
const ASKED_FOR = phrases([
  'acceptance requested', 'requested acceptance', 'request acceptance', 'request for acceptance', 'cancellation requested', 'requested cancellation',
  'postponement requested', 'requested postponement', 'invitation forthcoming', 'acceptance forthcoming', 'reply forthcoming', 'response forthcoming',
  // dates proposed by the mandate are a request's, not the State's answer
  'by the special rapporteur', 'by the sr', 'by the mandate', 'by the working group', 'by the expert', 'by us',
]);
/** Words a waiting or modal word may bear on instead of the status ("Accepted, dates TBC", "Visit took place, report pending"). */
const OTHER_SUBJECTS = new Set(['date', 'dates', 'fecha', 'fechas', 'report', 'rapport', 'informe']);
/** The visit, which a waiting or modal word may bear on when the status is short of it ("Accepted; visit will take place in 2027"). */
const VISIT_WORDS = new Set(['visit', 'visite', 'visita', 'mission']);
/** Words scheduling the mandate's own step ("Reminder scheduled", "Demande prévue en 2027"): no visit is scheduled by them. */
const OWN_STEPS = new Set(['request', 'requested', 'reminder', 'reminders', 'demande', 'rappel', 'solicitud', 'recordatorio']);
const REMINDER_WORDS = new Set(['reminder', 'reminders', 'reminded', 'rappels', 'recordatorios', 'times', 'fois', 'veces']);
/** Words counting reminders in a status cell ("Reminded 3 times", "Second reminder sent"): the count goes in the reminders column. */
const COUNTS = new Set(['once', 'twice', 'thrice', 'times', 'second', 'third', 'fourth', 'fifth', '2nd', '3rd', '4th', 'deux', 'trois', 'fois', 'dos', 'tres', 'veces', 'segundo', 'tercer']);
/** Words of a second request in the same cell ("Declined, new request sent"): a row is one request. */
const NEW_REQUEST = phrases(['new', 'renewed', 'again', 'another', 'second', 'further', 'nouvelle', 'nouveau', 'nueva', 'nuevo', 'otra']);
/** Words of what comes after a visit, which no status word covers: "Report pending" is no pending request. */
const BEYOND = phrases(['report', 'rapport', 'informe', 'reporte', 'follow up visit', 'standing']);
/** Status words too loose to read inside a longer cell ("visit requested" is no visit, "invitation requested" no invitation, "reminder pending" no reminder). */
const WHOLE_CELL_ONLY = new Set(['visit', 'request', 'done', 'invite', 'planned', 'invitation', 'invitacion', 'reminder', 'reminders', 'rappel', 'recordatorio']);
/** What each status takes as already happened: a cell naming both reads as the later ("request accepted" is accepted). */
const PRESUPPOSES: Record<RowStatus, RowStatus[]> = {
  requested: [],
  reminded: ['requested'],
  accepted: ['requested', 'reminded'],
  invited: ['requested', 'reminded'],
  forthcoming: ['requested', 'reminded', 'accepted', 'invited'],
  postponed: ['requested', 'reminded', 'accepted', 'invited', 'forthcoming'],
  cancelled: ['requested', 'reminded', 'accepted', 'invited', 'forthcoming'],
  declined: ['requested', 'reminded'],
  completed: ['requested', 'reminded', 'accepted', 'invited', 'forthcoming', 'postponed'],
};

/** The places where `phrase` stands in `words`, as the index of its first word. */
function placesOf(words: string[], phrase: string[]): number[] {
  const places: number[] = [];
  for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((p, k) => words[i + k] === p)) places.push(i);
  return places;
}

/**
 * A status cell; blank is null. A cell that is no status word ("Accepted in principle", "Visit
 * took place", "Pending - reminder sent") is read by the status words it contains, with a note,
 * when they come to one status once those another presupposes are set aside ({@link PRESUPPOSES}:
 * "request accepted" is accepted, "accepted; visit postponed" postponed). It is refused rather
 * than guessed when it has a negation anywhere outside its status words ("not yet accepted",
 * "Accepted: no", "acceptance revoked"); when it names a status beyond a reminder with a word of
 * what is awaited or may happen ("Pending acceptance", "Visit to be conducted", "Accepted?");
 * when it names a second request ("Declined, new request sent"), a report, or two outcomes
 * neither presupposes ("accepted, then declined").
 * @returns the status, with `note` when read by containment; or `reason`, which quotes the cell.
 */
export function readStatus(text: string): WordResult<RowStatus> {
  const exact = lookup(STATUS_WORDS, text, 'status', STATUS_EXAMPLES);
  // folding drops a question mark: "Accepted?" is read below, and refused
  if (exact.ok && !text.includes('?')) return exact;
  const cell = text.trim();
  const words = foldCell(text).split(' ');
  const found = new Set<RowStatus>();
  const covered = new Set<number>();
  for (const [phrase, status] of STATUS_WORDS) {
    if (WHOLE_CELL_ONLY.has(phrase)) continue;
    const parts = phrase.split(' ');
    for (const at of placesOf(words, parts)) {
      found.add(status);
      parts.forEach((_, k) => covered.add(at + k));
    }
  }
  if (found.size === 0) return exact;
  const refuse = (why: string): WordResult<RowStatus> => ({ ok: false, reason: `the status "${cell}" ${why}: write the status that holds now (${STATUS_EXAMPLES})` });
  // where the first phrase of a list stands, as folded; `anywhere`: also among the status words read ("pending" is one)
  const find = (list: string[][], anywhere = false, where: (at: number, phrase: string[]) => boolean = () => true) => {
    for (const phrase of list) {
      const at = placesOf(words, phrase).find((i) => (anywhere || !covered.has(i)) && where(i, phrase));
      if (at !== undefined) return phrase.join(' ');
    }
    return null;
  };
  const near = (at: number, length: number, distance: number, test: (w: string) => boolean) =>
    words.slice(Math.max(0, at - distance), at).some(test) || words.slice(at + length, at + length + distance).some(test);
  const latest = [...found].filter((s) => ![...found].some((other) => PRESUPPOSES[other].includes(s)));
  const visitToCome = !found.has('completed');
  // a waiting or modal word next to "dates" or "report", or to the visit short of it, bears on them, not on the status;
  // "due to" gives a reason ("Postponed due to elections")
  const aboutStatus = (at: number, phrase: string[]) =>
    !(phrase[0] === 'due' && words[at + 1] === 'to') && !near(at, phrase.length, 3, (w) => OTHER_SUBJECTS.has(w) || (visitToCome && VISIT_WORDS.has(w)));
  const beyondRequest = latest.some((s) => s !== 'requested');
  const beyondReminder = latest.some((s) => s !== 'requested' && s !== 'reminded');
  // a negation bears on a status word up to three words after it ("not yet accepted"), or just before
  // a word it turns around at the end ("Acceptance not received", "Accepted: no")
  const negation = find(NEGATIONS, false, (at) => {
    if (/^\d/.test(words[at + 1] ?? '')) return false; // "No. 2" is a number
    const before = words.slice(at + 1, at + 4).some((_, k) => covered.has(at + 1 + k));
    const after = covered.has(at - 1) && (at === words.length - 1 || NEGATED_AFTER.has(words[at + 1]!));
    return before || after;
  });
  if (negation) return refuse(`has a negation ("${negation}")`);
  const reversal = find(REVERSALS);
  if (reversal) return refuse(`has a word that undoes it ("${reversal}")`);
  // a report follows a visit: with one, what is awaited may be the report ("Visit took place, report pending")
  const report = find(BEYOND);
  const completed = latest.length === 1 && latest[0] === 'completed';
  if (report && !completed) return refuse(`speaks of more than the visit request ("${report}")`);
  const unsure = (cell.includes('?') ? '?' : find(ASKED_FOR, true) ?? find(MODAL, false, aboutStatus)) || (beyondReminder && find(AWAITING, true, aboutStatus));
  if (unsure) return refuse(`says what is awaited or may happen ("${unsure}"), not what happened`);
  // "Reminder scheduled", "Demande prévue": the schedule is the mandate's own step, not a visit's
  if (found.has('forthcoming') && words.some((w, i) => OWN_STEPS.has(w) && near(i, 1, 2, (o) => STATUS_WORDS.get(o) === 'forthcoming'))) {
    return refuse('schedules a request or reminder, not a visit');
  }
  // a count word, or a number next to a reminder word ("2 reminders"; not a reference, "No. ABC/12")
  const counted = (w: string, i: number) => COUNTS.has(w) || (/^\d{1,2}$/.test(w) && near(i, 1, 1, (o) => REMINDER_WORDS.has(o)));
  const count = latest.includes('reminded') ? words.find(counted) : undefined;
  if (count) return refuse(`counts reminders ("${count}"): write the count or the dates in the reminders column, and "reminded" here`);
  const again = find(NEW_REQUEST);
  if (again && beyondReminder) return refuse(`names a second request ("${again}"), which needs a row of its own`);
  if (latest.length > 1) return { ok: false, reason: `the status "${cell}" says ${latest.join(' and ')}: write the one that holds now (${STATUS_EXAMPLES})` };
  const status = latest[0]!;
  return { ok: true, value: status, note: `"${cell}" read as ${status}` };
}

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

export type RemindersResult = { ok: true; dates: (string | null)[]; note?: string } | { ok: false; reason: string };

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
  // placeholders have no digits: dates and counts skip the check
  if (!/\d/.test(t) && isNoDate(t)) return { ok: true, dates: [], note: `"${t}" read as no reminder dates (a status "reminded" still records one undated reminder)` };
  if (YES.has(key)) return { ok: true, dates: [null] };
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
  const parts = t.split(/[;\n]+/).map((p) => p.trim()).filter(Boolean);
  const dates: string[] = [];
  for (const part of parts) {
    const whole = parseDateCell(part, order);
    if (whole.ok) {
      dates.push(whole.date!);
      continue;
    }
    const pieces = part.split(',').map((p) => p.trim()).filter(Boolean);
    if (pieces.length < 2) return { ok: false, reason: whole.reason.startsWith(`"${part}" is not a date`) ? `"${t}" is neither yes/no, a count nor reminder dates separated by ";"` : within(whole.reason) };
    for (const piece of pieces) {
      const one = parseDateCell(piece, order);
      if (!one.ok) return { ok: false, reason: within(one.reason) };
      dates.push(one.date!);
    }
  }
  return { ok: true, dates };
}
