/** Import: a file with bad rows shows each row's error (row, column, reason) and writes nothing; a good one imports on Confirm. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { captureScreen, launchBrowser, openApp, startServer, type AppHandle } from './harness';
import { expectText, pick } from './ui';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let app: AppHandle;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = await openApp(browser, server.url);
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
});

const BAD = [
  'state,mandate,status,requested_on,reminders,notes',
  'Atlantis,Special Rapporteur on the right to food,pending,2019-03-04,,no such State',
  "Cote d'Ivoire,Special Rapporteur on the right to food,pending,2019-02-30,,no such day",
  'France,Special Rapporteur on the weather,pending,2018,,no such mandate',
  'Belgium,Special Rapporteur on the right to food,pending,2017-05,,a good row',
].join('\n');

const GOOD = [
  'state,mandate,status,requested_on,reminders,notes',
  'Belgium,Special Rapporteur on the right to food,pending,2017-05,,first',
  'Türkiye,Special Rapporteur on the right to food,pending,2016,2018,second',
].join('\n');

const threads = async () => (await app.call('requests:list', {})).total;

async function choose(name: string, text: string) {
  await app.page.locator('#import-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

/** The import module may still answer "not built yet"; this test then waits for it. */
async function importReady(): Promise<boolean> {
  const probe = await app.api['import:preview']({ fileName: 'probe.csv', bytes: new Uint8Array(Buffer.from(GOOD)) });
  return probe.ok || !/not built yet/.test(probe.error.message);
}

describe('import', () => {
  it('previews a bad file: each row error with its row number, column and reason; nothing written', async (ctx) => {
    if (!(await importReady())) ctx.skip();
    await app.goto('#/import');
    expect(await captureScreen(app.page, 'import')).toEqual([]);
    const before = await threads();
    await choose('bad.csv', BAD);
    const errors = app.page.getByTestId('import-errors');
    await errors.waitFor();
    const rows = errors.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const texts = await rows.evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent?.trim()).join(' | ')));
    expect(texts).toEqual([
      '2 | state | unknown State "Atlantis": add it under States, or write its UN name',
      '3 | requested_on | "2019-02-30" is not a real date: 2019-02 has no day 30',
      '4 | mandate | unknown mandate "Special Rapporteur on the weather": write its title, or enter "Special Rapporteur on the weather" as its mandate\'s short name under Mandates (files may then call it so); a mandate not yet recorded is added there',
    ]);
    // a row with an error stops the whole import unless the user leaves such rows out
    const confirm = app.page.getByRole('button', { name: 'Confirm the import' });
    expect(await confirm.isDisabled()).toBe(true);
    await app.page.getByText('Import the rows without errors and leave the others out').click();
    expect(await confirm.isDisabled()).toBe(false);
    expect(await captureScreen(app.page, 'import-preview-errors')).toEqual([]);
    expect(await threads()).toBe(before);
  });

  it('asks how to read dates like 03/04/2019 before it can import', async (ctx) => {
    if (!(await importReady())) ctx.skip();
    await app.goto('#/import');
    await choose('ambiguous.csv', ['state,mandate,status,requested_on', 'Belgium,Special Rapporteur on the right to food,pending,03/04/2019', 'Denmark,Special Rapporteur on the right to food,pending,05/06/2018'].join('\n'));
    const question = app.page.getByRole('radiogroup', { name: 'Read them as' });
    await question.waitFor();
    const confirm = app.page.getByRole('button', { name: 'Confirm the import' });
    expect(await confirm.isDisabled()).toBe(true);
    await question.scrollIntoViewIfNeeded();
    expect(await captureScreen(app.page, 'import-day-month')).toEqual([]);
    await question.getByText('day/month/year').click();
    await expectText(app.page.getByTestId('import-rows').locator('tbody tr').first(), /2019-04-03/);
    expect(await confirm.isDisabled()).toBe(false);
  });

  it('a file whose status column is not recognised says so and offers the mapping; mapped, it previews', async (ctx) => {
    if (!(await importReady())) ctx.skip();
    await app.goto('#/import');
    await choose('follow-up.csv', ['State,Mandate,Requested on,Status/Follow-up', 'Belgium,Special Rapporteur on the right to food,2019-03-04,declined'].join('\n'));
    await expectText(app.page.getByRole('alert'), /The column "Status\/Follow-up" seems to hold the status/);
    const mapping = app.page.getByRole('region', { name: 'Change the column mapping' });
    await mapping.waitFor();
    expect(await captureScreen(app.page, 'import-unread-columns')).toEqual([]);
    await pick(app.page, mapping, 'Status/Follow-up', 'Status');
    const rows = app.page.getByTestId('import-rows').locator('tbody tr');
    await expectText(rows.first(), /new request to Belgium of 2019-03-04/);
    expect(await app.page.getByRole('alert').count()).toBe(0);
  });

  it('imports a good file on Confirm', async (ctx) => {
    if (!(await importReady())) ctx.skip();
    await app.goto('#/import');
    const before = await threads();
    await choose('good.csv', GOOD);
    const rows = app.page.getByTestId('import-rows').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await threads()).toBe(before);
    await app.page.getByRole('button', { name: 'Confirm the import' }).click();
    await expectText(app.page.getByRole('status').filter({ hasText: 'Imported.' }), /^Imported\./);
    expect(await threads()).toBe(before + 2);
    expect(app.errors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });

  it('previews a file of 5,000 rows with only the rows in view on the page, each reached by scrolling', async (ctx) => {
    if (!(await importReady())) ctx.skip();
    await app.goto('#/import');
    // every second row names no known State (an error); the others are refused requests of distinct days
    const lines = ['state,mandate,status,requested_on'];
    for (let i = 0; i < 5000; i++) {
      const date = `${1990 + Math.floor(i / 336)}-${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      lines.push(`${i % 2 ? `Atlantis ${i}` : 'Belgium'},Special Rapporteur on the right to food,declined,${date}`);
    }
    await choose('large.csv', lines.join('\n'));
    const table = app.page.getByTestId('import-rows');
    await table.waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe('5001');
    await expectText(app.page.getByRole('heading', { name: '5,000 rows', exact: true }), '5,000 rows');
    // one error a row here: as many errors as rows with errors
    await expectText(app.page.getByRole('heading', { name: /errors in/ }), '2,500 errors in 2,500 rows');
    const shown = table.locator('tbody tr:not(.spacer-row)');
    expect(await shown.count()).toBeLessThan(60);
    const errors = app.page.getByTestId('import-errors');
    expect(await errors.getAttribute('aria-rowcount')).toBe('2501');
    expect(await errors.locator('tbody tr:not(.spacer-row)').count()).toBeLessThan(60);
    // the last row of the file (row 5,001: Atlantis 4999) at the bottom of its box
    await table.locator('xpath=..').evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
    const last = table.locator('tbody tr[aria-rowindex="5001"]');
    await last.waitFor();
    expect(await last.locator('td').first().textContent()).toBe('5001');
    expect(await last.textContent()).toContain('unknown State "Atlantis 4999"');
    expect(await shown.count()).toBeLessThan(60);
    await last.scrollIntoViewIfNeeded();
    expect(await captureScreen(app.page, 'import-preview-large')).toEqual([]);
    expect(app.errors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });
});
