import { sql, type Kysely } from 'kysely';

/** First date of the rows a subquery selects as `d`: NULL for none, '' when one is undated, else the earliest (status.ts firstOf). */
const first = (from: string) =>
  `(SELECT CASE WHEN COUNT(*) = 0 THEN NULL WHEN COUNT(d) < COUNT(*) THEN '' ELSE MIN(d) END FROM (${from}))`;
const documentsOf = (types: string, fromState: boolean) =>
  first(
    `SELECT date AS d FROM documents WHERE request_id = visit_requests.id AND type IN (${types})${fromState ? ` AND direction = 'from_state'` : ''}`,
  );
const DECIDING = `'acceptance', 'dates_proposal', 'postponement', 'invitation', 'declination', 'cancellation'`;
const ACCEPTING = `'acceptance', 'dates_proposal', 'postponement', 'invitation'`;

/** Fills the milestone columns of every thread from its documents and visits (tests check it against deriveMilestones). */
export const MILESTONES_BACKFILL = `UPDATE visit_requests SET
  decided_on = CASE WHEN opened_by = 'request' THEN ${documentsOf(DECIDING, false)} END,
  accepted_on = CASE WHEN opened_by = 'request' THEN ${documentsOf(ACCEPTING, false)} END,
  answered_on = CASE WHEN opened_by = 'request' THEN ${documentsOf(`${DECIDING}, 'acknowledgement'`, true)} END,
  substantive_on = CASE WHEN opened_by = 'request' THEN ${documentsOf(DECIDING, true)} END,
  visited_on = ${first(`SELECT v.start AS d FROM visit_mandates vm JOIN visits v ON v.id = vm.visit_id WHERE vm.request_id = visit_requests.id`)}`;

/**
 * Cooperation indicators (db/indicators.ts) for any reporting year, live over 100,000 threads:
 * - the milestones of each thread (status.ts deriveMilestones), cached beside its status and kept
 *   by refreshRequest(); filled here for existing threads with the same rules in SQL;
 * - covering indexes, so that each figure reads one index range instead of the threads' rows:
 *   threads by opening and by what keeps them pending, documents by type and date (reminders of
 *   a year), official visits by date and by subject.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE visit_requests ADD COLUMN decided_on TEXT`,
    `ALTER TABLE visit_requests ADD COLUMN accepted_on TEXT`,
    `ALTER TABLE visit_requests ADD COLUMN answered_on TEXT`,
    `ALTER TABLE visit_requests ADD COLUMN substantive_on TEXT`,
    `ALTER TABLE visit_requests ADD COLUMN visited_on TEXT`,
    MILESTONES_BACKFILL,
    // threads opened by a request in a period, with what the figures need, read from the index alone
    `CREATE INDEX visit_requests_opened ON visit_requests
      (opened_by, opened_on, state_code, mandate_id, regional_group, decided_on, visited_on, accepted_on, answered_on, substantive_on)`,
    // threads still pending at a day: not decided (NULL or later) and not visited by then
    `CREATE INDEX visit_requests_pending ON visit_requests (opened_by, decided_on, visited_on, opened_on, mandate_id, regional_group)`,
    `CREATE INDEX documents_type_date ON documents (type, date, request_id)`,
    `CREATE INDEX visits_official_start ON visits (official, start, subject_state_code)`,
    `CREATE INDEX visits_subject_official ON visits (subject_state_code, official, start)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
