/**
 * The one contract between the renderer and the database: channel -> argument schema (zod).
 * Main (electron/ipc.ts), the tests and the end-to-end harness all call the handler table that
 * db/api.ts builds from it; the renderer imports only its types.
 * Channels are intents, never generic table access.
 * Objects are strict: a field the schema does not know (a misspelt "prioirty") is refused, never
 * dropped, since the change it meant would be lost without a word.
 */
import { z } from 'zod';
import {
  DOCUMENT_FORMS,
  DOCUMENT_TYPES,
  DIRECTIONS,
  LANGUAGES,
  MANDATE_KINDS,
  PRIORITIES,
  REGIONAL_GROUPS,
  STATE_KINDS,
  STATUSES,
  WINDOW_KINDS,
  LETTER_GROUPINGS,
  LETTER_PRONOUNS,
  REVIEW_DECISIONS,
} from './domain';
import { unknownReferenceTokens } from './letters';
import { isPartialDate } from './partialDate';

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date. */
export const partialDate = z
  .string()
  .trim()
  .refine(isPartialDate, { message: 'write a date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)' });
const optionalDate = partialDate.nullable().optional();
const id = z.number().int().positive();
const stateCode = z.string().trim().regex(/^[A-Z]{3}$/, 'a State code is three capital letters (ISO 3166 alpha-3)');
/** Text as typed: no control characters but tabs and line ends (a NUL would cut the text short in SQLite). */
const plain = () => z.string().refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'contains a control character: remove it');
const text = (max: number) => plain().max(max, `at most ${max} characters`);

/** The longest notes and reference a form takes; the import holds its cells to the same (db/import/plan.ts). */
export const TEXT_LIMITS = { notes: 10_000, reference: 200 } as const;

export const documentInput = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  direction: z.enum(DIRECTIONS).optional(),
  date: optionalDate,
  form: z.enum(DOCUMENT_FORMS).nullable().optional(),
  language: z.enum(LANGUAGES).nullable().optional(),
  reference: text(TEXT_LIMITS.reference).optional(),
  signedByHolderId: id.nullable().optional(),
  proposedStart: optionalDate,
  proposedEnd: optionalDate,
  notes: text(TEXT_LIMITS.notes).optional(),
});
export type DocumentInput = z.infer<typeof documentInput>;

export const requestFilter = z
  .object({
    statuses: z.array(z.enum(STATUSES)).optional(),
    mandateIds: z.array(id).optional(),
    stateCodes: z.array(stateCode).optional(),
    regionalGroups: z.array(z.enum(REGIONAL_GROUPS)).optional(),
    yearFrom: z.number().int().min(1900).max(2100).optional(),
    yearTo: z.number().int().min(1900).max(2100).optional(),
    holderIds: z.array(id).optional(),
    search: text(200).optional(),
  })
  .refine((f) => f.yearFrom === undefined || f.yearTo === undefined || f.yearFrom <= f.yearTo, {
    message: 'the first year of the range comes after the last',
  });
export type RequestFilter = z.infer<typeof requestFilter>;

export const REQUEST_SORT_COLUMNS = ['state', 'mandate', 'status', 'openedOn', 'lastDocumentOn', 'reminders', 'regionalGroup'] as const;
export const requestListArgs = z.strictObject({
  filter: requestFilter.default({}),
  sort: z
    .object({ column: z.enum(REQUEST_SORT_COLUMNS), direction: z.enum(['asc', 'desc']).default('asc') })
    .default({ column: 'state', direction: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type RequestListArgs = z.infer<typeof requestListArgs>;

export const stateInput = z.strictObject({
  code: stateCode,
  nameEn: plain().trim().min(1, 'the English name is required').max(200),
  nameFr: plain().trim().max(200).optional(),
  nameEs: plain().trim().max(200).optional(),
  kind: z.enum(STATE_KINDS),
  regionalGroup: z.enum(REGIONAL_GROUPS).nullable().optional(),
  standingInvitation: z.boolean().optional(),
  standingInvitationSince: optionalDate,
  /** The State withdrew its standing invitation (partial date); null or absent: it stands. Not before standingInvitationSince (db/referenceEdits.ts). */
  standingInvitationWithdrawn: optionalDate,
  correspondenceLanguage: z.enum(LANGUAGES).optional(),
  missionAddress: text(2000).optional(),
  notes: text(TEXT_LIMITS.notes).optional(),
  formerNames: z.array(z.strictObject({ name: plain().trim().min(1).max(200), until: optionalDate })).optional(),
  /** Other names the State goes by in people's files ("Viet Nam", "Ivory Coast"), matched on import; replaced when given. */
  otherNames: z.array(plain().trim().min(1).max(200)).max(100).optional(),
});
export type StateInput = z.infer<typeof stateInput>;

export const mandateInput = z.strictObject({
  title: plain().trim().min(1, 'the title is required').max(500),
  shortName: plain().trim().max(100).optional(),
  kind: z.enum(MANDATE_KINDS),
  subjectStateCode: stateCode.nullable().optional(),
  established: optionalDate,
  ended: optionalDate,
  notes: text(TEXT_LIMITS.notes).optional(),
});
export type MandateInput = z.infer<typeof mandateInput>;

export const holderInput = z.strictObject({
  mandateId: id,
  name: plain().trim().min(1, 'the name is required').max(200),
  termStart: optionalDate,
  termEnd: optionalDate,
});
export type HolderInput = z.infer<typeof holderInput>;

export const visitInput = z.strictObject({
  mandateIds: z.array(id).min(1, 'a visit needs at least one mandate'),
  subjectStateCode: stateCode,
  placeCodes: z.array(stateCode).optional(),
  start: optionalDate,
  end: optionalDate,
  official: z.boolean().default(true),
  reportSymbol: text(100).optional(),
  notes: text(TEXT_LIMITS.notes).optional(),
  /** Link to this thread (of one of the mandates); by default each mandate's open thread with the subject State. */
  requestId: id.optional(),
});
export type VisitInput = z.infer<typeof visitInput>;

const fileBytes = z.instanceof(Uint8Array, { message: 'the file content must be bytes' });
export const importArgs = z.strictObject({
  fileName: z.string().min(1).max(500),
  bytes: fileBytes,
  /** How to read d/d/yyyy dates when the file does not settle it. */
  dayMonthOrder: z.enum(['dmy', 'mdy']).optional(),
  /** Column of the file -> field; unset fields are recognised from the headers. */
  mapping: z.record(z.string(), z.string()).optional(),
});
export type ImportArgs = z.infer<typeof importArgs>;

/**
 * The user's settings (db/settings.ts), each key with its schema and default.
 * letterLanguageDefault: 'state' writes letters in the State's correspondence language;
 * en/fr/es forces one language.
 */
export const settingsValues = z.strictObject({
  myMandateIds: z.array(id).max(500).default([]),
  letterLanguageDefault: z.enum(['state', ...LANGUAGES]).default('state'),
});
export type Settings = z.output<typeof settingsValues>;
/** A write names only the settings it changes; unknown keys are refused. */
export const settingsInput = z.strictObject({
  myMandateIds: settingsValues.shape.myMandateIds.removeDefault().optional(),
  letterLanguageDefault: settingsValues.shape.letterLanguageDefault.removeDefault().optional(),
});
export type SettingsInput = z.infer<typeof settingsInput>;

/** A calendar day, `YYYY-MM-DD` (a letter's date, the day it was sent, the day a review closed). */
export const calendarDay = z
  .string()
  .trim()
  .refine((t) => /^\d{4}-\d{2}-\d{2}$/.test(t) && isPartialDate(t), { message: 'write the day as YYYY-MM-DD (a real calendar date)' });
const reviewYear = z.number().int().min(1990, 'the year of a review is 1990 or later').max(2100, 'the year of a review is 2100 or earlier');
const letterIds = z.array(id).min(1, 'choose at least one letter').max(1000, 'at most 1000 letters at a time');

/**
 * A mandate's letter settings (db/letterStore.ts). Each field is optional: only those given
 * change; '' (or null for the pronoun) goes back to the default.
 */
export const letterSettingsInput = z.strictObject({
  mandateId: id,
  /** Letterhead lines, one per line. */
  letterhead: text(2000).optional(),
  /** Signature block lines of a letter, one per line. */
  signature: text(2000).optional(),
  /** e.g. "{short}/{year}/{n}": {year}, {state}, {n}, {short}. */
  referencePattern: text(100)
    .refine((p) => unknownReferenceTokens(p).length === 0, { message: 'a reference pattern may use {year}, {state}, {n} and {short} only' })
    .optional(),
  defaultForm: z.enum(DOCUMENT_FORMS).optional(),
  /** The English possessive of a note verbale ("presents her compliments"). */
  pronoun: z.enum(LETTER_PRONOUNS).nullable().optional(),
  /** The mandate as the subject of a note verbale, with its article, per language. */
  titles: z.strictObject({ en: text(500).optional(), fr: text(500).optional(), es: text(500).optional() }).optional(),
  /** The Human Rights Council resolution(s) on the mandate, e.g. "49/13". */
  resolution: text(200).optional(),
  /** Contact point at OHCHR for the State's reply. */
  contact: text(500).optional(),
});
export type LetterSettingsInput = z.infer<typeof letterSettingsInput>;

const letterOptions = {
  form: z.enum(DOCUMENT_FORMS).optional(),
  letterDate: calendarDay.optional(),
  proposedStart: optionalDate,
  proposedEnd: optionalDate,
};
/** Prepares (or brings up to date) the reminder letters of a review's "remind" decisions. */
export const prepareLettersInput = z.strictObject({
  reviewId: id,
  grouping: z.enum(LETTER_GROUPINGS).default('per_request'),
  /** 'state': each State's correspondence language (the default from the settings otherwise). */
  language: z.enum(['state', ...LANGUAGES]).optional(),
  ...letterOptions,
});
export type PrepareLettersInput = z.output<typeof prepareLettersInput>;

/** Edits one letter before it is sent. body: the assistant's plain text (null: back to the generated text). */
export const letterUpdateInput = z.strictObject({
  id,
  body: text(20_000).nullable().optional(),
  language: z.enum(LANGUAGES).optional(),
  reference: text(200).optional(),
  ...letterOptions,
});
export type LetterUpdateInput = z.infer<typeof letterUpdateInput>;

/** The cooperation indicators of a reporting year (db/indicators.ts): which five years, optionally one regional group. */
export const indicatorsArgs = z.strictObject({
  year: z.number().int().min(1950, 'the reporting year is 1950 or later').max(2100, 'the reporting year is 2100 or earlier'),
  window: z.enum(WINDOW_KINDS).default('report-text'),
  regionalGroup: z.enum(REGIONAL_GROUPS).nullable().optional(),
});
export type IndicatorsArgs = z.input<typeof indicatorsArgs>;
/**
 * The request lists behind the per-mandate figures (db/indicators.ts loadMandateRequests): pending at
 * the year's end; sent in the window, and of those accepted / answered / answered substantively by
 * its end; with reminders dated in the reporting year.
 */
export const MANDATE_REQUEST_LISTS = ['pending', 'sentInWindow', 'accepted', 'anyResponse', 'substantive', 'remindersInYear'] as const;
/** The tables of the indicators screen, each exportable to CSV or XLSX (db/indicatorsExport.ts). */
export const INDICATOR_TABLES = ['summary', 'states', 'regionalGroups', 'visits', 'mandates', 'pendingRequests'] as const;
export type IndicatorTable = (typeof INDICATOR_TABLES)[number];

/** Every channel with the schema of its argument. */
export const channels = {
  'requests:list': requestListArgs,
  'requests:get': z.strictObject({ id }),
  'requests:create': z.strictObject({
    mandateId: id,
    stateCode,
    priority: z.enum(PRIORITIES).optional(),
    notes: text(TEXT_LIMITS.notes).optional(),
    opening: documentInput.refine((d) => d.type === 'request' || d.type === 'invitation', {
      message: 'a visit request is opened by a request or by an invitation',
      path: ['type'],
    }),
  }),
  'requests:update': z.strictObject({ id, priority: z.enum(PRIORITIES).optional(), notes: text(10_000).optional() }),
  'documents:record': z.strictObject({ requestId: id, document: documentInput }),
  'documents:correct': z.strictObject({ id, document: documentInput }),
  'documents:delete': z.strictObject({ id }),
  'documents:history': z.strictObject({ id }),
  'visits:record': visitInput,
  /** A visit's subject, places, dates, official status, report symbol and notes corrected (its mandates and threads stay). */
  'visits:correct': z.strictObject({ id, visit: visitInput.omit({ mandateIds: true, requestId: true }) }),
  'visits:delete': z.strictObject({ id }),
  'states:list': z.strictObject({ search: text(200).optional() }).default({}),
  'states:get': z.strictObject({ code: stateCode }),
  'states:create': stateInput,
  'states:update': stateInput,
  'mandates:list': z.strictObject({}).default({}),
  'mandates:get': z.strictObject({ id }),
  'mandates:create': mandateInput,
  'mandates:update': mandateInput.extend({ id }),
  'holders:list': z.strictObject({ mandateId: id.optional() }).default({}),
  'holders:create': holderInput,
  'holders:update': holderInput.extend({ id }),
  'import:preview': importArgs,
  'import:commit': importArgs.extend({ skipInvalidRows: z.boolean().default(false) }),
  'export:requests': z.strictObject({ filter: requestFilter.default({}), format: z.enum(['csv', 'xlsx']) }),
  'settings:get': z.strictObject({}).default({}),
  'settings:set': settingsInput,
  'indicators:get': indicatorsArgs,
  'indicators:requests': indicatorsArgs.extend({ mandateId: id, list: z.enum(MANDATE_REQUEST_LISTS) }),
  'indicators:export': indicatorsArgs.extend({ table: z.enum(INDICATOR_TABLES), format: z.enum(['csv', 'xlsx']) }),
  'review:start': z.strictObject({ year: reviewYear, mandateIds: z.array(id).max(500).optional() }),
  'review:get': z.strictObject({ reviewId: id }),
  'review:list': z.strictObject({ mandateId: id.optional() }).default({}),
  'review:decide': z.strictObject({ reviewId: id, requestId: id, decision: z.enum(REVIEW_DECISIONS), note: text(2000).optional(), reason: text(2000).optional() }),
  'review:close': z.strictObject({ reviewId: id, note: text(2000).optional(), closedOn: calendarDay.optional() }),
  'review:status': z.strictObject({ year: reviewYear }),
  'letters:settings:get': z.strictObject({ mandateId: id }),
  'letters:settings:set': letterSettingsInput,
  'letters:prepare': prepareLettersInput,
  'letters:list': z.strictObject({ reviewId: id }),
  'letters:update': letterUpdateInput,
  'letters:document': z.strictObject({ letterIds }),
  'letters:markPrinted': z.strictObject({ letterIds }),
  'letters:confirmSent': z.strictObject({ letterIds, sentOn: calendarDay }),
} as const;

export type Channel = keyof typeof channels;
export type ChannelArgs<C extends Channel> = z.input<(typeof channels)[C]>;

/** `forbidden`: the call did not come from the app's own window (electron/ipc.ts refuses it). */
export type ErrorCode = 'invalid_argument' | 'not_found' | 'rule' | 'conflict' | 'internal' | 'unknown_channel' | 'forbidden';
/** `headers`: on an import whose columns could not be read, the header row, for the user to map (see DomainError). */
/** A failure's `field`: the argument a rule is about, as a form names it ("end"), for the message to stand beside it. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; headers?: string[]; field?: string } };
