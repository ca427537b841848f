/**
 * Online backups with SQLite's backup API (never a file copy of a WAL database, which can miss
 * committed pages still in the -wal file). Written under a temporary name, then renamed, so a
 * backup file is either whole or absent.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Backs the open database up into `dir` as `country-visits-<UTC timestamp>-<label>.sqlite`.
 * @returns the backup's full path.
 * @throws Error when the folder cannot be written; no partial file is left behind.
 */
export async function backupDatabase(sqlite: BetterSqlite3.Database, dir: string, label = 'manual'): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const safeLabel = label.replace(/[^a-z0-9_-]/gi, '_');
  const target = join(dir, `country-visits-${stamp}-${safeLabel}.sqlite`);
  const temporary = `${target}.partial`;
  try {
    await sqlite.backup(temporary);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return target;
}
