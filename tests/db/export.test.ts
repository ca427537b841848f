import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { call, freshApi } from '../support/db';

const FOOD = 'Special Rapporteur on the right to food';
const HEADER = ['State', 'Regional group', 'Mandate', 'Status', 'Detail', 'Opened by', 'Requested on', 'Requested by', 'Last document', 'Reminders', 'Last reminder', 'Age (years)', 'Accepted on', 'Visit start', 'Visit end', 'Priority', 'Notes'];

/** Three threads of the food mandate, worked out by hand for today = 2026-11-29. */
async function setup() {
  const ctx = await freshApi('2026-11-29');
  const { api } = ctx;
  const mandateId = (await call(api, 'mandates:list', {})).find((m) => m.title === FOOD)!.id;
  const holder = await call(api, 'holders:create', { mandateId, name: 'Hilal Elver', termStart: '2014-06' });
  // a name a spreadsheet would run as a formula if written bare
  const odd = await call(api, 'holders:create', { mandateId, name: '=HYPERLINK("http://x","y")', termStart: '2014-06' });
  const civ = await call(api, 'requests:create', { mandateId, stateCode: 'CIV', priority: 'high', opening: { type: 'request', date: '2019-03-04', signedByHolderId: holder.id } });
  await call(api, 'documents:record', { requestId: civ.id, document: { type: 'reminder', date: '2021-02-10' } });
  const per = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018', signedByHolderId: odd.id } });
  await call(api, 'documents:record', { requestId: per.id, document: { type: 'acceptance', date: '2020-02' } });
  await call(api, 'requests:create', { mandateId, stateCode: 'NOR', priority: 'low', opening: { type: 'invitation', date: '2024-01-15' } });
  return { ...ctx, mandateId };
}

// Côte d'Ivoire: 2019-03-04 to 2026-11-29 is 7 whole years; Peru: from 2018-01-01, 8; Norway: from 2024-01-15, 2.
const CIV = ["Côte d'Ivoire", 'African', FOOD, 'pending', 'reminded once', 'request', '2019-03-04', 'Hilal Elver', 'reminder 2021-02-10', '1', '2021-02-10', '7', '', '', '', 'high', ''];
const NOR = ['Norway', 'Western European and Others', FOOD, 'invitation', '', 'invitation', '2024-01-15', '', 'invitation 2024-01-15', '0', '', '2', '', '', '', 'low', ''];
const PER = ['Peru', 'Latin American and Caribbean', FOOD, 'accepted', '', 'request', '2018', '\'=HYPERLINK("http://x","y")', 'acceptance 2020-02', '0', '', '8', '2020-02', '', '', 'normal', ''];

describe('exporting the requests list', () => {
  test('CSV: UTF-8 with a BOM, the list’s columns, sorted by State, formulas escaped', async () => {
    const { api } = await setup();
    const file = await call(api, 'export:requests', { format: 'csv' });
    expect([file.fileName, file.mimeType]).toEqual(['visit-requests-2026-11-29.csv', 'text/csv;charset=utf-8']);
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text.startsWith('\uFEFFState,Regional group,Mandate,')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.data).toEqual([HEADER, CIV, NOR, PER]);
  });

  test('the filter on screen is the filter of the file', async () => {
    const { api } = await setup();
    const rows = async (filter: object) => {
      const file = await call(api, 'export:requests', { format: 'csv', filter });
      return Papa.parse<string[]>(new TextDecoder().decode(file.bytes), { skipEmptyLines: true }).data.slice(1).map((r) => r[0]);
    };
    expect(await rows({ statuses: ['pending', 'invitation'] })).toEqual(["Côte d'Ivoire", 'Norway']);
    expect(await rows({ search: 'cote d’ivoire' })).toEqual(["Côte d'Ivoire"]);
    expect(await rows({ regionalGroups: ['Latin American and Caribbean'] })).toEqual(['Peru']);
    expect(await rows({ statuses: ['completed'] })).toEqual([]);
  });

  test('XLSX: one sheet, bold frozen header, column widths, numbers as numbers', async () => {
    const { api } = await setup();
    const file = await call(api, 'export:requests', { format: 'xlsx' });
    expect([file.fileName, file.mimeType]).toEqual(['visit-requests-2026-11-29.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Visit requests');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBe(60);
    expect(sheet.rowCount).toBe(4);
    const civ = sheet.getRow(2);
    expect([civ.getCell(1).value, civ.getCell(9).value, civ.getCell(10).value, civ.getCell(12).value, civ.getCell(16).value]).toEqual([
      "Côte d'Ivoire",
      'reminder 2021-02-10',
      1,
      7,
      'high',
    ]);
    // partial dates stay text: a spreadsheet date would invent a day
    expect(sheet.getRow(4).getCell(7).value).toBe('2018');
  });

  test('every page of a long list is exported (listRequests pages by 1000)', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const states = await db.selectFrom('states').select('name_en').orderBy('code').execute();
    const mandates = (await call(api, 'mandates:list', {})).filter((m) => m.kind === 'thematic').slice(0, 6);
    const lines = ['state,mandate,status,requested_on'];
    for (const m of mandates) for (const s of states) if (lines.length <= 1005) lines.push(Papa.unparse([[s.name_en, m.title, 'requested', '2019']]));
    const imported = await call(api, 'import:commit', { fileName: 'many.csv', bytes: new TextEncoder().encode(lines.join('\n')) });
    expect(imported.totals).toMatchObject({ rows: 1005, threadsCreated: 1005, invalid: 0 });
    const file = await call(api, 'export:requests', { format: 'csv' });
    const rows = Papa.parse<string[]>(new TextDecoder().decode(file.bytes).slice(1), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1 + 1005);
    expect(new Set(rows.slice(1).map((r) => `${r[0]}|${r[2]}`)).size).toBe(1005);
  }, 60_000);
});

describe('the export imported into another database', () => {
  test('dates the last reminder and the document its status stands for by the "Last reminder" and "Last document" columns', async () => {
    const { api } = await freshApi('2026-11-29');
    const mandateId = (await call(api, 'mandates:list', {})).find((m) => m.title === FOOD)!.id;
    const ken = await call(api, 'requests:create', { mandateId, stateCode: 'KEN', opening: { type: 'request', date: '2018-05-02' } });
    await call(api, 'documents:record', { requestId: ken.id, document: { type: 'reminder', date: '2019-06-01' } });
    await call(api, 'documents:record', { requestId: ken.id, document: { type: 'reminder', date: '2020-01-10' } });
    await call(api, 'documents:record', { requestId: ken.id, document: { type: 'declination', date: '2021-05' } });
    const file = await call(api, 'export:requests', { format: 'csv' });

    const other = await freshApi('2026-11-29');
    const imported = await call(other.api, 'import:commit', { fileName: file.fileName, bytes: file.bytes, skipInvalidRows: false });
    expect(imported.message).not.toMatch(/not read/);
    const id = imported.rows[0]!.threadId!;
    const thread = await call(other.api, 'requests:get', { id });
    // the first reminder's date is not in the list: undated, as the count says; the last one and the declination are dated
    expect(thread.documents.map((d) => [d.type, d.date])).toEqual([
      ['request', '2018-05-02'],
      ['reminder', null],
      ['reminder', '2020-01-10'],
      ['declination', '2021-05'],
    ]);
    expect([thread.status, thread.statusText]).toEqual(['refused', 'reminded 2 times, declined']);
    // into its own database, the same file adds nothing
    const again = await call(api, 'import:commit', { fileName: file.fileName, bytes: file.bytes, skipInvalidRows: false });
    expect(again.rows.map((r) => r.outcome)).toEqual(['unchanged']);
  });
});
