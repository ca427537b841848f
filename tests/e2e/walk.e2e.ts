/**
 * A visit request walked through its life in the UI: request -> acknowledgement -> reminder ->
 * acceptance -> visit, with the derived status checked at each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { captureScreen, launchBrowser, openApp, startServer, type AppHandle } from './harness';
import { seed } from './seed';
import { comboPick, expectText, fill, pick } from './ui';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let app: AppHandle;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = await openApp(browser, server.url);
  await seed(app);
  await app.reload();
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
});

describe('a request from request to visit', () => {
  it('walks the thread and shows the status at each step', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'New request' }).first().click();
    await expectText(page.locator('h1'), 'New request or invitation');
    await comboPick(page, page, 'Mandate', 'food', /right to food/);
    await comboPick(page, page, 'State', 'bel', 'Belgium');
    await fill(page, 'Date', '2019-03-04');
    await fill(page, 'Reference', 'G/SO 214 (67-17)');
    await pick(page, page, 'Signed by', /Hilal Elver/);
    expect(await captureScreen(page, 'new-request')).toEqual([]);
    await page.getByRole('button', { name: 'Record the request' }).click();

    const status = page.getByTestId('thread-status');
    await expectText(status, 'pending');
    await expectText(page.locator('h1'), /Belgium/);
    await expectText(page.locator('.timeline-item').first(), /2019-03-04.*Request.*Signed by.*Hilal Elver/);

    const addDocument = async (type: string, date: string) => {
      await page.getByRole('button', { name: 'Add document' }).click();
      const dialog = page.getByRole('dialog');
      await pick(page, dialog, 'Document', type);
      await fill(dialog, 'Date', date);
      return dialog;
    };

    // acknowledgement, dated to the month only: shown exactly as entered
    let dialog = await addDocument('Acknowledgement', '2019-04');
    await dialog.getByRole('button', { name: 'Add the document' }).click();
    await expectText(status, 'pending — acknowledged');
    await expectText(page.locator('.timeline-item').nth(1).locator('.doc-date'), '2019-04');

    // a reminder, signed by the successor
    dialog = await addDocument('Reminder', '2021-02-01');
    await pick(page, dialog, 'Signed by', /Michael Fakhri/);
    expect(await captureScreen(page, 'request-add-document')).toEqual([]);
    await dialog.getByRole('button', { name: 'Add the document' }).click();
    await expectText(status, 'pending — acknowledged, reminded once');

    // the State accepts
    dialog = await addDocument('Acceptance', '2022-01-10');
    await dialog.getByRole('button', { name: 'Add the document' }).click();
    await expectText(status, /^accepted\b/);

    // the visit takes place
    await page.getByRole('button', { name: 'Record a visit' }).click();
    dialog = page.getByRole('dialog');
    await fill(dialog, 'Start', '2022-05-02');
    await fill(dialog, 'End', '2022-05-12');
    await fill(dialog, 'Report symbol', 'A/HRC/52/40/Add.1');
    expect(await captureScreen(page, 'request-record-visit')).toEqual([]);
    await dialog.getByRole('button', { name: 'Record the visit' }).click();
    await expectText(status, /^completed\b/);
    await expectText(page.locator('.visit').first(), /2022-05-02 – 2022-05-12/);
    expect(await captureScreen(page, 'request')).toEqual([]);

    // the same thread in the Requests table
    await page.getByRole('link', { name: 'Requests' }).click();
    const row = page.locator('.vtable-body [role=row]').filter({ hasText: 'Belgium' });
    await expectText(row.locator('.col-status'), /^completed/);
  });

  it('shows the note when an invitation after a request is filed as its acceptance', async () => {
    const { page } = app;
    const id = (await app.call('requests:create', { mandateId: (await app.call('mandates:list', {})).find((m) => /right to food/i.test(m.title))!.id, stateCode: 'DNK', opening: { type: 'request', date: '2020-02-02' } })).id;
    await app.goto(`#/requests/${id}`);
    await page.getByRole('button', { name: 'Add document' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, dialog, 'Document', 'Invitation');
    await fill(dialog, 'Date', '2020-06');
    await dialog.getByRole('button', { name: 'Add the document' }).click();
    await expectText(page.locator('.notice-info'), /Filed as Acceptance: An invitation after a request of the same mandate is filed as the acceptance/);
    await expectText(page.getByTestId('thread-status'), /^accepted/);
  });
});
