/**
 * The bundled main process (main.js as scripts/build-electron.mjs builds it) started under plain Node
 * with a stand-in 'electron' module (support/electron-stub.mjs): it must load (ESM + bundled
 * CommonJS packages + better-sqlite3 from node_modules), open a real database in the data folder
 * it is given, harden the session and the web contents, serve app:// with the CSP, and answer IPC
 * through the real handler table. Where the Electron binary is installed, electron-smoke.test.ts
 * runs the real thing.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');
const loader = path.join(repo, 'tests', 'electron', 'support', 'electron-stub-loader.mjs');

interface StubResult {
  exitCode: number;
  errors: { title: string; content: string }[];
  windows: { webPreferences: Record<string, unknown> }[];
  [key: string]: unknown;
}

const folders: string[] = [];
afterEach(() => {
  while (folders.length) rmSync(folders.pop()!, { recursive: true, force: true });
});
// Built once into a temporary folder (never over dist/, which `npm start` and the smoke test use).
const buildDir = mkdtempSync(path.join(tmpdir(), 'cv-bundle-'));
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

/**
 * A folder laid out like the packaged app (electron-builder.yml `files`): package.json, the
 * bundles, a renderer, the reference data, and in node_modules nothing but better-sqlite3, so the
 * bundle proves it needs no other package at run time.
 */
function fakeAppFolder() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cv-main-'));
  folders.push(dir);
  const app = path.join(dir, 'app');
  mkdirSync(path.join(app, 'dist', 'renderer'), { recursive: true });
  mkdirSync(path.join(app, 'dist', 'electron'), { recursive: true });
  mkdirSync(path.join(app, 'node_modules'), { recursive: true });
  copyFileSync(path.join(repo, 'package.json'), path.join(app, 'package.json'));
  for (const file of ['main.js', 'preload.cjs']) copyFileSync(path.join(buildDir, file), path.join(app, 'dist', 'electron', file));
  writeFileSync(path.join(app, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Country Visits</title>');
  symlinkSync(path.join(repo, 'assets'), path.join(app, 'assets'), 'dir');
  symlinkSync(path.join(repo, 'node_modules', 'better-sqlite3'), path.join(app, 'node_modules', 'better-sqlite3'), 'dir');
  return { app, data: path.join(dir, 'data') };
}

function runMain(appPath: string, dataDir: string): StubResult {
  const run = spawnSync(process.execPath, ['--import', loader, path.join(appPath, 'dist', 'electron', 'main.js'), `--data-dir=${dataDir}`], {
    cwd: appPath,
    env: { ...process.env, STUB_APP_PATH: appPath, COUNTRY_VISITS_DATA_DIR: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('STUB-RESULT '));
  if (!line) throw new Error(`main.js did not report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('STUB-RESULT '.length)) as StubResult;
}

describe('the bundled main process under a stand-in Electron', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [path.join(repo, 'scripts', 'build-electron.mjs'), `--outdir=${buildDir}`], { cwd: repo, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build-electron failed:\n${build.stdout}\n${build.stderr}`);
    expect(existsSync(path.join(buildDir, 'main.js'))).toBe(true);
  }, 120_000);

  it('starts, opens the database in the data folder and serves the app securely', () => {
    const { app, data } = fakeAppFolder();
    const result = runMain(app, data);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result).toMatchObject({
      userData: data,
      sandboxEnabled: true,
      lock: true,
      schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }],
      protocolHandled: ['app'],
      ipcChannels: ['api'],
      loadedUrl: 'app://country-visits/index.html',
      menu: ['File', 'editMenu', 'View', 'help'],
      session: { permissionRequest: true, permissionCheck: true, devicePermission: true, httpsCancelled: true, appCancelled: false },
      navigationPrevented: true,
      windowOpen: { action: 'deny' },
      traversalStatus: 404,
      statesError: null,
      forbidden: { ok: false, error: { code: 'forbidden' } },
      info: { ok: true, data: { dataFolder: data, databaseFile: path.join(data, 'country-visits.sqlite') } },
    });
    expect(result.statesCount).toBeGreaterThan(190);
    expect(result.page).toMatchObject({ status: 200, csp: expect.stringContaining("script-src 'self'") });
    expect(result.windows).toHaveLength(1);
    expect(result.windows[0]!.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: path.join(app, 'dist', 'electron', 'preload.cjs'),
    });
    expect(existsSync(path.join(data, 'country-visits.sqlite'))).toBe(true);
  });

  it('refuses a database written by a newer version with an error dialog, no window and no IPC', () => {
    const { app, data } = fakeAppFolder();
    mkdirSync(data, { recursive: true });
    const file = path.join(data, 'country-visits.sqlite');
    const sqlite = new BetterSqlite3(file);
    sqlite.exec('CREATE TABLE kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL)');
    sqlite.prepare('INSERT INTO kysely_migration VALUES (?, ?)').run('9999_from_the_future', new Date().toISOString());
    sqlite.close();

    const result = runMain(app, data);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.title).toBe('Country Visits cannot open this database');
    expect(result.errors[0]!.content).toContain('newer version of Country Visits');
    expect(result.errors[0]!.content).toContain(file);
    expect(result.windows).toEqual([]);
    expect(result.ipcChannels).toEqual([]);
  });

  it('stops with the error when the file is not a database', () => {
    const { app, data } = fakeAppFolder();
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(data, 'country-visits.sqlite'), 'this is not SQLite '.repeat(100));
    const result = runMain(app, data);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]!.title).toBe('Country Visits could not open its database');
    expect(result.errors[0]!.content).toMatch(/not a database/i);
    expect(result.windows).toEqual([]);
  });

  it('stops when the renderer has not been built', () => {
    const { app, data } = fakeAppFolder();
    rmSync(path.join(app, 'dist', 'renderer'), { recursive: true });
    const result = runMain(app, data);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]!.title).toBe('Country Visits is incomplete');
    expect(result.windows).toEqual([]);
  });
});
