import { sql, type Kysely } from 'kysely';
import { DOCUMENT_FORMS, DOCUMENT_TYPES, DIRECTIONS, LANGUAGES, MANDATE_KINDS, PRIORITIES, REGIONAL_GROUPS, STATE_KINDS, STATUSES } from '../domain';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const PARTIAL_DATE = (col: string) =>
  `(${col} IS NULL OR ${col} GLOB '[12][0-9][0-9][0-9]' OR ${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]' OR ${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')`;

/**
 * The data core: States and their names, mandates and holders, visit requests as threads of
 * documents, visits (joint, with places), an append-only change log, settings.
 * CHECK constraints repeat the vocabularies of db/domain.ts so that even a hand-edited database
 * cannot hold a status or document type the app does not know.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE states (
      code TEXT PRIMARY KEY CHECK (length(code) = 3 AND code = upper(code)),
      name_en TEXT NOT NULL CHECK (length(trim(name_en)) > 0),
      name_fr TEXT NOT NULL,
      name_es TEXT NOT NULL,
      name_key TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN (${list(STATE_KINDS)})),
      regional_group TEXT CHECK (regional_group IN (${list(REGIONAL_GROUPS)})),
      standing_invitation INTEGER NOT NULL DEFAULT 0 CHECK (standing_invitation IN (0, 1)),
      standing_invitation_since TEXT CHECK ${PARTIAL_DATE('standing_invitation_since')},
      correspondence_language TEXT NOT NULL DEFAULT 'en' CHECK (correspondence_language IN (${list(LANGUAGES)})),
      mission_address TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL,
      CHECK (kind <> 'member' OR regional_group IS NOT NULL)
    ) STRICT`,
    `CREATE INDEX states_name_key ON states (name_key)`,
    `CREATE TABLE state_names (
      id INTEGER PRIMARY KEY,
      state_code TEXT NOT NULL REFERENCES states (code) ON UPDATE CASCADE ON DELETE CASCADE,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('former', 'alias')),
      until TEXT CHECK ${PARTIAL_DATE('until')},
      UNIQUE (state_code, name_key)
    ) STRICT`,
    `CREATE INDEX state_names_name_key ON state_names (name_key)`,
    `CREATE TABLE mandates (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      title_key TEXT NOT NULL UNIQUE,
      short_name TEXT NOT NULL DEFAULT '',
      short_key TEXT NOT NULL DEFAULT '',
      kind TEXT NOT NULL CHECK (kind IN (${list(MANDATE_KINDS)})),
      subject_state_code TEXT REFERENCES states (code) ON UPDATE CASCADE,
      established TEXT CHECK ${PARTIAL_DATE('established')},
      ended TEXT CHECK ${PARTIAL_DATE('ended')},
      notes TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL,
      CHECK (kind = 'country' OR subject_state_code IS NULL)
    ) STRICT`,
    `CREATE INDEX mandates_short_key ON mandates (short_key)`,
    `CREATE TABLE mandate_holders (
      id INTEGER PRIMARY KEY,
      mandate_id INTEGER NOT NULL REFERENCES mandates (id),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      term_start TEXT CHECK ${PARTIAL_DATE('term_start')},
      term_end TEXT CHECK ${PARTIAL_DATE('term_end')},
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX mandate_holders_mandate ON mandate_holders (mandate_id)`,
    `CREATE TABLE visit_requests (
      id INTEGER PRIMARY KEY,
      mandate_id INTEGER NOT NULL REFERENCES mandates (id),
      state_code TEXT NOT NULL REFERENCES states (code) ON UPDATE CASCADE,
      priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN (${list(PRIORITIES)})),
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN (${list(STATUSES)})),
      status_text TEXT NOT NULL DEFAULT '', -- describeDetail() of the derived detail
      opened_by TEXT CHECK (opened_by IN ('request', 'invitation')),
      opened_on TEXT CHECK ${PARTIAL_DATE('opened_on')},
      opened_by_holder_id INTEGER REFERENCES mandate_holders (id),
      last_document_on TEXT,
      last_document_type TEXT,
      reminder_count INTEGER NOT NULL DEFAULT 0,
      last_reminder_on TEXT,
      -- copies of the State's and mandate's sort keys and group, kept by triggers below, so the
      -- requests list filters and sorts on one table with indexes (100,000 rows in milliseconds)
      state_key TEXT NOT NULL DEFAULT '',
      mandate_key TEXT NOT NULL DEFAULT '',
      regional_group TEXT
    ) STRICT`,
    `CREATE TRIGGER visit_requests_keys_on_insert AFTER INSERT ON visit_requests BEGIN
      UPDATE visit_requests SET
        state_key = (SELECT name_key FROM states WHERE code = NEW.state_code),
        regional_group = (SELECT regional_group FROM states WHERE code = NEW.state_code),
        mandate_key = (SELECT title_key FROM mandates WHERE id = NEW.mandate_id)
      WHERE id = NEW.id;
    END`,
    `CREATE TRIGGER visit_requests_keys_on_move AFTER UPDATE OF state_code, mandate_id ON visit_requests BEGIN
      UPDATE visit_requests SET
        state_key = (SELECT name_key FROM states WHERE code = NEW.state_code),
        regional_group = (SELECT regional_group FROM states WHERE code = NEW.state_code),
        mandate_key = (SELECT title_key FROM mandates WHERE id = NEW.mandate_id)
      WHERE id = NEW.id;
    END`,
    `CREATE TRIGGER states_keys_to_requests AFTER UPDATE OF name_key, regional_group ON states BEGIN
      UPDATE visit_requests SET state_key = NEW.name_key, regional_group = NEW.regional_group WHERE state_code = NEW.code;
    END`,
    `CREATE TRIGGER mandates_keys_to_requests AFTER UPDATE OF title_key ON mandates BEGIN
      UPDATE visit_requests SET mandate_key = NEW.title_key WHERE mandate_id = NEW.id;
    END`,
    `CREATE INDEX visit_requests_mandate ON visit_requests (mandate_id, status)`,
    `CREATE INDEX visit_requests_state ON visit_requests (state_code, status)`,
    // one index per sort column of the list, ties by State name then id
    `CREATE INDEX visit_requests_by_state ON visit_requests (state_key)`,
    `CREATE INDEX visit_requests_by_mandate ON visit_requests (mandate_key, state_key)`,
    `CREATE INDEX visit_requests_by_status ON visit_requests (status, state_key)`,
    `CREATE INDEX visit_requests_by_group ON visit_requests (regional_group, state_key)`,
    `CREATE INDEX visit_requests_by_reminders ON visit_requests (reminder_count, state_key)`,
    `CREATE INDEX visit_requests_by_opened_on ON visit_requests (opened_on)`,
    // the usual filters with a year range or date sort, answered from the index alone
    `CREATE INDEX visit_requests_status_opened_on ON visit_requests (status, opened_on)`,
    `CREATE INDEX visit_requests_group_opened_on ON visit_requests (regional_group, opened_on)`,
    `CREATE INDEX visit_requests_by_last_document ON visit_requests (last_document_on)`,
    `CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL REFERENCES visit_requests (id),
      type TEXT NOT NULL CHECK (type IN (${list(DOCUMENT_TYPES)})),
      direction TEXT NOT NULL CHECK (direction IN (${list(DIRECTIONS)})),
      date TEXT CHECK ${PARTIAL_DATE('date')},
      form TEXT CHECK (form IN (${list(DOCUMENT_FORMS)})),
      language TEXT CHECK (language IN (${list(LANGUAGES)})),
      reference TEXT NOT NULL DEFAULT '',
      signed_by_holder_id INTEGER REFERENCES mandate_holders (id),
      proposed_start TEXT CHECK ${PARTIAL_DATE('proposed_start')},
      proposed_end TEXT CHECK ${PARTIAL_DATE('proposed_end')},
      notes TEXT NOT NULL DEFAULT '',
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX documents_request ON documents (request_id, date)`,
    `CREATE INDEX documents_signed_by ON documents (signed_by_holder_id)`,
    `CREATE TABLE visits (
      id INTEGER PRIMARY KEY,
      subject_state_code TEXT NOT NULL REFERENCES states (code) ON UPDATE CASCADE,
      start TEXT CHECK ${PARTIAL_DATE('start')},
      "end" TEXT CHECK ${PARTIAL_DATE('"end"')},
      official INTEGER NOT NULL DEFAULT 1 CHECK (official IN (0, 1)),
      report_symbol TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX visits_subject ON visits (subject_state_code, start)`,
    `CREATE TABLE visit_mandates (
      visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      mandate_id INTEGER NOT NULL REFERENCES mandates (id),
      request_id INTEGER REFERENCES visit_requests (id),
      PRIMARY KEY (visit_id, mandate_id)
    ) STRICT`,
    `CREATE INDEX visit_mandates_request ON visit_mandates (request_id)`,
    `CREATE INDEX visit_mandates_mandate ON visit_mandates (mandate_id)`,
    `CREATE TABLE visit_places (
      visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      state_code TEXT NOT NULL REFERENCES states (code) ON UPDATE CASCADE,
      PRIMARY KEY (visit_id, state_code)
    ) STRICT`,
    `CREATE TABLE change_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
      before TEXT,
      after TEXT,
      source TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX change_log_entity ON change_log (entity, entity_id)`,
    `CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END`,
    `CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
      BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END`,
    `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
