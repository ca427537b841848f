/**
 * The Requests screen at 100,000 threads (the benchmark's synthetic database): only the rows in
 * view are rendered, and jumping to the middle fetches just the pages under the view.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { fillSynthetic } from '../bench/synthetic';
import { TODAY, captureScreen, launchBrowser, openApp, startServer, type AppHandle } from './harness';
import { expectText } from './ui';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let app: AppHandle;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = await openApp(browser, server.url);
  fillSynthetic(app.database.sqlite, 100_000, TODAY);
  await app.reload();
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
});

it('stays light at 100,000 threads: virtualized rows, pages fetched as they come into view', async () => {
  const { page } = app;
  await expectText(page.locator('#requests-count'), '100,000 threads');
  const rows = page.locator('.vtable-body [role=row]');
  expect(await rows.count()).toBeLessThan(60);
  expect(await page.locator('.vtable').getAttribute('aria-rowcount')).toBe('100001');

  // jump to the middle, as dragging the scrollbar does
  const started = Date.now();
  await page.locator('.vtable-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  const middle = page.locator('.vtable-body [role=row][aria-rowindex="50001"] .col-state a');
  await middle.waitFor({ timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await rows.count()).toBeLessThan(60);
  expect(await page.locator('.loading-row').count()).toBe(0);
  expect(await captureScreen(page, 'requests-100k')).toEqual([]);

  // sorting 100,000 rows by a column answers quickly too
  const sortStarted = Date.now();
  await page.getByRole('columnheader', { name: /Reminders/ }).getByRole('button').click();
  await expect.poll(() => page.getByRole('columnheader', { name: /Reminders/ }).getAttribute('aria-sort')).toBe('ascending');
  await page.locator('.vtable-body [role=row][aria-rowindex="2"] .col-state a').waitFor();
  expect(Date.now() - sortStarted).toBeLessThan(5_000);
  expect(app.errors).toEqual([]);
});
