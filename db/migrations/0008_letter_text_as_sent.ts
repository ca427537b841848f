import { sql, type Kysely } from 'kysely';

/**
 * A sent letter keeps its text as sent in a column of its own. It used to be frozen into
 * edited_body, so every sent letter read as edited by the assistant. Letters sent before this
 * step keep their text where it was (whether they had been edited cannot be told any more).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE letters ADD COLUMN text_as_sent TEXT`).execute(db);
  await sql.raw(`UPDATE letters SET text_as_sent = edited_body WHERE sent_on IS NOT NULL`).execute(db);
}
