import { sql, type Kysely } from 'kysely';

/**
 * The requests list (db/queries.ts listRequests) over 100,000 threads: a filtered, sorted page in
 * a few milliseconds. Reading a thread's row costs about 1.5 µs, so a filter that keeps a few
 * thousand threads must find them, and their sort keys, in an index alone. The three indexes of
 * 0001 such filters start from are rebuilt wider under the same names and leading columns (by
 * which foreign keys, the 0001 triggers, reviews and visits look threads up): after the filter
 * columns they carry the other filter columns and every sort key but the mandate's title (long;
 * a list filtered to a few mandates hardly needs it from an index) and, in the State index, the
 * group (the State's own). They serve the filters on mandates, on States (and the search, which
 * finds States and mandates by name, then their threads) and on regional group with years.
 * The other list indexes of 0001 stay as they are: the thin sort indexes, one per sort column,
 * which the list walks in sort order when the filter keeps many threads, and (status, opened_on).
 * No index is added: each costs every thread written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `DROP INDEX visit_requests_mandate`,
    `DROP INDEX visit_requests_state`,
    `DROP INDEX visit_requests_group_opened_on`,
    `CREATE INDEX visit_requests_mandate ON visit_requests
      (mandate_id, status, state_key, opened_on, reminder_count, last_document_on, regional_group, state_code)`,
    `CREATE INDEX visit_requests_state ON visit_requests
      (state_code, status, mandate_id, state_key, opened_on, reminder_count, last_document_on)`,
    `CREATE INDEX visit_requests_group_opened_on ON visit_requests
      (regional_group, opened_on, status, mandate_id, state_code, state_key, reminder_count, last_document_on)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
