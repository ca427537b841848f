/**
 * The field's vocabularies for the UI's lists. The renderer may not import db/ at run time, so
 * the values are repeated here; `exhaustive` makes the compiler refuse a list that misses or
 * invents a value of the db/domain.ts type it copies.
 */
import type { DocumentForm, DocumentType, Direction, Language, MandateKind, Priority, RegionalGroup, StateKind, Status } from '../../../db/domain';

/** Accepts the list only when it holds every member of T and nothing else. */
function exhaustive<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : 'missing a value')): L => list;
}

export const STATUSES = exhaustive<Status>()(['pending', 'invitation', 'accepted', 'completed', 'refused']);
export const DOCUMENT_TYPES = exhaustive<DocumentType>()([
  'request',
  'invitation',
  'acknowledgement',
  'reminder',
  'acceptance',
  'dates_proposal',
  'declination',
  'postponement',
  'cancellation',
]);
export const DIRECTIONS = exhaustive<Direction>()(['to_state', 'from_state']);
export const DOCUMENT_FORMS = exhaustive<DocumentForm>()(['letter', 'note_verbale']);
export const LANGUAGES = exhaustive<Language>()(['en', 'fr', 'es']);
export const REGIONAL_GROUPS = exhaustive<RegionalGroup>()([
  'African',
  'Asia-Pacific',
  'Eastern European',
  'Latin American and Caribbean',
  'Western European and Others',
]);
export const STATE_KINDS = exhaustive<StateKind>()(['member', 'observer', 'territory']);
export const MANDATE_KINDS = exhaustive<MandateKind>()(['thematic', 'country']);
export const PRIORITIES = exhaustive<Priority>()(['high', 'normal', 'low']);

/** Document types whose direction is fixed by the field (db/requests.ts FIXED_DIRECTION). */
export const FIXED_DIRECTION: Partial<Record<DocumentType, Direction>> = { request: 'to_state', reminder: 'to_state', invitation: 'from_state' };
/** Types that carry proposed dates. */
export const TYPES_WITH_PROPOSED_DATES: readonly DocumentType[] = ['dates_proposal', 'postponement'];

/** The direction a new document of this type usually has on a thread opened by a request or an invitation. */
export function usualDirection(type: DocumentType, openedBy: 'request' | 'invitation' | null): Direction {
  const fixed = FIXED_DIRECTION[type];
  if (fixed) return fixed;
  if (type === 'acknowledgement' || type === 'acceptance' || type === 'declination') return openedBy === 'invitation' ? 'to_state' : 'from_state';
  return 'from_state';
}

export type { DocumentForm, DocumentType, Direction, Language, MandateKind, Priority, RegionalGroup, StateKind, Status };
