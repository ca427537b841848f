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
export const DIRECTIONS = ['to_state', 'from_state'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DOCUMENT_FORMS = ['letter', 'note_verbale'] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

/** The five statuses users sort by; derived from documents and visits, never typed. */
export const STATUSES = ['pending', 'invitation', 'accepted', 'completed', 'refused'] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ['high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
