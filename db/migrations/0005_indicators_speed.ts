import { sql, type Kysely } from 'kysely';

/**
 * The expression by which db/indicators.ts pendingAt() reads "still pending at a day" from one
 * index range: the earlier of the thread's decision and visit ('~', after every date, when there
 * is none), which must come after the day. The index below holds it; the query must spell it the
 * same way for SQLite to use it, so both take it from here.
 */
export const PENDING_UNTIL = `min(coalesce(decided_on, '~'), coalesce(visited_on, '~'))`;

/**
 * Cooperation indicators, faster (issue 5), and the withdrawal of a standing invitation.
 *
 * Speed: the per-mandate and per-State figures group threads by mandate or by State. The 0003
 * indexes gave them in date order, so SQLite sorted every thread of the period (a temporary
 * B-tree per figure). These replace them with the same columns led by the grouping key: the
 * figures name the keys (`mandate_id IN (SELECT id FROM mandates)`) and read one index range per
 * key, already grouped. The "pending at a day" index holds {@link PENDING_UNTIL}, so that one range
 * of it per mandate is exactly the pending threads (the 0003 index needed four ranges and a sort).
 * Net: two indexes dropped, three created on visit_requests.
 *
 * Standing invitations: `states.standing_invitation_withdrawn`, a partial date (the State
 * withdrew its standing invitation then; NULL: it stands). Checked like the other partial dates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `DROP INDEX visit_requests_opened`,
    `DROP INDEX visit_requests_pending`,
    // requests a mandate sent in a period, with what came back (per-mandate rates and medians, drill-down)
    `CREATE INDEX visit_requests_mandate_opened ON visit_requests
      (opened_by, mandate_id, opened_on, accepted_on, answered_on, substantive_on, visited_on, decided_on, regional_group, state_code)`,
    // requests a State received in a period (per-State counts and pending mandates)
    `CREATE INDEX visit_requests_state_opened ON visit_requests (opened_by, state_code, opened_on, mandate_id, decided_on, visited_on)`,
    // threads of a mandate still pending at a day: one range of the expression
    `CREATE INDEX visit_requests_mandate_pending ON visit_requests (opened_by, mandate_id, ${PENDING_UNTIL}, opened_on, regional_group)`,
    `ALTER TABLE states ADD COLUMN standing_invitation_withdrawn TEXT CHECK (standing_invitation_withdrawn IS NULL
      OR standing_invitation_withdrawn GLOB '[12][0-9][0-9][0-9]' OR standing_invitation_withdrawn GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
      OR standing_invitation_withdrawn GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
