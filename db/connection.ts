/**
 * Opening the database: better-sqlite3 under Kysely, pragmas, the fold() SQL function, the
 * newer-version guard, migrations in one transaction after a backup, then reference data.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';
import { Migrator } from 'kysely/migration';
import { existsSync } from 'node:fs';
import { backupDatabase } from './backup';
import { foldText } from './fold';
import { MIGRATIONS, migrationProvider } from './migrations';
import { loadReferenceData } from './reference';
import { refreshThreadsWithUndatedDocuments } from './requests';
import { refreshStartedVisits } from './visits';
import type { Database } from './schema';

export interface OpenDatabase {
  /** Kysely over the connection: every query of the app goes through it. */
  db: Kysely<Database>;
  /** The raw connection, for backups and benchmarks. */
  sqlite: BetterSqlite3.Database;
  /** The file path, or ':memory:'. */
  file: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Folder for the automatic backup taken before migrating an existing database. */
  backupDir?: string;
  /** Load the shipped reference data (States, mandates, standing invitations). Default true. */
  referenceData?: boolean;
  /**
   * Folder of the reference CSV files. Defaults to assets/reference in the source tree, which a
   * bundled app does not have: Electron passes the folder inside its app path.
   */
  referenceDir?: string;
}

/** Thrown when the file was written by a newer version of the app: it is never opened then. */
export class DatabaseTooNewError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This database was written by a newer version of Country Visits (it has changes ${unknownMigrations.join(', ')} ` +
        'that this version does not know). Install the newer version to open it; the file was not changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it cannot, so its Migrator
 * would run each migration bare. Saying yes makes the whole migration run one transaction:
 * a failure leaves the database exactly as it was, never half-migrated.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class AppSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Opens (creating if needed) the database at `file` (':memory:' for a throwaway one), migrates it
 * to the latest schema and loads the reference data.
 * Pragmas: foreign_keys=ON; journal_mode=WAL; synchronous=NORMAL (durable under WAL except for the
 * last commits on power loss, the SQLite-documented trade-off); busy_timeout=5000 ms;
 * temp_store=MEMORY.
 * @throws DatabaseTooNewError when the file holds migrations this version does not know.
 * @throws Error from SQLite when the file is not a database; nothing is written then.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  const existed = file !== ':memory:' && existsSync(file);
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MB of page cache: the whole working set of a large database stays in memory
    sqlite.pragma('cache_size = -65536');
    // the journal of each statement that fires a trigger (every new thread) and of each savepoint in
    // memory rather than in a temporary file: about a tenth of the cost of such an INSERT
    sqlite.pragma('temp_store = MEMORY');
    sqlite.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : null));

    const applied = appliedMigrations(sqlite);
    const unknown = applied.filter((name) => !(name in MIGRATIONS));
    if (unknown.length > 0) throw new DatabaseTooNewError(unknown);
    const pending = Object.keys(MIGRATIONS).filter((name) => !applied.includes(name));
    if (existed && applied.length > 0 && pending.length > 0 && options.backupDir) {
      await backupDatabase(sqlite, options.backupDir, `before-${pending[0]}`);
    }

    const db = new Kysely<Database>({ dialect: new AppSqliteDialect({ database: withStatementCache(sqlite) }) });
    const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Updating the database failed at step ${failed}; it was left as it was. ${String(error)}`);
    }
    // derived again in the order migration 0007 notes, on a database written before it
    if (applied.length > 0 && pending.includes('0007_undated_order')) await db.transaction().execute((trx) => refreshThreadsWithUndatedDocuments(trx));
    if (options.referenceData !== false) await loadReferenceData(db, options.referenceDir);
    await db.transaction().execute((trx) => refreshStartedVisits(trx));
    // the query planner's statistics, as SQLite advises for a long-lived connection: gathered
    // where missing or stale, so the list and the indicators walk the indexes they were written
    // for on the user's own data. Whole tables, not a sample: sampled statistics (analysis_limit
    // 400) led the indicators to plans twice as slow; a full pass takes ~0.7 s on 100,000
    // threads, once, and again only after a table changed size manyfold.
    sqlite.pragma('optimize = 0x10002');
    return {
      db,
      sqlite,
      file,
      close: () => db.destroy(),
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small query, so the
 * statements are kept by their SQL text (least recently used dropped past 500). Safe because
 * Kysely runs each statement to completion before the next query on the one connection.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-inserted below: Map order is the recency order
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= 500) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get();
  if (!table) return [];
  return (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}
