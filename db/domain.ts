/**
 * The field's fixed vocabularies (DOMAIN.md), shared by the schema, the contract and the UI.
 */

export const REGIONAL_GROUPS = [
  'African',
  'Asia-Pacific',
  'Eastern European',
  'Latin American and Caribbean',
  'Western European and Others',
] as const;
export type RegionalGroup = (typeof REGIONAL_GROUPS)[number];

/** member: one of the 193 UN Member States; observer: Holy See, State of Palestine; territory: e.g. Kosovo. */
export const STATE_KINDS = ['member', 'observer', 'territory'] as const;
export type StateKind = (typeof STATE_KINDS)[number];

export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MANDATE_KINDS = ['thematic', 'country'] as const;
export type MandateKind = (typeof MANDATE_KINDS)[number];

/** Document types as the OHCHR country-visits database files them (DOMAIN.md table). */
export const DOCUMENT_TYPES = [
  'request',
  'invitation',
  'acknowledgement',
  'reminder',
  'acceptance',
  'dates_proposal',
  'declination',
  'postponement',
  'cancellation',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** to_state: from the mandate holder to the State; from_state: from the State to the holder. */
/** A document type in words, with its article, for messages: "an acknowledgement", "a dates proposal". */
export function aDocument(type: DocumentType): string {
  const words = type.replace('_', ' ');
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

export const DIRECTIONS = ['to_state', 'from_state'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Document types whose direction the field fixes: the holder requests and reminds, the State invites. */
export const FIXED_DIRECTION: Partial<Record<DocumentType, Direction>> = { request: 'to_state', reminder: 'to_state', invitation: 'from_state' };

/**
 * The direction a document of `type` has when none is given, on a thread opened by a request or
 * by an invitation: the fixed one; an acknowledgement, acceptance or declination answers the
 * opening (the State answers a request, the holder an invitation); any other comes from the State.
 */
export function usualDirection(type: DocumentType, openedBy: 'request' | 'invitation' | null): Direction {
  const fixed = FIXED_DIRECTION[type];
  if (fixed) return fixed;
  if (type === 'acknowledgement' || type === 'acceptance' || type === 'declination') return openedBy === 'invitation' ? 'to_state' : 'from_state';
  return 'from_state';
}

export const DOCUMENT_FORMS = ['letter', 'note_verbale'] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

/** The five statuses users sort by; derived from documents and visits, never typed. */
export const STATUSES = ['pending', 'invitation', 'accepted', 'completed', 'refused'] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ['high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * The decision the yearly review records for each pending (or accepted-but-no-dates) request
 * (DOMAIN.md, "The yearly review of pending requests"): remind the State, keep the request
 * without a reminder this year, or withdraw it (no longer a priority).
 */
export const REVIEW_DECISIONS = ['remind', 'keep', 'withdraw'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * How reminders are grouped into letters: one letter per request, or one per State grouping the
 * mandate's requests to it.
 */
export const LETTER_GROUPINGS = ['per_request', 'per_state'] as const;
export type LetterGrouping = (typeof LETTER_GROUPINGS)[number];

/**
 * The English possessive of the mandate holder in a note verbale ("presents her compliments").
 * French and Spanish formulas need none ("présente ses compliments", "saluda atentamente").
 */
export const LETTER_PRONOUNS = ['her', 'his', 'their', 'its'] as const;
export type LetterPronoun = (typeof LETTER_PRONOUNS)[number];

/**
 * Which "past five years" the cooperation indicators count (db/indicators.ts fiveYearWindow):
 * the five before the reporting year, as the annual report's text counts them, or the five
 * ending with it, as its statistical annex titles its table.
 */
export const WINDOW_KINDS = ['report-text', 'annex'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];
