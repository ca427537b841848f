// Placeholder replaced by the import module (see db/import/README in progress).
import type { Kysely } from 'kysely';
import type { ImportArgs } from '../contract';
import type { Database } from '../schema';
export async function previewImport(_db: Kysely<Database>, _args: ImportArgs, _today: string): Promise<unknown> {
  throw new Error('import is not built yet');
}
export async function commitImport(_db: Kysely<Database>, _args: ImportArgs & { skipInvalidRows: boolean }, _today: string): Promise<unknown> {
  throw new Error('import is not built yet');
}
