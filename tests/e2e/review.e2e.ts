/**
 * The review and letters screens in Chromium: the home screen's notice, starting the review of
 * my mandates, deciding each request (saved as chosen, progress shown), preparing the letters,
 * saving their PDF, confirming them sent (the reminders reach the threads only then), closing the
 * review. Screenshots under test-results/screens/ and axe-core with no serious violation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureScreen, launchBrowser, openApp, startServer, TODAY, type AppHandle } from './harness';
import { expectText, pick } from './ui';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let app: AppHandle;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = await openApp(browser, server.url);
  // the screens take "this year" and "today" from the clock: the same day as the API's
  await app.page.clock.setFixedTime(new Date(`${TODAY}T10:00:00`));
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
});

describe('the yearly review and its letters, on screen', () => {
  it('from the home screen’s notice to letters confirmed sent and a closed review', async () => {
    const { page } = app;
    const food = (await app.call('mandates:list', {})).find((m) => m.title === 'Special Rapporteur on the right to food')!;
    const elver = await app.call('holders:create', { mandateId: food.id, name: 'Hilal Elver', termStart: '2014-06', termEnd: '2020-04' });
    const fakhri = await app.call('holders:create', { mandateId: food.id, name: 'Michael Fakhri', termStart: '2020-05' });
    const open = async (stateCode: string, date: string, holder: number) => (await app.call('requests:create', { mandateId: food.id, stateCode, opening: { type: 'request', date, signedByHolderId: holder } })).id;
    const chad = await open('TCD', '2022-09-14', fakhri.id);
    const kenya = await open('KEN', '2019-05-20', elver.id);
    await app.call('documents:record', { requestId: kenya, document: { type: 'reminder', date: '2021-03-15' } });
    const peru = await open('PER', '2019-03-04', elver.id);
    await app.call('settings:set', { myMandateIds: [food.id] });
    await app.reload();

    await expectText(page.locator('.review-due'), 'The 2026 review of pending requests is not done for one of your mandates. Go to the review');
    await page.getByRole('link', { name: 'Go to the review' }).click();
    await expectText(page.locator('h1'), 'Yearly review of pending requests');
    await expectText(page.locator('.table tbody tr'), 'Special Rapporteur on the right to foodnot started0 of 3 decidedStart');
    expect(await captureScreen(page, 'review')).toEqual([]);

    await page.getByRole('button', { name: 'Start the 2026 review of my mandates' }).click();
    await expectText(page.locator('h1'), 'Review of 2026');
    await expectText(page.locator('.page-subtitle'), 'Special Rapporteur on the right to food · 0 of 3 decided · holder: Michael Fakhri');
    const row = (state: string) => page.locator('tbody tr').filter({ has: page.getByRole('link', { name: state, exact: true }) });
    await expectText(row('Kenya').locator('td').nth(1), '2019-05-20by a predecessor, Hilal Elver');
    await pick(page, row('Chad'), 'Decision', 'Remind');
    await expectText(page.locator('.page-subtitle'), /1 of 3 decided/);
    await pick(page, row('Kenya'), 'Decision', 'Remind');
    await pick(page, row('Peru'), 'Decision', 'Keep without reminder');
    await expectText(page.locator('.page-subtitle'), /3 of 3 decided/);
    expect(await captureScreen(page, 'review-detail')).toEqual([]);
    // saved as chosen
    const reviewId = (await app.call('review:list', {}))[0]!.id;
    expect((await app.call('review:get', { reviewId })).items.map((i) => [i.stateCode, i.decision?.decision])).toEqual([
      ['TCD', 'remind'],
      ['KEN', 'remind'],
      ['PER', 'keep'],
    ]);

    await page.getByRole('link', { name: 'Reminder letters' }).click();
    await expectText(page.locator('h1'), 'Reminder letters 2026');
    await page.getByRole('button', { name: 'Prepare', exact: true }).click();
    await expectText(page.locator('.letter-card h3').first(), '1. Chad — 2026/TCD/1');
    await expectText(page.locator('.letter-card h3').nth(1), '2. Kenya — 2026/KEN/2');
    expect(await page.locator('.letter-card textarea').nth(1).inputValue()).toContain('that my predecessor addressed to your Government on 20 May 2019');
    expect(await captureScreen(page, 'letters')).toEqual([]);

    await page.getByRole('button', { name: 'Save as one PDF…' }).click();
    await expectText(page.locator('[role=status]').filter({ hasText: 'Saved' }), 'Saved 1 file.');
    const reminders = async (id: number) => (await app.call('requests:get', { id })).documents.filter((d) => d.type === 'reminder').map((d) => d.date);
    // saved as PDF, not sent: no reminder yet
    expect(await reminders(chad)).toEqual([]);
    expect(await reminders(kenya)).toEqual(['2021-03-15']);

    await page.getByRole('button', { name: 'Confirm sent' }).click();
    await expectText(page.locator('.dialog-body'), `A reminder dated ${TODAY} will be recorded on each of 2 threads.`);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm sent' }).click();
    await expectText(page.locator('[role=status]').filter({ hasText: 'confirmed sent' }), `2 letters confirmed sent on ${TODAY}.`);
    expect(await reminders(chad)).toEqual([TODAY]);
    expect(await reminders(kenya)).toEqual(['2021-03-15', TODAY]);
    expect(await reminders(peru)).toEqual([]);

    await page.getByRole('link', { name: 'Back to the review' }).click();
    await page.getByRole('button', { name: 'Close the review' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close the review' }).click();
    await expectText(page.locator('[role=status]').filter({ hasText: 'Closed on' }), `Closed on ${TODAY}.`);
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    await expectText(page.locator('h1'), 'Visit requests');
    expect(await page.locator('.review-due').count()).toBe(0);
    expect(app.errors).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });
});
