/**
 * Reading a status cell of a one-row-per-request file: the status words (words.ts), else the
 * status words a phrase contains, as long as nothing in the phrase says the status is not a fact
 * (a negation bearing on it, what is awaited, may happen or is asked for, a count of reminders, a
 * second request, a report): what cannot be read for sure is refused with its reason, never guessed.
 */
import { foldName } from '../fold';
import { foldCell, lookup, STATUS_WORDS, type RowStatus, type WordResult } from './words';

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
  'puede', 'podria', 'debe', 'deben', 'a ser', 'por ser', 'por confirmar', 'por enviar', 'por realizar', 'por efectuar', 'to follow',
]);
/** A status asked for by the mandate rather than given ("Acceptance requested", "Invitation forthcoming"). */
const ASKED_FOR = phrases([
  'acceptance requested', 'requested acceptance', 'request acceptance', 'request for acceptance', 'cancellation requested', 'requested cancellation',
  'postponement requested', 'requested postponement', 'invitation forthcoming', 'acceptance forthcoming', 'reply forthcoming', 'response forthcoming',
]);
/** Words saying the mandate proposed the dates ("Dates proposed by the SR"): the mandate's own step, not the State's answer. */
const BY_MANDATE = phrases([
  ...['special rapporteur', 'sr', 'mandate', 'mandate holder', 'working group', 'wg', 'expert', 'independent expert', 'ie'].flatMap((who) => [`proposed by the ${who}`, `proposed by ${who}`]),
  'proposed by us', 'sr proposed', 'special rapporteur proposed', 'mandate proposed', 'wg proposed', 'we proposed',
  'proposees par le rapporteur special', 'proposees par la rapporteuse speciale', 'proposees par le rs', 'proposees par le groupe de travail', 'proposees par l expert',
  'propuestas por el relator especial', 'propuestas por la relatora especial', 'propuestas por el grupo de trabajo', 'propuestas por el experto',
]);
/** Words a waiting or modal word may bear on instead of the status ("Accepted, dates TBC", "Visit took place, report pending"). */
const OTHER_SUBJECTS = new Set(['date', 'dates', 'fecha', 'fechas', 'report', 'rapport', 'informe']);
/** Words skipped to find what a modal or waiting word bears on ("acceptance of the dates", "pourrait être reportée"). */
const FILLERS = new Set(['of', 'the', 'a', 'an', 'for', 'on', 'be', 'been', 'being', 'de', 'la', 'le', 'les', 'des', 'du', 'del', 'el', 'los', 'las', 'etre', 'ete', 'ser', 'sido']);
/** Articles skipped, and words making the visit the object of what comes before it ("acceptance of the visit"). */
const ARTICLES = new Set(['the', 'a', 'an', 'la', 'le', 'les', 'l', 'el', 'los', 'las']);
const OF = new Set(['of', 'de', 'du', 'des', 'del', 'd']);
/** The visit, which a waiting or modal word may bear on when the status is short of it ("Accepted; visit will take place in 2027"). */
const VISIT_WORDS = new Set(['visit', 'visite', 'visita', 'mission']);
/** Words scheduling the mandate's own step ("Reminder scheduled", "Demande prévue en 2027"): no visit is scheduled by them. */
const OWN_STEPS = new Set(['request', 'requested', 'reminder', 'reminders', 'demande', 'rappel', 'solicitud', 'recordatorio']);
/** Words a number next to them counts reminders by ("2 reminders", "3 times"). */
const REMINDER_WORDS = new Set(['reminder', 'reminders', 'reminded', 'rappels', 'recordatorios', 'times', 'fois', 'veces']);
/** Words counting reminders in a status cell ("Reminded 3 times", "Second reminder sent"): the count goes in the reminders column. */
const COUNTS = new Set(['once', 'twice', 'thrice', 'times', 'second', 'third', 'fourth', 'fifth', '2nd', '3rd', '4th', 'deux', 'trois', 'fois', 'dos', 'tres', 'veces', 'segundo', 'tercer']);
/** Words of a second request in the same cell ("Declined, new request sent"): a row is one request. */
const NEW_REQUEST = phrases([
  'new request', 'new visit request', 'renewed request', 'request renewed', 'request again', 'requested again', 'second request', 'further request', 'another request',
  'nouvelle demande', 'demande renouvelee', 'nueva solicitud', 'otra solicitud', 'solicitud renovada',
]);
/** Dates proposed, which either side may do (DOMAIN.md): the State's answer, or the mandate's own request. */
const DATES_PROPOSED = phrases(['dates proposed', 'proposed dates', 'date proposed', 'dates proposees', 'propose des dates', 'fechas propuestas', 'propuso fechas']);
/** Words saying the State proposed the dates ("Dates proposed by the Government"). */
const BY_STATE = phrases([
  'by the government', 'by government', 'by the state', 'by the authorities', 'by the pm', 'by the permanent mission', 'government proposed', 'state proposed', 'authorities proposed',
  'par le gouvernement', 'par l etat', 'par les autorites', 'gouvernement a propose', 'por el gobierno', 'por el estado', 'por las autoridades', 'gobierno propuso',
]);
/** Words of what comes after a visit, which no status word covers: "Report pending" is no pending request. */
const BEYOND = phrases(['report', 'rapport', 'informe', 'reporte', 'follow up visit', 'standing']);
/** Status words too loose to read inside a longer cell ("visit requested" is no visit, "invitation requested" no invitation, "reminder pending" no reminder). */
const WHOLE_CELL_ONLY = new Set(['visit', 'request', 'done', 'invite', 'planned', 'invitation', 'invitacion', 'reminder', 'reminders', 'rappel', 'recordatorio']);
/** The State's invitation, named in a cell. */
const INVITATION_WORDS = new Set(['invitation', 'invitacion']);
/** Words saying the State acknowledged the request ("Acknowledged", "Acknowledgement received", "Accusé de réception"). */
const ACKNOWLEDGEMENT = phrases(['acknowledged', 'acknowledgement', 'acknowledgment', 'receipt acknowledged', 'accuse de reception', 'accuse reception', 'acuse de recibo', 'acusado recibo']);

/**
 * Whether a status cell says the State acknowledged the request ("Acknowledged", "Pending,
 * acknowledgement received"): an acknowledgement is no status of its own (DOMAIN.md: not an
 * acceptance), but a document of the thread, which the import records.
 * (A negation before it makes the cell refused by {@link readStatus}, which reads it first.)
 */
export function namesAcknowledgement(text: string): boolean {
  const words = foldCell(text).split(' ');
  return ACKNOWLEDGEMENT.some((phrase) => placesOf(words, phrase).length > 0);
}

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
 * than guessed when it has
 * - a negation bearing on a status word ("not yet accepted", "Accepted: no"; not "Declined - no
 *   reason given") or a word undoing it ("acceptance revoked");
 * - a word of what may happen or is asked for ("Visit to be conducted", "Acceptance requested",
 *   "Accepted?"), or of what is awaited with a status beyond a reminder ("Pending acceptance"),
 *   unless the word bears on the dates, the report or the visit still to come ("Accepted, dates
 *   TBC", "Accepted; visit will take place in 2027"), or gives a reason ("due to");
 * - dates proposed beside the request with nothing saying who proposed them ("Requested, dates
 *   proposed May 2027": either side proposes dates, DOMAIN.md); dates the mandate proposed are
 *   its own step, so the status is what else the cell names ("Requested, dates proposed by the
 *   SR" is requested), and the State's proposing them answers the request (forthcoming);
 * - a request or reminder scheduled, a count of reminders, a second request, a report before
 *   the visit, the State's invitation with a later step and no request (which opened the thread
 *   is the "Opened by" column's to say), or two outcomes neither presupposes ("accepted, then declined").
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
  const refuse = (why: string): WordResult<RowStatus> => ({ ok: false, reason: `the status "${cell}" ${why}: write the status that holds now (${STATUS_EXAMPLES})` });
  // where the first phrase of a list stands, as folded; `anywhere`: also among the status words read ("pending" is one)
  const find = (list: string[][], anywhere = false, where: (at: number, phrase: string[]) => boolean = () => true) => {
    for (const phrase of list) {
      const at = placesOf(words, phrase).find((i) => (anywhere || !covered.has(i)) && where(i, phrase));
      if (at !== undefined) return phrase.join(' ');
    }
    return null;
  };
  // "Requested, dates proposed by the SR": dates the mandate proposed are its own step, no status
  // of the State's answer; the status is what else the cell names (here the request)
  // (unless the State is said to have proposed dates too: "dates proposed by the SR, Government proposed other dates" is its answer)
  const byMandate = find(BY_STATE, true) ? null : find(BY_MANDATE, true);
  const noStatus = () => refuse(`names dates proposed by the mandate ("${byMandate}") and no status`);
  if (found.size === 0) {
    if (byMandate) return noStatus();
    // "?" asks; it does not say the request is pending
    if (cell.includes('?')) return refuse('is a question');
    if (words.includes('standing') && words.some((w) => INVITATION_WORDS.has(w))) {
      return { ok: false, reason: `the status "${cell}" is a standing invitation, which is the State's (recorded under States), not a visit request's status: write the request's status here` };
    }
    return exact;
  }
  const datesProposed = (phrase: string) => DATES_PROPOSED.some((p) => p.join(' ') === phrase);
  const otherForthcoming = [...STATUS_WORDS].some(([phrase, status]) => status === 'forthcoming' && !datesProposed(phrase) && placesOf(words, phrase.split(' ')).length > 0);
  if (byMandate && !otherForthcoming) found.delete('forthcoming');
  // whether a word within `distance` before or after words[at, at + length) passes `test` (given the word and its place)
  const near = (at: number, length: number, distance: number, test: (w: string, i: number) => boolean) => {
    for (let i = Math.max(0, at - distance); i < Math.min(words.length, at + length + distance); i++) if ((i < at || i >= at + length) && test(words[i]!, i)) return true;
    return false;
  };
  // the statuses that no other status found presupposes: the latest steps the cell names
  const latest = [...found].filter((s) => ![...found].some((other) => PRESUPPOSES[other].includes(s)));
  if (latest.length === 0) return noStatus();
  const visitToCome = !found.has('completed');
  // what a modal or waiting word bears on: the next word (filler words skipped), else the one
  // before, when it is a status word or a subject (the dates, the report, or the visit short of
  // it): "Awaiting acceptance of dates", "Accepted, awaiting dates", "Visit may be postponed",
  // "Accepted; visit will take place", "Accepted, visit pending"; else a subject within three
  // words. "due to" gives a reason ("Postponed due to elections").
  const neighbour = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < words.length; i += step) if (!FILLERS.has(words[i]!)) return i;
    return -1;
  };
  // the visit is a subject of its own unless a status word takes it as object ("acceptance of the visit still awaited")
  const objectOf = (i: number) => {
    while (i > 0 && ARTICLES.has(words[i - 1]!)) i--;
    return OF.has(words[i - 1] ?? '');
  };
  const subject = (w: string, i: number) => OTHER_SUBJECTS.has(w) || (visitToCome && VISIT_WORDS.has(w) && !objectOf(i));
  const bearsOnStatus = (at: number, phrase: string[]) => {
    if (phrase[0] === 'due' && words[at + 1] === 'to') return false;
    // "still pending", "still awaited": the second word says what is awaited
    if (AWAITING.some((p) => p.length === 1 && p[0] === words[at + phrase.length])) return false;
    for (const i of [neighbour(at + phrase.length, 1), neighbour(at - 1, -1)]) {
      if (i >= 0 && covered.has(i)) return true;
      if (i >= 0 && subject(words[i]!, i)) return false;
    }
    return !near(at, phrase.length, 3, subject);
  };
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
  const unsure = (cell.includes('?') ? '?' : find(ASKED_FOR, true) ?? find(MODAL, false, bearsOnStatus)) || (beyondReminder && find(AWAITING, true, bearsOnStatus));
  if (unsure) return refuse(`says what is awaited or may happen ("${unsure}"), not what happened`);

  // "Reminder scheduled", "Demande prévue": the schedule is the mandate's own step, not a visit's
  if (found.has('forthcoming') && words.some((w, i) => OWN_STEPS.has(w) && near(i, 1, 2, (o) => STATUS_WORDS.get(o) === 'forthcoming'))) {
    return refuse('schedules a request or reminder, not a visit');
  }
  // a count word, or a number next to a reminder word ("2 reminders"; not a reference, "No. ABC/12")
  const counted = (w: string, i: number) => COUNTS.has(w) || (/^\d{1,2}$/.test(w) && near(i, 1, 1, (o) => REMINDER_WORDS.has(o)));
  const count = latest.includes('reminded') ? words.find(counted) : undefined;
  if (count) return { ok: false, reason: `the status "${cell}" counts reminders ("${count}"): write "reminded" here, and the count or the reminders' dates in the reminders column` };
  // "Invitation received; visit scheduled": whether the State's invitation opened the thread, or
  // answered a request, is the "Opened by" column's to say (a later status alone opens a request)
  // ("invitation" alone is too loose to read as the status inside a cell, but it still names the invitation: "Invitation accepted")
  const namesInvitation = found.has('invited') || words.some((w) => INVITATION_WORDS.has(w));
  if (namesInvitation && !latest.includes('invited') && !found.has('requested') && !found.has('reminded')) {
    return { ok: false, reason: `the status "${cell}" names the State's invitation and a later step: write the later step here, and "invitation" in an "Opened by" column if the invitation opened the thread` };
  }
  // "Requested, dates proposed May 2027": the dates may be the request's own; unless the State is said to propose them, not read as its answer
  const proposed = !byMandate && (found.has('requested') || found.has('reminded')) && !found.has('accepted') && !found.has('invited') && !otherForthcoming ? find(DATES_PROPOSED, true) : null;
  if (proposed && latest.length === 1 && ['requested', 'reminded', 'forthcoming'].includes(latest[0]!)) {
    // the State proposing dates answers the request, in any word order or language ("Government proposed dates", "fechas propuestas por el Gobierno")
    if (find(BY_STATE, true)) return { ok: true, value: 'forthcoming', note: `"${cell}" read as forthcoming` };
    return { ok: false, reason: `the status "${cell}" names the request and dates proposed, but not who proposed them: write "forthcoming" if the State did, "requested" if the mandate proposed them with its request` };
  }
  const again = find(NEW_REQUEST);
  if (again && beyondReminder) return refuse(`names a second request ("${again}"), which needs a row of its own`);
  if (latest.length > 1) return { ok: false, reason: `the status "${cell}" says ${latest.join(' and ')}: write the one that holds now (${STATUS_EXAMPLES})` };
  const status = latest[0]!;
  return { ok: true, value: status, note: `"${cell}" read as ${status}${byMandate ? ': the dates were proposed by the mandate, not the State' : ''}` };
}
