/**
 * Printing letters from a hidden window: the system print dialog, or a PDF (printToPDF). The
 * window is made by window.ts createSecureWindow, so it has exactly the main window's web
 * preferences, but no preload: the printed page has no bridge to main. It loads the job from the
 * app:// protocol (printJobs.ts), so the navigation guards, the session's lock-down and the CSP
 * apply to it like to the app. A4 is set explicitly, with the letters' margins (the stylesheet's
 * @page says the same); the fonts are the ones shipped in assets/fonts.
 */
import type { WebContents } from 'electron';
import type { PrintJob } from '../db/letterPrint';
import { PDF_MARGINS_INCHES, type PrintJobs } from './printJobs';
import { createSecureWindow } from './window';

/** Opens a hidden print window on `job`, waits for its fonts, runs `work`, then closes it. */
async function withPrintWindow<T>(jobs: PrintJobs, job: PrintJob, work: (contents: WebContents) => Promise<T>): Promise<T> {
  const { token, url } = jobs.add(job);
  // A4 at 96 px per inch; never shown
  const window = createSecureWindow({ width: 794, height: 1123, show: false, title: 'Printing letters' }, { isDev: false });
  try {
    await window.loadURL(url);
    try {
      // The page runs no script of its own (its CSP allows none); the embedder may still ask.
      await window.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
    } catch {
      // fonts requested before the load event have delayed it anyway
    }
    return await work(window.webContents);
  } finally {
    jobs.remove(token);
    if (!window.isDestroyed()) window.destroy();
  }
}

/**
 * The letters as PDF bytes: A4, the letters' margins, backgrounds printed, the CSS page size preferred.
 * @throws Error when the page cannot load or Chromium cannot print it
 */
export function printJobToPdf(jobs: PrintJobs, job: PrintJob): Promise<Uint8Array> {
  return withPrintWindow(jobs, job, async (contents) => {
    const bytes = await contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, margins: PDF_MARGINS_INCHES });
    return new Uint8Array(bytes);
  });
}

/**
 * The system print dialog for the letters (A4; the margins come from the page's @page rule).
 * @returns true when the user printed, false when the dialog was cancelled
 * @throws Error when printing failed for another reason
 */
export function printJobWithDialog(jobs: PrintJobs, job: PrintJob): Promise<boolean> {
  return withPrintWindow(
    jobs,
    job,
    (contents) =>
      new Promise<boolean>((resolve, reject) => {
        contents.print({ silent: false, printBackground: true, pageSize: 'A4', margins: { marginType: 'default' } }, (success, failureReason) => {
          if (success) resolve(true);
          else if (!failureReason || /cancel/i.test(failureReason)) resolve(false);
          else reject(new Error(`Printing failed: ${failureReason}`));
        });
      }),
  );
}
