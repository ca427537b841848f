/**
 * The Indicators screen (issue #5) in Debian's Chromium over the real handler table and a real
 * SQLite file with the reference data: a small set of threads and visits created through the API,
 * the headline figures checked against counts worked out by hand, a drill-down, keyboard use, a
 * screenshot (test-results/screens/indicators.png), axe, no CSP violation (charts and map are
 * plain SVG), a CSV export through app:saveFile read back, and the A4 print read with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureScreen, screenshot, launchBrowser, openApp, RESULTS_DIR, SAVED_DIR, seriousAxeViolations, startServer, type AppHandle } from './harness';
import { expectText, field, fill, pick } from './ui';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let app: AppHandle;
/** The reporting year the test's records are built around; the five-year window of the report's text is 2020-2024. */
const YEAR = 2025;

async function mandate(pattern: RegExp): Promise<number> {
  const found = (await app.call('mandates:list', {})).find((m) => pattern.test(m.title));
  if (!found) throw new Error(`no mandate matches ${pattern}`);
  return found.id;
}

/**
 * By hand, for 2025 (as of 2025-12-31) and 2020-2024:
 * - visited: FRA (2025), KEN (2025, joint), BRA (2021) = 3 of 193; never visited 190 =
 *   186 no request + 2 request not accepted (TUR pending, PRK pending) + 1 invitation (NZL) + 1 accepted, not held (JPN).
 * - visits in 2025: 2 (FRA, KEN joint), 3 counted per mandate, 2 States visited.
 * - 2020-2024: 0 States with 5+ visits; 192 with no visit (all but BRA), of which 4 had a request
 *   in the window (TUR 2022, JPN 2023, FRA 2024, PRK); PRK accepted nothing despite 5 pending requests.
 * - Per mandate, the Special Rapporteur on torture: pending at the end of 2025: TUR (2022-02-01,
 *   3 years); 1 reminder in 2025 (TUR, 2025-02-03); requests sent in 2020-2024: FRA and TUR (NZL
 *   invited), of which FRA accepted by 2024-12-31 (age 0 at the window's end): 1 of 2, 50 %.
 */
async function createRecords() {
  const food = await mandate(/right to food/i);
  const torture = await mandate(/^Special Rapporteur on torture/i);
  const housing = await mandate(/adequate housing/i);
  const open = async (m: number, state: string, type: 'request' | 'invitation', date: string) =>
    (await app.call('requests:create', { mandateId: m, stateCode: state, opening: { type, date, form: 'letter', reference: `IND-${state}-${m}` } })).id;
  const doc = (requestId: number, document: Record<string, unknown>) => app.call('documents:record', { requestId, document });

  const fra = await open(torture, 'FRA', 'request', '2024-01-15');
  await doc(fra, { type: 'acceptance', date: '2024-06-10' });
  await app.call('visits:record', { mandateIds: [torture], subjectStateCode: 'FRA', start: '2025-03-10', end: '2025-03-20', requestId: fra });
  await app.call('visits:record', { mandateIds: [food, housing], subjectStateCode: 'KEN', start: '2025-09-01', end: '2025-09-12' });
  await app.call('visits:record', { mandateIds: [food], subjectStateCode: 'BRA', start: '2021-05-03', end: '2021-05-14' });
  const tur = await open(torture, 'TUR', 'request', '2022-02-01');
  await doc(tur, { type: 'reminder', date: '2025-02-03' });
  await open(torture, 'NZL', 'invitation', '2023-03-01');
  const jpn = await open(housing, 'JPN', 'request', '2023-04-01');
  await doc(jpn, { type: 'acceptance', date: '2024-02-01' });
  // five thematic mandates asking the DPRK in the window, none answered
  const thematic = (await app.call('mandates:list', {})).filter((m) => m.kind === 'thematic' && ![food, torture, housing].includes(m.id)).slice(0, 5);
  for (const [i, m] of thematic.entries()) await open(m.id, 'PRK', 'request', `${2020 + i}-06-01`);
}

const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const figure = (name: RegExp) => app.page.locator('.fig-button').filter({ hasText: name }).first();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  app = await openApp(browser, server.url);
  await createRecords();
  await app.reload();
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
});

describe('Indicators', () => {
  it('shows the headline figures, drills down, and passes axe with no CSP violation', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Indicators', exact: true }).click();
    await expectText(page.locator('h1'), 'Cooperation indicators');
    // default: the last full year, the report text's window
    const select = field(page, 'Reporting year').locator('button').first();
    await expectText(select, `${new Date().getFullYear() - 1}▾`);
    if (new Date().getFullYear() - 1 !== YEAR) await pick(page, page, 'Reporting year', String(YEAR));
    await expect.poll(() => page.getByRole('radio', { name: 'Five years before the reporting year (report text)' }).isChecked()).toBe(true);
    await expectText(page.locator('.ind-window-shown'), /^Five-year figures count 2020–2024/);

    await expectText(page.locator('.fig-headline'), '3 of 193 Member States visited');
    await expectText(figure(/^190\s*Never visited/).locator('.fig-value'), '190');
    await expectText(figure(/No request received/).locator('.fig-value'), '186');
    await expectText(figure(/Request not accepted/).locator('.fig-value'), '2');
    await expectText(figure(/Invitation extended/).locator('.fig-value'), '1');
    await expectText(figure(/Accepted, visit not yet held/).locator('.fig-value'), '1');
    await expectText(figure(/Official visits \(a joint visit once\)/).locator('.fig-value'), '2');
    await expectText(page.locator('.fig-static').filter({ hasText: 'Visits counted per mandate' }).locator('.fig-value'), '3');
    await expectText(figure(/States and territories visited/).locator('.fig-value'), '2');
    await expectText(figure(/5 or more visits/).locator('.fig-value'), '0');
    await expectText(figure(/^192\s*Member States with no visit/).locator('.fig-value'), '192');
    await expectText(figure(/had at least one request/).locator('.fig-value'), '4');
    await expectText(figure(/despite 5 or more pending/).locator('.fig-value'), '1');
    await expectText(page.locator('.ind-report-text'), /In 2025, special procedure mandate holders carried out 2 official country visits \(3 counted per mandate\) to 2 States and territories\./);

    // drill-down: the States behind a figure
    await figure(/Request not accepted/).click();
    const dialog = page.getByRole('dialog');
    await expectText(dialog.getByRole('heading'), 'Request not accepted: 2');
    await expectText(dialog.locator('.ind-state-list'), /Korea.*Türkiye/);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // keyboard: a figure is a button reached by Tab and opened with Enter
    await figure(/Invitation extended/).focus();
    await page.keyboard.press('Enter');
    await expectText(dialog.locator('.ind-state-list'), 'New Zealand');
    await page.keyboard.press('Escape');

    // the annex's window, 2021-2025: BRA (2021), FRA and KEN (2025) visited in it; TUR, JPN and
    // PRK asked in it; PRK's 2020 request falls out, leaving 4 pending mandates: not 5 or more
    await page.locator('label.radio', { hasText: 'Five years ending with the reporting year (statistical annex)' }).click();
    await expectText(page.locator('.ind-window-shown'), /^Five-year figures count 2021–2025/);
    await expectText(figure(/Member States with no visit/).locator('.fig-value'), '190');
    await expectText(figure(/had at least one request/).locator('.fig-value'), '3');
    await expectText(figure(/despite 5 or more pending/).locator('.fig-value'), '0');
    await expectText(page.locator('.fig-headline'), '3 of 193 Member States visited');
    await page.locator('label.radio', { hasText: 'Five years before the reporting year (report text)' }).click();
    await expectText(page.locator('.ind-window-shown'), /^Five-year figures count 2020–2024/);
    // one regional group: KEN is the African State visited
    await pick(page, page, 'Regional group', 'African States');
    await expectText(page.locator('.fig-headline'), '1 of 54 Member States visited');
    await pick(page, page, 'Regional group', 'All States');
    await expectText(page.locator('.fig-headline'), '3 of 193 Member States visited');

    // the per-mandate table: the DPRK requests are pending at the end of 2025
    const torture = page.locator('.ind-table tr').filter({ hasText: /^Special Rapporteur on torture/ });
    await expectText(torture.locator('td').nth(0), /^1 \(show the requests\)$/); // TUR pending (NZL is an invitation, FRA visited)
    // the map and the charts are drawn
    expect(await page.locator('.map-state').count()).toBeGreaterThan(150);
    expect(await page.locator('.map-visited').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.chart-svg').count()).toBeGreaterThanOrEqual(3);

    await page.locator('h1').focus();
    expect(await captureScreen(page, 'indicators')).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
    // the rest of the screen, for a human look
    await page.locator('#ind-charts').scrollIntoViewIfNeeded();
    await screenshot(page, 'indicators-charts');
    await page.locator('#ind-groups').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'indicators-tables');
  });

  it('drills down from each per-mandate figure to the requests behind it, and on to a request', async () => {
    const { page } = app;
    const torture = page.locator('.ind-table-mandates tr').filter({ hasText: /^Special Rapporteur on torture/ });
    const dialog = page.getByRole('dialog');
    const cell = (n: number) => torture.locator('td').nth(n).getByRole('button');
    const rows = () => dialog.locator('tbody tr');
    const rowTexts = () => rows().evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim()).join(' ')));

    // pending at the end of 2025: TUR, requested 2022-02-01, 3 years old
    await cell(0).click();
    await expectText(dialog.getByRole('heading'), /^Special Rapporteur on torture and other .*: requests pending at the end of 2025: 1$/);
    await expect.poll(rowTexts).toEqual(['Türkiye 2022-02-01 3']);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // reminders in 2025: TUR's one
    await expectText(torture.locator('td').nth(3), /^1 \(show the requests\)$/);
    await cell(3).click();
    await expectText(dialog.getByRole('heading'), /: reminders sent in 2025: 1$/);
    await expect.poll(rowTexts).toEqual(['Türkiye 2022-02-01 3 1']);
    await page.keyboard.press('Escape');

    // the window's requests, then the acceptance rate's numerator (keyboard: Tab to the cell, Enter)
    await cell(4).click();
    await expectText(dialog.getByRole('heading'), /: requests sent in 2020–2024: 2$/);
    await expect.poll(rowTexts).toEqual(['Türkiye 2022-02-01 2 No No No', 'France 2024-01-15 0 Yes Yes Yes']);
    await page.keyboard.press('Escape');
    await expectText(torture.locator('td').nth(5), /^50 % \(show the requests\)$/);
    await cell(5).focus();
    await page.keyboard.press('Enter');
    await expectText(dialog.getByRole('heading'), /: accepted by 2024-12-31, of the 2 requests of 2020–2024: 1$/);
    await expect.poll(rowTexts).toEqual(['France 2024-01-15 0 Yes Yes Yes']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'indicators-mandate-drill');

    // a request of the list opens its thread
    await dialog.getByRole('link', { name: 'France' }).click();
    await expectText(page.locator('h1'), /^France · Special Rapporteur on torture/);
    await page.goBack();
    await expectText(page.locator('h1'), 'Cooperation indicators');
  });

  it('exports the regional group table to CSV through app:saveFile', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Export the regional group table as CSV' }).click();
    const file = join(SAVED_DIR, `cooperation-indicators-${YEAR}-regionalGroups.csv`);
    await expectText(page.locator('.ind-export [role=status]').first(), `Saved ${file}`);
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Regional group,Member States,Visited,Never visited,/);
    // KEN is the one African State visited: 54 Member States, 1 visited, 53 never visited
    expect(lines.find((l) => l.startsWith('African,'))).toMatch(/^African,54,1,53,/);
  });

  it('a standing invitation withdrawn in the year no longer counts; a withdrawal before the invitation is refused', async () => {
    const { page } = app;
    const standing = () => figure(/States with a standing invitation/).locator('.fig-value');
    await page.getByRole('link', { name: 'Indicators', exact: true }).click();
    // the reference data: 81 Member States, undated but the Republic of Korea (2008-03-03)
    await expectText(standing(), '81');

    // the Republic of Korea withdraws: first a date before its invitation, refused, then March 2025
    await app.goto('#/states/KOR');
    await expectText(page.locator('h1'), 'Republic of Korea');
    await expectText(page.locator('.facts'), /Standing invitation\s*since 2008-03-03/);
    await page.getByRole('button', { name: 'Edit' }).click();
    await fill(page, 'Standing invitation withdrawn on', '2007');
    await page.getByRole('button', { name: 'Save' }).click();
    // beside the field it is about
    await expectText(field(page, 'Standing invitation withdrawn on').locator('.react-aria-FieldError'), /The standing invitation is withdrawn before it was extended\./);
    await fill(page, 'Standing invitation withdrawn on', '2025-03');
    expect(await captureScreen(page, 'state-standing-withdrawn-edit')).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(page.locator('.facts'), /Standing invitation\s*since 2008-03-03; withdrawn 2025-03/);
    expect((await app.call('states:get', { code: 'KOR' })).standing_invitation_withdrawn).toBe('2025-03');

    // 2025: 80 (withdrawn by the year's end); 2024: still 81
    await page.getByRole('link', { name: 'Indicators', exact: true }).click();
    await expectText(standing(), '80');
    await pick(page, page, 'Reporting year', '2024');
    await expectText(standing(), '81');
    await pick(page, page, 'Reporting year', String(YEAR));
    await expectText(standing(), '80');
  });

  it('prints an A4 report with the chapter text and the tables', async () => {
    const { page } = app;
    const dir = join(RESULTS_DIR, 'indicators');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `indicators-${YEAR}.pdf`);
    await page.pdf({ path: file, format: 'A4', printBackground: true });
    const text = pdftotext(file);
    // the first two pages as PNG, for a human look at the print layout
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '4', file, join(dir, 'page')]);
    expect(text).toContain('Country visits');
    expect(text).toContain('3 of the 193 Member States had received at least one official visit and 190 had never been visited');
    expect(text).toContain('By regional group');
    expect(text).not.toContain('Print report');
    expect(app.errors).toEqual([]);
  });
});
