/**
 * The ordered, in-code migration list. Kysely's FileMigrationProvider scans a folder, which
 * breaks once the app is bundled (toolchain.md); here every migration is imported by name.
 * Never edit a shipped migration: add the next one.
 */
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_reviews';
import * as m0003 from './0003_indicators';
import * as m0004 from './0004_list_speed';
import * as m0005 from './0005_indicators_speed';
import * as m0006 from './0006_keys_on_insert';
import * as m0007 from './0007_undated_order';
import * as m0008 from './0008_letter_text_as_sent';
import * as m0009 from './0009_palestine_subject';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_reviews': m0002,
  '0003_indicators': m0003,
  '0004_list_speed': m0004,
  '0005_indicators_speed': m0005,
  '0006_keys_on_insert': m0006,
  '0007_undated_order': m0007,
  '0008_letter_text_as_sent': m0008,
  '0009_palestine_subject': m0009,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
