import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../db/contract';
import { createAppHandlers, safeFileName, writeFileAtomic, type AppServices } from '../../electron/app-channels';
import { INVOKE_CHANNEL } from '../../electron/channels';
import { registerIpc, type Handler, type HandlerTable } from '../../electron/ipc';
import { isTrustedSender } from '../../electron/security';
import { freshApi } from '../support/db';

/** A frame as Electron's WebFrameMain shows it to an IPC handler. */
interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
type FakeEvent = { senderFrame: FakeFrame | null };
type Listener = (event: FakeEvent, ...args: unknown[]) => unknown;

/** A stand-in ipcMain that records what is registered. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel: string, listener: Listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

const appFrame: FakeFrame = { url: 'app://country-visits/index.html', parent: null };
const fromApp: FakeEvent = { senderFrame: appFrame };

/** Registers `table` the way main does and returns a caller for the one handler. */
function register(table: HandlerTable) {
  const ipcMain = fakeIpcMain();
  registerIpc(ipcMain, table, isTrustedSender);
  expect([...ipcMain.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
  const listener = ipcMain.handlers.get(INVOKE_CHANNEL)!;
  return (event: FakeEvent, channel: unknown, args?: unknown) => listener(event, channel, args) as Promise<Result<unknown>>;
}

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.data).slice(0, 200)}`);
  return result.error;
}

describe('registerIpc over the real handler table', () => {
  it('answers a good call from the app window with the database handler’s result', async () => {
    const { api } = await freshApi();
    const invoke = register(api);
    const states = await invoke(fromApp, 'states:list', { search: 'Côte' });
    expect(states.ok).toBe(true);
    expect(states.ok && (states.data as { code: string }[]).map((s) => s.code)).toContain('CIV');

    const mandates = await invoke(fromApp, 'mandates:list', {});
    const mandateId = mandates.ok ? (mandates.data as { id: number }[])[0]!.id : 0;
    const created = await invoke(fromApp, 'requests:create', {
      mandateId,
      stateCode: 'FRA',
      opening: { type: 'request', date: '2026-03' },
    });
    expect(created.ok).toBe(true);
  });

  it('refuses calls from a foreign page, an iframe or a vanished frame, without running the handler', async () => {
    const spy = vi.fn<Handler>(async () => ({ ok: true, data: 'ran' }));
    const invoke = register({ 'states:list': spy });
    const cases: FakeEvent[] = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///home/user/evil.html', parent: null } },
      { senderFrame: { url: 'app://country-visits.evil/index.html', parent: null } },
      { senderFrame: { url: 'app://country-visits/index.html', parent: appFrame } },
      { senderFrame: { url: 'about:blank', parent: appFrame } },
      { senderFrame: null },
    ];
    for (const event of cases) {
      const error = errorOf(await invoke(event, 'states:list', {}));
      expect(error.code).toBe('forbidden');
    }
    expect(spy).not.toHaveBeenCalled();
    expect((await invoke(fromApp, 'states:list', {})).ok).toBe(true);
  });

  it('treats a sender check that throws as untrusted', async () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, { 'states:list': async () => ({ ok: true, data: 1 }) }, () => {
      throw new Error('frame destroyed');
    });
    const result = (await ipcMain.handlers.get(INVOKE_CHANNEL)!(fromApp, 'states:list', {})) as Result<unknown>;
    expect(errorOf(result).code).toBe('forbidden');
  });

  it('answers invalid_argument with the field and the reason for a malformed argument', async () => {
    const { api } = await freshApi();
    const invoke = register(api);
    const error = errorOf(await invoke(fromApp, 'requests:get', { id: 'seven' }));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(/^id: /);

    const dateError = errorOf(
      await invoke(fromApp, 'documents:record', { requestId: 1, document: { type: 'reminder', date: '2026-02-30' } }),
    );
    expect(dateError.code).toBe('invalid_argument');
    expect(dateError.message).toContain('document.date: write a date as YYYY, YYYY-MM or YYYY-MM-DD');

    expect(errorOf(await invoke(fromApp, 'requests:get', undefined)).code).toBe('invalid_argument');
  });

  it('refuses unknown channels, inherited property names and non-string channels', async () => {
    const { api } = await freshApi();
    const invoke = register(api);
    for (const channel of ['requests:drop', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, { toString: () => 'states:list' }]) {
      const error = errorOf(await invoke(fromApp, channel, {}));
      expect(error.code, String(channel)).toBe('unknown_channel');
    }
  });

  it('turns a handler that throws into an internal error instead of a rejected invoke', async () => {
    const invoke = register({
      'states:list': async () => {
        throw new Error('disk on fire');
      },
    });
    expect(errorOf(await invoke(fromApp, 'states:list', {}))).toEqual({ code: 'internal', message: 'disk on fire' });
  });
});

describe('the app: channels', () => {
  const folders: string[] = [];
  afterEach(() => {
    while (folders.length) rmSync(folders.pop()!, { recursive: true, force: true });
  });
  function tempDir() {
    const dir = mkdtempSync(path.join(tmpdir(), 'cv-ipc-'));
    folders.push(dir);
    return dir;
  }

  function services(overrides: Partial<AppServices> = {}): AppServices {
    return {
      chooseSavePath: async () => null,
      writeFile: async () => {},
      backupNow: async () => '/data/backups/b.sqlite',
      info: () => ({ version: '1.2.3', dataFolder: '/data', databaseFile: '/data/country-visits.sqlite', backupsFolder: '/data/backups' }),
      openFolder: async () => '',
      letterJobs: async () => [],
      renderPdf: async () => new Uint8Array(0),
      printWithDialog: async () => false,
      chooseFolder: async () => null,
      markLettersPrinted: async () => {},
      ...overrides,
    };
  }

  it('validates app:saveFile with its schema before any dialog opens', async () => {
    const chooseSavePath = vi.fn(async () => '/tmp/x.csv');
    const invoke = register(createAppHandlers(services({ chooseSavePath })));
    const notBytes = errorOf(await invoke(fromApp, 'app:saveFile', { defaultName: 'x.csv', bytes: 'a,b' }));
    expect(notBytes.code).toBe('invalid_argument');
    expect(notBytes.message).toContain('bytes');
    const badFilter = errorOf(
      await invoke(fromApp, 'app:saveFile', { defaultName: 'x.csv', bytes: new Uint8Array(1), filters: [{ name: 'CSV', extensions: ['../csv'] }] }),
    );
    expect(badFilter.code).toBe('invalid_argument');
    expect(errorOf(await invoke(fromApp, 'app:saveFile', { defaultName: '', bytes: new Uint8Array(1) })).code).toBe('invalid_argument');
    expect(chooseSavePath).not.toHaveBeenCalled();
  });

  it('saves the bytes where the user chose, under a bare file name proposal', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'requests.csv');
    const chooseSavePath = vi.fn(async () => target);
    const invoke = register(createAppHandlers(services({ chooseSavePath, writeFile: writeFileAtomic })));
    const bytes = new TextEncoder().encode('state,status\nFRA,pending\n');
    const result = await invoke(fromApp, 'app:saveFile', {
      defaultName: '../../etc/requests.csv',
      bytes,
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    expect(result).toEqual({ ok: true, data: { saved: true, path: target } });
    expect(chooseSavePath).toHaveBeenCalledWith('requests.csv', [{ name: 'CSV', extensions: ['csv'] }]);
    expect(readFileSync(target, 'utf8')).toBe('state,status\nFRA,pending\n');
    expect(readdirSync(dir)).toEqual(['requests.csv']);
  });

  it('answers saved:false when the dialog is cancelled', async () => {
    const writeFile = vi.fn(async () => {});
    const invoke = register(createAppHandlers(services({ writeFile })));
    expect(await invoke(fromApp, 'app:saveFile', { defaultName: 'a.xlsx', bytes: new Uint8Array([1]) })).toEqual({
      ok: true,
      data: { saved: false, path: null },
    });
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('answers app:info, app:backupNow and app:openDataFolder', async () => {
    const openFolder = vi.fn(async () => '');
    const invoke = register(createAppHandlers(services({ openFolder })));
    expect(await invoke(fromApp, 'app:info', {})).toMatchObject({ ok: true, data: { version: '1.2.3', dataFolder: '/data' } });
    expect(await invoke(fromApp, 'app:info', undefined)).toMatchObject({ ok: true });
    expect(await invoke(fromApp, 'app:backupNow', {})).toEqual({ ok: true, data: { path: '/data/backups/b.sqlite' } });
    expect(await invoke(fromApp, 'app:openDataFolder', {})).toEqual({ ok: true, data: { opened: true } });
    expect(openFolder).toHaveBeenCalledWith('/data');
    expect(errorOf(await invoke(fromApp, 'app:info', 'please')).code).toBe('invalid_argument');
  });

  it('reports a failed backup as an internal error', async () => {
    const invoke = register(
      createAppHandlers(
        services({
          backupNow: async () => {
            throw new Error('EACCES: permission denied');
          },
        }),
      ),
    );
    expect(errorOf(await invoke(fromApp, 'app:backupNow', {}))).toEqual({ code: 'internal', message: 'EACCES: permission denied' });
  });

  it('reduces proposed file names to a bare, Windows-safe name', () => {
    expect(safeFileName('requests-2026.csv')).toBe('requests-2026.csv');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\system.ini')).toBe('system.ini');
    expect(safeFileName('a<b>:c"d|e?f*.csv')).toBe('a_b__c_d_e_f_.csv');
    expect(safeFileName('..')).toBe('export');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('Côte d’Ivoire.xlsx')).toBe('Côte d’Ivoire.xlsx');
  });

  it('replaces an existing file whole and leaves no temporary file behind', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.csv');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    await expect(writeFileAtomic(path.join(dir, 'missing', 'x.csv'), new Uint8Array(1))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});
