/**
 * Reminder letters of the yearly review: the facts a letter states, worked out from a thread's
 * documents by plain functions (no database, no wording). db/letterTemplates.ts words them in
 * English, French or Spanish; db/letterStore.ts feeds them from the database.
 *
 * Sources: DOMAIN.md "The yearly review of pending requests" and the reminder letter's parts;
 * domain-practice.md §4 (parts of a reminder), §5 (language of correspondence), §6 (how
 * predecessors' requests carry over: "my predecessor"), §7 (standing invitations).
 */
import type { Direction, DocumentForm, Language, LetterGrouping, LetterPronoun, MandateKind } from './domain';
import { earliestDay, latestDay } from './partialDate';
import { deriveStatus, orderDocuments, type DerivedStatus, type StatusDocument, type StatusVisit } from './status';

/** A document of a thread as the letter facts read it. */
export interface ThreadDocument extends StatusDocument {
  direction: Direction;
  signed_by_holder_id: number | null;
}

/** A holder of the mandate with the term as entered (partial dates, either may be unknown). */
export interface HolderTerm {
  id: number;
  name: string;
  term_start: string | null;
  term_end: string | null;
}

/** Why a thread is on the review: a request with no answer of substance, or an acceptance in principle with no dates in hand. */
export type ReviewKind = 'pending' | 'accepted_without_dates';
/** Who sent the opening request, seen from the holder writing now. */
export type RequestedBy = 'this_holder' | 'predecessor' | 'unknown';
/** A plain reminder of a request, or (the State already accepted) a request to agree dates. */
export type LetterVariant = 'reminder' | 'dates_request';

/**
 * Whether a thread belongs on the yearly review, and why.
 * - pending: requested, maybe acknowledged and reminded, no answer of substance;
 * - accepted_without_dates: accepted in principle, and either no dates were ever proposed or the
 *   visit was postponed after the last dates proposal (the dates then have to be agreed again).
 * A thread with a visit scheduled (linked, starting after today) has its dates: not on the review.
 * Rule source: DOMAIN.md ("For each pending (and accepted-but-no-dates) request").
 * @param today `YYYY-MM-DD`
 * @returns the kind, or null when the thread is not reviewed (invitation, completed, refused, dates in hand)
 */
export function reviewKind(documents: readonly StatusDocument[], visits: readonly StatusVisit[], today: string): { kind: ReviewKind | null; derived: DerivedStatus } {
  const derived = deriveStatus(documents, visits, today);
  const { status, detail } = derived;
  if (detail.visitScheduled) return { kind: null, derived };
  if (status === 'pending') return { kind: 'pending', derived };
  if (status === 'accepted' && (!detail.datesProposed || detail.postponed)) return { kind: 'accepted_without_dates', derived };
  return { kind: null, derived };
}

/**
 * The holder of the mandate on `day`: the one whose term can include that day (an unknown start
 * or end is open), the latest-starting one when terms overlap. Null when no term covers the day.
 * @param day `YYYY-MM-DD`
 */
export function currentHolder<H extends HolderTerm>(holders: readonly H[], day: string): H | null {
  const covering = holders.filter((h) => (h.term_start === null || earliestDay(h.term_start) <= day) && (h.term_end === null || latestDay(h.term_end) >= day));
  covering.sort((a, b) => (a.term_start ?? '').localeCompare(b.term_start ?? '') || a.id - b.id);
  return covering.at(-1) ?? null;
}

/**
 * Who sent a thread's opening request, as the holder writing now says it ("I" or "my predecessor").
 * 1. Signed by a holder: the writer themself, or an earlier holder of the mandate (a predecessor).
 *    A signer whose term surely starts after the writer's is a data error: unknown.
 * 2. Not signed: by the request's date against the writer's term start, only when sure:
 *    a request surely before the term started is a predecessor's; one surely after is the writer's.
 *    "2020" against a term starting "2020-05" could be either: unknown.
 * 3. No writer known: unknown (nobody can say "my predecessor").
 * Requests belong to the mandate, not the person (domain-practice.md §6), so "unknown" letters
 * simply speak of "the request" without naming who sent it.
 */
export function requestedBy(
  opener: { date: string | null; signed_by_holder_id: number | null },
  holders: readonly HolderTerm[],
  writer: HolderTerm | null,
): { by: RequestedBy; holder: HolderTerm | null } {
  if (!writer) return { by: 'unknown', holder: holders.find((h) => h.id === opener.signed_by_holder_id) ?? null };
  if (opener.signed_by_holder_id !== null) {
    const signer = holders.find((h) => h.id === opener.signed_by_holder_id) ?? null;
    if (opener.signed_by_holder_id === writer.id) return { by: 'this_holder', holder: writer };
    if (signer?.term_start && writer.term_start && earliestDay(signer.term_start) > latestDay(writer.term_start)) return { by: 'unknown', holder: signer };
    return { by: 'predecessor', holder: signer };
  }
  if (opener.date && writer.term_start) {
    if (latestDay(opener.date) < earliestDay(writer.term_start)) {
      // the predecessor by name, when exactly one earlier term surely covers the date
      const covering = holders.filter(
        (h) => h.id !== writer.id && h.term_start !== null && latestDay(h.term_start) <= earliestDay(opener.date!) && (h.term_end === null || earliestDay(h.term_end) >= latestDay(opener.date!)),
      );
      return { by: 'predecessor', holder: covering.length === 1 ? covering[0]! : null };
    }
    if (earliestDay(opener.date) >= latestDay(writer.term_start)) return { by: 'this_holder', holder: writer };
  }
  return { by: 'unknown', holder: null };
}

/** What a letter says about one thread. Dates are partial ISO dates, in thread order. */
export interface RequestFacts {
  requestId: number;
  /** Why it is on the review (null: it no longer qualifies, e.g. the State answered after the letter was prepared). */
  kind: ReviewKind | null;
  variant: LetterVariant;
  /** The opening request's date (null when undated). */
  requestedOn: string | null;
  requestedBy: RequestedBy;
  requestedByHolder: string | null;
  /** Dates of the earlier reminders (dated ones), oldest first. */
  reminders: string[];
  undatedReminders: number;
  /** Dates of the State's acknowledgements of receipt, oldest first. */
  acknowledgements: string[];
  undatedAcknowledgements: number;
  /** The State's acceptance in principle (dates_request variant only); null when undated or not accepted. */
  acceptedOn: string | null;
  /** The postponement after the last dates proposal, when the visit was postponed; `undated` when its date is unknown. */
  postponedOn: string | null | 'undated';
}

/**
 * The facts of one thread for its reminder letter, when it belongs on the review.
 * @param documents the thread's documents (any order)
 * @param writer the holder who signs the letter (null when no holder is on record)
 * @param today `YYYY-MM-DD`
 * @returns null when the thread does not belong on the review (see {@link reviewKind})
 */
export function requestFacts(
  requestId: number,
  documents: readonly ThreadDocument[],
  visits: readonly StatusVisit[],
  holders: readonly HolderTerm[],
  writer: HolderTerm | null,
  today: string,
): RequestFacts | null {
  const facts = threadFacts(requestId, documents, visits, holders, writer, today);
  return facts.kind ? facts : null;
}

/**
 * The facts of one thread for a letter, whatever its status now (a letter prepared before the
 * State answered still has to be shown): `kind` is null when the thread no longer belongs on the
 * review, and the variant then follows the status (accepted: dates request; otherwise reminder).
 */
export function threadFacts(
  requestId: number,
  documents: readonly ThreadDocument[],
  visits: readonly StatusVisit[],
  holders: readonly HolderTerm[],
  writer: HolderTerm | null,
  today: string,
): RequestFacts {
  const { kind, derived } = reviewKind(documents, visits, today);
  const ordered = orderDocuments(documents);
  const opener = ordered[0] ?? null;
  const by = opener ? requestedBy(opener, holders, writer) : { by: 'unknown' as const, holder: null };
  const ofType = (type: ThreadDocument['type'], direction?: Direction) => ordered.filter((d) => d.type === type && (!direction || d.direction === direction));
  const reminders = ofType('reminder');
  const acknowledgements = ofType('acknowledgement', 'from_state');
  const variant: LetterVariant = kind === 'accepted_without_dates' || (kind === null && derived.status === 'accepted') ? 'dates_request' : 'reminder';
  const acceptance = ordered.find((d) => d.type === 'acceptance' || d.type === 'dates_proposal' || (d.type === 'invitation' && d !== opener));
  const lastProposal = ordered.findLastIndex((d) => d.type === 'dates_proposal');
  const postponement = ordered.slice(lastProposal + 1).findLast((d) => d.type === 'postponement');
  return {
    requestId,
    kind,
    variant,
    requestedOn: opener?.date ?? null,
    requestedBy: by.by,
    requestedByHolder: by.holder?.name ?? null,
    reminders: reminders.flatMap((d) => (d.date ? [d.date] : [])),
    undatedReminders: reminders.filter((d) => !d.date).length,
    acknowledgements: acknowledgements.flatMap((d) => (d.date ? [d.date] : [])),
    undatedAcknowledgements: acknowledgements.filter((d) => !d.date).length,
    acceptedOn: variant === 'dates_request' ? (acceptance?.date ?? null) : null,
    postponedOn: variant === 'dates_request' && postponement ? (postponement.date ?? 'undated') : null,
  };
}

/**
 * Groups the threads to remind into letters, keeping the order given (the caller sorts by State).
 * per_request: one letter per thread; per_state: one letter per State with all the mandate's
 * threads to it (the caller passes one mandate's threads).
 * @returns the request ids of each letter
 */
export function groupIntoLetters(items: readonly { requestId: number; stateCode: string }[], grouping: LetterGrouping): number[][] {
  if (grouping === 'per_request') return items.map((i) => [i.requestId]);
  const byState = new Map<string, number[]>();
  for (const item of items) {
    const group = byState.get(item.stateCode);
    if (group) group.push(item.requestId);
    else byState.set(item.stateCode, [item.requestId]);
  }
  return [...byState.values()];
}

/** A State as a letter names and addresses it. */
export interface LetterState {
  code: string;
  name_en: string;
  name_fr: string;
  name_es: string;
  standing_invitation: boolean;
  standing_invitation_since: string | null;
  mission_address: string;
}

/** A mandate's letter settings with every default filled in (db/letterStore.ts effectiveSettings). */
export interface EffectiveLetterSettings {
  /** Letterhead lines, printed at the top of every letter. */
  letterhead: string[];
  /** Signature lines of a letter in each language (a note verbale is unsigned). */
  signature: Record<Language, string[]>;
  referencePattern: string;
  defaultForm: DocumentForm;
  pronoun: LetterPronoun;
  /** The mandate as the subject of a note verbale, with its article ("The Special Rapporteur on ..."). */
  title: Record<Language, string>;
  /** Resolution(s) of the Human Rights Council on the mandate, e.g. "49/13"; '' to leave out. */
  resolution: string;
  /** Contact point at OHCHR for the reply; '' to leave out. */
  contact: string;
  /** What had to be defaulted in a way the assistant should check (e.g. no French title). */
  warnings: string[];
}

/** Everything one letter says, before wording. */
export interface LetterFacts {
  language: Language;
  form: DocumentForm;
  /** The date written on the letter, `YYYY-MM-DD`. */
  letterDate: string;
  reference: string;
  mandateKind: MandateKind;
  state: LetterState;
  /** The standing invitation sentence applies: thematic mandate and a State with a standing invitation. */
  standingInvitation: { since: string | null } | null;
  requests: (RequestFacts & { reason: string })[];
  proposedStart: string | null;
  proposedEnd: string | null;
  settings: EffectiveLetterSettings;
}

/**
 * Assembles a letter's facts.
 * The standing invitation is mentioned only for a thematic mandate: a standing invitation is an
 * open invitation to thematic mandate holders (DOMAIN.md, cooperation indicators; practice §7).
 */
export function letterFacts(input: {
  language: Language;
  form: DocumentForm;
  letterDate: string;
  reference: string;
  mandateKind: MandateKind;
  state: LetterState;
  requests: (RequestFacts & { reason: string })[];
  proposedStart?: string | null;
  proposedEnd?: string | null;
  settings: EffectiveLetterSettings;
}): LetterFacts {
  return {
    language: input.language,
    form: input.form,
    letterDate: input.letterDate,
    reference: input.reference,
    mandateKind: input.mandateKind,
    state: input.state,
    standingInvitation: input.mandateKind === 'thematic' && input.state.standing_invitation ? { since: input.state.standing_invitation_since } : null,
    requests: input.requests,
    proposedStart: input.proposedStart ?? null,
    proposedEnd: input.proposedEnd ?? null,
    settings: input.settings,
  };
}

const REFERENCE_TOKENS = ['year', 'state', 'n', 'short'] as const;
/** The placeholders a reference pattern may use: {year}, {state}, {n}, {short}. */
export const REFERENCE_TOKEN_PATTERN = /\{([a-z]+)\}/g;

/** The unknown placeholders of a reference pattern ("{yr}" -> ["yr"]); empty when it is fine. */
export function unknownReferenceTokens(pattern: string): string[] {
  return [...pattern.matchAll(REFERENCE_TOKEN_PATTERN)].map((m) => m[1]!).filter((t) => !(REFERENCE_TOKENS as readonly string[]).includes(t));
}

/**
 * A letter's reference from the mandate's pattern: {year} the review's year, {state} the State's
 * code, {n} the letter's number in the review's batch, {short} the mandate's short name.
 * "{short}/{year}/{n}" -> "SR food/2026/3".
 */
export function formatReference(pattern: string, values: { year: number; state: string; n: number; short: string }): string {
  return pattern.replace(REFERENCE_TOKEN_PATTERN, (whole, token: string) => {
    switch (token) {
      case 'year':
        return String(values.year);
      case 'state':
        return values.state;
      case 'n':
        return String(values.n);
      case 'short':
        return values.short;
      default:
        return whole;
    }
  });
}
