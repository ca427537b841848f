/**
 * Smoke test of the real desktop app with Playwright's _electron: launches `electron .` (the built
 * dist/electron/main.js) on a throwaway data folder and checks the window, the bridge, the
 * security settings and one round trip to the database. It needs the Electron binary, which
 * `npm ci` downloads lazily and which cannot be fetched or run on every machine: where it is
 * missing the test is reported as skipped, with the reason. The binary is located by reading
 * node_modules/electron/path.txt; requiring 'electron' would try to download it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { WindowApi } from '../../db/bridge';

// This project has no DOM typings (main-process code must not see `window`): the page's global
// object is reached as globalThis inside page.evaluate.
type PageGlobal = Record<string, unknown> & { api: WindowApi; location: { href: string } };

const repo = path.resolve(import.meta.dirname, '..', '..');

/** The Electron executable, or the reason there is none. */
function findElectron(): { executable: string } | { missing: string } {
  const pkg = path.join(repo, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron binary is not installed (node_modules/electron/path.txt is absent)' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const executable = path.join(base, relative);
  if (!existsSync(executable)) return { missing: `the Electron binary is not installed (${executable} is absent)` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: 'no display to open a window on (run under xvfb-run)' };
  }
  return { executable };
}

const electron = findElectron();
const skipReason = 'missing' in electron ? electron.missing : null;

describe('the desktop app', () => {
  let app: ElectronApplication | null = null;
  let dataDir = '';
  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== null)(
    `starts securely and answers through window.api${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      if ('missing' in electron) return;
      for (const [script, args] of [
        ['scripts/build-electron.mjs', []],
        ...(existsSync(path.join(repo, 'dist', 'renderer', 'index.html')) ? [] : [['node_modules/vite/bin/vite.js', ['build', '--logLevel', 'warn']]]),
      ] as [string, string[]][]) {
        const build = spawnSync(process.execPath, [path.join(repo, script), ...args], { cwd: repo, encoding: 'utf8' });
        expect(build.status, `${script}: ${build.stderr}`).toBe(0);
      }

      dataDir = mkdtempSync(path.join(tmpdir(), 'cv-electron-'));
      app = await _electron.launch({
        executablePath: electron.executable,
        args: [repo, `--data-dir=${dataDir}`],
        cwd: repo,
        env: { ...(process.env as Record<string, string>), ELECTRON_ENABLE_LOGGING: '1' },
        timeout: 60_000,
      });
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toMatch(/^app:\/\/country-visits\/index\.html/);

      // The page sees the bridge and nothing of Node or Electron.
      const surface = await page.evaluate(() => {
        const w = globalThis as unknown as PageGlobal;
        return {
          api: Object.keys(w.api ?? {}).sort(),
          require: typeof w.require,
          process: typeof w.process,
          ipcRenderer: typeof (w.api as unknown as Record<string, unknown> | undefined)?.ipcRenderer,
        };
      });
      expect(surface).toEqual({ api: ['invoke', 'onMenu'], require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });

      // One round trip to the real database, and the data folder it lives in.
      const states = await page.evaluate(() => (globalThis as unknown as PageGlobal).api.invoke('states:list', { search: 'France' }));
      expect(states.ok && states.data.map((s) => s.code)).toContain('FRA');
      const info = await page.evaluate(() => (globalThis as unknown as PageGlobal).api.invoke('app:info', {}));
      expect(info).toMatchObject({ ok: true, data: { dataFolder: dataDir } });
      const unknown = await page.evaluate(() => (globalThis as unknown as PageGlobal).api.invoke('nope:never' as 'app:info', {}));
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });

      // Remote content is refused by the CSP and the session.
      const fetched = await page.evaluate(() =>
        fetch('https://example.org/').then(
          () => 'loaded',
          () => 'blocked',
        ),
      );
      expect(fetched).toBe('blocked');

      // One window, on the app, with the developer tools closed.
      const windows = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.getURL(), devTools: w.webContents.isDevToolsOpened() })),
      );
      expect(windows).toEqual([{ url: expect.stringMatching(/^app:\/\/country-visits\//), devTools: false }]);

      // Navigation away is cancelled: the page stays on the app (http: is also refused by
      // safeOpenExternal, so no browser opens during the test).
      await page.evaluate(() => {
        (globalThis as unknown as PageGlobal).location.href = 'http://example.org/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/country-visits\/index\.html/);
    },
    180_000,
  );
});
