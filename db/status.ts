/**
 * The status of a visit request, derived from its documents and visits: never typed in.
 *
 * Rules (DOMAIN.md, "A visit request is a thread of correspondence", after the OHCHR
 * country-visits database glossary):
 * - a request opens a pending thread; a spontaneous invitation opens an invitation thread;
 * - an acknowledgement confirms receipt: it is NOT an acceptance;
 * - a reminder follows up the request, whoever sent it: never a new request, the status stays;
 * - an invitation after a request of the same mandate (any holder) IS an acceptance of it;
 * - acceptance, dates proposal and postponement make it accepted (a postponement is not a refusal);
 * - a declination or a cancellation/withdrawal makes it refused;
 * - a visit that has started (its first possible day is today or earlier) makes it completed.
 * Documents are read in thread order ({@link orderDocuments}): by date, an undated one where it
 * was recorded.
 */
import type { Direction, DocumentType, Status } from './domain';
import { comparePartialDates, earliestDay } from './partialDate';

export interface StatusDocument {
  id: number;
  type: DocumentType;
  date: string | null;
  proposed_start?: string | null;
  proposed_end?: string | null;
}

export interface StatusVisit {
  start: string | null;
  end: string | null;
}

export interface StatusDetail {
  acknowledged: boolean;
  reminders: number;
  lastReminderOn: string | null;
  datesProposed: boolean;
  proposedStart: string | null;
  proposedEnd: string | null;
  postponed: boolean;
  declined: boolean;
  withdrawn: boolean;
  visitScheduled: boolean;
}

export interface DerivedStatus {
  status: Status;
  detail: StatusDetail;
  /** Why, one line per step that moved the status, in thread order ("2019-03-04: request: pending"). */
  reasons: string[];
}

const OPENERS: ReadonlySet<DocumentType> = new Set(['request', 'invitation']);

/**
 * Thread order of documents. Returns a new array; the input may come in any order.
 *
 * - The opening request or invitation comes first (the earliest dated one; an undated one after
 *   the dated ones; ties in recording order).
 * - The others sort by their effective date, compared as partial dates are
 *   ({@link comparePartialDates}: "2019" < "2019-01" < "2019-01-01"), ties in recording order.
 * - A dated document's effective date is its date. An UNDATED document keeps its place in the
 *   recording order: it takes the effective date of the document recorded just before it (by
 *   id), i.e. the date of the latest dated document recorded before it, and so sorts right after
 *   that document; an undated document recorded before any dated one sorts first.
 *
 * Why: an assistant records a thread's letters in the order they came, and an undated one
 * ("accepted, date not on file") sits where it was filed. Request 2012, undated acceptance,
 * declination 2015 is accepted then refused (refused), not refused then accepted.
 * The id is the recording order: db ids, or a sequence in the order the documents were recorded
 * (db/import/threads.ts DraftThread numbers its documents so).
 */
export function orderDocuments<T extends StatusDocument>(documents: readonly T[]): T[] {
  const byRecording = [...documents].sort((a, b) => a.id - b.id);
  const effective = new Map<T, string | null>();
  let latest: string | null = null; // null: no dated document recorded yet, sorts before every date
  for (const d of byRecording) {
    if (d.date) latest = d.date;
    effective.set(d, d.date || latest);
  }
  const byEffective = (a: T, b: T) => {
    const x = effective.get(a)!;
    const y = effective.get(b)!;
    if (x !== y) {
      if (x === null) return -1;
      if (y === null) return 1;
      const c = comparePartialDates(x, y);
      if (c !== 0) return c;
    }
    return a.id - b.id;
  };
  const openers = byRecording.filter((d) => OPENERS.has(d.type));
  const opener = openers.sort((a, b) => comparePartialDates(a.date ?? '9999', b.date ?? '9999') || a.id - b.id)[0];
  const rest = byRecording.filter((d) => d !== opener);
  rest.sort(byEffective);
  return opener ? [opener, ...rest] : rest;
}

/**
 * Derives a thread's status from its documents and visits.
 * @param documents the thread's documents, in any order (they are put in thread order here)
 * @param visits visits of this thread's mandate linked to the thread
 * @param today `YYYY-MM-DD`; a visit starting after it is scheduled, not completed
 * @throws Error when the thread has neither an opening request/invitation nor a visit
 */
export function deriveStatus(documents: readonly StatusDocument[], visits: readonly StatusVisit[], today: string): DerivedStatus {
  const ordered = orderDocuments(documents);
  const detail: StatusDetail = {
    acknowledged: false,
    reminders: 0,
    lastReminderOn: null,
    datesProposed: false,
    proposedStart: null,
    proposedEnd: null,
    postponed: false,
    declined: false,
    withdrawn: false,
    visitScheduled: false,
  };
  const reasons: string[] = [];
  const step = (doc: StatusDocument, text: string) => reasons.push(`${doc.date ?? 'undated'}: ${text}`);
  let status: Status | null = null;
  let hasRequest = false;

  for (const doc of ordered) {
    switch (doc.type) {
      case 'request':
        if (status === null) {
          status = 'pending';
          hasRequest = true;
          step(doc, 'request sent: pending');
        }
        break;
      case 'invitation':
        if (status === null) {
          status = 'invitation';
          step(doc, 'invitation from the State: invitation');
        } else if (hasRequest && status === 'pending') {
          status = 'accepted';
          step(doc, 'invitation after the mandate’s request counts as acceptance: accepted');
        }
        break;
      case 'acknowledgement':
        detail.acknowledged = true;
        step(doc, 'acknowledgement (not an acceptance): status unchanged');
        break;
      case 'reminder':
        detail.reminders++;
        if (doc.date && (detail.lastReminderOn === null || doc.date > detail.lastReminderOn)) detail.lastReminderOn = doc.date;
        step(doc, `reminder ${detail.reminders} (not a new request): status unchanged`);
        break;
      case 'acceptance':
        status = 'accepted';
        detail.declined = false;
        detail.withdrawn = false;
        step(doc, 'acceptance in principle: accepted');
        break;
      case 'dates_proposal':
        status = 'accepted';
        detail.datesProposed = true;
        detail.postponed = false;
        detail.proposedStart = doc.proposed_start ?? null;
        detail.proposedEnd = doc.proposed_end ?? null;
        step(doc, 'dates proposed: accepted');
        break;
      case 'postponement':
        status = 'accepted';
        detail.postponed = true;
        step(doc, 'visit postponed (not a refusal): accepted');
        break;
      case 'declination':
        status = 'refused';
        detail.declined = true;
        step(doc, 'declined: refused');
        break;
      case 'cancellation':
        status = 'refused';
        detail.withdrawn = true;
        step(doc, 'cancelled or withdrawn: refused');
        break;
    }
  }

  for (const visit of visits) {
    if (visit.start && earliestDay(visit.start) > today) {
      detail.visitScheduled = true;
      // a visit with dates set is an agreed visit: accepted, not yet done (DOMAIN.md)
      if (status === 'pending' || status === 'invitation' || status === null) {
        status = 'accepted';
        reasons.push(`${visit.start}: visit scheduled: accepted`);
      }
      continue;
    }
    status = 'completed';
    reasons.push(`${visit.start ?? 'undated'}: visit took place: completed`);
  }
  if (status === null) throw new Error('A visit request needs an opening request or invitation, or a visit');
  return { status, detail, reasons };
}

/** The words of each flag of the detail, as {@link describeDetail} writes them (the import reads them back from an exported list). */
export const DETAIL_WORDS = {
  acknowledged: 'acknowledged',
  datesProposed: 'dates proposed',
  postponed: 'postponed',
  declined: 'declined',
  withdrawn: 'withdrawn or cancelled',
  visitScheduled: 'visit scheduled',
} as const satisfies Partial<Record<keyof StatusDetail, string>>;

/** How {@link describeDetail} writes a count of reminders: "reminded once", "reminded 2 times". */
const remindedWords = (n: number) => (n === 1 ? 'reminded once' : `reminded ${n} times`);

/**
 * A short human reading of the detail beside the status, e.g. "acknowledged, reminded 2 times".
 */
export function describeDetail(detail: StatusDetail): string {
  const parts: string[] = [];
  if (detail.acknowledged) parts.push(DETAIL_WORDS.acknowledged);
  if (detail.reminders > 0) parts.push(remindedWords(detail.reminders));
  for (const flag of ['datesProposed', 'postponed', 'declined', 'withdrawn', 'visitScheduled'] as const) if (detail[flag]) parts.push(DETAIL_WORDS[flag]);
  return parts.join(', ');
}

/** A document as {@link deriveMilestones} reads it: the status fields plus who sent it. */
export interface MilestoneDocument extends StatusDocument {
  direction: Direction;
}

/**
 * When a thread passed the steps the cooperation indicators count (db/indicators.ts), cached on
 * the thread beside its status. Each is the first such document or visit: a partial date, `''`
 * when the first one is undated (known to have happened, at no known date: it counts "as of" any
 * day and "in" no year, and sorts before every date), or null when there is none.
 * Only a thread opened by a request has the four document steps; every thread has `visitedOn`.
 * Milestones read dates, not the thread order of {@link orderDocuments}: an undated document
 * gives '' wherever that order places it (the order borrows a neighbour's date to place it; a
 * milestone never invents a date). Whether a thread is still pending does not depend on the
 * order either (no document makes a decided thread pending again), so `decidedOn` and
 * {@link deriveStatus} agree on it.
 */
export interface Milestones {
  /** No longer pending: an acceptance, dates proposal, postponement, declination, cancellation, or an invitation (the acceptance of the request). */
  decidedOn: string | null;
  /** Accepted: an acceptance, dates proposal, postponement or invitation (status.ts makes each of these accepted). */
  acceptedOn: string | null;
  /** Any answer from the State: an acknowledgement or a substantive answer (domain-practice 8.6). */
  answeredOn: string | null;
  /** A substantive answer from the State: acceptance, invitation, dates, postponement, declination or cancellation. */
  substantiveOn: string | null;
  /** The first visit linked to the thread (official or not, as for its status). */
  visitedOn: string | null;
}

const ACCEPTING_STEPS: ReadonlySet<DocumentType> = new Set(['acceptance', 'dates_proposal', 'postponement', 'invitation']);
const DECIDING_STEPS: ReadonlySet<DocumentType> = new Set([...ACCEPTING_STEPS, 'declination', 'cancellation']);
const ANSWERS: ReadonlySet<DocumentType> = new Set([...DECIDING_STEPS, 'acknowledgement']);

/** The first of some dates: null for none, '' when one is undated (it is known, and before any date), else the earliest. */
export function firstOf(dates: readonly (string | null)[]): string | null {
  if (dates.length === 0) return null;
  if (dates.some((d) => d === null)) return '';
  return dates.reduce((a, b) => (b! < a! ? b : a));
}

/**
 * The milestones of a thread from its documents and linked visits (see {@link Milestones}).
 * @param openedBy the thread's opening document type (`visit_requests.opened_by`).
 */
export function deriveMilestones(documents: readonly MilestoneDocument[], visits: readonly StatusVisit[], openedBy: 'request' | 'invitation' | null): Milestones {
  const byRequest = openedBy === 'request';
  const dates = (keep: (d: MilestoneDocument) => boolean) => (byRequest ? firstOf(documents.filter(keep).map((d) => d.date)) : null);
  return {
    decidedOn: dates((d) => DECIDING_STEPS.has(d.type)),
    acceptedOn: dates((d) => ACCEPTING_STEPS.has(d.type)),
    answeredOn: dates((d) => d.direction === 'from_state' && ANSWERS.has(d.type)),
    substantiveOn: dates((d) => d.direction === 'from_state' && DECIDING_STEPS.has(d.type)),
    visitedOn: firstOf(visits.map((v) => v.start)),
  };
}
