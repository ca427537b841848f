/**
 * The one contract between the renderer and the database: channel -> argument schema (zod).
 * Main (electron/ipc.ts), the tests and the end-to-end harness all call the handler table that
 * db/api.ts builds from it; the renderer imports only its types.
 * Channels are intents, never generic table access.
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
} from './domain';
import { isPartialDate } from './partialDate';

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date. */
export const partialDate = z
  .string()
  .trim()
  .refine(isPartialDate, { message: 'write a date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)' });
const optionalDate = partialDate.nullable().optional();
const id = z.number().int().positive();
const stateCode = z.string().trim().regex(/^[A-Z]{3}$/, 'a State code is three capital letters (ISO 3166 alpha-3)');
const text = (max: number) => z.string().max(max, `at most ${max} characters`);

export const documentInput = z.object({
  type: z.enum(DOCUMENT_TYPES),
  direction: z.enum(DIRECTIONS).optional(),
  date: optionalDate,
  form: z.enum(DOCUMENT_FORMS).nullable().optional(),
  language: z.enum(LANGUAGES).nullable().optional(),
  reference: text(200).optional(),
  signedByHolderId: id.nullable().optional(),
  proposedStart: optionalDate,
  proposedEnd: optionalDate,
  notes: text(10_000).optional(),
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
export const requestListArgs = z.object({
  filter: requestFilter.default({}),
  sort: z
    .object({ column: z.enum(REQUEST_SORT_COLUMNS), direction: z.enum(['asc', 'desc']).default('asc') })
    .default({ column: 'state', direction: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type RequestListArgs = z.infer<typeof requestListArgs>;

export const stateInput = z.object({
  code: stateCode,
  nameEn: z.string().trim().min(1, 'the English name is required').max(200),
  nameFr: z.string().trim().max(200).optional(),
  nameEs: z.string().trim().max(200).optional(),
  kind: z.enum(STATE_KINDS),
  regionalGroup: z.enum(REGIONAL_GROUPS).nullable().optional(),
  standingInvitation: z.boolean().optional(),
  standingInvitationSince: optionalDate,
  correspondenceLanguage: z.enum(LANGUAGES).optional(),
  missionAddress: text(2000).optional(),
  notes: text(10_000).optional(),
  formerNames: z.array(z.object({ name: z.string().trim().min(1).max(200), until: optionalDate })).optional(),
});
export type StateInput = z.infer<typeof stateInput>;

export const mandateInput = z.object({
  title: z.string().trim().min(1, 'the title is required').max(500),
  shortName: z.string().trim().max(100).optional(),
  kind: z.enum(MANDATE_KINDS),
  subjectStateCode: stateCode.nullable().optional(),
  established: optionalDate,
  ended: optionalDate,
  notes: text(10_000).optional(),
});
export type MandateInput = z.infer<typeof mandateInput>;

export const holderInput = z.object({
  mandateId: id,
  name: z.string().trim().min(1, 'the name is required').max(200),
  termStart: optionalDate,
  termEnd: optionalDate,
});
export type HolderInput = z.infer<typeof holderInput>;

export const visitInput = z.object({
  mandateIds: z.array(id).min(1, 'a visit needs at least one mandate'),
  subjectStateCode: stateCode,
  placeCodes: z.array(stateCode).optional(),
  start: optionalDate,
  end: optionalDate,
  official: z.boolean().default(true),
  reportSymbol: text(100).optional(),
  notes: text(10_000).optional(),
  /** Link to this thread (of one of the mandates); by default each mandate's open thread with the subject State. */
  requestId: id.optional(),
});
export type VisitInput = z.infer<typeof visitInput>;

const fileBytes = z.instanceof(Uint8Array, { message: 'the file content must be bytes' });
export const importArgs = z.object({
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
export const settingsValues = z.object({
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

/** Every channel with the schema of its argument. */
export const channels = {
  'requests:list': requestListArgs,
  'requests:get': z.object({ id }),
  'requests:create': z.object({
    mandateId: id,
    stateCode,
    priority: z.enum(PRIORITIES).optional(),
    notes: text(10_000).optional(),
    opening: documentInput.refine((d) => d.type === 'request' || d.type === 'invitation', {
      message: 'a visit request is opened by a request or by an invitation',
      path: ['type'],
    }),
  }),
  'requests:update': z.object({ id, priority: z.enum(PRIORITIES).optional(), notes: text(10_000).optional() }),
  'documents:record': z.object({ requestId: id, document: documentInput }),
  'documents:correct': z.object({ id, document: documentInput }),
  'documents:delete': z.object({ id }),
  'documents:history': z.object({ id }),
  'visits:record': visitInput,
  'states:list': z.object({ search: text(200).optional() }).default({}),
  'states:get': z.object({ code: stateCode }),
  'states:create': stateInput,
  'states:update': stateInput,
  'mandates:list': z.object({}).default({}),
  'mandates:get': z.object({ id }),
  'mandates:create': mandateInput,
  'mandates:update': mandateInput.extend({ id }),
  'holders:list': z.object({ mandateId: id.optional() }).default({}),
  'holders:create': holderInput,
  'holders:update': holderInput.extend({ id }),
  'import:preview': importArgs,
  'import:commit': importArgs.extend({ skipInvalidRows: z.boolean().default(false) }),
  'export:requests': z.object({ filter: requestFilter.default({}), format: z.enum(['csv', 'xlsx']) }),
  'settings:get': z.object({}).default({}),
  'settings:set': settingsInput,
} as const;

export type Channel = keyof typeof channels;
export type ChannelArgs<C extends Channel> = z.input<(typeof channels)[C]>;

/** `forbidden`: the call did not come from the app's own window (electron/ipc.ts refuses it). */
export type ErrorCode = 'invalid_argument' | 'not_found' | 'rule' | 'conflict' | 'internal' | 'unknown_channel' | 'forbidden';
export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };
