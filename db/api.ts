/**
 * The one implementation of the contract: a handler table built from an open database.
 * Every handler validates its argument with the channel's zod schema, runs writes in one
 * transaction, and answers `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
 * Electron's ipcMain, the tests and the end-to-end harness all call this same table.
 */
import type { Kysely } from 'kysely';
import { ZodError, type z } from 'zod';
import { channels, type Channel, type Result } from './contract';
import { DomainError } from './errors';
import { exportRequests } from './import/export';
import { computeIndicators, listIndicatorRequests } from './indicators';
import { exportIndicators } from './indicatorsExport';
import { commitImport, previewImport } from './import/importer';
import { todayLocal } from './partialDate';
import { documentHistory, getMandate, getRequest, getState, listHolders, listMandates, listRequests, listStates } from './queries';
import { createHolder, createMandate, createState, updateHolder, updateMandate, updateState } from './referenceEdits';
import { correctDocument, createRequest, deleteDocument, recordDocument, updateRequest } from './requests';
import type { Database } from './schema';
import { getSettings, setSettings } from './settings';
import { confirmLettersSent, getLetterSettings, lettersPrintDocument, listLetters, markLettersPrinted, prepareLetters, setLetterSettings, updateLetter } from './letterStore';
import { closeReview, decide, listReviewItems, listReviews, reviewDueForYear, reviewSummaries, startReviews } from './review';
import { correctVisit, deleteVisit, recordVisit } from './visits';

type Args<C extends Channel> = z.output<(typeof channels)[C]>;

export interface ApiOptions {
  /** Today's date as `YYYY-MM-DD`; tests fix it. Defaults to the local calendar date. */
  today?: () => string;
}

function makeHandlers(db: Kysely<Database>, today: () => string) {
  const write = <T>(work: (trx: Kysely<Database>) => Promise<T>) => db.transaction().execute(work);
  return {
    'requests:list': (a: Args<'requests:list'>) => listRequests(db, a, today()),
    'requests:get': (a: Args<'requests:get'>) => getRequest(db, a.id, today()),
    'requests:create': (a: Args<'requests:create'>) => write((trx) => createRequest(trx, a, 'user', today())),
    'requests:update': (a: Args<'requests:update'>) => write((trx) => updateRequest(trx, a.id, a)),
    'documents:record': (a: Args<'documents:record'>) => write((trx) => recordDocument(trx, a.requestId, a.document, 'user', today())),
    'documents:correct': (a: Args<'documents:correct'>) => write((trx) => correctDocument(trx, a.id, a.document, 'user', today())),
    'documents:delete': (a: Args<'documents:delete'>) => write((trx) => deleteDocument(trx, a.id, 'user', today())),
    'documents:history': (a: Args<'documents:history'>) => documentHistory(db, a.id),
    'visits:record': (a: Args<'visits:record'>) => write((trx) => recordVisit(trx, a, 'user', today())),
    'visits:correct': (a: Args<'visits:correct'>) => write((trx) => correctVisit(trx, a.id, a.visit, 'user', today())),
    'visits:delete': (a: Args<'visits:delete'>) => write((trx) => deleteVisit(trx, a.id, 'user', today())),
    'states:list': (a: Args<'states:list'>) => listStates(db, a.search),
    'states:get': (a: Args<'states:get'>) => getState(db, a.code, today()),
    'states:create': (a: Args<'states:create'>) => write((trx) => createState(trx, a, 'user', today())),
    'states:update': (a: Args<'states:update'>) => write((trx) => updateState(trx, a, 'user', today())),
    'mandates:list': (_a: Args<'mandates:list'>) => listMandates(db),
    'mandates:get': (a: Args<'mandates:get'>) => getMandate(db, a.id, today()),
    'mandates:create': (a: Args<'mandates:create'>) => write((trx) => createMandate(trx, a)),
    'mandates:update': (a: Args<'mandates:update'>) => write((trx) => updateMandate(trx, a.id, a)),
    'holders:list': (a: Args<'holders:list'>) => listHolders(db, a.mandateId),
    'holders:create': (a: Args<'holders:create'>) => write((trx) => createHolder(trx, a)),
    'holders:update': (a: Args<'holders:update'>) => write((trx) => updateHolder(trx, a.id, a)),
    'import:preview': (a: Args<'import:preview'>) => previewImport(db, a, today()),
    'import:commit': (a: Args<'import:commit'>) => commitImport(db, a, today()),
    'export:requests': (a: Args<'export:requests'>) => exportRequests(db, a.filter, a.format, today()),
    'settings:get': (_a: Args<'settings:get'>) => getSettings(db),
    'settings:set': (a: Args<'settings:set'>) => write((trx) => setSettings(trx, a)),
    // reads of many queries, in one transaction so that they all see the same records
    'indicators:get': (a: Args<'indicators:get'>) => write((trx) => computeIndicators(trx, a, today())),
    'indicators:requests': (a: Args<'indicators:requests'>) => write((trx) => listIndicatorRequests(trx, a, today())),
    'indicators:export': (a: Args<'indicators:export'>) => write((trx) => exportIndicators(trx, a, today())),
    'review:start': (a: Args<'review:start'>) =>
      write(async (trx) => {
        const started = await startReviews(trx, a.year, a.mandateIds, today());
        const summaries = await reviewSummaries(trx, started.map((r) => r.id), today());
        return started.map((r, i) => ({ ...summaries[i]!, resumed: r.resumed }));
      }),
    'review:get': (a: Args<'review:get'>) => listReviewItems(db, a.reviewId, today()),
    'review:list': (a: Args<'review:list'>) => listReviews(db, a.mandateId),
    'review:decide': (a: Args<'review:decide'>) => write((trx) => decide(trx, a, today())),
    'review:close': (a: Args<'review:close'>) => write((trx) => closeReview(trx, a, today())),
    'review:status': (a: Args<'review:status'>) => reviewDueForYear(db, a.year, today()),
    'letters:settings:get': (a: Args<'letters:settings:get'>) => getLetterSettings(db, a.mandateId, today()),
    'letters:settings:set': (a: Args<'letters:settings:set'>) => write((trx) => setLetterSettings(trx, a, today())),
    'letters:prepare': (a: Args<'letters:prepare'>) => write((trx) => prepareLetters(trx, a, today())),
    'letters:list': (a: Args<'letters:list'>) => listLetters(db, a.reviewId, today()),
    'letters:update': (a: Args<'letters:update'>) => write((trx) => updateLetter(trx, a, today())),
    'letters:document': (a: Args<'letters:document'>) => lettersPrintDocument(db, a.letterIds, today()),
    'letters:markPrinted': (a: Args<'letters:markPrinted'>) => write((trx) => markLettersPrinted(trx, a.letterIds, 'user', today())),
    'letters:confirmSent': (a: Args<'letters:confirmSent'>) => write((trx) => confirmLettersSent(trx, a, today())),
  } satisfies { [C in Channel]: (args: Args<C>) => Promise<unknown> };
}

type Handlers = ReturnType<typeof makeHandlers>;
/** What a channel answers with when it succeeds. */
export type ChannelResult<C extends Channel> = Awaited<ReturnType<Handlers[C]>>;
/** The handler table: channel -> (unvalidated argument) -> result. */
export type Api = { [C in Channel]: (args: unknown) => Promise<Result<ChannelResult<C>>> };

/** Reads a zod error as one sentence naming the field: "document.date: write a date as ...". */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Builds the handler table over an open database.
 * Unknown failures answer `internal` with the error's message and never throw to the caller.
 */
export function createApi(db: Kysely<Database>, options: ApiOptions = {}): Api {
  const today = options.today ?? (() => todayLocal());
  const handlers = makeHandlers(db, today);
  const api = {} as Record<Channel, (args: unknown) => Promise<Result<unknown>>>;
  for (const channel of Object.keys(channels) as Channel[]) {
    api[channel] = async (raw: unknown) => {
      const parsed = channels[channel].safeParse(raw);
      if (!parsed.success) return { ok: false, error: { code: 'invalid_argument', message: describeZodError(parsed.error) } };
      try {
        const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message, ...(error.headers && { headers: error.headers }), ...(error.field && { field: error.field }) } };
        if (error instanceof ZodError) return { ok: false, error: { code: 'invalid_argument', message: describeZodError(error) } };
        return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
      }
    };
  }
  return api as Api;
}

/** True when `name` is one of the contract's channels. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
