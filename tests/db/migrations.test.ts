import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createApi } from '../../db/api';
import { DatabaseTooNewError, openDatabase } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { freshDatabase } from '../support/db';

const schemaOf = (sqlite: BetterSqlite3.Database) =>
  (sqlite.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { type: string; name: string; sql: string }[])
    .map((r) => `-- ${r.type} ${r.name}\n${r.sql};\n`)
    .join('\n');

describe('migrations', () => {
  test('a fresh database migrates to the committed schema snapshot', async () => {
    const { sqlite } = await freshDatabase({ referenceData: false });
    await expect(schemaOf(sqlite)).toMatchFileSnapshot('../fixtures/schema.sql');
    const applied = sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[];
    expect(applied.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
  });

  test('pragmas: foreign keys on, WAL, synchronous NORMAL, busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-'));
    const handle = await openDatabase(join(dir, 'cv.sqlite'), { referenceData: false });
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    await handle.close();
  });

  test('opening a database written before undated documents kept their place derives their threads again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-'));
    const file = join(dir, 'cv.sqlite');
    const first = await openDatabase(file);
    const api = createApi(first.db, { today: () => '2026-11-29' });
    const mandate = await first.db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow();
    const opened = await api['requests:create']({ mandateId: mandate.id, stateCode: 'BHR', opening: { type: 'request', date: '2012' } });
    if (!opened.ok) throw new Error(opened.error.message);
    for (const document of [{ type: 'acceptance' }, { type: 'declination', date: '2015' }]) await api['documents:record']({ requestId: opened.data.id, document });
    // as the earlier order cached it (the undated acceptance last: accepted), before step 0007
    first.sqlite.prepare(`UPDATE visit_requests SET status = 'accepted' WHERE id = ?`).run(opened.data.id);
    // a database of the version before 0007: its steps after 0006 undone
    first.sqlite.prepare(`DELETE FROM kysely_migration WHERE name > '0006'`).run();
    first.sqlite.exec('ALTER TABLE letters DROP COLUMN text_as_sent');
    await first.close();
    const again = await openDatabase(file);
    expect(again.sqlite.prepare('SELECT status FROM visit_requests WHERE id = ?').get(opened.data.id)).toEqual({ status: 'refused' });
    await again.close();
  });

  test('opening a database loaded before the Palestine mandate had its subject State sets it, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-'));
    const file = join(dir, 'cv.sqlite');
    const TITLE = 'Mandate on the situation of human rights in the Palestinian territories occupied since 1967';
    const first = await openDatabase(file);
    const subject = (h: typeof first) => h.sqlite.prepare('SELECT subject_state_code AS code FROM mandates WHERE title = ?').get(TITLE);
    expect(subject(first)).toEqual({ code: 'PSE' });
    // as loaded before: no subject, and the step not applied
    first.sqlite.prepare('UPDATE mandates SET subject_state_code = NULL WHERE title = ?').run(TITLE);
    first.sqlite.prepare(`DELETE FROM kysely_migration WHERE name = '0009_palestine_subject'`).run();
    await first.close();
    const again = await openDatabase(file);
    expect(subject(again)).toEqual({ code: 'PSE' });
    // a subject the user clears afterwards stays cleared
    again.sqlite.prepare('UPDATE mandates SET subject_state_code = NULL WHERE title = ?').run(TITLE);
    await again.close();
    const third = await openDatabase(file);
    expect(subject(third)).toEqual({ code: null });
    await third.close();
  });

  test('a database written by a newer version is refused and left untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-'));
    const file = join(dir, 'cv.sqlite');
    const first = await openDatabase(file, { referenceData: false });
    first.sqlite.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01')`).run();
    await first.close();
    await expect(openDatabase(file, { referenceData: false })).rejects.toThrow(DatabaseTooNewError);
    await expect(openDatabase(file, { referenceData: false })).rejects.toThrow('written by a newer version of Country Visits');
    const raw = new BetterSqlite3(file);
    expect((raw.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n).toBe(Object.keys(MIGRATIONS).length + 1);
    raw.close();
  });

  test('a failing migration leaves the database exactly as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-'));
    const file = join(dir, 'cv.sqlite');
    const handle = await openDatabase(file, { referenceData: false });
    const before = schemaOf(handle.sqlite);
    await handle.close();
    // A next migration that creates a table and then fails half-way.
    MIGRATIONS['9000_broken'] = {
      async up(db) {
        const { sql } = await import('kysely');
        await sql`CREATE TABLE half_done (x INTEGER)`.execute(db);
        await sql`INSERT INTO no_such_table VALUES (1)`.execute(db);
      },
    };
    try {
      await expect(openDatabase(file, { referenceData: false, backupDir: join(dir, 'backups') })).rejects.toThrow('failed at step 9000_broken; it was left as it was');
    } finally {
      delete MIGRATIONS['9000_broken'];
    }
    const raw = new BetterSqlite3(file);
    expect(schemaOf(raw)).toBe(before);
    raw.close();
    // the backup taken before migrating is whole
    const backups = readdirSync(join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^country-visits-.*-before-9000_broken\.sqlite$/);
  });

  test('a file that is not a database is refused with SQLite’s reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-'));
    const file = join(dir, 'notes.sqlite');
    (await import('node:fs')).writeFileSync(file, 'this is a text file, not a database, and it is long enough to have a header page');
    await expect(openDatabase(file)).rejects.toThrow(/not a database/);
  });
});
