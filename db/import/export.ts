import type { Kysely } from 'kysely';
import type { RequestFilter } from '../contract';
import type { Database } from '../schema';
export async function exportRequests(_db: Kysely<Database>, _filter: RequestFilter, _format: 'csv' | 'xlsx', _today: string): Promise<unknown> {
  throw new Error('export is not built yet');
}
