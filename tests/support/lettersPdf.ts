/**
 * Renders a batch of letters (db/letterStore.ts lettersPrintDocument) to one A4 PDF with Chromium,
 * as Electron's hidden print window does (electron/print.ts): the same files (db/letterPrint.ts)
 * served from a local origin, the same A4 size and margins, the fonts shipped with the app.
 * page.pdf uses the same engine as Electron's printToPDF (toolchain.md).
 */
import type { Browser } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LETTER_PAGE_MARGINS_MM, printResource, type PrintJob } from '../../db/letterPrint';

/** Debian's Chromium, headless, with the flags of toolchain.md. */
export async function launchChromium(): Promise<Browser> {
  // loaded when a browser is wanted: the benchmark's memory figure is the app's, and the app's
  // main process never loads playwright (~15 MB of code)
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Prints `job` to PDF bytes.
 * @param fontsDir where the shipped fonts are (default: assets/fonts of the source tree)
 * @throws Error when the page does not load or the shipped font was not used
 */
export async function lettersToPdf(browser: Browser, job: PrintJob, options: { fontsDir?: string } = {}): Promise<Buffer> {
  const token = randomUUID();
  const prefix = `/print/${token}/`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const resource = path.startsWith(prefix) ? printResource(job, decodeURIComponent(path.slice(prefix.length)), options.fontsDir) : null;
    if (!resource) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': resource.contentType, 'cache-control': 'no-store' });
    res.end(resource.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    await page.goto(`http://127.0.0.1:${port}${prefix}index.html`, { waitUntil: 'load' });
    // a string: this file is compiled without the DOM library
    const fontReady = await page.evaluate(`document.fonts.ready.then(() => document.fonts.check('12pt "Country Visits Letter Serif"'))`);
    if (failed.length) throw new Error(`the letters page could not load: ${failed.join(', ')}`);
    if (!fontReady) throw new Error('the shipped letter font did not load');
    const mm = (n: number) => `${n}mm`;
    return await page.pdf({
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      margin: { top: mm(LETTER_PAGE_MARGINS_MM.top), right: mm(LETTER_PAGE_MARGINS_MM.right), bottom: mm(LETTER_PAGE_MARGINS_MM.bottom), left: mm(LETTER_PAGE_MARGINS_MM.left) },
    });
  } finally {
    await context.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
