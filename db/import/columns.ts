/**
 * Recognising the columns of an imported file and its shape.
 *
 * Assistants keep their records in two shapes (the issue's sample files): one row per request
 * (State, mandate, status, requested on, reminders, accepted on, visit start/end, notes) or one
 * row per document (State, mandate, document type, date, reference...). Headers are matched
 * loosely: case, accents, punctuation and a leading "the" folded away, English names and their
 * usual synonyms, and the French and Spanish words assistants of those languages use. The user's
 * mapping (column -> field) overrides the guess for any column.
 */
import { foldName } from '../fold';
import { fileError } from './read';

export { IMPORT_FIELDS, MAPPING_TARGETS, type ImportField } from './fields';
import { IMPORT_FIELDS, MAPPING_TARGETS, type ImportField } from './fields';

/** Human names of the fields, for messages ("no column for the State"). */
export const FIELD_LABELS: Record<ImportField, string> = {
  state: 'State',
  mandate: 'mandate',
  status: 'status',
  statusDetail: 'status detail',
  requestedOn: 'requested on',
  invitedOn: 'invited on',
  openedBy: 'opened by',
  reminders: 'reminders',
  lastReminder: 'last reminder',
  lastDocument: 'last document',
  acceptedOn: 'accepted on',
  visitStart: 'visit start',
  visitEnd: 'visit end',
  notes: 'notes',
  priority: 'priority',
  documentType: 'document type',
  date: 'date',
  reference: 'reference',
  direction: 'direction',
  form: 'form',
  language: 'language',
  proposedStart: 'proposed start',
  proposedEnd: 'proposed end',
};

/** Header synonyms, folded with foldName ("requested_on" and "Requested on" both fold to "requested on"). */
const SYNONYMS: Record<ImportField, string[]> = {
  state: ['state', 'states', 'country', 'countries', 'member state', 'state name', 'country name', 'state visited', 'etat', 'etats', 'pays', 'etat membre', 'pais', 'estado', 'estado miembro'],
  mandate: ['mandate', 'mandates', 'mandate title', 'special procedure', 'special procedures', 'procedure', 'mandat', 'titre du mandat', 'procedure speciale', 'mandato', 'procedimiento especial'],
  status: ['status', 'request status', 'status of request', 'status request', 'current status', 'visit status', 'status visit', 'visit request status', 'status visit request', 'statut', 'statut de la demande', 'statut de la visite', 'estado actual', 'estado de la visita', 'etat de la demande', 'estatus', 'situacion', 'estado de la solicitud'],
  // the app's own export: the detail beside the derived status ("reminded 2 times, withdrawn or cancelled")
  statusDetail: ['detail', 'status detail', 'detail of status'],
  requestedOn: ['requested on', 'requested', 'request date', 'date requested', 'date of request', 'request sent', 'first request', 'date of first request', 'demande', 'date de demande', 'date de la demande', 'demande le', 'solicitud', 'fecha de solicitud', 'fecha de la solicitud', 'solicitado'],
  // the State's invitation that opens the thread (or, after a request, answers it)
  invitedOn: ['invited on', 'invited', 'invitation', 'invitation date', 'date of invitation', 'date of the invitation', 'date invited', 'invitation received', 'invitation sent', 'invitation from the state', 'invitation du', 'date de l invitation', 'date d invitation', 'invite le', 'invitation recue', 'invitacion', 'fecha de invitacion', 'fecha de la invitacion', 'invitado', 'invitada'],
  openedBy: ['opened by', 'opened with', 'thread opened by', 'ouvert par', 'abierto por'],
  reminders: ['reminders', 'reminder', 'reminder dates', 'reminders sent', 'reminded', 'dates of reminders', 'date of reminder', 'reminders dates', 'rappels', 'rappel', 'dates des rappels', 'recordatorios', 'recordatorio'],
  // the app's own export: the date of the last reminder, and the last document ("declination 2021-05")
  lastReminder: ['last reminder', 'last reminder on', 'date of last reminder', 'latest reminder', 'dernier rappel', 'ultimo recordatorio'],
  lastDocument: ['last document', 'latest document', 'last correspondence', 'dernier document', 'ultimo documento'],
  acceptedOn: ['accepted on', 'accepted', 'acceptance', 'acceptance date', 'date accepted', 'date of acceptance', 'acceptation', 'acceptee', 'accepte', 'acceptee le', 'aceptada', 'date d acceptation', 'accepte le', 'aceptacion', 'fecha de aceptacion', 'aceptado'],
  visitStart: ['visit start', 'visit from', 'visit start date', 'start', 'start date', 'visit date', 'visit dates', 'date of visit', 'dates of visit', 'date of the visit', 'dates of the visit', 'visited', 'visit', 'visite', 'visita', 'visite effectuee', 'visita realizada', 'from', 'debut', 'debut de la visite', 'date de visite', 'date de la visite', 'inicio', 'fecha de inicio', 'fecha de visita', 'fecha de la visita'],
  visitEnd: ['visit end', 'visit to', 'visit end date', 'end', 'end date', 'to', 'until', 'fin', 'fin de la visite', 'fecha de fin', 'fecha final', 'fecha de termino'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'observations', 'remarques', 'commentaires', 'notas', 'comentarios', 'observaciones'],
  priority: ['priority', 'priorite', 'prioridad'],
  documentType: [
    'document type', 'type', 'doc type', 'type of document', 'kind of document', 'document kind', 'letter type', 'type of letter', 'correspondence type', 'type of correspondence',
    'document', 'correspondence', 'type de document', 'type du document', 'nature du document', 'type de courrier', 'type de lettre',
    'tipo', 'tipo de documento', 'clase de documento', 'tipo de carta', 'documento',
  ],
  date: ['date', 'document date', 'date of document', 'dated', 'sent on', 'date sent', 'date du document', 'fecha', 'fecha del documento'],
  reference: ['reference', 'ref', 'ref no', 'reference number', 'our reference', 'reference du document', 'referencia', 'numero de referencia'],
  direction: ['direction', 'from to', 'sent or received', 'sens', 'direccion', 'sentido'],
  form: ['form', 'letter or note verbale', 'forme', 'forma'],
  language: ['language', 'langue', 'idioma', 'lengua'],
  proposedStart: ['proposed start', 'proposed from', 'proposed dates from', 'dates proposed from', 'debut propose', 'inicio propuesto'],
  proposedEnd: ['proposed end', 'proposed to', 'proposed dates to', 'dates proposed to', 'fin proposee', 'fin propuesto'],
};

const BY_SYNONYM = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const name of SYNONYMS[field]) BY_SYNONYM.set(foldName(name), field);
const BY_FIELD_NAME = new Map<string, ImportField>(IMPORT_FIELDS.map((f) => [foldName(f.replace(/([A-Z])/g, ' $1')), f]));

/** Outcomes a remark may offer as an alternative to the field a header names ("(or refusal)"). */
const OTHER_OUTCOMES = new Set(['refusal', 'refused', 'declined', 'declination', 'rejection', 'cancellation', 'cancelled', 'withdrawal', 'postponement', 'postponed', 'refus', 'rechazo']);

/** Words a header may add to a field's name and mean the same field ("No. of reminders", "Current status"). */
const HEADER_FILLERS = new Set(['no', 'nr', 'n', 'number', 'nb', 'of', 'current', 'latest', 'last', 'total', 'count', 'the', 'de', 'des', 'du', 'numero', 'nombre', 'actuel', 'actual']);

/**
 * The field a header names: a synonym; else, read loosely, the one field all its parts name once a
 * remark in brackets is dropped ("Status (current)", "Date (dd/mm/yyyy)"), alternatives split at
 * "/", "&", "or" ("Notes/comments") and filler words set aside ("No. of reminders"). A remark
 * naming an alternative is one more part ("Date of acceptance (or refusal)" names no one field).
 */
function headerField(header: string): { field: ImportField; loose: boolean } | null {
  const exact = BY_SYNONYM.get(foldName(header));
  if (exact) return { field: exact, loose: false };
  if (NUMBERED_REMINDER.test(foldName(header))) return { field: 'reminders', loose: false };
  const fields = new Set<ImportField>();
  // a remark naming another field or outcome as an alternative ("Date of acceptance (or refusal)")
  // is part of the header; "(d/m/y)", "(letter or NV)", "(or planned)" are remarks
  const withoutRemarks = header.replace(/\(([^)]*)\)|\[([^\]]*)\]/g, (_, round: string | undefined, square: string | undefined) => {
    const remark = round ?? square ?? '';
    const parts = remark.split(/\b(?:or|ou|and|et)\b|[&+]/i);
    const alternative = parts.length > 1 && parts.some((p) => BY_SYNONYM.has(foldName(p)) || OTHER_OUTCOMES.has(foldName(p)));
    return alternative ? ` / ${remark}` : ' ';
  });
  for (const part of withoutRemarks.split(/[/&;|]|\b(?:or|ou|o)\b/i)) {
    const key = foldName(part);
    if (!key) continue;
    const field = BY_SYNONYM.get(key) ?? BY_SYNONYM.get(key.split(' ').filter((w) => !HEADER_FILLERS.has(w)).join(' '));
    // every part must name the field: "Request / acceptance" is no one column
    if (!field) return null;
    fields.add(field);
  }
  return fields.size === 1 ? { field: [...fields][0]!, loose: true } : null;
}

/** The field a header names by itself, as {@link readLayout} reads it before the file's shape sets some aside. */
export function fieldOfHeader(header: string): ImportField | null {
  return headerField(header)?.field ?? null;
}

/** A column of one reminder of several ("Reminder 1", "1st reminder", "Second reminder", "Rappel 2", "Recordatorio 3"), folded. */
const NUMBERED_REMINDER =
  /^(?:(?:reminder|rappel|recordatorio)s? (?:no |n |nr )?\d{1,2}|(?:\d{1,2}(?:st|nd|rd|th|er|e|eme|o|a)?|first|second|third|fourth|fifth|premier|deuxieme|troisieme|primer|segundo|tercer) (?:reminder|rappel|recordatorio))(?: date| sent)?$/;

/** How the error of a header row without the State or mandate column begins: such a row is no header at all (importer.ts findHeader). */
export const NO_COLUMN_FOR = 'No column for';

/** Headers that in a log of documents name the sender and the addressee. */
const SENDER_HEADERS = new Set(['from', 'to']);
/** Words of a header that holds the status ("Status/Follow-up"): unread, such a column is asked about. */
const STATUS_HEADER_WORDS = new Set(['status', 'statut', 'situacion', 'outcome', 'stage', 'response', 'reponse', 'respuesta', 'resultado', 'resultat']);

/** Headers that name two fields (Spanish "Estado", French "État": the State, or the status), and the field they name when the other is another column's. */
const TWO_FIELDS = new Map<string, ImportField>([
  ['estado', 'status'],
  ['etat', 'status'],
]);

/** Headers of a document type column that may as well hold the mandate's type ("Type": thematic or country). */
const GENERIC_TYPE_HEADERS = new Set(['type', 'tipo']);

/** Fields that only make sense in one row per request; used to tell the shapes apart. */
const REQUEST_FIELDS: ImportField[] = ['status', 'requestedOn', 'invitedOn', 'reminders', 'acceptedOn', 'visitStart', 'visitEnd'];
/** The fields each shape reads; other recognised columns are reported as unused. */
const REQUEST_SHAPE: ImportField[] = ['state', 'mandate', ...REQUEST_FIELDS, 'statusDetail', 'openedBy', 'lastReminder', 'lastDocument', 'notes', 'priority', 'reference'];
const DOCUMENT_SHAPE: ImportField[] = ['state', 'mandate', 'documentType', 'date', 'reference', 'direction', 'form', 'language', 'proposedStart', 'proposedEnd', 'visitStart', 'visitEnd', 'notes', 'priority'];

export interface ColumnReading {
  /** The header as written in the file. */
  header: string;
  /** 0-based position in the row. */
  index: number;
  /** The field it was read as; null when ignored. */
  field: ImportField | null;
  /** How: a synonym of the header, the user's mapping, or nothing recognised. */
  by: 'header' | 'mapping' | 'unrecognised' | 'unused';
}

export interface Layout {
  shape: 'request' | 'document';
  /** A log of documents' status column (0-based; the thread's status after each document), left unread: the status follows from the documents. */
  statusLeft?: number;
  /** The columns of a file that writes one reminder per column ("Reminder 1", "Reminder 2"), read together as the reminders. */
  reminderColumns?: number[];
  /** A log's "From" and "To" columns (0-based): the sender and the addressee, which tell a document's direction when no column says it. */
  senders?: { from?: number; to?: number };
  columns: ColumnReading[];
  /** Field -> 0-based column index. */
  index: Partial<Record<ImportField, number>>;
}

/** The columns (0-based) a field is read from: one, none, or each column of one reminder ({@link Layout.reminderColumns}). */
export function fieldColumns(layout: Layout, field: ImportField): number[] {
  if (field === 'reminders' && layout.reminderColumns) return layout.reminderColumns;
  const index = layout.index[field];
  return index === undefined ? [] : [index];
}

/** The field a mapping target names: an exact field name ("visitStart") or any synonym ("visit start"). */
function mappingField(target: string): ImportField | 'ignore' | null {
  const key = foldName(target);
  if (key === 'ignore' || key === '') return 'ignore';
  return (IMPORT_FIELDS as readonly string[]).includes(target) ? (target as ImportField) : (BY_FIELD_NAME.get(key) ?? BY_SYNONYM.get(key) ?? null);
}

/**
 * Reads the header row: which field each column holds, and the file's shape (one row per
 * document when a document type column is there, else one row per request).
 * @param mapping the user's column -> field choices (header text as in the file; field name,
 *   a synonym, or "ignore"), taking precedence over the guess.
 * @throws DomainError('invalid_argument') when the State or mandate column is missing, a field
 *   is claimed by two columns, or the mapping names a column or field that does not exist.
 */
export function readLayout(header: string[], mapping: Record<string, string> = {}): Layout {
  const byHeader = new Map(header.map((h, i) => [foldName(h), i]));
  const mapped = new Map<number, ImportField | 'ignore'>();
  const loose = new Set<number>();
  for (const [column, target] of Object.entries(mapping)) {
    const index = header.indexOf(column.trim()) >= 0 ? header.indexOf(column.trim()) : byHeader.get(foldName(column));
    if (index === undefined) throw fileError(`The mapping names a column "${column}" that the file does not have (its columns: ${header.filter(Boolean).join(', ')}).`);
    const field = mappingField(target);
    if (field === null) throw fileError(`The mapping sends "${column}" to "${target}", which is not a field: use one of ${MAPPING_TARGETS.join(', ')}.`);
    mapped.set(index, field);
  }
  const columns: ColumnReading[] = header.map((h, index) => {
    const fromMapping = mapped.get(index);
    if (fromMapping !== undefined) return { header: h, index, field: fromMapping === 'ignore' ? null : fromMapping, by: 'mapping' };
    const found = headerField(h);
    if (found?.loose) loose.add(index);
    return { header: h, index, field: found?.field ?? null, by: found ? 'header' : 'unrecognised' };
  });
  // a header read loosely gives way to one that names its field exactly ("Last reminder" beside "Reminders")
  const exactly = new Set(columns.filter((c) => c.field && !loose.has(c.index)).map((c) => c.field));
  for (const c of columns) {
    if (loose.has(c.index) && exactly.has(c.field)) {
      c.field = null;
      c.by = 'unrecognised';
    }
  }
  // "Estado" and "État" name the State and the status: beside another State column ("País"), the status
  for (const c of columns) {
    const other = TWO_FIELDS.get(foldName(c.header));
    const claimed = (field: ImportField) => columns.some((o) => o !== c && o.field === field);
    if (c.by === 'header' && other && c.field && claimed(c.field) && !claimed(other)) c.field = other;
  }
  // A field named twice by headers alone is the file's ambiguity; the user's mapping settles it.
  // Reminders may take several columns, one per reminder ("Reminder 1", "Reminder 2"), read together.
  const index: Partial<Record<ImportField, number>> = {};
  const reminderColumns = columns.filter((c) => c.field === 'reminders');
  const severalReminders = reminderColumns.length > 1 && reminderColumns.every((c) => c.by === 'mapping' || NUMBERED_REMINDER.test(foldName(c.header)));
  for (const column of columns) {
    if (!column.field) continue;
    const earlier = index[column.field];
    if (earlier !== undefined && column.field === 'reminders' && severalReminders) continue;
    if (earlier !== undefined) {
      const other = columns[earlier]!;
      if (other.by === 'mapping' && column.by !== 'mapping') {
        column.field = null;
        column.by = 'unrecognised';
        continue;
      }
      if (column.by === 'mapping' && other.by !== 'mapping') {
        other.field = null;
        other.by = 'unrecognised';
      } else {
        throw fileError(
          `The columns "${other.header}" and "${column.header}" both read as ${FIELD_LABELS[column.field]}: rename one, or map one of them to another field or to "ignore".`,
        );
      }
    }
    index[column.field] = column.index;
  }
  const missing = (['state', 'mandate'] as const).filter((f) => index[f] === undefined);
  if (missing.length > 0) {
    const names = missing.map((f) => (f === 'state' ? 'the State (e.g. "State", "Country", "État", "Pays", "País")' : 'the mandate (e.g. "Mandate", "Mandat", "Mandato")'));
    throw fileError(
      `${NO_COLUMN_FOR} ${names.join(' nor for ')} was found among the headers ${header.map((h) => `"${h}"`).join(', ')}. ` +
        'Rename the column, or map it to the field in the column mapping.',
    );
  }
  // A document type means one row per document; beside a status column, only when its header
  // names documents ("Document type", "Correspondence"): a bare "Type" is then often the
  // mandate's type, and the status makes the file one row per request. A log's status column
  // (the thread's status after each document) is left unread: the status follows from the documents.
  const typeColumn = index.documentType === undefined ? undefined : columns[index.documentType]!;
  const documentsNamed = typeColumn !== undefined && (typeColumn.by === 'mapping' || (!loose.has(typeColumn.index) && !GENERIC_TYPE_HEADERS.has(foldName(typeColumn.header))));
  let shape: Layout['shape'];
  if (typeColumn && (index.status === undefined || documentsNamed)) shape = 'document';
  else if (REQUEST_FIELDS.some((f) => index[f] !== undefined)) shape = 'request';
  else {
    throw fileError(
      'The file has State and mandate columns but nothing to import with them: one row per request needs a status or dates ' +
        '("status", "requested on", "reminders", "accepted on", "visit start"), one row per document a "document type" and a "date".',
    );
  }
  const statusLeft = shape === 'document' ? index.status : undefined;
  const used = new Set<ImportField>(shape === 'request' ? REQUEST_SHAPE : DOCUMENT_SHAPE);
  const senders: { from?: number; to?: number } = {};
  for (const column of columns) {
    // in a log of documents, "From" and "To" are the sender and the addressee, not the visit's dates
    const senderOrAddressee = shape === 'document' && column.by === 'header' && SENDER_HEADERS.has(foldName(column.header));
    if (senderOrAddressee) senders[foldName(column.header) as 'from' | 'to'] = column.index;
    if (column.field && (!used.has(column.field) || senderOrAddressee)) {
      delete index[column.field];
      column.field = null;
      column.by = 'unused';
    }
  }
  // without its status every row would import as a pending request: a column that seems to hold it is asked about
  const statusLike = shape === 'request' && index.status === undefined && columns.find((c) => c.by === 'unrecognised' && foldName(c.header).split(' ').some((w) => STATUS_HEADER_WORDS.has(w)));
  if (statusLike) {
    throw fileError(
      `The column "${statusLike.header}" seems to hold the status, but its header is not one the import reads, and without a status every row would be a pending request: ` +
        'map it to "status" (or to "ignore") in the column mapping.',
    );
  }
  const reminders = severalReminders && index.reminders !== undefined ? { reminderColumns: reminderColumns.map((c) => c.index) } : {};
  return { shape, columns, index, ...(statusLeft === undefined ? {} : { statusLeft }), ...reminders, ...(Object.keys(senders).length > 0 ? { senders } : {}) };
}
