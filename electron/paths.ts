/**
 * Where the app keeps its data. By default Electron's userData folder; tests (and a user who wants
 * the data elsewhere) pass `--data-dir=<folder>` or set COUNTRY_VISITS_DATA_DIR.
 */
import path from 'node:path';

/** The environment variable naming the data folder. */
export const DATA_DIR_ENV = 'COUNTRY_VISITS_DATA_DIR';
const DATA_DIR_FLAG = '--data-dir=';

/**
 * The data folder named on the command line (`--data-dir=<folder>`, the last one wins) or in the
 * environment, as an absolute path; null when neither names one.
 */
export function dataDirOverride(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string | null {
  const flag = argv.filter((arg) => arg.startsWith(DATA_DIR_FLAG)).pop()?.slice(DATA_DIR_FLAG.length).trim();
  if (flag) return path.resolve(flag);
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  return fromEnv ? path.resolve(fromEnv) : null;
}

/** The files and folders inside the data folder. */
export interface DataPaths {
  dataDir: string;
  databaseFile: string;
  backupsDir: string;
}

/** Lays out the data folder: the database file and the backups folder next to it. */
export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    databaseFile: path.join(dataDir, 'country-visits.sqlite'),
    backupsDir: path.join(dataDir, 'backups'),
  };
}
