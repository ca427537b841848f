/**
 * Kysely table types, one interface per table of migrations/0001_initial.ts and 0002_reviews.ts.
 * Dates are partial ISO text (db/partialDate.ts); timestamps (`*_at`) are ISO UTC instants.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DocumentForm, DocumentType, Direction, Language, LetterPronoun, MandateKind, Priority, RegionalGroup, ReviewDecision, StateKind, Status } from './domain';

export interface StatesTable {
  code: string;
  name_en: string;
  name_fr: string;
  name_es: string;
  name_key: string;
  kind: StateKind;
  regional_group: RegionalGroup | null;
  standing_invitation: number;
  standing_invitation_since: string | null;
  /** The State withdrew its standing invitation (migration 0005); NULL: it stands. Partial date. */
  standing_invitation_withdrawn: string | null;
  correspondence_language: Language;
  mission_address: string;
  notes: string;
  updated_at: string;
}

export interface StateNamesTable {
  id: Generated<number>;
  state_code: string;
  name: string;
  name_key: string;
  /** former: an earlier official name (with `until`); alias: another common spelling. */
  kind: 'former' | 'alias';
  until: string | null;
}

export interface MandatesTable {
  id: Generated<number>;
  title: string;
  title_key: string;
  short_name: string;
  short_key: string;
  kind: MandateKind;
  subject_state_code: string | null;
  established: string | null;
  ended: string | null;
  notes: string;
  updated_at: string;
}

export interface MandateHoldersTable {
  id: Generated<number>;
  mandate_id: number;
  name: string;
  term_start: string | null;
  term_end: string | null;
  updated_at: string;
}

export interface VisitRequestsTable {
  id: Generated<number>;
  mandate_id: number;
  state_code: string;
  priority: Priority;
  notes: string;
  created_at: string;
  updated_at: string;
  /* Derived cache, rewritten by refreshRequest() from documents and visits after every write. */
  status: Status;
  status_text: string;
  opened_by: 'request' | 'invitation' | null;
  opened_on: string | null;
  opened_by_holder_id: number | null;
  last_document_on: string | null;
  last_document_type: DocumentType | null;
  reminder_count: Generated<number>;
  last_reminder_on: string | null;
  /* Milestones (status.ts deriveMilestones), same cache; '' = undated. Read by db/indicators.ts. */
  decided_on: string | null;
  accepted_on: string | null;
  answered_on: string | null;
  substantive_on: string | null;
  visited_on: string | null;
  /* Copies kept by triggers for the list's indexes. */
  state_key: Generated<string>;
  mandate_key: Generated<string>;
  regional_group: Generated<RegionalGroup | null>;
}

export interface DocumentsTable {
  id: Generated<number>;
  request_id: number;
  type: DocumentType;
  direction: Direction;
  date: string | null;
  form: DocumentForm | null;
  language: Language | null;
  reference: string;
  signed_by_holder_id: number | null;
  proposed_start: string | null;
  proposed_end: string | null;
  notes: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface VisitsTable {
  id: Generated<number>;
  subject_state_code: string;
  start: string | null;
  end: string | null;
  official: number;
  report_symbol: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface VisitMandatesTable {
  visit_id: number;
  mandate_id: number;
  request_id: number | null;
}

export interface VisitPlacesTable {
  visit_id: number;
  state_code: string;
}

export interface ChangeLogTable {
  id: Generated<number>;
  at: string;
  entity: string;
  entity_id: string;
  action: 'create' | 'update' | 'delete';
  before: string | null;
  after: string | null;
  source: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** The yearly review of one mandate's pending requests (migrations/0002_reviews.ts). */
export interface ReviewsTable {
  id: Generated<number>;
  mandate_id: number;
  year: number;
  started_at: string;
  closed_at: string | null;
  /** The calendar day the review was closed (withdrawals are dated on it). */
  closed_on: string | null;
  closed_note: Generated<string>;
}

export interface ReviewDecisionsTable {
  id: Generated<number>;
  review_id: number;
  request_id: number;
  decision: ReviewDecision;
  /** Internal note, shown in next year's review; never printed. */
  note: Generated<string>;
  /** Why the visit remains a priority, as the reminder letter says it (printed, escaped). */
  reason: Generated<string>;
  decided_at: string;
  /** The cancellation document recorded on the thread when the review closed. */
  withdrawal_document_id: number | null;
}

/** A mandate's letter settings; '' means "use the default" (db/letterSettings.ts). */
export interface MandateLetterSettingsTable {
  mandate_id: number;
  letterhead: string;
  signature: string;
  reference_pattern: string;
  default_form: DocumentForm;
  pronoun: LetterPronoun | null;
  title_en: string;
  title_fr: string;
  title_es: string;
  resolution: string;
  contact: string;
  updated_at: string;
}

export interface LettersTable {
  id: Generated<number>;
  review_id: number;
  /** Order in the review's batch (1, 2, ...): the {n} of the reference pattern. */
  number: number;
  state_code: string;
  language: Language;
  form: DocumentForm;
  reference: string;
  /** The date written on the letter, `YYYY-MM-DD`. */
  letter_date: string;
  proposed_start: string | null;
  proposed_end: string | null;
  /** null: the generated text; else the assistant's plain text (escaped when rendered). */
  edited_body: string | null;
  printed_at: string | null;
  /** The day the assistant says it was sent, `YYYY-MM-DD`; the reminder documents carry it. */
  sent_on: string | null;
  sent_confirmed_at: string | null;
  /** The letter exactly as confirmed sent. */
  html_as_sent: string | null;
  /** The plain text as sent (0008); NULL until sent. */
  text_as_sent: string | null;
  created_at: string;
  updated_at: string;
}

export interface LetterRequestsTable {
  letter_id: number;
  request_id: number;
  reminder_document_id: number | null;
}

export interface Database {
  states: StatesTable;
  state_names: StateNamesTable;
  mandates: MandatesTable;
  mandate_holders: MandateHoldersTable;
  visit_requests: VisitRequestsTable;
  documents: DocumentsTable;
  visits: VisitsTable;
  visit_mandates: VisitMandatesTable;
  visit_places: VisitPlacesTable;
  change_log: ChangeLogTable;
  settings: SettingsTable;
  reviews: ReviewsTable;
  review_decisions: ReviewDecisionsTable;
  mandate_letter_settings: MandateLetterSettingsTable;
  letters: LettersTable;
  letter_requests: LetterRequestsTable;
}

export type StateRow = Selectable<StatesTable>;
export type MandateRow = Selectable<MandatesTable>;
export type HolderRow = Selectable<MandateHoldersTable>;
export type RequestRow = Selectable<VisitRequestsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type VisitRow = Selectable<VisitsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type DocumentUpdate = Updateable<DocumentsTable>;
export type ReviewRow = Selectable<ReviewsTable>;
export type ReviewDecisionRow = Selectable<ReviewDecisionsTable>;
export type LetterRow = Selectable<LettersTable>;
export type LetterSettingsRow = Selectable<MandateLetterSettingsTable>;
