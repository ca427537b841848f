/**
 * End-to-end harness: the built renderer (dist/renderer) served from 127.0.0.1, Debian's
 * Chromium driven by playwright-core, and `window.api` bound before the page loads to the real
 * handler table (createApi) over a real SQLite file in a temporary folder: the same code path as
 * in Electron minus the IPC transport. The `app:` channels, which only the shell answers, get
 * small stand-ins here (saveFile writes into test-results/saved/).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { createApi, isChannel, type Api, type ChannelResult } from '../../db/api';
import { backupDatabase } from '../../db/backup';
import { appChannels, type AppChannel } from '../../db/bridge';
import { openDatabase, type OpenDatabase } from '../../db/connection';
import type { Channel, Result } from '../../db/contract';
import { lettersToPdf } from '../support/lettersPdf';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'dist/renderer');
export const RESULTS_DIR = join(ROOT, 'test-results');
export const SCREENS_DIR = join(RESULTS_DIR, 'screens');
export const SAVED_DIR = join(RESULTS_DIR, 'saved');
/** Today for every e2e test: documents may not be dated after it. */
export const TODAY = '2026-11-29';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** A static server for dist/renderer on a random port of 127.0.0.1 (a file:// load of a module script fails on CORS). */
export async function startServer(root = RENDERER_DIR): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run \`npx vite build\` first.`);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
    // path containment: nothing outside the build folder is served
    if ((file !== root && !file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

/** Debian's Chromium, headless, with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

type Encoded = unknown;
/** Bytes cross the binding as base64 (playwright would send a Uint8Array as a plain object). */
function encode(value: unknown): Encoded {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}
function decode(value: Encoded): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.__bytes === 'string' && Object.keys(obj).length === 1) return new Uint8Array(Buffer.from(obj.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/**
 * Runs in the page before its scripts: defines window.api over the exposed binding, turning
 * bytes into base64 and back, records CSP violations, and lets a test send menu commands.
 */
function pageBridge() {
  const w = window as unknown as Record<string, unknown> & { __apiInvoke: (c: string, a: unknown) => Promise<unknown> };
  const toBase64 = (bytes: Uint8Array) => {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  };
  const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const enc = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return { __bytes: toBase64(v) };
    if (Array.isArray(v)) return v.map(enc);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]));
    return v;
  };
  const dec = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(dec);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.__bytes === 'string' && Object.keys(o).length === 1) return fromBase64(o.__bytes);
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, dec(x)]));
    }
    return v;
  };
  const listeners = new Set<(command: string) => void>();
  w.api = {
    invoke: async (channel: string, args: unknown) => dec(await w.__apiInvoke(channel, enc(args))),
    onMenu: (listener: (command: string) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  w.__menu = (command: string) => listeners.forEach((l) => l(command));
  const violations: string[] = [];
  w.__cspViolations = violations;
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
}

export interface AppHandle {
  page: Page;
  context: BrowserContext;
  api: Api;
  database: OpenDatabase;
  dir: string;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Calls a channel from the test (for seeding and checks), failing on an error answer. */
  call<C extends Channel>(channel: C, args: unknown): Promise<ChannelResult<C>>;
  /** Goes to a hash route ("#/states") and waits for the screen's title. */
  goto(hash: string): Promise<void>;
  /** Reloads the page (after seeding through `call`, which the page's cache does not see). */
  reload(): Promise<void>;
  /** CSP violations the page reported. */
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens the app in a new browser context over a fresh database (reference data loaded). */
export async function openApp(browser: Browser, baseUrl: string, options: { today?: string } = {}): Promise<AppHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'country-visits-e2e-'));
  const databaseFile = join(dir, 'country-visits.sqlite');
  const database = await openDatabase(databaseFile);
  const today = options.today ?? TODAY;
  const api = createApi(database.db, { today: () => today });
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  const appAnswers: { [C in AppChannel]: (args: never) => Promise<unknown> } = {
    'app:saveFile': async (a: { defaultName: string; bytes: Uint8Array }) => {
      mkdirSync(SAVED_DIR, { recursive: true });
      const path = join(SAVED_DIR, a.defaultName.replace(/[/\\]/g, '_'));
      writeFileSync(path, a.bytes);
      return { saved: true, path };
    },
    'app:backupNow': async () => ({ path: await backupDatabase(database.sqlite, join(dir, 'backups'), 'manual') }),
    'app:info': async () => ({ version, dataFolder: dir, databaseFile, backupsFolder: join(dir, 'backups') }),
    'app:openDataFolder': async () => ({ opened: false }),
    // No printer here: the dialog counts as cancelled.
    'app:printLetters': async () => ({ printed: false }),
    // The letters' PDF through the same browser (tests/support/lettersPdf.ts), into test-results/saved/.
    'app:saveLettersPdf': async (a: { letterIds: number[]; perLetter: boolean }) => {
      mkdirSync(SAVED_DIR, { recursive: true });
      const batches = a.perLetter ? a.letterIds.map((id) => [id]) : [a.letterIds];
      const paths: string[] = [];
      for (const ids of batches) {
        const result = await api['letters:document']({ letterIds: ids });
        if (!result.ok) throw new Error(result.error.message);
        const path = join(SAVED_DIR, result.data.fileName.replace(/[/\\]/g, '_'));
        writeFileSync(path, await lettersToPdf(browser, result.data));
        paths.push(path);
      }
      await api['letters:markPrinted']({ letterIds: a.letterIds });
      return { saved: true, paths };
    },
  };
  const answer = async (channel: unknown, args: unknown): Promise<Result<unknown>> => {
    if (isChannel(channel)) return api[channel](args);
    if (typeof channel === 'string' && Object.hasOwn(appChannels, channel)) {
      const parsed = appChannels[channel as AppChannel].safeParse(args);
      if (!parsed.success) return { ok: false, error: { code: 'invalid_argument', message: parsed.error.message } };
      try {
        return { ok: true, data: await appAnswers[channel as AppChannel](parsed.data as never) };
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: String(error) } };
      }
    }
    return { ok: false, error: { code: 'unknown_channel', message: `unknown channel ${String(channel)}` } };
  };

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/Zurich' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.exposeBinding('__apiInvoke', async (_source, channel: unknown, args: unknown) => encode(await answer(channel, decode(args))));
  await page.addInitScript(pageBridge);
  await page.goto(`${baseUrl}#/requests`);
  await page.locator('h1').first().waitFor();

  return {
    page,
    context,
    api,
    database,
    dir,
    errors,
    async call(channel, args) {
      const result = await api[channel](args);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
      return result.data as never;
    },
    async goto(hash) {
      await page.evaluate((h) => {
        window.location.hash = h;
      }, hash);
      await page.locator('h1').first().waitFor();
    },
    async reload() {
      await page.reload();
      await page.locator('h1').first().waitFor();
    },
    cspViolations: () => page.evaluate(() => [...((window as unknown as { __cspViolations: string[] }).__cspViolations ?? [])]),
    async close() {
      await context.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-window screenshot as test-results/screens/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  // let fonts and the virtualizer settle
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(150);
  await page.screenshot({ path });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page as it is (dialogs included) and returns its serious and critical
 * violations. The page's CSP blocks addScriptTag, so axe's source is evaluated directly.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    // React Aria's live announcer (off-screen) keeps each announcement for 7 s as a role=img node
    // labelled by the chosen option, whose element is gone once the list closes: not page content.
    const result = await axe.run({ exclude: [['[data-live-announcer]']] } as unknown as Document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshot plus axe for one screen; returns the violations found (for the caller to assert). */
export async function captureScreen(page: Page, name: string): Promise<AxeViolation[]> {
  await screenshot(page, name);
  return seriousAxeViolations(page);
}
