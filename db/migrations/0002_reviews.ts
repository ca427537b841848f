import { sql, type Kysely } from 'kysely';
import { DOCUMENT_FORMS, LANGUAGES, LETTER_PRONOUNS, REVIEW_DECISIONS } from '../domain';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const PARTIAL_DATE = (col: string) =>
  `(${col} IS NULL OR ${col} GLOB '[12][0-9][0-9][0-9]' OR ${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]' OR ${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')`;
const DAY = (col: string) => `(${col} IS NULL OR ${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')`;

/**
 * The yearly review of pending requests and its reminder letters (DOMAIN.md, "The yearly review
 * of pending requests"):
 * - reviews: one per mandate and year; closing it is a recorded act (closed_at, closed_on, note);
 * - review_decisions: one per review and thread (remind / keep / withdraw), with the internal note
 *   and, for a reminder, the sentence the letter gives as why the visit remains a priority;
 *   withdrawal_document_id is the cancellation recorded on the thread when the review closed;
 * - mandate_letter_settings: letterhead, signature, reference pattern, titles per language;
 * - letters + letter_requests: one letter per request or per State (one or more threads), its
 *   language and form, the assistant's edited text, when it was printed and when it was confirmed
 *   sent, and the reminder document recorded on each thread at confirmation.
 * Threads deleted by the user take their decisions and letter links with them (CASCADE); a
 * deleted reminder or cancellation document leaves the link empty (SET NULL) rather than blocking.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE reviews (
      id INTEGER PRIMARY KEY,
      mandate_id INTEGER NOT NULL REFERENCES mandates (id),
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      started_at TEXT NOT NULL,
      closed_at TEXT,
      closed_on TEXT CHECK ${DAY('closed_on')},
      closed_note TEXT NOT NULL DEFAULT '',
      UNIQUE (mandate_id, year),
      CHECK ((closed_at IS NULL) = (closed_on IS NULL))
    ) STRICT`,
    `CREATE TABLE review_decisions (
      id INTEGER PRIMARY KEY,
      review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
      request_id INTEGER NOT NULL REFERENCES visit_requests (id) ON DELETE CASCADE,
      decision TEXT NOT NULL CHECK (decision IN (${list(REVIEW_DECISIONS)})),
      note TEXT NOT NULL DEFAULT '',
      reason TEXT NOT NULL DEFAULT '', -- why the visit remains a priority, as the reminder letter says it
      decided_at TEXT NOT NULL,
      withdrawal_document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
      UNIQUE (review_id, request_id),
      CHECK (decision = 'withdraw' OR withdrawal_document_id IS NULL)
    ) STRICT`,
    `CREATE INDEX review_decisions_request ON review_decisions (request_id)`,
    `CREATE TABLE mandate_letter_settings (
      mandate_id INTEGER PRIMARY KEY REFERENCES mandates (id),
      letterhead TEXT NOT NULL DEFAULT '',
      signature TEXT NOT NULL DEFAULT '',
      reference_pattern TEXT NOT NULL DEFAULT '',
      default_form TEXT NOT NULL DEFAULT 'letter' CHECK (default_form IN (${list(DOCUMENT_FORMS)})),
      pronoun TEXT CHECK (pronoun IN (${list(LETTER_PRONOUNS)})),
      title_en TEXT NOT NULL DEFAULT '',
      title_fr TEXT NOT NULL DEFAULT '',
      title_es TEXT NOT NULL DEFAULT '',
      resolution TEXT NOT NULL DEFAULT '',
      contact TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE letters (
      id INTEGER PRIMARY KEY,
      review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
      number INTEGER NOT NULL CHECK (number > 0),
      state_code TEXT NOT NULL REFERENCES states (code) ON UPDATE CASCADE,
      language TEXT NOT NULL CHECK (language IN (${list(LANGUAGES)})),
      form TEXT NOT NULL CHECK (form IN (${list(DOCUMENT_FORMS)})),
      reference TEXT NOT NULL DEFAULT '',
      letter_date TEXT NOT NULL CHECK ${DAY('letter_date')},
      proposed_start TEXT CHECK ${PARTIAL_DATE('proposed_start')},
      proposed_end TEXT CHECK ${PARTIAL_DATE('proposed_end')},
      edited_body TEXT, -- NULL: the generated text; else the assistant's plain text, escaped when rendered
      printed_at TEXT,
      sent_on TEXT CHECK ${DAY('sent_on')},
      sent_confirmed_at TEXT,
      html_as_sent TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (review_id, number),
      CHECK ((sent_on IS NULL) = (sent_confirmed_at IS NULL)),
      CHECK (sent_on IS NULL OR html_as_sent IS NOT NULL)
    ) STRICT`,
    `CREATE INDEX letters_review ON letters (review_id, state_code)`,
    `CREATE TABLE letter_requests (
      letter_id INTEGER NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
      request_id INTEGER NOT NULL REFERENCES visit_requests (id) ON DELETE CASCADE,
      reminder_document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
      PRIMARY KEY (letter_id, request_id)
    ) STRICT`,
    `CREATE INDEX letter_requests_request ON letter_requests (request_id)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
