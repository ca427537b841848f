/**
 * Printing letters without Electron: the print jobs served on app:// (only the job's document, its
 * stylesheet and the shipped fonts, under an unguessable token, with the app's CSP), the margins
 * given to printToPDF, and the app:printLetters / app:saveLettersPdf channels over stand-in
 * services (dialogs cancelled, one file for the batch, one file per letter with unique names).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../db/contract';
import type { PrintJob } from '../../db/letterPrint';
import { createAppHandlers, uniqueFileNames, type AppServices } from '../../electron/app-channels';
import { PDF_MARGINS_INCHES, PrintJobs } from '../../electron/printJobs';
import { serveAppRequest } from '../../electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

const job: PrintJob = { html: '<!doctype html><title>Letters</title>', css: '@page { size: A4; }' };
const renderer = '/nonexistent/dist/renderer';

describe('print jobs on app://', () => {
  it('serves the job’s document, stylesheet and shipped fonts under its token, with the app’s CSP', async () => {
    const jobs = new PrintJobs('assets/fonts');
    const { token, url } = jobs.add(job);
    expect(url).toBe(`app://country-visits/print/${token}/index.html`);
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const page = await serveAppRequest(new Request(url), renderer, jobs);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toBe(job.html);
    const css = await serveAppRequest(new Request(`app://country-visits/print/${token}/letters.css`), renderer, jobs);
    expect(await css.text()).toBe(job.css);
    const font = await serveAppRequest(new Request(`app://country-visits/print/${token}/fonts/LiberationSerif-Regular.ttf`), renderer, jobs);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/ttf');
    // a TrueType file starts with the version 0x00010000
    expect([...new Uint8Array(await font.arrayBuffer()).slice(0, 4)]).toEqual([0, 1, 0, 0]);
  });

  it('answers 404 for anything else under /print/, and forgets a job once printed', async () => {
    const jobs = new PrintJobs('assets/fonts');
    const { token, url } = jobs.add(job);
    for (const other of [
      `app://country-visits/print/${token}/package.json`,
      `app://country-visits/print/${token}/fonts/../../package.json`,
      `app://country-visits/print/${token}/fonts/..%2f..%2fpackage.json`,
      `app://country-visits/print/${token}/fonts/DejaVuSans.ttf`,
      `app://country-visits/print/${token}`,
      'app://country-visits/print/00000000-0000-0000-0000-000000000000/index.html',
      'app://country-visits/print/not-a-token/index.html',
    ]) {
      expect((await serveAppRequest(new Request(other), renderer, jobs)).status, other).toBe(404);
    }
    expect((await serveAppRequest(new Request(url, { method: 'POST', body: 'x' }), renderer, jobs)).status).toBe(405);
    jobs.remove(token);
    expect(jobs.size).toBe(0);
    expect((await serveAppRequest(new Request(url), renderer, jobs)).status).toBe(404);
    // not under /print/: the renderer's files answer (none here)
    expect(jobs.resolve('app://country-visits/index.html')).toBeNull();
    expect(jobs.resolve('https://country-visits/print/x/index.html')).toBeNull();
  });

  it('gives printToPDF the letters’ margins in inches (20, 22, 24, 25 mm)', () => {
    expect(PDF_MARGINS_INCHES.top).toBeCloseTo(20 / 25.4, 10);
    expect(PDF_MARGINS_INCHES.right).toBeCloseTo(22 / 25.4, 10);
    expect(PDF_MARGINS_INCHES.bottom).toBeCloseTo(24 / 25.4, 10);
    expect(PDF_MARGINS_INCHES.left).toBeCloseTo(25 / 25.4, 10);
  });
});

describe('the letters’ app: channels', () => {
  function services(overrides: Partial<AppServices> = {}): AppServices {
    return {
      chooseSavePath: async () => null,
      writeFile: async () => {},
      backupNow: async () => '',
      info: () => ({ version: '1', dataFolder: '/d', databaseFile: '/d/db', backupsFolder: '/d/b' }),
      openFolder: async () => '',
      letterJobs: async (ids, perLetter) =>
        perLetter ? ids.map((id) => ({ fileName: id === 3 ? 'reminder-2026-PER.pdf' : `reminder-${id}.pdf`, job })) : [{ fileName: `reminders-${ids.length}.pdf`, job }],
      renderPdf: async () => new Uint8Array([37, 80, 68, 70]),
      printWithDialog: async () => true,
      chooseFolder: async () => null,
      markLettersPrinted: async () => {},
      ...overrides,
    };
  }
  const data = <T>(r: Result<unknown>) => {
    if (!r.ok) throw new Error(r.error.message);
    return r.data as T;
  };

  it('prints through the dialog and marks the letters printed, not when cancelled', async () => {
    const markLettersPrinted = vi.fn(async () => {});
    const printed = createAppHandlers(services({ markLettersPrinted }));
    expect(data(await printed['app:printLetters']({ letterIds: [1, 2] }))).toEqual({ printed: true });
    expect(markLettersPrinted).toHaveBeenCalledWith([1, 2]);
    const cancelled = createAppHandlers(services({ markLettersPrinted, printWithDialog: async () => false }));
    expect(data(await cancelled['app:printLetters']({ letterIds: [3] }))).toEqual({ printed: false });
    expect(markLettersPrinted).toHaveBeenCalledTimes(1);
    const invalid = await printed['app:printLetters']({ letterIds: [] });
    expect(invalid).toEqual({ ok: false, error: { code: 'invalid_argument', message: 'letterIds: choose at least one letter' } });
  });

  it('saves one PDF for the batch where the user chooses; nothing is rendered when the dialog is cancelled', async () => {
    const renderPdf = vi.fn(async () => new Uint8Array([37, 80, 68, 70]));
    const writeFile = vi.fn(async () => {});
    const cancelled = createAppHandlers(services({ renderPdf, writeFile }));
    expect(data(await cancelled['app:saveLettersPdf']({ letterIds: [1, 2, 3] }))).toEqual({ saved: false, paths: [] });
    expect(renderPdf).not.toHaveBeenCalled();
    const chooseSavePath = vi.fn(async () => '/home/a/reminders.pdf');
    const saved = createAppHandlers(services({ renderPdf, writeFile, chooseSavePath }));
    expect(data(await saved['app:saveLettersPdf']({ letterIds: [1, 2, 3] }))).toEqual({ saved: true, paths: ['/home/a/reminders.pdf'] });
    expect(chooseSavePath).toHaveBeenCalledWith('reminders-3.pdf', [{ name: 'PDF', extensions: ['pdf'] }]);
    expect(writeFile).toHaveBeenCalledWith('/home/a/reminders.pdf', new Uint8Array([37, 80, 68, 70]));
  });

  it('saves one PDF per letter into a chosen folder, with names made unique and safe', async () => {
    const writeFile = vi.fn(async () => {});
    const handlers = createAppHandlers(services({ writeFile, chooseFolder: async () => '/home/a/out' }));
    const result = data<{ saved: boolean; paths: string[] }>(await handlers['app:saveLettersPdf']({ letterIds: [1, 3, 1], perLetter: true }));
    expect(result).toEqual({ saved: true, paths: ['/home/a/out/reminder-1.pdf', '/home/a/out/reminder-2026-PER.pdf', '/home/a/out/reminder-1-2.pdf'] });
    expect(writeFile).toHaveBeenCalledTimes(3);
    expect(uniqueFileNames(['a.pdf', 'A.pdf', '../x.pdf', 'b'])).toEqual(['a.pdf', 'A-2.pdf', 'x.pdf', 'b']);
  });
});
