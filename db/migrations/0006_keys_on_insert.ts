import { sql, type Kysely } from 'kysely';

/**
 * The copies of the State's and mandate's sort keys and group on visit_requests (0001) were
 * filled by an UPDATE after every INSERT, which rewrites every index holding them: most of the
 * cost of writing a thread. A writer that knows them (the import writes thousands of threads at
 * once, db/import/threads.ts) now gives them in the INSERT, and the trigger fills them only when
 * it did not (state_key and mandate_key are '' by default and never '' once filled).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP TRIGGER visit_requests_keys_on_insert`).execute(db);
  await sql
    .raw(
      `CREATE TRIGGER visit_requests_keys_on_insert AFTER INSERT ON visit_requests
      WHEN NEW.state_key = '' OR NEW.mandate_key = '' BEGIN
      UPDATE visit_requests SET
        state_key = (SELECT name_key FROM states WHERE code = NEW.state_code),
        regional_group = (SELECT regional_group FROM states WHERE code = NEW.state_code),
        mandate_key = (SELECT title_key FROM mandates WHERE id = NEW.mandate_id)
      WHERE id = NEW.id;
    END`,
    )
    .execute(db);
}
