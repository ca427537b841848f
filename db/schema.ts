/**
 * Kysely table types, one interface per table of migrations/0001_initial.ts.
 * Dates are partial ISO text (db/partialDate.ts); timestamps (`*_at`) are ISO UTC instants.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DocumentForm, DocumentType, Direction, Language, MandateKind, Priority, RegionalGroup, StateKind, Status } from './domain';

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
}

export type StateRow = Selectable<StatesTable>;
export type MandateRow = Selectable<MandatesTable>;
export type HolderRow = Selectable<MandateHoldersTable>;
export type RequestRow = Selectable<VisitRequestsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type VisitRow = Selectable<VisitsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type DocumentUpdate = Updateable<DocumentsTable>;
