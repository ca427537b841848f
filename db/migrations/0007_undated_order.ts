import type { Kysely } from 'kysely';

/**
 * A marker, no schema change: an undated document now keeps its recording place among a thread's
 * documents (status.ts orderDocuments; it used to sort after every dated one). openDatabase
 * (db/connection.ts) derives again the cached status of the threads that have one when it applies
 * this step to a database that had data, once every migration has run: the derivation writes the
 * columns of the latest schema, which a step in the middle of the list cannot rely on.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}
