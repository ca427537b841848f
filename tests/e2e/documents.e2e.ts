/** Documents on a thread: correcting one and reading its history, a rule error, deleting with a confirmation. */
import { describe, expect, it } from 'vitest';
import { captureScreen } from './harness';
import { seededApp } from './seed';
import { expectText, field, fill, pick } from './ui';

const session = seededApp();

describe('documents', () => {
  it('corrects a document and shows its history with both versions', async () => {
    const { page } = session.app;
    await session.app.goto(`#/requests/${session.seeded.threads.civFood}`);
    const ack = page.getByTestId('document').filter({ hasText: 'Acknowledgement' });
    await expectText(ack.locator('.doc-date'), '2019-04');
    await ack.getByRole('button', { name: /^Correct the Acknowledgement/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct the document' });
    await fill(dialog, 'Date', '2019-04-23');
    await fill(dialog, 'Reference', 'NV 117/2019');
    await dialog.getByRole('button', { name: 'Save the correction' }).click();
    await expectText(ack.locator('.doc-date'), '2019-04-23');
    await expectText(ack.locator('.doc-version'), 'corrected (version 2)');
    await expectText(ack.locator('.doc-facts'), /Reference\s*NV 117\/2019/);

    await ack.getByRole('button', { name: /^History of the Acknowledgement/ }).click();
    const history = page.getByRole('dialog', { name: 'Document history' });
    const entries = history.getByTestId('history-entry');
    await expect.poll(() => entries.count()).toBe(2);
    await expectText(entries.nth(0).locator('.history-head'), /^Recorded .*\d{4}.* version 1 · by hand$/);
    await expectText(entries.nth(1).locator('.history-head'), /^Corrected .*\d{4}.* version 2 · by hand$/);
    await expectText(entries.nth(1).locator('.changed').filter({ hasText: 'Date' }), /2019-04-23\s*\(was 2019-04\)/);
    expect(await captureScreen(page, 'request-history')).toEqual([]);
    await history.getByRole('button', { name: 'Close' }).click();
  });

  it('shows a rule error of the API inside the form: a reminder on an invitation thread', async () => {
    const { page } = session.app;
    await session.app.goto(`#/requests/${session.seeded.threads.turTorture}`);
    await expectText(page.getByTestId('thread-status'), 'invitation');
    await page.getByRole('button', { name: 'Add document' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add document' });
    await pick(page, dialog, 'Document', 'Reminder');
    await fill(dialog, 'Date', '2023-06');
    await dialog.getByRole('button', { name: 'Add the document' }).click();
    await expectText(dialog.getByRole('alert'), /^A reminder follows up a request, and this thread has no request\./);
    expect(await captureScreen(page, 'request-rule-error')).toEqual([]);
    // nothing was written
    expect((await session.app.call('requests:get', { id: session.seeded.threads.turTorture })).documents).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('checks a partial date while typing, before asking the API', async () => {
    const { page } = session.app;
    await page.getByRole('button', { name: 'Add document' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add document' });
    await fill(dialog, 'Date', '2019-02-30');
    await dialog.getByRole('button', { name: 'Add the document' }).click();
    await expectText(dialog.locator('.react-aria-FieldError'), /Write the date as YYYY, YYYY-MM or YYYY-MM-DD/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('fits the fields to the type: proposed dates for a dates proposal, signed by only from the holder', async () => {
    const { page } = session.app;
    await page.getByRole('button', { name: 'Add document' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add document' });
    await pick(page, dialog, 'Document', 'Acceptance');
    await pick(page, dialog, 'Direction', 'From the mandate holder to the State');
    await dialog.getByText('Signed by', { exact: true }).waitFor();
    expect(await dialog.getByText('Proposed start', { exact: true }).count()).toBe(0);
    await pick(page, dialog, 'Document', 'Dates proposal');
    await pick(page, dialog, 'Direction', 'From the State to the mandate holder');
    await dialog.getByText('Proposed start', { exact: true }).waitFor();
    expect(await dialog.getByText('Signed by', { exact: true }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('deletes a document after a confirmation', async () => {
    const { page } = session.app;
    await session.app.goto(`#/requests/${session.seeded.threads.civFood}`);
    const reminder = page.getByTestId('document').filter({ hasText: 'Reminder' });
    await reminder.getByRole('button', { name: /^Delete the Reminder/ }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this document?' });
    expect(await captureScreen(page, 'request-delete-confirm')).toEqual([]);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('document').count()).toBe(2);
    await expectText(page.getByTestId('thread-status'), 'pending — acknowledged');
  });

  it('edits priority and notes', async () => {
    const { page } = session.app;
    await pick(page, page, 'Priority', 'High');
    await fill(page, 'Notes', 'Still a priority: food insecurity in the north.');
    await page.locator('.request-side').getByRole('button', { name: 'Save' }).click();
    await expectText(page.locator('.request-side [role=status]'), 'Saved.');
    const thread = await session.app.call('requests:get', { id: session.seeded.threads.civFood });
    expect(thread.priority).toBe('high');
    expect(thread.notes).toBe('Still a priority: food insecurity in the north.');
    expect(session.app.errors).toEqual([]);
    expect(await session.app.cspViolations()).toEqual([]);
  });

  it('says that deleting a thread’s only document deletes the thread', async () => {
    const { page } = session.app;
    const food = (await session.app.call('mandates:list', {})).find((m) => /right to food/i.test(m.title))!.id;
    const { id } = await session.app.call('requests:create', { mandateId: food, stateCode: 'NOR', opening: { type: 'request', date: '2024-01-10' } });
    await session.app.goto(`#/requests/${id}`);
    await page.getByTestId('document').getByRole('button', { name: /^Delete the Request/ }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this document?' });
    await expectText(confirm, /The Request of 2024-01-10 is the thread's only document: the thread will be deleted with it\./);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
  });

  it('corrects a visit recorded with the wrong dates, then deletes it after a confirmation', async () => {
    const { page } = session.app;
    await session.app.goto(`#/requests/${session.seeded.threads.fraFood}`);
    const visit = page.locator('.visit').first();
    await expectText(visit, /2011-06-01 – 2011-06-10/);
    await visit.getByRole('button', { name: 'Correct the visit of 2011-06-01' }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct the visit' });
    await expectText(dialog, /The mandates of a recorded visit stay as they are/);
    // a rule about one field is shown beside it
    await fill(dialog, 'Start', '2011-06-02');
    await fill(dialog, 'End', '2011-05-30');
    await dialog.getByRole('button', { name: 'Save the correction' }).click();
    await expectText(field(dialog, 'End').locator('.react-aria-FieldError'), 'The visit ends (2011-05-30) before it starts (2011-06-02).');
    await fill(dialog, 'End', '2011-06-11');
    expect(await captureScreen(page, 'request-correct-visit')).toEqual([]);
    await dialog.getByRole('button', { name: 'Save the correction' }).click();
    await expectText(visit, /2011-06-02 – 2011-06-11/);
    await expectText(page.getByTestId('thread-status'), /^completed/);

    await visit.getByRole('button', { name: 'Delete the visit of 2011-06-02' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this visit?' });
    await expectText(confirm, /The visit of 2011-06-02 will be removed/);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('.visit').count()).toBe(0);
    await expectText(page.getByTestId('thread-status'), /^pending/);
  });
});
