import { sql, type Kysely } from 'kysely';

/**
 * The Palestine mandate's subject State. The reference data read the subject from the title, and
 * "the Palestinian territories occupied since 1967" named no State until the territory's names
 * were added (db/matching.ts): a database loaded before has the mandate with no subject, so its
 * visits to a neighbouring State read as visits about that State. Only a mandate still titled as
 * loaded and with no subject is set; one the user edited is left as it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE mandates SET subject_state_code = 'PSE'
    WHERE kind = 'country' AND subject_state_code IS NULL
      AND title = 'Mandate on the situation of human rights in the Palestinian territories occupied since 1967'
      AND EXISTS (SELECT 1 FROM states WHERE code = 'PSE')`.execute(db);
}
