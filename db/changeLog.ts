/**
 * The append-only change log: every write of the app records what changed, when and from where
 * (source: 'user', 'import', 'reference'). A correction keeps the earlier version in `before`.
 * SQLite triggers refuse any UPDATE or DELETE of the log itself.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export type Executor = Kysely<Database> | Transaction<Database>;
export type ChangeSource = 'user' | 'import' | 'reference';

export interface Change {
  entity: 'state' | 'state_name' | 'mandate' | 'holder' | 'request' | 'document' | 'visit' | 'setting' | 'review' | 'review_decision' | 'letter' | 'letter_settings';
  entityId: string | number;
  action: 'create' | 'update' | 'delete';
  before?: unknown;
  after?: unknown;
  source: ChangeSource;
}

/** Appends one change; call it inside the transaction that makes the change. */
export async function recordChange(db: Executor, change: Change): Promise<void> {
  await db
    .insertInto('change_log')
    .values({
      at: new Date().toISOString(),
      entity: change.entity,
      entity_id: String(change.entityId),
      action: change.action,
      before: change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === undefined ? null : JSON.stringify(change.after),
      source: change.source,
    })
    .execute();
}

/** The history of one record, oldest first, with `before`/`after` parsed back from JSON. */
export async function historyOf(db: Executor, entity: Change['entity'], entityId: string | number) {
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    source: r.source,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  }));
}

/** Now as an ISO UTC instant, the form of every `*_at` column. */
export const nowIso = (): string => new Date().toISOString();
