import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Executor } from '../../db/changeLog';
import { call, fail, freshApi } from '../support/db';

const FOOD = 'Special Rapporteur on the right to food';

function fixture(name: string) {
  return { fileName: name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url))) };
}

function csv(fileName: string, text: string) {
  return { fileName, bytes: new TextEncoder().encode(text) };
}

/** Row counts of the tables an import writes, to show what a step wrote or did not. */
async function counts(db: Executor) {
  const n = async (table: 'visit_requests' | 'documents' | 'visits' | 'change_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { requests: await n('visit_requests'), documents: await n('documents'), visits: await n('visits'), changes: await n('change_log') };
}

/** Every thread of a State with its mandate, status and documents in thread order, as plain tuples. */
async function threadsOf(api: Awaited<ReturnType<typeof freshApi>>['api'], stateCode: string) {
  const list = await call(api, 'requests:list', { filter: { stateCodes: [stateCode] }, sort: { column: 'openedOn', direction: 'asc' } });
  const threads = [];
  for (const row of list.rows) {
    const t = await call(api, 'requests:get', { id: row.id });
    threads.push({
      mandate: t.mandate.title,
      status: t.status,
      statusText: t.statusText,
      notes: t.notes,
      documents: t.documents.map((d) => [d.type, d.date, d.direction]),
      visits: t.visits.map((v) => ({ start: v.start, end: v.end, subject: v.subject_state_code, places: v.places.map((p) => p.code) })),
    });
  }
  return threads;
}

describe('the assistants’ real file: tests/fixtures/visits.csv', () => {
  test('154 rows: 153 imported through the handler table, 1 reported, and a second import adds nothing', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const file = { fileName: 'visits.csv', bytes: new Uint8Array(readFileSync(new URL('../fixtures/visits.csv', import.meta.url))) };
    const empty = await counts(db);

    // Worked out by reading the file (rows numbered as in a spreadsheet, header = row 1):
    // - every State and mandate matches: "Turkey" (rows 36, 68, 77) is Türkiye by its former name,
    //   "The Russian Federation", "Vietnam", "Moldova", "Venezuela", "Islamic Republic of Iran" and
    //   "Republic of the Congo" by other names, the Somalia mandate's "Independent Expert on ..."
    //   title by its subject;
    // - row 37 (Mauritania, torture, completed) gives a visit end (2016-02-03) and no start: a visit
    //   with an end needs its start (db/visits.ts), nothing is invented, so the row is reported;
    // - the 153 others each open a thread. 64 have a visit: the 60 "completed" rows with no request
    //   date, reminder or acceptance (14 with start and end, 15 with a start only, 31 undated) are
    //   threads known only by their visit, and rows 77, 78, 84, 85 are completed requests;
    // - documents: the 61 "requested" rows with no date and row 95 (1 request each: 62); 3 "accepted" rows 2-4, rows
    //   80, 81, 94, and "forthcoming" rows 153-154 without dates (request + acceptance: 8 x 2 = 16);
    //   4 "forthcoming" rows with dates (request + dates proposal: 8); 3 "postponed" (request +
    //   postponement: 6); "cancelled" rows 28 and 134 (request + cancellation: 4); row 40 (request
    //   2012, acceptance 2015, cancellation: 3); "reminder" rows 79, 82, 83, 86-89 (request + 1
    //   reminder: 14); "invited" rows 92-93 (1 invitation each: 2); completed rows 77, 78, 85
    //   (request + reminder: 6) and 84 (request: 1). 62 + 16 + 8 + 6 + 4 + 3 + 14 + 2 + 6 + 1 = 122.
    const preview = await call(api, 'import:preview', file);
    expect(preview.shape).toBe('request');
    expect(preview.encoding).toBe('utf-8');
    expect(preview.totals).toEqual({ rows: 154, imported: 153, unchanged: 0, invalid: 1, threadsCreated: 153, documentsAdded: 122, visitsAdded: 64 });
    expect(preview.errors).toEqual([{ row: 37, column: 'visit_start', reason: 'A visit with an end date needs its start date too.' }]);
    expect(preview.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(['source_url', 'as_of']);
    expect(preview.rows.find((r) => r.row === 36)).toMatchObject({ outcome: 'new', action: 'new request to Türkiye, postponement (2016-10-10)', threadStatus: 'accepted' });
    expect(preview.rows.find((r) => r.row === 6)!.action).toBe('new thread: visit to Djibouti (2011), about Somalia');
    expect(preview.rows.find((r) => r.row === 77)!.action).toBe('new request to Türkiye of 1995, 1 reminder, visit (1999)');
    // the 10 rows whose reminders cell says "yes" are one undated reminder each, and say so; no other row warns
    const warned = preview.rows.filter((r) => r.warnings.length > 0);
    expect(warned.map((r) => r.warnings)).toEqual(Array.from({ length: 10 }, () => ['reminders: "yes" read as one reminder, undated (the cell does not count them)']));
    expect(await counts(db)).toEqual(empty);

    const refused = await fail(api, 'import:commit', file);
    expect(refused).toEqual({
      code: 'rule',
      message:
        '1 row of "visits.csv" cannot be imported, so nothing was imported: row 37 (visit_start): A visit with an end date needs its start date too. ' +
        'Correct the file, or import the other rows and leave these out.',
    });
    expect(await counts(db)).toEqual(empty);

    const report = await call(api, 'import:commit', { ...file, skipInvalidRows: true });
    expect(report.committed).toBe(true);
    expect(report.totals).toEqual(preview.totals);
    expect(report.rows.map((r) => [r.row, r.outcome, r.action, r.threadStatus])).toEqual(preview.rows.map((r) => [r.row, r.outcome, r.action, r.threadStatus]));
    // every write went through the domain functions, each logged with source 'import':
    // 153 threads, 122 documents, 64 visits
    const after = await counts(db);
    expect(after).toEqual({ requests: 153, documents: 122, visits: 64, changes: empty.changes + 153 + 122 + 64 });
    const imported = await db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', 'import').executeTakeFirstOrThrow();
    expect(Number(imported.n)).toBe(339);

    // statuses: pending = 61 + 1 requested, 3 + 4 reminded; accepted = 3 + 2 + 1 accepted, 4 + 2
    // forthcoming, 3 postponed; invitation = 2; refused = 3 cancelled; completed = 64
    const byStatus = await db.selectFrom('visit_requests').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    expect(Object.fromEntries(byStatus.map((s) => [s.status, Number(s.n)]))).toEqual({ pending: 69, accepted: 15, invitation: 2, refused: 3, completed: 64 });

    // the Somalia mandate's visit to Djibouti is about Somalia, in Djibouti, on a thread with Djibouti
    const djibouti = await threadsOf(api, 'DJI');
    expect(djibouti).toEqual([
      expect.objectContaining({ mandate: 'Mandate on the situation of human rights in Somalia', status: 'completed', documents: [], visits: [{ start: '2011', end: null, subject: 'SOM', places: ['DJI'] }] }),
      expect.objectContaining({ mandate: 'Special Rapporteur on the situation of human rights in Eritrea', status: 'completed', documents: [], visits: [{ start: '2013', end: null, subject: 'ERI', places: ['DJI'] }] }),
    ]);
    const turkey = await threadsOf(api, 'TUR');
    expect(turkey.map((t) => [t.mandate, t.status, t.statusText, t.documents, t.visits.map((v) => v.start)])).toEqual([
      ['Special Rapporteur on freedom of religion or belief', 'completed', 'reminded once', [['request', '1995', 'to_state'], ['reminder', null, 'to_state']], ['1999']],
      ['Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment', 'accepted', 'postponed', [['request', null, 'to_state'], ['postponement', null, 'from_state']], []],
      ['Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment', 'pending', '', [['request', null, 'to_state']], []],
    ]);
    const southAfrica = (await threadsOf(api, 'ZAF')).find((t) => t.mandate.startsWith('Special Rapporteur on violence against women'));
    expect(southAfrica).toMatchObject({ status: 'refused', documents: [['request', '2012', 'to_state'], ['acceptance', '2015', 'from_state'], ['cancellation', null, 'from_state']] });

    const again = await call(api, 'import:preview', file);
    expect(again.totals).toEqual({ rows: 154, imported: 0, unchanged: 153, invalid: 1, threadsCreated: 0, documentsAdded: 0, visitsAdded: 0 });
    expect(new Set(again.rows.filter((r) => r.outcome !== 'error').map((r) => r.action))).toEqual(new Set(['already imported']));
    await call(api, 'import:commit', { ...file, skipInvalidRows: true });
    expect(await counts(db)).toEqual(after);
  }, 30_000);
});

describe('encodings, delimiters, headers and date formats', () => {
  test('Windows-1252 with semicolons, French headers, day-first dates and mixed line ends', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = fixture('cp1252-semicolon.csv');
    const preview = await call(api, 'import:preview', file);
    expect([preview.encoding, preview.delimiter, preview.dayMonthOrder, preview.dayMonthOrderFrom]).toEqual(['windows-1252', ';', 'dmy', 'file']);
    expect(preview.columns.map((c) => [c.header, c.field])).toEqual([
      ['Pays', 'state'],
      ['Mandat', 'mandate'],
      ['Statut', 'status'],
      ['Demandé le', 'requestedOn'],
      ['Rappels', 'reminders'],
      ['Acceptation', 'acceptedOn'],
      ['Début', 'visitStart'],
      ['Fin', 'visitEnd'],
      ['Remarques', 'notes'],
    ]);
    expect(preview.rows.map((r) => [r.row, r.outcome, r.action])).toEqual([
      [2, 'new', 'new request to Côte d\'Ivoire of 2019-03-04, 1 reminder'],
      [3, 'new', 'new request to Türkiye of 2019-03-25, 2 reminders'],
      [4, 'new', 'new request to Côte d\'Ivoire of 2018, acceptance of 2019-01-15'],
      [5, 'new', 'new thread: visit to Türkiye (2019-10-07 to 2019-10-18)'],
    ]);
    await call(api, 'import:commit', file);

    // "Côte d’Ivoire" (curly apostrophe, byte 0x92) and "Côte d'Ivoire" are one State
    expect(await threadsOf(api, 'CIV')).toEqual([
      expect.objectContaining({ mandate: 'Independent Expert on the enjoyment of human rights by persons with albinism', status: 'accepted', documents: [['request', '2018', 'to_state'], ['acceptance', '2019-01-15', 'from_state']] }),
      expect.objectContaining({ mandate: FOOD, status: 'pending', statusText: 'reminded once', notes: 'Lettre signée par la titulaire', documents: [['request', '2019-03-04', 'to_state'], ['reminder', '2020-05-12', 'to_state']] }),
    ]);
    // "Türkiye" and its French name "Turquie"
    expect(await threadsOf(api, 'TUR')).toEqual([
      expect.objectContaining({ mandate: 'Special Rapporteur on the right to education', status: 'pending', statusText: 'reminded 2 times', documents: [['request', '2019-03-25', 'to_state'], ['reminder', null, 'to_state'], ['reminder', null, 'to_state']] }),
      expect.objectContaining({ mandate: FOOD, status: 'completed', notes: 'visite effectuée', documents: [], visits: [{ start: '2019-10-07', end: '2019-10-18', subject: 'TUR', places: ['TUR'] }] }),
    ]);
  });

  test('UTF-8 with a BOM: the first header is still "State"; reminder dates; accepted with dates is a dates proposal', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = fixture('bom.csv');
    const preview = await call(api, 'import:preview', file);
    expect([preview.encoding, preview.delimiter, preview.columns[0]]).toEqual(['utf-8', ',', { header: 'State', field: 'state', by: 'header' }]);
    await call(api, 'import:commit', file);
    expect(await threadsOf(api, 'TUR')).toEqual([
      expect.objectContaining({
        status: 'accepted',
        statusText: 'reminded 2 times, dates proposed',
        notes: 'Agreed in principle, dates to be set',
        documents: [['request', '2017-06-01', 'to_state'], ['reminder', '2018-01-10', 'to_state'], ['reminder', '2019-01-15', 'to_state'], ['dates_proposal', null, 'from_state']],
      }),
    ]);
    expect(await threadsOf(api, 'VNM')).toEqual([expect.objectContaining({ status: 'refused', statusText: 'declined', documents: [['request', '2016', 'to_state'], ['declination', null, 'from_state']] })]);
  });

  test('tab-separated, English synonyms, dates written in English, French and Spanish', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = fixture('tab.tsv');
    const preview = await call(api, 'import:preview', file);
    expect([preview.delimiter, preview.columns.map((c) => c.field)]).toEqual([
      '\t',
      ['state', 'mandate', 'status', 'requestedOn', 'reminders', 'acceptedOn', 'visitStart', 'visitEnd'],
    ]);
    await call(api, 'import:commit', file);
    // "5 March 2019", "March 2020", "5 de octubre de 2020", "16 octobre 2020"
    expect(await threadsOf(api, 'PER')).toEqual([
      expect.objectContaining({
        status: 'completed',
        // the undated reminder keeps its place after the request it follows (status.ts orderDocuments)
        documents: [['request', '2019-03-05', 'to_state'], ['reminder', null, 'to_state'], ['acceptance', '2020-03', 'from_state']],
        visits: [{ start: '2020-10-05', end: '2020-10-16', subject: 'PER', places: ['PER'] }],
      }),
    ]);
    // "May 2021", "1er juin 2021"; the forthcoming visit's dates are proposed dates, not a visit
    const chile = await call(api, 'requests:list', { filter: { stateCodes: ['CHL'] } });
    const thread = await call(api, 'requests:get', { id: chile.rows[0]!.id });
    expect(thread.documents.map((d) => [d.type, d.date, d.proposed_start, d.proposed_end])).toEqual([
      ['request', '2021-05', null, null],
      ['acceptance', '2021-06-01', null, null],
      ['dates_proposal', null, '2027-01-11', '2027-01-22'],
    ]);
    expect([thread.status, thread.visits]).toEqual(['accepted', []]);
    expect(await threadsOf(api, 'NOR')).toEqual([expect.objectContaining({ status: 'invitation', documents: [['invitation', null, 'from_state']] })]);
  });

  test('XLSX Date cells are read as far as their format shows: a "March 2019" Excel made a date is 2019-03, never a made-up day', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Requests');
    sheet.addRow(['State', 'Mandate', 'Status', 'Requested on', 'Accepted on', 'Visit start', 'Visit end']);
    const dated = (date: Date, numFmt: string) => ({ date, numFmt });
    const cells = [
      dated(new Date(Date.UTC(2019, 2, 1)), 'mmm-yy'),
      dated(new Date(Date.UTC(2020, 0, 1)), 'yyyy'),
      dated(new Date(Date.UTC(2021, 9, 5)), 'dd/mm/yyyy'),
      dated(new Date(Date.UTC(2021, 9, 16)), '[$-409]d-mmm-yyyy;@'),
    ];
    const row = sheet.addRow(['Peru', FOOD, 'completed', ...cells.map((c) => c.date)]);
    cells.forEach((c, i) => (row.getCell(4 + i).numFmt = c.numFmt));
    const { api } = await freshApi('2026-11-29');
    await call(api, 'import:commit', { fileName: 'requests.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) });
    expect(await threadsOf(api, 'PER')).toEqual([
      expect.objectContaining({ documents: [['request', '2019-03', 'to_state'], ['acceptance', '2020', 'from_state']], visits: [expect.objectContaining({ start: '2021-10-05', end: '2021-10-16' })] }),
    ]);
  });

  test('XLSX: a header over two rows ("Dates" over "Requested on | Accepted on") is read whole; a formula saved without its result is no blank', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Requests');
    sheet.addRow(['State', 'Mandate', 'Status', 'Dates', 'Dates']);
    sheet.addRow(['State', 'Mandate', 'Status', 'Requested on', 'Accepted on']);
    sheet.mergeCells('A1:A2');
    sheet.mergeCells('B1:B2');
    sheet.mergeCells('C1:C2');
    sheet.mergeCells('D1:E1');
    sheet.addRow(['Kenya', FOOD, 'accepted', '2019-03-04', '2020-01-10']);
    sheet.addRow(['Chile', FOOD, 'requested', { formula: 'DATE(2019,3,4)' }, null]);
    const { api } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', { fileName: 'two-rows.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) });
    expect(preview.columns.map((c) => c.field)).toEqual(['state', 'mandate', 'status', 'requestedOn', 'acceptedOn']);
    expect(preview.rows.map((r) => [r.row, r.action])).toEqual([
      [3, 'new request to Kenya of 2019-03-04, acceptance of 2020-01-10'],
      [4, expect.any(String)],
    ]);
    expect(preview.errors).toEqual([{ row: 4, column: 'Requested on', reason: expect.stringMatching(/^"=DATE\(2019,3,4\)" is not a date/) }]);
  });

  test('XLSX built with exceljs: a title row above the header, Date cells read in UTC whatever the time zone, rich text and formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Requests');
    sheet.addRow(['Visit requests of the right to food mandate']);
    sheet.addRow(['State', 'Mandate', 'Status', 'Requested on', 'Reminders', 'Accepted on', 'Visit start', 'Visit end']);
    sheet.addRow([
      { richText: [{ text: 'Côte ' }, { text: 'd’Ivoire', font: { bold: true } }] },
      FOOD,
      'completed',
      new Date(Date.UTC(2019, 2, 5)),
      2,
      { formula: 'DATE(2019,6,1)', result: new Date(Date.UTC(2019, 5, 1)) },
      new Date(Date.UTC(2019, 9, 7)),
      new Date(Date.UTC(2019, 9, 18)),
    ]);
    sheet.addRow(['Kenya', FOOD, 'requested', 2021]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const { api } = await freshApi('2026-11-29');
    // West of Greenwich, local getters would read 2019-03-05T00:00Z as 4 March
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(new Date(Date.UTC(2019, 2, 5)).getDate()).toBe(4);
      const preview = await call(api, 'import:preview', { fileName: 'requests.xlsx', bytes });
      expect([preview.format, preview.sheet, preview.encoding]).toEqual(['xlsx', 'Requests', null]);
      expect(preview.rows.map((r) => [r.row, r.outcome, r.action])).toEqual([
        [3, 'new', 'new request to Côte d\'Ivoire of 2019-03-05, 2 reminders, acceptance of 2019-06-01, visit (2019-10-07 to 2019-10-18)'],
        [4, 'new', 'new request to Kenya of 2021'],
      ]);
      await call(api, 'import:commit', { fileName: 'requests.xlsx', bytes });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(await threadsOf(api, 'CIV')).toEqual([
      expect.objectContaining({
        status: 'completed',
        documents: [['request', '2019-03-05', 'to_state'], ['reminder', null, 'to_state'], ['reminder', null, 'to_state'], ['acceptance', '2019-06-01', 'from_state']],
        visits: [{ start: '2019-10-07', end: '2019-10-18', subject: 'CIV', places: ['CIV'] }],
      }),
    ]);
    expect(await threadsOf(api, 'KEN')).toEqual([expect.objectContaining({ status: 'pending', documents: [['request', '2021', 'to_state']] })]);
  });

  test('XLSX whose first sheet is empty, second hidden, or a "Read me": the first visible sheet with a header is read', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Cover');
    const hidden = workbook.addWorksheet('Old', { state: 'hidden' });
    hidden.addRow(['State', 'Mandate', 'Status']);
    hidden.addRow(['Chile', FOOD, 'requested']);
    const sheet = workbook.addWorksheet('Requests 2024');
    sheet.addRow(['State', 'Mandate', 'Status', 'Requested on']);
    sheet.addRow(['Kenya', FOOD, 'requested', '2024-02']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { api } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', { fileName: 'requests.xlsx', bytes });
    expect([preview.sheet, preview.rows.map((r) => r.action)]).toEqual(['Requests 2024', ['new request to Kenya of 2024-02']]);
    // a "Read me" sheet first: the first sheet with a header the import reads is read
    const readMe = new ExcelJS.Workbook();
    readMe.addWorksheet('Read me').addRows([['How to use this file'], ['One row per request; dates as YYYY-MM-DD.']]);
    readMe.addWorksheet('Requests').addRows([['Country', 'Mandate', 'Status', 'Requested on'], ['Peru', FOOD, 'requested', '2023']]);
    const fromSecond = await call(api, 'import:preview', { fileName: 'readme.xlsx', bytes: new Uint8Array(await readMe.xlsx.writeBuffer()) });
    expect([fromSecond.sheet, fromSecond.rows.map((r) => r.action)]).toEqual(['Requests', ['new request to Peru of 2023']]);
    // no sheet with a header: the error names the sheet read
    const cover = new ExcelJS.Workbook();
    cover.addWorksheet('Cover').addRow(['Country visits 2020']);
    cover.addWorksheet('Requests').addRow(['State', 'Mandate']);
    expect((await fail(api, 'import:preview', { fileName: 'cover.xlsx', bytes: new Uint8Array(await cover.xlsx.writeBuffer()) })).message).toMatch(
      /\(in the sheet "Cover", the first with something in it; no sheet has a header with a State and a mandate column\)\.$/,
    );
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Cover');
    expect(await fail(api, 'import:preview', { fileName: 'blank.xlsx', bytes: new Uint8Array(await blank.xlsx.writeBuffer()) })).toMatchObject({ message: '"blank.xlsx" is empty.' });
  });

  test('Excel’s "Unicode Text": UTF-16 with a byte order mark, tab-separated', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `\uFEFFÉtat\tMandat\tStatut\tDate de la demande\nPérou\t${FOOD}\tdemandée\t5 mars 2019\n`;
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(i * 2, text.charCodeAt(i), true);
    const preview = await call(api, 'import:preview', { fileName: 'export.txt', bytes });
    expect([preview.encoding, preview.delimiter, preview.rows[0]!.action]).toEqual(['utf-16le', '\t', 'new request to Peru of 2019-03-05']);
  });

  test('the dates decide the documents; a status word they do not bear out is a warning', async () => {
    const { api } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', csv('w.csv', `state,mandate,status,requested_on,accepted_on\nPeru,${FOOD},requested,2019-03-04,2020-01\n`));
    expect(preview.rows[0]).toMatchObject({
      outcome: 'new',
      action: 'new request to Peru of 2019-03-04, acceptance of 2020-01',
      threadStatus: 'accepted',
      warnings: ['the status column says "requested", and the thread\'s documents make it accepted'],
    });
  });

  test('a row repeated in the file adds nothing the second time, and says which row has it', async () => {
    const { api } = await freshApi('2026-11-29');
    const row = `Peru,${FOOD},reminded,2019-03-04,2020-01-10`;
    const preview = await call(api, 'import:preview', csv('twice.csv', `state,mandate,status,requested_on,reminders\n${row}\n${row}\n`));
    expect(preview.rows.map((r) => [r.row, r.outcome, r.action])).toEqual([
      [2, 'new', 'new request to Peru of 2019-03-04, 1 reminder'],
      [3, 'unchanged', 'nothing new: row 2 of this file already has it'],
    ]);
  });

  test('columns left out that hold something are named in the report, so nothing is lost unseen', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Status (current),Requested on,Source,Desk officer,Empty\nPeru,${FOOD},requested,2019,Annual report,,\nChile,${FOOD},requested,2020,,J. Doe,\n`;
    const preview = await call(api, 'import:preview', csv('cols.csv', text));
    expect(preview.message).toBe(
      '2 rows read as one row per request; 2 to import (2 new threads, 2 documents, 0 visits); 0 already imported; 0 with errors. ' +
        'The columns "Source", "Desk officer" are not read, though they hold something: map them to a field if there is more to import.',
    );
    // mapped to "ignore", a column is the user's choice and no longer named
    const mapped = await call(api, 'import:preview', { ...csv('cols.csv', text), mapping: { Source: 'ignore', 'Desk officer': 'ignore' } });
    expect(mapped.message).toBe('2 rows read as one row per request; 2 to import (2 new threads, 2 documents, 0 visits); 0 already imported; 0 with errors.');
  });

  test('the user’s mapping names the columns the headers do not, and can ignore one', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = csv('mine.csv', 'Country of visit,Procedure name,Where things stand,Sent,Notes\nPeru,SR food is not a title,requested,2019,keep out\nChile,' + FOOD + ',requested,2020,\n');
    expect((await fail(api, 'import:preview', file)).message).toBe(
      'No column for the State (e.g. "State", "Country", "État", "Pays", "País") nor for the mandate (e.g. "Mandate", "Mandat", "Mandato") was found among the headers ' +
        '"Country of visit", "Procedure name", "Where things stand", "Sent", "Notes". Rename the column, or map it to the field in the column mapping.',
    );
    const mapping = { 'Country of visit': 'state', 'Procedure name': 'mandate', 'Where things stand': 'status', Sent: 'requested on', Notes: 'ignore' };
    const preview = await call(api, 'import:preview', { ...file, mapping });
    expect(preview.columns.map((c) => [c.field, c.by])).toEqual([
      ['state', 'mapping'],
      ['mandate', 'mapping'],
      ['status', 'mapping'],
      ['requestedOn', 'mapping'],
      [null, 'mapping'],
    ]);
    expect(preview.errors).toEqual([{ row: 2, column: 'Procedure name', reason: 'unknown mandate "SR food is not a title": write its title as under Mandates (perhaps "Special Rapporteur on the right to food"), or enter "SR food is not a title" as its mandate\'s short name under Mandates (files may then call it so)' }]);
    expect(preview.rows[1]).toMatchObject({ row: 3, outcome: 'new', action: 'new request to Chile of 2020' });

    expect((await fail(api, 'import:preview', { ...file, mapping: { Country: 'state' } })).message).toBe(
      'The mapping names a column "Country" that the file does not have (its columns: Country of visit, Procedure name, Where things stand, Sent, Notes).',
    );
    expect((await fail(api, 'import:preview', { ...file, mapping: { Sent: 'posted' } })).message).toMatch(/^The mapping sends "Sent" to "posted", which is not a field: use one of state, mandate, /);
  });
});

describe('an invitation date column', () => {
  const text = `State,Mandate,Status,Requested on,Invitation date,Accepted on
Peru,${FOOD},accepted,,2019-05-01,2019-06-01
Chile,${FOOD},invited,,2020-02-03,
Bolivia,${FOOD},accepted,2018-03-01,2019-01-10,
Ecuador,${FOOD},invited,,yes,
`;

  test('opens the thread with the State’s invitation of that date, or after a request answers it; importing again adds nothing', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', csv('invited.csv', text));
    expect(preview.columns.map((c) => c.field)).toEqual(['state', 'mandate', 'status', 'requestedOn', 'invitedOn', 'acceptedOn']);
    expect(preview.rows.map((r) => [r.row, r.outcome, r.threadStatus, r.warnings])).toEqual([
      [2, 'new', 'accepted', []],
      [3, 'new', 'invitation', []],
      [4, 'new', 'accepted', []],
      [5, 'new', 'invitation', []],
    ]);
    await call(api, 'import:commit', { ...csv('invited.csv', text), skipInvalidRows: false });
    expect((await threadsOf(api, 'PER')).map((t) => t.documents)).toEqual([[['invitation', '2019-05-01', 'from_state'], ['acceptance', '2019-06-01', 'to_state']]]);
    expect((await threadsOf(api, 'CHL')).map((t) => t.documents)).toEqual([[['invitation', '2020-02-03', 'from_state']]]);
    // after the request, the invitation is its acceptance (DOMAIN.md); "accepted" says that one, not a second
    expect((await threadsOf(api, 'BOL')).map((t) => t.documents)).toEqual([[['request', '2018-03-01', 'to_state'], ['acceptance', '2019-01-10', 'from_state']]]);
    expect((await threadsOf(api, 'ECU')).map((t) => [t.status, t.documents])).toEqual([['invitation', [['invitation', null, 'from_state']]]]);
    const before = await counts(db);
    const again = await call(api, 'import:commit', { ...csv('invited.csv', text), skipInvalidRows: false });
    expect(again.rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(await counts(db)).toEqual(before);
  });

  test('a cell that is neither a date nor yes/no is the row’s error', async () => {
    const { api } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', csv('bad.csv', `State,Mandate,Status,Invited on\nPeru,${FOOD},invited,standing\n`));
    expect(preview.errors).toEqual([{ row: 2, column: 'Invited on', reason: expect.stringMatching(/^"standing" is not a date/) }]);
  });
});

describe('status cells that name more, or less, than a status', () => {
  test('an acknowledgement said in the status is recorded; a question, a standing invitation, an invitation with a later step are asked about', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const text = `State,Mandate,Status,Requested on,Opened by
Peru,${FOOD},Acknowledged,2019,
Chile,${FOOD},"Pending, acknowledgement received",2019-03,
Ecuador,${FOOD},accepted,2020,Government invitation
Bolivia,${FOOD},?,2019,
Spain,${FOOD},Invitation accepted,,
Mexico,${FOOD},Standing invitation,2019,
`;
    const preview = await call(api, 'import:preview', csv('words.csv', text));
    expect(preview.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [5, 'Status', 'the status "?" is a question: write the status that holds now (requested, reminded, accepted, invited, forthcoming, postponed, cancelled, declined or completed)'],
      [6, 'Status', 'the status "Invitation accepted" names the State\'s invitation and a later step: write the later step here, and "invitation" in an "Opened by" column if the invitation opened the thread'],
      [7, 'Status', 'the status "Standing invitation" is a standing invitation, which is the State\'s (recorded under States), not a visit request\'s status: write the request\'s status here'],
    ]);
    await call(api, 'import:commit', { ...csv('words.csv', text), skipInvalidRows: true });
    expect((await threadsOf(api, 'PER')).map((t) => [t.status, t.statusText, t.documents])).toEqual([['pending', 'acknowledged', [['request', '2019', 'to_state'], ['acknowledgement', null, 'from_state']]]]);
    const chile = await threadsOf(api, 'CHL');
    expect(chile.map((t) => [t.statusText, t.documents])).toEqual([['acknowledged', [['request', '2019-03', 'to_state'], ['acknowledgement', null, 'from_state']]]]);
    // the phrase's words are the notes of the acknowledgement it names
    const ack = await db.selectFrom('documents').select('notes').where('type', '=', 'acknowledgement').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(ack.notes).toBe('Pending, acknowledgement received');
    expect((await threadsOf(api, 'ECU')).map((t) => [t.status, t.documents])).toEqual([['accepted', [['invitation', '2020', 'from_state'], ['acceptance', null, 'to_state']]]]);
    const before = await counts(db);
    await call(api, 'import:commit', { ...csv('words.csv', text), skipInvalidRows: true });
    expect(await counts(db)).toEqual(before);
  });
});

describe('what spreadsheets write: loose readings, each noted beside its row, never guessed', () => {
  const TORTURE = 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment';
  const text = `state,mandate,status,requested_on,reminders,visit_start,visit_end
DRC,SR on torture,Accepted in principle,2019-03-04,,,
"Congo, Democratic Republic of the",WGAD,Visit took place,2018,,2019-05-01,2019-05-10
St. Lucia,SR on freedom of expression,Pending - reminder sent,2020-02,"2 (2021, 2022)",,
Cote dIvoire,WG on Arbitrary Detention,not yet accepted,2019,,,
Peru,${FOOD},requested,2019,n/a,TBC,
Chile,SR on human rights,requested,2019,,,
Chile,${FOOD},requested,43529,,,
Chile,${FOOD},"Accepted, later declined",2019,,,
`;

  test('abbreviated and inverted State names, short mandate names, status phrases and placeholders are read, and say how', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', csv('loose.csv', text));
    expect(preview.rows.slice(0, 3).map((r) => [r.row, r.outcome, r.action, r.threadStatus, r.warnings])).toEqual([
      [2, 'new', 'new request to Democratic Republic of the Congo of 2019-03-04, acceptance', 'accepted', [
        'the State "DRC" read as Democratic Republic of the Congo',
        `the mandate "SR on torture" read as ${TORTURE}`,
        'status: "Accepted in principle" read as accepted',
      ]],
      [3, 'new', 'new request to Democratic Republic of the Congo of 2018, visit (2019-05-01 to 2019-05-10)', 'completed', [
        'the State "Congo, Democratic Republic of the" read as Democratic Republic of the Congo',
        'the mandate "WGAD" read as Working Group on Arbitrary Detention',
        'status: "Visit took place" read as completed',
      ]],
      [4, 'new', 'new request to Saint Lucia of 2020-02, 2 reminders', 'pending', [
        'the State "St. Lucia" read as Saint Lucia',
        'the mandate "SR on freedom of expression" read as Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression',
        'status: "Pending - reminder sent" read as reminded',
      ]],
    ]);
    expect(preview.rows[4]).toMatchObject({ row: 6, outcome: 'new', action: 'new request to Peru of 2019', warnings: ['reminders: "n/a" read as no reminder dates (a status "reminded" still records one undated reminder)', 'visit_start: "TBC" read as no date'] });

    // documents: request + acceptance, request (and the visit), request + 2 reminders, request
    const committed = await call(api, 'import:commit', { ...csv('loose.csv', text), skipInvalidRows: true });
    expect(committed.totals).toMatchObject({ rows: 8, imported: 4, invalid: 4, threadsCreated: 4, documentsAdded: 7, visitsAdded: 1 });
    // "2 (2021, 2022)": the count and its dates agree, so the reminders are dated
    const lucia = await call(api, 'requests:list', { filter: { stateCodes: ['LCA'] } });
    const thread = await call(api, 'requests:get', { id: lucia.rows[0]!.id });
    expect(thread.documents.map((d) => [d.type, d.date])).toEqual([['request', '2020-02'], ['reminder', '2021'], ['reminder', '2022']]);
    const cod = await db.selectFrom('visit_requests').select('state_code').where('state_code', '=', 'COD').execute();
    expect(cod).toHaveLength(2);
  });

  test('a visit\'s dates written as a span in one column are its start and end; numeric ones settle the day/month order', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Status,Requested on,Dates of visit\nPeru,${FOOD},completed,2019,5-16 October 2020\nChile,${FOOD},completed,2019,05/10/2020 - 16/10/2020\nKenya,${FOOD},completed,2019,04/03/2021\n`;
    const report = await call(api, 'import:commit', csv('spans.csv', text));
    expect(report.dayMonthOrder).toBe('dmy');
    expect(report.rows.map((r) => [r.outcome, r.warnings])).toEqual([
      ['new', ['Dates of visit: "5-16 October 2020" read as 2020-10-05 to 2020-10-16']],
      ['new', ['Dates of visit: "05/10/2020 - 16/10/2020" read as 2020-10-05 to 2020-10-16']],
      ['new', []],
    ]);
    expect((await threadsOf(api, 'CHL'))[0]!.visits).toEqual([{ start: '2020-10-05', end: '2020-10-16', subject: 'CHL', places: ['CHL'] }]);
    expect((await threadsOf(api, 'KEN'))[0]!.visits).toEqual([{ start: '2021-03-04', end: null, subject: 'KEN', places: ['KEN'] }]);
    // beside a visit end column: it must agree
    const both = await call(api, 'import:preview', csv('both.csv', `State,Mandate,Status,Requested on,Visit start,Visit end\nGhana,${FOOD},completed,2019,October 5-16 2020,2020-10-16\nMali,${FOOD},completed,2019,5-16 October 2020,2020-10-20\nPeru,${FOOD},completed,2019,5-16 October 2020,2020-10\n`));
    expect(both.rows.map((r) => [r.outcome, r.errors.map((e) => e.reason)])).toEqual([
      ['new', []],
      ['error', ['"5-16 October 2020" ends on 2020-10-16, and the visit end column says 2020-10-20: write one end']],
      // the end column at another precision agrees: Peru's visit, imported above
      ['unchanged', []],
    ]);
  });

  test('one reminder per column ("Reminder 1", "Reminder 2"): the reminders of the row, their dates settling the day/month order', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Status,Requested on,Reminder 1,Reminder 2,Reminder 3\nPeru,${FOOD},reminded,2019,15/05/2020,10/01/2021,\nChile,${FOOD},requested,2019,,,\n`;
    const report = await call(api, 'import:commit', csv('r.csv', text));
    expect(report.dayMonthOrder).toBe('dmy');
    expect(report.rows.map((r) => [r.outcome, r.action])).toEqual([
      ['new', 'new request to Peru of 2019, 2 reminders'],
      ['new', 'new request to Chile of 2019'],
    ]);
    expect((await threadsOf(api, 'PER'))[0]!.documents.map(([type, date]) => `${type} ${date}`)).toEqual(['request 2019', 'reminder 2020-05-15', 'reminder 2021-01-10']);
    // each column read as a cell of its own: marks, a date beside a mark, "no"
    const marks = await call(api, 'import:preview', csv('m.csv', `State,Mandate,Status,Requested on,Reminder 1,Reminder 2\nKenya,${FOOD},reminded,2019,x,x\nMali,${FOOD},reminded,2019,15/05/2020,yes\nGhana,${FOOD},requested,2019,no,no\n`));
    expect(marks.rows.map((r) => [r.outcome, r.action])).toEqual([
      ['new', 'new request to Kenya of 2019, 2 reminders'],
      ['new', 'new request to Mali of 2019, 2 reminders'],
      ['new', 'new request to Ghana of 2019'],
    ]);
  });

  test('a State written once above a group of rows is not carried down: each row below says to write it on every row', async () => {
    const { api } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', csv('g.csv', `state,mandate,status,requested_on\nPeru,${FOOD},requested,2019\n,SR on torture,requested,2020\n`));
    expect(preview.errors).toEqual([{ row: 3, column: 'state', reason: 'no State given: write it on every row (one written once above a group of rows is not carried down to them)' }]);
  });

  test('a country mandate named by its role and State ("SR Syria") is read, with a note', async () => {
    const { api } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', csv('c.csv', `state,mandate,status,requested_on\nSyrian Arab Republic,SR Syria,requested,2019\n`));
    expect(preview.rows[0]).toMatchObject({ outcome: 'new', warnings: ['the mandate "SR Syria" read as Mandate on the situation of human rights in the Syrian Arab Republic'] });
  });

  test('a status written as a phrase keeps its words as the notes of the document it stands for', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = csv(
      'phrases.csv',
      `state,mandate,status,requested_on,reminders,accepted_on\nPeru,${FOOD},Postponed due to COVID-19,2019,,2019-06\nChile,${FOOD},Accepted in principle,2019-03-04,,2019-05\nBolivia,${FOOD},"Requested, dates proposed by the SR",2020,1,\nEcuador,${FOOD},Reminder sent again,2020,2021,\nGhana,${FOOD},declined,2018,,\nKenya,${FOOD},Visit took place,2017,,\n`,
    );
    expect((await call(api, 'import:commit', file)).totals).toMatchObject({ imported: 6, invalid: 0 });
    const notesOf = async (code: string) => {
      const list = await call(api, 'requests:list', { filter: { stateCodes: [code] } });
      return (await call(api, 'requests:get', { id: list.rows[0]!.id })).documents.map((d) => [d.type, d.notes]);
    };
    expect(await notesOf('PER')).toEqual([['request', ''], ['acceptance', ''], ['postponement', 'Postponed due to COVID-19']]);
    expect(await notesOf('CHL')).toEqual([['request', ''], ['acceptance', 'Accepted in principle']]);
    // the request's own, not the reminder's
    expect(await notesOf('BOL')).toEqual([['request', 'Requested, dates proposed by the SR'], ['reminder', '']]);
    expect(await notesOf('ECU')).toEqual([['request', ''], ['reminder', 'Reminder sent again']]);
    // a status word says no more than the document does; a visit takes no notes from it
    expect(await notesOf('GHA')).toEqual([['request', ''], ['declination', '']]);
    expect(await notesOf('KEN')).toEqual([['request', '']]);
    // the notes are no part of what the document is: the same file again adds nothing
    expect((await call(api, 'import:commit', file)).totals).toMatchObject({ imported: 0, unchanged: 6 });
  });

  test('what cannot be read for sure is refused with its reason', async () => {
    const { api } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', csv('loose.csv', text));
    const reasons = Object.fromEntries(preview.errors.map((e) => [e.row, `${e.column}: ${e.reason}`]));
    expect(reasons).toEqual({
      5: 'status: the status "not yet accepted" has a negation ("not"): write the status that holds now (requested, reminded, accepted, invited, forthcoming, postponed, cancelled, declined or completed)',
      7: 'mandate: "SR on human rights" could mean several mandates ("Mandate on the situation of human rights in Cambodia", "Mandate on the situation of human rights in Mali", "Mandate on the situation of human rights in Somalia", "Mandate on the situation of human rights in the Central African Republic" and 18 more): write the full title',
      8: 'requested_on: "43529" looks like a spreadsheet\'s date number (2019-03-05): format the column as dates in the spreadsheet, or write the date',
      9: 'status: the status "Accepted, later declined" says accepted and declined: write the one that holds now (requested, reminded, accepted, invited, forthcoming, postponed, cancelled, declined or completed)',
    });
    // the State of the refused row 5 was still read, and says how
    expect(preview.rows[3]!.warnings).toEqual(['the State "Cote dIvoire" read as Côte d\'Ivoire', 'the mandate "WG on Arbitrary Detention" read as Working Group on Arbitrary Detention']);
  });
});

describe('day/month order', () => {
  test('a file that does not settle it is asked, never guessed; commit refuses until the user chooses', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const file = fixture('ambiguous-dates.csv');
    const before = await counts(db);
    const preview = await call(api, 'import:preview', file);
    const question =
      'Dates like "03/04/2019" (row 2, requested_on) can be read day first or month first, and no date in the file settles it: ' +
      'choose whether the file writes day/month/year or month/day/year before importing.';
    expect(preview).toMatchObject({ needsDayMonthOrder: true, dayMonthOrder: null, canCommit: false });
    expect(preview.message.startsWith(question)).toBe(true);
    expect(preview.errors).toEqual([
      { row: 2, column: 'requested_on', reason: '"03/04/2019" can be read as 3 April 2019 or 4 March 2019: choose the day/month order of the file' },
      { row: 2, column: 'reminders', reason: '"05/06/2020" can be read as 5 June 2020 or 6 May 2020: choose the day/month order of the file' },
    ]);
    // 12/12/2019 reads the same both ways
    expect(preview.rows[1]).toMatchObject({ row: 3, action: 'new request to Chile of 2019-12-12' });
    expect(await fail(api, 'import:commit', { ...file, skipInvalidRows: true })).toEqual({ code: 'invalid_argument', message: question });
    expect(await counts(db)).toEqual(before);

    const mdy = await call(api, 'import:preview', { ...file, dayMonthOrder: 'mdy' });
    expect(mdy).toMatchObject({ needsDayMonthOrder: false, dayMonthOrder: 'mdy', dayMonthOrderFrom: 'user', canCommit: true, errors: [] });
    await call(api, 'import:commit', { ...file, dayMonthOrder: 'mdy' });
    expect((await threadsOf(api, 'PER'))[0]!.documents).toEqual([['request', '2019-03-04', 'to_state'], ['reminder', '2020-05-06', 'to_state']]);

    const other = await freshApi('2026-11-29');
    await call(other.api, 'import:commit', { ...file, dayMonthOrder: 'dmy' });
    expect((await threadsOf(other.api, 'PER'))[0]!.documents).toEqual([['request', '2019-04-03', 'to_state'], ['reminder', '2020-06-05', 'to_state']]);
  });

  test('dates in a counted reminders cell settle the order or ask for it like any other', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = (reminders: string) => csv('r.csv', `State,Mandate,Status,Requested on,Reminders\nPeru,${FOOD},reminded,2019,"${reminders}"\n`);
    expect(await call(api, 'import:preview', text('2 (05/03/2020, 06/04/2021)'))).toMatchObject({ needsDayMonthOrder: true, canCommit: false });
    const settled = await call(api, 'import:preview', text('2 (25/03/2020, 06/04/2021)'));
    expect([settled.needsDayMonthOrder, settled.dayMonthOrder, settled.errors]).toEqual([false, 'dmy', []]);
    expect(settled.rows[0]!.action).toBe('new request to Peru of 2019, 2 reminders');
  });

  test('day-first and month-first dates in one file are an error; the user’s order reports the dates that do not fit it', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = fixture('mixed-date-orders.csv');
    expect(await fail(api, 'import:preview', file)).toEqual({
      code: 'invalid_argument',
      message:
        'The file mixes day-first and month-first dates: "25/03/2019" (row 2, requested_on) can only be day/month/year, "03/25/2019" (row 3, requested_on) only month/day/year. ' +
        'Correct the dates in the file, or choose the order to read it by (the dates that do not fit it will be reported).',
    });
    const dmy = await call(api, 'import:preview', { ...file, dayMonthOrder: 'dmy' });
    expect(dmy.errors).toEqual([{ row: 3, column: 'requested_on', reason: '"03/25/2019" is not a date read day/month/year (there is no month 25)' }]);
    expect(dmy.rows[0]!.action).toBe('new request to Peru of 2019-03-25');
  });
});

describe('one row per document', () => {
  test('"From" and "To" columns give a document’s direction when they name the State', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Document type,Date,From,To
Kenya,${FOOD},Request,2019-03-04,SR food,Kenya
Kenya,${FOOD},Dates proposal,2019-05-01,SR food,Government of Kenya
Kenya,${FOOD},Acknowledgement,2019-05-20,Permanent Mission of Kenya,OHCHR
Kenya,${FOOD},Acceptance,2019-06-01,Kenya,SR food
`;
    const preview = await call(api, 'import:preview', csv('from-to.csv', text));
    expect(preview.message).not.toMatch(/not read/);
    await call(api, 'import:commit', { ...csv('from-to.csv', text), skipInvalidRows: false });
    // "Government of Kenya" and "Permanent Mission of Kenya" name the State by its offices
    expect((await threadsOf(api, 'KEN'))[0]!.documents).toEqual([
      ['request', '2019-03-04', 'to_state'],
      ['dates_proposal', '2019-05-01', 'to_state'],
      ['acknowledgement', '2019-05-20', 'from_state'],
      ['acceptance', '2019-06-01', 'from_state'],
    ]);
  });

  test('a visit row gives its span of days in the date cell', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Document type,Date\nKenya,${FOOD},Request,2019-03-04\nKenya,${FOOD},Official visit,5-16 October 2020\n`;
    const preview = await call(api, 'import:preview', csv('log.csv', text));
    expect(preview.rows.map((r) => [r.row, r.outcome, r.warnings])).toEqual([
      [2, 'new', []],
      [3, 'added', ['Date: "5-16 October 2020" read as 2020-10-05 to 2020-10-16']],
    ]);
    await call(api, 'import:commit', { ...csv('log.csv', text), skipInvalidRows: false });
    expect((await threadsOf(api, 'KEN')).map((t) => [t.status, t.visits.map((v) => [v.start, v.end])])).toEqual([['completed', [['2020-10-05', '2020-10-16']]]]);
  });

  test('a log with the thread’s status beside each document is read as documents; the status column is left unread, and said so', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = csv(
      'log.csv',
      ['State,Mandate,Document type,Date,Status', `Kenya,${FOOD},Request,2019-03-05,Pending`, `Kenya,${FOOD},Reminder,2020-01-10,Pending`, `Kenya,${FOOD},Acceptance,2020-06-01,Accepted`].join('\n'),
    );
    const preview = await call(api, 'import:preview', file);
    expect(preview.shape).toBe('document');
    expect(preview.columns[4]).toEqual({ header: 'Status', field: null, by: 'unused' });
    expect(preview.message).toBe(
      '3 rows read as one row per document; 3 to import (1 new thread, 3 documents, 0 visits); 0 already imported; 0 with errors. ' +
        'The column "Status" is not read: in a log of documents, each thread\'s status follows from its documents (shown beside each row).',
    );
    expect(preview.rows.map((r) => [r.outcome, r.threadStatus])).toEqual([
      ['new', 'pending'],
      ['added', 'pending'],
      ['added', 'accepted'],
    ]);
    await call(api, 'import:commit', file);
    expect(await threadsOf(api, 'KEN')).toEqual([
      expect.objectContaining({
        status: 'accepted',
        documents: [
          ['request', '2019-03-05', 'to_state'],
          ['reminder', '2020-01-10', 'to_state'],
          ['acceptance', '2020-06-01', 'from_state'],
        ],
      }),
    ]);
  });

  test('rows join the current thread of their mandate and State; an invitation after a request is its acceptance', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = fixture('documents.csv');
    const preview = await call(api, 'import:preview', file);
    expect(preview.shape).toBe('document');
    expect(preview.rows.map((r) => [r.row, r.outcome, r.action])).toEqual([
      [2, 'new', 'new request to Peru of 2018-02-01'],
      [3, 'added', 'adds acknowledgement of 2018-03 to the request to Peru of 2018-02-01'],
      [4, 'new', 'new invitation from Norway of 2024-01-15'],
      [5, 'added', 'adds 1 reminder to the request to Peru of 2018-02-01'],
      [6, 'added', 'adds acceptance of 2020-01-15 to the request to Peru of 2018-02-01'],
      [7, 'added', 'adds acceptance of 2024-02 to the invitation from Norway of 2024-01-15'],
      [8, 'added', 'adds visit (2020-10-05 to 2020-10-16) to the request to Peru of 2018-02-01'],
      [
        9,
        'error',
        'not imported: Date: no visit request of this mandate to Chile is recorded to add this reminder to: add a row with its request or invitation before it',
      ],
      [10, 'added', 'adds 1 reminder to the request to Peru of 2018-02-01'],
    ]);
    const report = await call(api, 'import:commit', { ...file, skipInvalidRows: true });
    expect(report.rows.map((r) => [r.row, r.outcome, r.action, r.threadStatus])).toEqual(preview.rows.map((r) => [r.row, r.outcome, r.action, r.threadStatus]));
    expect(await threadsOf(api, 'PER')).toEqual([
      expect.objectContaining({
        status: 'completed',
        statusText: 'acknowledged, reminded 2 times',
        documents: [
          ['request', '2018-02-01', 'to_state'],
          ['acknowledgement', '2018-03', 'from_state'],
          ['reminder', '2019-02-10', 'to_state'],
          ['acceptance', '2020-01-15', 'from_state'],
          ['reminder', null, 'to_state'],
        ],
        visits: [{ start: '2020-10-05', end: '2020-10-16', subject: 'PER', places: ['PER'] }],
      }),
    ]);
    // on an invitation thread the holder's acceptance goes to the State
    expect(await threadsOf(api, 'NOR')).toEqual([expect.objectContaining({ status: 'accepted', documents: [['invitation', '2024-01-15', 'from_state'], ['acceptance', '2024-02', 'to_state']] })]);

    const again = await call(api, 'import:preview', file);
    expect(again.totals).toMatchObject({ imported: 0, unchanged: 8, invalid: 1 });
  });

  test('a log kept newest first is read in date order within each mandate and State; the report stays in file order', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Document type,Date
Peru,${FOOD},reminder,2022-05-01
Peru,${FOOD},request,2021-03-01
Chile,${FOOD},acknowledgement,2020-02-01
Peru,${FOOD},acceptance,2018-06-01
Chile,${FOOD},request,2020-01-10
Peru,${FOOD},request,2017-09-01
`;
    const report = await call(api, 'import:commit', { ...csv('log.csv', text), skipInvalidRows: false });
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'added'],
      [3, 'new'],
      [4, 'added'],
      [5, 'added'],
      [6, 'new'],
      [7, 'new'],
    ]);
    // Peru: the 2017 request accepted in 2018, then a new request in 2021 reminded in 2022
    expect((await threadsOf(api, 'PER')).map((t) => [t.status, t.documents])).toEqual([
      ['accepted', [['request', '2017-09-01', 'to_state'], ['acceptance', '2018-06-01', 'from_state']]],
      ['pending', [['request', '2021-03-01', 'to_state'], ['reminder', '2022-05-01', 'to_state']]],
    ]);
    expect((await threadsOf(api, 'CHL')).map((t) => [t.status, t.statusText, t.documents.length])).toEqual([['pending', 'acknowledged', 2]]);
  });

  test('dates that may be the same day ("2019", "2019-03") leave the file order as it is', async () => {
    const { api } = await freshApi('2026-11-29');
    const report = await call(api, 'import:preview', csv('log.csv', `State,Mandate,Document type,Date\nPeru,${FOOD},reminder,2019\nPeru,${FOOD},request,2019-03\n`));
    expect(report.rows.map((r) => [r.row, r.outcome, r.errors.map((e) => e.reason)])).toEqual([
      [2, 'error', ['no visit request of this mandate to Peru is recorded to add this reminder to: add a row with its request or invitation before it']],
      [3, 'new', []],
    ]);
  });

  test('documents of one date, newest-first logs with undated rows: a log in date order keeps its order, a newest-first one is read backwards, a closing document goes before a new request of its date', async () => {
    const log = (lines: string[]) => csv('log.csv', `State,Mandate,Document type,Date\n${lines.map((l) => `Peru,${FOOD},${l}`).join('\n')}\n`);
    const threads = async (lines: string[]) => {
      const { api } = await freshApi('2026-11-29');
      await call(api, 'import:commit', { ...log(lines), skipInvalidRows: false });
      return (await threadsOf(api, 'PER')).map((t) => [t.status, t.documents.map(([type, date]) => `${type} ${date}`)]);
    };
    // in date order: the 2019 cancellation closes the 2016 request before the 2019 request opens a new thread
    const inOrder = ['request,2016', 'acceptance,2017', 'cancellation,2019', 'request,2019', 'reminder,2020'];
    const expected = [
      ['refused', ['request 2016', 'acceptance 2017', 'cancellation 2019']],
      ['pending', ['request 2019', 'reminder 2020']],
    ];
    expect(await threads(inOrder)).toEqual(expected);
    // the same log newest first
    expect(await threads([...inOrder].reverse())).toEqual(expected);
    // sorted by document type: the cancellation shares the request's date, so the file's order holds
    expect(await threads(['acceptance,2017', 'cancellation,2019', 'reminder,2020', 'request,2016', 'request,2019'])).toEqual(expected);
    // sorted by type, an acknowledgement before the request of its day: the request goes first
    expect(await threads(['acknowledgement,2019-03-01', 'reminder,2020-01-10', 'request,2019-03-01'])).toEqual([
      ['pending', ['request 2019-03-01', 'acknowledgement 2019-03-01', 'reminder 2020-01-10']],
    ]);
    // newest first, the same day's rows written request then acknowledgement
    expect(await threads(['reminder,2020-01-10', 'request,2019-03-01', 'acknowledgement,2019-03-01'])).toEqual([
      ['pending', ['request 2019-03-01', 'acknowledgement 2019-03-01', 'reminder 2020-01-10']],
    ]);
    // newest first as a spreadsheet sorts it (rows of one day kept as entered): the cancellation closes the 2016 request
    expect(await threads(['reminder,2021-01-10', 'cancellation,2019-05-01', 'request,2019-05-01', 'reminder,2018-02-01', 'request,2016-04-01'])).toEqual([
      ['refused', ['request 2016-04-01', 'reminder 2018-02-01', 'cancellation 2019-05-01']],
      ['pending', ['request 2019-05-01', 'reminder 2021-01-10']],
    ]);
    // in date order, a new request written before the declination of its day: the declination closes the earlier thread
    expect(await threads(['request,2010-05-01', 'request,2015-03-01', 'declination,2015-03-01'])).toEqual([
      ['refused', ['request 2010-05-01', 'declination 2015-03-01']],
      ['pending', ['request 2015-03-01']],
    ]);
    // newest first with an undated row and a year-only one: read backwards, each keeping its place
    expect(await threads(['acceptance,2020-06-01', 'reminder,2020-01-10', 'acknowledgement,', 'acknowledgement,2019', 'request,2019-03-01'])).toEqual([
      ['accepted', ['request 2019-03-01', 'acknowledgement 2019', 'acknowledgement null', 'reminder 2020-01-10', 'acceptance 2020-06-01']],
    ]);
  });

  test('a log sorted by type with undated rows: the dated rows in date order, each undated row after the row it follows in the file', async () => {
    const { api } = await freshApi('2026-11-29');
    const log = (lines: string[]) => csv('log.csv', `State,Mandate,Document type,Date\n${lines.map((l) => `Peru,${FOOD},${l}`).join('\n')}\n`);
    const first = await call(api, 'import:commit', { ...log(['acknowledgement,2013-04-01', 'acknowledgement,', 'reminder,2014-02-01', 'request,2013-03-01']), skipInvalidRows: false });
    expect(first.totals).toMatchObject({ invalid: 0 });
    expect((await threadsOf(api, 'PER')).map((t) => t.documents.map(([type, date]) => `${type} ${date}`))).toEqual([
      ['request 2013-03-01', 'acknowledgement 2013-04-01', 'acknowledgement null', 'reminder 2014-02-01'],
    ]);
    // an undated row first in the file has nothing to follow: only it is refused, the two threads stand
    const other = await freshApi('2026-11-29');
    const second = await call(other.api, 'import:commit', { ...log(['acceptance,', 'declination,2016-05-01', 'reminder,2014-02-01', 'request,2013-03-01', 'request,2017-06-01']), skipInvalidRows: true });
    expect(second.rows.map((r) => [r.row, r.outcome])).toEqual([[2, 'error'], [3, 'added'], [4, 'added'], [5, 'new'], [6, 'new']]);
    expect((await threadsOf(other.api, 'PER')).map((t) => [t.status, t.documents.length])).toEqual([
      ['refused', 3],
      ['pending', 1],
    ]);
  });

  test('a mandate and State whose dates cannot tell the order are read as the file’s other logs are', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Document type,Date\nChile,${FOOD},reminder,2020-02-01\nPeru,${FOOD},acceptance,\nChile,${FOOD},request,2019-06-01\nPeru,${FOOD},reminder,\nPeru,${FOOD},request,2015\n`;
    const report = await call(api, 'import:commit', { ...csv('log.csv', text), skipInvalidRows: false });
    expect(report.totals).toMatchObject({ invalid: 0 });
    expect((await threadsOf(api, 'PER')).map((t) => [t.status, t.documents.map(([type, date]) => `${type} ${date}`)])).toEqual([
      ['accepted', ['request 2015', 'reminder null', 'acceptance null']],
    ]);
    // unless only one way round starts with the request: Peru's log written oldest first in a file
    // otherwise newest first is read as written
    const other = await freshApi('2026-11-29');
    const oldestFirst = `State,Mandate,Document type,Date\nChile,${FOOD},reminder,2020-02-01\nPeru,${FOOD},request,2015\nChile,${FOOD},request,2019-06-01\nPeru,${FOOD},reminder,\nPeru,${FOOD},acceptance,\n`;
    expect((await call(other.api, 'import:commit', { ...csv('log.csv', oldestFirst), skipInvalidRows: false })).totals).toMatchObject({ invalid: 0 });
    expect((await threadsOf(other.api, 'PER')).map((t) => [t.status, t.documents.map(([type, date]) => `${type} ${date}`)])).toEqual([
      ['accepted', ['request 2015', 'reminder null', 'acceptance null']],
    ]);
    expect((await threadsOf(other.api, 'CHL')).map((t) => [t.status, t.documents.map(([type, date]) => `${type} ${date}`)])).toEqual([
      ['pending', ['request 2019-06-01', 'reminder 2020-02-01']],
    ]);
  });

  test('a request after a declination opens another thread, though the first request is undated or of a coarser date', async () => {
    const threads = async (lines: string[]) => {
      const { api } = await freshApi('2026-11-29');
      const text = `State,Mandate,Document type,Date\n${lines.map((l) => `Peru,${FOOD},${l}`).join('\n')}\n`;
      const report = await call(api, 'import:commit', { ...csv('log.csv', text), skipInvalidRows: false });
      return [report.rows.map((r) => r.outcome), (await threadsOf(api, 'PER')).map((t) => [t.status, t.documents.map(([type, date]) => `${type} ${date}`)])];
    };
    expect(await threads(['request,', 'declination,2018-05-01', 'request,2019-06-01', 'reminder,2020-02-01'])).toEqual([
      ['new', 'added', 'new', 'added'],
      // (the undated thread listed last)
      [
        ['pending', ['request 2019-06-01', 'reminder 2020-02-01']],
        ['refused', ['request null', 'declination 2018-05-01']],
      ],
    ]);
    expect(await threads(['request,2017', 'declination,2017-03-01', 'request,2017-06-01'])).toEqual([
      ['new', 'added', 'new'],
      [
        ['refused', ['request 2017', 'declination 2017-03-01']],
        ['pending', ['request 2017-06-01']],
      ],
    ]);
  });

  test('a file of this year’s reminders goes to the threads already recorded', async () => {
    const { api } = await freshApi('2026-11-29');
    const { id } = await call(api, 'requests:create', { mandateId: await foodId(api), stateCode: 'PER', opening: { type: 'request', date: '2019-03-04' } });
    const file = csv('reminders.csv', `State,Mandate,Type,Date,Reference\nPeru,${FOOD},reminder,2026-02-10,SRfood/2026/3\n`);
    const report = await call(api, 'import:commit', file);
    expect(report.rows[0]).toMatchObject({ outcome: 'added', threadId: id, action: 'adds 1 reminder to the request to Peru of 2019-03-04' });
    expect((await call(api, 'import:preview', file)).rows[0]!.action).toBe('already imported');
  });
});

async function foodId(api: Awaited<ReturnType<typeof freshApi>>['api']) {
  return (await call(api, 'mandates:list', {})).find((m) => m.title === FOOD)!.id;
}

describe('all or nothing', () => {
  test('a file with bad rows writes nothing unless the user leaves those rows out', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const file = fixture('bad-rows.csv');
    const before = await counts(db);
    const preview = await call(api, 'import:preview', file);
    expect(preview.errors).toEqual([
      { row: 3, column: 'state', reason: 'unknown State "Narnia": add it under States, or write its UN name' },
      { row: 4, column: 'accepted_on', reason: "The date 2018-12-01 is before the thread's request of 2019-05-01." },
    ]);
    expect(preview.canCommit).toBe(true);
    expect(await fail(api, 'import:commit', file)).toEqual({
      code: 'rule',
      message:
        '2 rows of "bad-rows.csv" cannot be imported, so nothing was imported: row 3 (state): unknown State "Narnia": add it under States, or write its UN name; ' +
        "row 4 (accepted_on): The date 2018-12-01 is before the thread's request of 2019-05-01. Correct the file, or import the other rows and leave these out.",
    });
    // row 2 and row 5 were applied inside the refused transaction: none of it stays
    expect(await counts(db)).toEqual(before);

    const report = await call(api, 'import:commit', { ...file, skipInvalidRows: true });
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'new'],
      [3, 'error'],
      [4, 'error'],
      [5, 'new'],
    ]);
    // row 4's request was recorded before its acceptance was refused: the row's savepoint took it back
    expect(await counts(db)).toEqual({ ...before, requests: 2, documents: 2, changes: before.changes + 4 });
    expect(await threadsOf(api, 'CHL')).toEqual([]);
  });

  test('notes and references longer than a form takes are an error of the row, never cut', async () => {
    const { api } = await freshApi('2026-11-29');
    const long = 'x'.repeat(10_001);
    const report = await call(api, 'import:preview', csv('n.csv', `state,mandate,status,requested_on,notes\nPeru,${FOOD},requested,2019,${long}\nChile,${FOOD},requested,2019,${'y'.repeat(10_000)}\n`));
    expect(report.rows.map((r) => [r.row, r.outcome, r.errors])).toEqual([
      [2, 'error', [{ row: 2, column: 'notes', reason: 'at most 10000 characters (this cell has 10001): shorten it, or keep the long text elsewhere' }]],
      [3, 'new', []],
    ]);
  });

  test('dates after today and visits not yet held are refused as when typed in', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = csv(
      'future.csv',
      `state,mandate,status,requested_on,visit_start,visit_end\nPeru,${FOOD},requested,2027-01-05,,\nChile,${FOOD},completed,,2027-03,\nBolivia,${FOOD},completed,,2026-11-02,2026-11-12\n`,
    );
    const preview = await call(api, 'import:preview', file);
    expect(preview.errors).toEqual([
      { row: 2, column: 'requested_on', reason: 'The date 2027-01-05 is in the future; record a document once it is sent or received.' },
      { row: 3, column: 'visit_start', reason: 'A visit planned for 2027-03 has not taken place: record the request or invitation it answers first.' },
    ]);
    expect(preview.rows[2]).toMatchObject({ outcome: 'new', threadStatus: 'completed', action: 'new thread: visit to Bolivia (Plurinational State of) (2026-11-02 to 2026-11-12)' });
  });
});

describe('joint visits', () => {
  const WATER = 'Special Rapporteur on the human rights to safe drinking water and sanitation';
  test('two mandates\' rows of a visit with the same days are one joint visit, counted once, each thread completed', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const text = `state,mandate,status,requested_on,visit_start,visit_end\nPeru,${FOOD},completed,2019,2020-10-05,2020-10-16\nPeru,${WATER},completed,2018,2020-10-05,2020-10-16\nPeru,SR on torture,completed,,2020-10-05,2020-10-16\nPeru,WGAD,completed,2019,2020-10,2020-10\n`;
    const preview = await call(api, 'import:preview', csv('joint.csv', text));
    expect(preview.rows.map((r) => [r.outcome, r.action])).toEqual([
      ['new', 'new request to Peru of 2019, visit (2020-10-05 to 2020-10-16)'],
      ['new', `new request to Peru of 2018, visit (2020-10-05 to 2020-10-16), joint with the ${FOOD}`],
      ['new', `new thread: visit to Peru (2020-10-05 to 2020-10-16), joint with the ${WATER} and the ${FOOD}`],
      // a month is no day: no joint visit is told by it
      ['new', 'new request to Peru of 2019, visit (2020-10 to 2020-10)'],
    ]);
    expect(preview.totals).toMatchObject({ threadsCreated: 4, visitsAdded: 2 });
    const committed = await call(api, 'import:commit', csv('joint.csv', text));
    expect(committed.totals).toMatchObject({ threadsCreated: 4, visitsAdded: 2 });
    expect((await counts(db)).visits).toBe(2);
    const joint = await db.selectFrom('visit_mandates').select(['visit_id', 'request_id']).where('visit_id', '=', 1).orderBy('request_id').execute();
    expect(joint).toEqual([{ visit_id: 1, request_id: 1 }, { visit_id: 1, request_id: 2 }, { visit_id: 1, request_id: 3 }]);
    expect((await threadsOf(api, 'PER')).map((t) => [t.status, t.visits.length])).toEqual([['completed', 1], ['completed', 1], ['completed', 1], ['completed', 1]]);
    // the same file again adds nothing
    expect((await call(api, 'import:commit', csv('joint.csv', text))).totals).toMatchObject({ imported: 0, unchanged: 4 });
    expect((await counts(db)).visits).toBe(2);
  });

  test('a visit recorded in the app before its thread is the row\'s visit, not a second one', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const food = (await db.selectFrom('mandates').select('id').where('title', '=', FOOD).executeTakeFirstOrThrow()).id;
    const water = (await db.selectFrom('mandates').select('id').where('title', '=', WATER).executeTakeFirstOrThrow()).id;
    await call(api, 'visits:record', { mandateIds: [food, water], subjectStateCode: 'GHA', start: '2021-05-03', end: '2021-05-14' });
    const text = `state,mandate,status,requested_on,visit_start,visit_end\nGhana,${FOOD},completed,2020,2021-05-03,2021-05-14\nGhana,SR on torture,completed,2020,2021-05-03,2021-05-14\nGhana,${WATER},completed,,2021-05-03,2021-05-14\n`;
    const report = await call(api, 'import:commit', csv('g.csv', text));
    expect(report.rows.map((r) => [r.outcome, r.action, r.threadStatus])).toEqual([
      ['new', `new request to Ghana of 2020, visit (2021-05-03 to 2021-05-14), joint with the ${WATER}`, 'completed'],
      ['new', `new request to Ghana of 2020, visit (2021-05-03 to 2021-05-14), joint with the ${WATER} and the ${FOOD}`, 'completed'],
      ['new', `new thread: visit to Ghana (2021-05-03 to 2021-05-14), joint with the ${FOOD} and the Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment`, 'completed'],
    ]);
    expect((await counts(db)).visits).toBe(1);
    const links = await db.selectFrom('visit_mandates').select(['mandate_id', 'request_id']).orderBy('mandate_id').execute();
    expect(links.every((l) => l.request_id !== null)).toBe(true);
    expect(links).toHaveLength(3);
    // recorded at another precision (the month, or the start alone): the same visit, the row says how the file dates it
    const coarse = await freshApi('2026-11-29');
    const { id: may } = await call(coarse.api, 'visits:record', { mandateIds: [food], subjectStateCode: 'GHA', start: '2021-05', end: '2021-05' });
    await call(coarse.api, 'visits:record', { mandateIds: [food], subjectStateCode: 'PER', start: '2021-06-07' });
    const finer = await call(coarse.api, 'import:commit', csv('g.csv', `state,mandate,status,requested_on,visit_start,visit_end\nGhana,${FOOD},completed,,2021-05-03,2021-05-14\nPeru,${FOOD},completed,,2021-06-07,2021-06-18\n`));
    expect(finer.rows.map((r) => [r.outcome, r.warnings])).toEqual([
      ['new', ['the file dates the visit 2021-05-03 to 2021-05-14; it is recorded 2021-05 to 2021-05: correct it on the visit if the file is right']],
      ['new', ['the file dates the visit 2021-06-07 to 2021-06-18; it is recorded 2021-06-07: correct it on the visit if the file is right']],
    ]);
    expect((await counts(coarse.db)).visits).toBe(2);
    expect((await coarse.db.selectFrom('visit_mandates').select('request_id').where('visit_id', '=', may).executeTakeFirstOrThrow()).request_id).toBe(finer.rows[0]!.threadId);
    // of a mandate alone: "recorded before"
    const other = await freshApi('2026-11-29');
    await call(other.api, 'visits:record', { mandateIds: [food], subjectStateCode: 'GHA', start: '2021-05-03', end: '2021-05-14' });
    const alone = await call(other.api, 'import:commit', csv('g.csv', `state,mandate,status,requested_on,visit_start,visit_end\nGhana,${FOOD},completed,2020,2021-05-03,2021-05-14\n`));
    expect(alone.rows[0]!.action).toBe('new request to Ghana of 2020, visit (2021-05-03 to 2021-05-14), recorded before');
    expect((await counts(other.db)).visits).toBe(1);
  });

  test('a mandate cell naming two mandates says how a joint visit is written', async () => {
    const { api } = await freshApi('2026-11-29');
    const preview = await call(api, 'import:preview', csv('j.csv', `state,mandate,status,requested_on,visit_start,visit_end\nPeru,SR on torture / WGAD,completed,2019,2020-10-05,2020-10-16\nPeru,"Joint: SR food, SR on torture",completed,2019,2020-10-05,2020-10-16\n`));
    const TORTURE = 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment';
    expect(preview.errors.map((e) => e.reason)).toEqual([
      `"SR on torture / WGAD" names 2 mandates (${TORTURE}; Working Group on Arbitrary Detention): a joint visit is written as a row for each mandate, with the same visit dates, and recorded as one visit`,
      `"Joint: SR food, SR on torture" names 2 mandates (${FOOD}; ${TORTURE}): a joint visit is written as a row for each mandate, with the same visit dates, and recorded as one visit`,
    ]);
  });

  test('a later file\'s row joins the visit recorded in the app, and the change log says so', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const food = (await db.selectFrom('mandates').select('id').where('title', '=', FOOD).executeTakeFirstOrThrow()).id;
    const { id: visitId } = await call(api, 'visits:record', { mandateIds: [food], subjectStateCode: 'CHL', start: '2021-03-01', end: '2021-03-10' });
    const report = await call(api, 'import:commit', csv('w.csv', `state,mandate,status,requested_on,visit_start,visit_end\nChile,${WATER},completed,2020,2021-03-01,2021-03-10\n`));
    expect(report.rows[0]).toMatchObject({ outcome: 'new', threadStatus: 'completed', action: `new request to Chile of 2020, visit (2021-03-01 to 2021-03-10), joint with the ${FOOD}` });
    expect((await counts(db)).visits).toBe(1);
    const log = await db.selectFrom('change_log').select(['action', 'before', 'after']).where('entity', '=', 'visit').where('entity_id', '=', String(visitId)).orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'update']);
    expect(JSON.parse(log[1]!.after!).links).toEqual({ [food]: null, [report.rows[0]!.mandateId!]: report.rows[0]!.threadId });
  });
});

describe('importing again', () => {
  test('a sheet that corrects a date names the recorded visit, acceptance or reminder, says so, and adds only what is new', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const header = 'State,Mandate,Status,Requested on,Reminders,Accepted on,Visit start,Visit end';
    await call(api, 'import:commit', { ...csv('v1.csv', `${header}\nKenya,${FOOD},completed,2019-03-04,2019-06-01; 2020-06-01,2020-01-10,2020-10-05,2020-10-16\n`), skipInvalidRows: false });
    const before = await counts(db);
    // a year later: the visit's start, the acceptance and the first reminder corrected
    const v2 = csv('v2.csv', `${header}\nKenya,${FOOD},completed,2019-03-04,2019-06-11; 2020-06-01,2020-01-12,2020-10-06,2020-10-16\n`);
    const preview = await call(api, 'import:preview', v2);
    expect(preview.rows.map((r) => [r.outcome, r.warnings])).toEqual([
      [
        'unchanged',
        [
          'the file dates the reminder 2019-06-11; it is recorded as 2019-06-01: correct it on the thread if the file is right',
          'the file dates the acceptance 2020-01-12; it is recorded as 2020-01-10: correct it on the thread if the file is right',
          'the file dates the visit 2020-10-06 to 2020-10-16; it is recorded as 2020-10-05 to 2020-10-16: correct it on the thread if the file is right',
        ],
      ],
    ]);
    await call(api, 'import:commit', { ...v2, skipInvalidRows: false });
    expect(await counts(db)).toEqual(before);
    expect((await call(api, 'indicators:get', { year: 2020 })).visitsInYear.visits).toHaveLength(1);
    // a third reminder in the sheet is new: added, the two recorded ones named
    const v3 = csv('v3.csv', `${header}\nKenya,${FOOD},completed,2019-03-04,2019-06-01; 2020-06-01; 2020-09-01,2020-01-10,2020-10-05,2020-10-16\n`);
    expect((await call(api, 'import:commit', { ...v3, skipInvalidRows: false })).rows.map((r) => [r.outcome, r.documentsAdded])).toEqual([['added', 1]]);
    expect((await threadsOf(api, 'KEN'))[0]!.statusText).toBe('reminded 3 times');
  });

  test('in a log of documents, only the same reference names a document dated otherwise', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const log = (reminder: string, reference: string) =>
      csv('log.csv', `State,Mandate,Document type,Date,Reference\nKenya,${FOOD},request,2019-03-04,SR/1\nKenya,${FOOD},reminder,${reminder},${reference}\n`);
    await call(api, 'import:commit', { ...log('2020-01-10', 'SR/2'), skipInvalidRows: false });
    const before = await counts(db);
    const corrected = await call(api, 'import:commit', { ...log('2020-01-12', 'SR/2'), skipInvalidRows: false });
    expect(corrected.rows.map((r) => [r.outcome, r.warnings])).toEqual([
      ['unchanged', []],
      ['unchanged', ['the file dates the reminder 2020-01-12; it is recorded as 2020-01-10: correct it on the thread if the file is right']],
    ]);
    expect(await counts(db)).toEqual(before);
    // another reference, another date: another reminder
    expect((await call(api, 'import:commit', { ...log('2021-02-01', 'SR/3'), skipInvalidRows: false })).rows[1]!.outcome).toBe('added');
  });
  test('a row that does not say what opened its thread goes on, in a later file, to the State’s invitation recorded', async () => {
    const { api } = await freshApi('2026-11-29');
    const sheet = (status: string, acceptedOn = '') => csv('sheet.csv', `state,mandate,status,requested_on,reminders,accepted_on\nFrance,${FOOD},${status},,,${acceptedOn}\n`);
    expect((await call(api, 'import:commit', sheet('invited'))).rows[0]).toMatchObject({ outcome: 'new', action: 'new invitation from France', threadStatus: 'invitation' });
    // the holder accepted the invitation: the acceptance goes to it, no request is made up
    const accepted = await call(api, 'import:commit', sheet('accepted', '2021'));
    expect(accepted.rows[0]).toMatchObject({ outcome: 'added', action: 'adds acceptance of 2021 to the invitation from France', threadStatus: 'accepted' });
    expect((await threadsOf(api, 'FRA')).map((t) => [t.status, t.documents.map(([type, date]) => `${type} ${date}`)])).toEqual([['accepted', ['invitation null', 'acceptance 2021']]]);
    expect((await call(api, 'import:preview', sheet('accepted', '2021'))).totals).toMatchObject({ imported: 0, unchanged: 1 });
    // a row that names its request opens a thread of its own, as before
    const other = await freshApi('2026-11-29');
    await call(other.api, 'import:commit', sheet('invited'));
    const requested = await call(other.api, 'import:commit', csv('sheet.csv', `state,mandate,status,requested_on\nFrance,${FOOD},requested,2022\n`));
    expect(requested.rows[0]).toMatchObject({ outcome: 'new', action: 'new request to France of 2022' });
  });

  test('a row opening a thread with the same answer as a recorded one (its request year corrected in the sheet) says so', async () => {
    const { api } = await freshApi('2026-11-29');
    const sheet = (year: string) => csv('sheet.csv', `state,mandate,status,requested_on,accepted_on\nPeru,${FOOD},accepted,${year},2020-02\nChile,${FOOD},accepted,${year},2020-03\n`);
    await call(api, 'import:commit', sheet('2019'));
    const corrected = await call(api, 'import:preview', csv('sheet.csv', `state,mandate,status,requested_on,accepted_on\nPeru,${FOOD},accepted,2018,2020-02\nChile,${FOOD},accepted,2018,2021\n`));
    expect(corrected.rows.map((r) => [r.outcome, r.warnings])).toEqual([
      ['new', ['the acceptance of 2020-02 is on the recorded request of 2019 too: if this row is that thread, correct its date on the thread or in the file, rather than keep two threads']],
      // another acceptance: another thread, nothing to say
      ['new', []],
    ]);
    // a day within the recorded month is the same date, at another precision; a year alone tells too little
    const finer = await call(api, 'import:preview', csv('sheet.csv', `state,mandate,status,requested_on,accepted_on\nPeru,${FOOD},accepted,2018,2020-02-15\nChile,${FOOD},accepted,2018,2020\n`));
    expect(finer.rows.map((r) => r.warnings.length)).toEqual([1, 0]);
    // a log of documents too: the row of the answer says so
    const log = await call(api, 'import:preview', csv('log.csv', `State,Mandate,Document type,Date\nPeru,${FOOD},request,2018-05-01\nPeru,${FOOD},acceptance,2020-02\n`));
    expect(log.rows.map((r) => [r.outcome, r.warnings])).toEqual([
      ['new', []],
      ['added', ['the acceptance of 2020-02 is on the recorded request of 2019 too: if this row is that thread, correct its date on the thread or in the file, rather than keep two threads']],
    ]);
  });

  test('a visit row beside an undated pending request says the request stays pending, and how to put the visit on it', async () => {
    const { api } = await freshApi('2026-11-29');
    await call(api, 'import:commit', csv('sheet.csv', `state,mandate,status,requested_on\nFrance,${FOOD},requested,\n`));
    const visit = (requestedOn: string) => csv('sheet.csv', `state,mandate,status,requested_on,visit_start,visit_end\nFrance,${FOOD},completed,${requestedOn},2020-10-05,2020-10-16\n`);
    const alone = await call(api, 'import:preview', visit(''));
    expect(alone.rows[0]).toMatchObject({
      outcome: 'new',
      action: 'new thread: visit to France (2020-10-05 to 2020-10-16)',
      warnings: [
        'the request of this mandate to France recorded with no date is still pending, and this visit was not put on it (with no date, which visit answers it cannot be told): if this visit answers it, write the request\'s date or year in the "Requested on" column, and the visit will go on it',
      ],
    });
    // an undated visit row beside the State's invitation recorded says so too
    const other = await freshApi('2026-11-29');
    await call(other.api, 'import:commit', csv('sheet.csv', `state,mandate,status,requested_on\nFrance,${FOOD},invited,\n`));
    const undated = await call(other.api, 'import:preview', csv('sheet.csv', `state,mandate,status,requested_on\nFrance,${FOOD},completed,\n`));
    expect(undated.rows[0]!.warnings).toEqual([
      'the invitation of this mandate to France recorded with no date is still open, and this visit was not put on it (with no date, which visit answers it cannot be told): if this visit answers it, write the invitation\'s date or year in the "Requested on" column, with "invitation" in an "Opened by" column, and the visit will go on it',
    ]);
    const followed = await call(other.api, 'import:commit', csv('sheet.csv', `state,mandate,status,requested_on,opened_by,visit_start\nFrance,${FOOD},completed,2019,invitation,2020\n`));
    expect(followed.rows[0]).toMatchObject({ outcome: 'added', threadStatus: 'completed' });
    expect((await threadsOf(other.api, 'FRA')).map((t) => [t.status, t.documents.map(([type]) => type), t.visits.length])).toEqual([['completed', ['invitation'], 1]]);
    // as the warning says: with the request's year, the visit goes on the recorded request (whose date is the user's to correct)
    const dated = await call(api, 'import:commit', visit('2019'));
    expect(dated.rows[0]).toMatchObject({ outcome: 'added', threadStatus: 'completed', warnings: ['the file dates the request 2019; it is recorded undated: correct it on the thread if the file is right'] });
    expect((await threadsOf(api, 'FRA')).map((t) => [t.status, t.documents.map(([type, date]) => `${type} ${date}`), t.visits.length])).toEqual([['completed', ['request null'], 1]]);
  });

  test('an updated spreadsheet adds only what is new, counting the undated reminders already there', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const version = (reminders: string, status = 'reminded') => csv('sheet.csv', `state,mandate,status,requested_on,reminders\nPeru,${FOOD},${status},2019,${reminders}\nChile,${FOOD},requested,2020-02,\n`);
    await call(api, 'import:commit', version('1'));
    const first = await counts(db);
    expect(first).toMatchObject({ requests: 2, documents: 3 });

    const update = await call(api, 'import:preview', version('3'));
    expect(update.rows.map((r) => [r.outcome, r.action])).toEqual([
      ['added', 'adds 2 reminders to the request to Peru of 2019'],
      ['unchanged', 'already imported'],
    ]);
    await call(api, 'import:commit', version('3'));
    expect(await counts(db)).toMatchObject({ requests: 2, documents: 5 });
    // "yes" is one reminder: the thread has three
    expect((await call(api, 'import:preview', version('yes'))).totals).toMatchObject({ imported: 0, unchanged: 2 });
    expect((await call(api, 'import:preview', version('3'))).totals).toMatchObject({ imported: 0, unchanged: 2 });
    // accepted since: the acceptance is new, the request and reminders are not
    const accepted = await call(api, 'import:commit', csv('sheet.csv', `state,mandate,status,requested_on,reminders,accepted_on\nPeru,${FOOD},accepted,2019,3,2024-06\n`));
    expect(accepted.rows[0]).toMatchObject({ outcome: 'added', action: 'adds acceptance of 2024-06 to the request to Peru of 2019', threadStatus: 'accepted' });
    expect(await counts(db)).toMatchObject({ requests: 2, documents: 6 });
  });

  test('rows with the same undated opening are different threads, and find their own again whatever their order', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const TORTURE = '"Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment"';
    const postponed = `Bahrain,${TORTURE},postponed,,,2012-02`;
    const pending = (reminders = '') => `Bahrain,${TORTURE},requested,,${reminders},`;
    const head = 'state,mandate,status,requested_on,reminders,visit_start\n';
    const first = await call(api, 'import:commit', csv('a.csv', `${head}${postponed}\n${pending()}\n`));
    expect(first.rows.map((r) => r.threadStatus)).toEqual(['accepted', 'pending']);
    const [postponedId, pendingId] = first.rows.map((r) => r.threadId);

    const reversed = await call(api, 'import:preview', csv('b.csv', `${head}${pending()}\n${postponed}\n`));
    expect(reversed.rows.map((r) => [r.outcome, r.threadId])).toEqual([
      ['unchanged', pendingId],
      ['unchanged', postponedId],
    ]);
    // the reminder goes to the pending thread, which holds everything else the row says
    const reminded = await call(api, 'import:commit', csv('c.csv', `${head}${pending('2022-03-01')}\n${postponed}\n`));
    expect(reminded.rows.map((r) => [r.outcome, r.threadId])).toEqual([
      ['added', pendingId],
      ['unchanged', postponedId],
    ]);
    const reminder = await db.selectFrom('documents').select('request_id').where('type', '=', 'reminder').executeTakeFirstOrThrow();
    expect(reminder.request_id).toBe(pendingId);
  });

  test('a count of reminders is the total: dated reminders recorded in the app are counted, not added again', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const { id } = await call(api, 'requests:create', { mandateId: (await db.selectFrom('mandates').select('id').where('title', '=', FOOD).executeTakeFirstOrThrow()).id, stateCode: 'PER', opening: { type: 'request', date: '2019-03-04' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'reminder', date: '2021-02-10' } });
    const sheet = (reminders: string) => csv('sheet.csv', `state,mandate,status,requested_on,reminders\nPeru,${FOOD},reminded,2019-03-04,${reminders}\n`);
    expect((await call(api, 'import:preview', sheet('1'))).rows[0]).toMatchObject({ outcome: 'unchanged', threadId: id });
    // two in the file, one recorded (dated): one more, undated
    const two = await call(api, 'import:commit', sheet('2'));
    expect(two.rows[0]).toMatchObject({ outcome: 'added', action: 'adds 1 reminder to the request to Peru of 2019-03-04' });
    expect((await call(api, 'requests:get', { id })).documents.map((d) => [d.type, d.date])).toEqual([
      ['request', '2019-03-04'],
      ['reminder', '2021-02-10'],
      ['reminder', null],
    ]);
    // a dated reminder of the file finds the recorded one of that date first, so the undated one is not taken twice
    expect((await call(api, 'import:preview', sheet('2021-02-10; 2022'))).rows[0]).toMatchObject({ outcome: 'unchanged' });
  });

  test('dates written to another precision name the same thread, document and visit', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const head = 'state,mandate,status,requested_on,accepted_on,visit_start,visit_end\n';
    await call(api, 'import:commit', csv('a.csv', `${head}Ghana,${FOOD},completed,2017-04,2018-01,2018-11,\nKenya,${FOOD},completed,,,2016,\n`));
    const before = await counts(db);
    expect(before).toMatchObject({ requests: 2, documents: 2, visits: 2 });
    // the same records, now known to the day: nothing new
    const finer = await call(api, 'import:preview', csv('b.csv', `${head}Ghana,${FOOD},completed,2017-04-12,2018-01-30,2018-11-05,2018-11-16\nKenya,${FOOD},completed,,,2016-03-07,2016-03-18\n`));
    expect(finer.rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    // nothing is written over what is recorded, and the row says what the file dates more finely
    expect(finer.rows.map((r) => r.warnings)).toEqual([
      [
        'the file dates the request 2017-04-12; it is recorded as 2017-04: correct it on the thread if the file is right',
        'the file dates the acceptance 2018-01-30; it is recorded as 2018-01: correct it on the thread if the file is right',
        'the file dates the visit 2018-11-05 to 2018-11-16; it is recorded as 2018-11: correct it on the thread if the file is right',
      ],
      ['the file dates the visit 2016-03-07 to 2016-03-18; it is recorded as 2016: correct it on the thread if the file is right'],
    ]);
    // and back to the year only
    const coarser = await call(api, 'import:preview', csv('c.csv', `${head}Ghana,${FOOD},completed,2017,2018,2018,\n`));
    expect(coarser.rows.map((r) => r.outcome)).toEqual(['unchanged']);
    // another month is another request: a new thread
    const other = await call(api, 'import:preview', csv('d.csv', `${head}Ghana,${FOOD},requested,2017-05,,,\n`));
    expect(other.rows.map((r) => [r.outcome, r.action])).toEqual([['new', 'new request to Ghana of 2017-05']]);
  });

  test('two undated pending requests of one mandate and State in a file: the second is named as the first row’s twin', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Status,Requested on\nPeru,${FOOD},requested,\nPeru,${FOOD},requested,\n`;
    const preview = await call(api, 'import:preview', csv('twins.csv', text));
    expect(preview.errors).toEqual([
      {
        row: 3,
        column: 'Requested on',
        reason: 'Row 2 of this file already opens an undated pending request of this mandate to Peru: if this row is the same request, leave it out; if it is another, write the dates of both.',
      },
    ]);
  });

  test('a row whose notes differ from the thread’s keeps the recorded notes and says so', async () => {
    const { api } = await freshApi('2026-11-29');
    const file = (notes: string) => csv('n.csv', `State,Mandate,Status,Requested on,Notes\nPeru,${FOOD},requested,2019-03-04,${notes}\n`);
    await call(api, 'import:commit', file('Raised at the HRC session'));
    expect((await call(api, 'import:preview', file('raised at the HRC session  '))).rows[0]!.warnings).toEqual([]);
    const changed = await call(api, 'import:commit', file('Raised again in 2020'));
    expect(changed.rows[0]).toMatchObject({
      outcome: 'unchanged',
      warnings: ['the notes in the file differ from those recorded on the thread, which were kept: edit them on the thread if the file’s are right'],
    });
    expect((await call(api, 'requests:list', {})).rows.length).toBe(1);
    const [thread] = (await call(api, 'requests:list', {})).rows;
    expect((await call(api, 'requests:get', { id: thread!.id })).notes).toBe('Raised at the HRC session');
  });

  test('blank notes on a thread take a row’s notes, with a change-log entry; a second import adds nothing', async () => {
    const { api, db } = await freshApi('2026-11-29');
    // two rows of one dated request, the notes on the second only; a second request with no notes in the file
    const text = [
      'State,Mandate,Status,Requested on,Reminders,Notes',
      `Peru,${FOOD},requested,2019-03-04,,`,
      `Peru,${FOOD},reminded,2019-03-04,2020-01-15,Raised at the HRC session`,
      `Chile,${FOOD},requested,2018-05-02,,`,
    ].join('\n');
    const report = await call(api, 'import:commit', csv('twins.csv', text));
    expect(report.rows.map((r) => [r.row, r.outcome, r.action, r.warnings])).toEqual([
      [2, 'new', 'new request to Peru of 2019-03-04', []],
      [3, 'added', 'adds 1 reminder, notes to the request to Peru of 2019-03-04', []],
      [4, 'new', 'new request to Chile of 2018-05-02', []],
    ]);
    const [peru] = (await call(api, 'requests:list', { filter: { stateCodes: ['PER'] } })).rows;
    expect((await call(api, 'requests:get', { id: peru!.id })).notes).toBe('Raised at the HRC session');
    const log = await db.selectFrom('change_log').select(['action', 'before', 'after']).where('entity', '=', 'request').where('entity_id', '=', String(peru!.id)).orderBy('id').execute();
    expect(log.map((e) => [e.action, e.before && JSON.parse(e.before), JSON.parse(e.after!).notes])).toEqual([
      ['create', null, ''],
      ['update', { priority: 'normal', notes: '' }, 'Raised at the HRC session'],
    ]);
    expect((await call(api, 'import:preview', csv('twins.csv', text))).totals).toMatchObject({ imported: 0, unchanged: 3 });
    // a recorded thread with blank notes takes the notes of a later file, once
    const later = csv('later.csv', `State,Mandate,Status,Requested on,Notes\nChile,${FOOD},requested,2018-05-02,Follow up with the PM\n`);
    expect((await call(api, 'import:commit', later)).rows.map((r) => [r.outcome, r.action])).toEqual([['added', 'adds notes to the request to Chile of 2018-05-02']]);
    const [chile] = (await call(api, 'requests:list', { filter: { stateCodes: ['CHL'] } })).rows;
    expect((await call(api, 'requests:get', { id: chile!.id })).notes).toBe('Follow up with the PM');
    expect((await call(api, 'import:preview', later)).totals).toMatchObject({ imported: 0, unchanged: 1 });
  });

  test('the requests list exported to CSV or XLSX imports again adding nothing, and into a new database as the same threads', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const mandate = (await db.selectFrom('mandates').select('id').where('title', '=', FOOD).executeTakeFirstOrThrow()).id;
    const open = async (stateCode: string, type: 'request' | 'invitation', date: string) => (await call(api, 'requests:create', { mandateId: mandate, stateCode, opening: { type, date } })).id;
    const record = (requestId: number, document: object) => call(api, 'documents:record', { requestId, document });
    // Peru pending, reminded twice; Chile accepted; Norway's invitation; Bolivia cancelled; Côte d'Ivoire dates proposed; Ghana a visit only
    const peru = await open('PER', 'request', '2019-03-04');
    await record(peru, { type: 'reminder', date: '2020-01-15' });
    await record(peru, { type: 'reminder', date: '2021-02-10' });
    await record(await open('CHL', 'request', '2015'), { type: 'acceptance', date: '2016-05' });
    await open('NOR', 'invitation', '2024-01-15');
    await record(await open('BOL', 'request', '2013'), { type: 'cancellation', date: '2021' });
    await record(await open('CIV', 'request', '2016'), { type: 'acceptance', date: '2017', proposedStart: '2027-03-01', proposedEnd: '2027-03-10' });
    await call(api, 'import:commit', csv('v.csv', `state,mandate,status,visit_start,visit_end\nGhana,${FOOD},completed,2018-11-05,2018-11-16\n`));
    // Kenya accepted, its visit scheduled for 2027, with notes a spreadsheet would take for formulas
    const kenya = await call(api, 'requests:create', { mandateId: mandate, stateCode: 'KEN', opening: { type: 'request', date: '2020' }, notes: '- call the mission; =tel +254 20' });
    await record(kenya.id, { type: 'acceptance', date: '2021' });
    await call(api, 'visits:record', { mandateIds: [mandate], subjectStateCode: 'KEN', start: '2027-05-01', end: '2027-05-10', requestId: kenya.id });
    const before = await counts(db);
    expect(before).toMatchObject({ requests: 7, visits: 2 });
    const statuses = async (a: typeof api) => (await call(a, 'requests:list', { sort: { column: 'state', direction: 'asc' } })).rows.map((r) => [r.stateCode, r.status, r.openedBy, r.openedOn]);
    const expected = await statuses(api);
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await call(api, 'export:requests', { filter: {}, format });
      const again = await call(api, 'import:commit', { fileName: exported.fileName, bytes: exported.bytes });
      expect([format, again.totals]).toEqual([format, expect.objectContaining({ rows: 7, imported: 0, unchanged: 7, invalid: 0 })]);
      expect([format, again.rows.flatMap((r) => r.warnings)]).toEqual([format, []]);
      expect(await counts(db)).toEqual(before);
      // into an empty database: the same threads, Norway's still opened by its invitation
      const fresh = await freshApi('2026-11-29');
      await call(fresh.api, 'import:commit', { fileName: exported.fileName, bytes: exported.bytes });
      expect(await statuses(fresh.api)).toEqual(expected);
      // with the dates of acceptance and of the visit
      expect((await threadsOf(fresh.api, 'CHL'))[0]!.documents).toEqual([['request', '2015', 'to_state'], ['acceptance', '2016-05', 'from_state']]);
      expect((await threadsOf(fresh.api, 'GHA'))[0]!.visits).toEqual([{ start: '2018-11-05', end: '2018-11-16', subject: 'GHA', places: ['GHA'] }]);
      // "refused" with the detail "withdrawn or cancelled": a cancellation, not the State's declination
      expect((await threadsOf(fresh.api, 'BOL'))[0]!.documents.map(([type]) => type)).toEqual(['request', 'cancellation']);
      if (format === 'csv') {
        // a "Detail" column of the user's own is not read, and says so
        const own = await call(fresh.api, 'import:preview', csv('own.csv', `State,Mandate,Status,Requested on,Detail\nPeru,${FOOD},declined,2010,Called the mission twice\n`));
        expect(own.rows[0]!.warnings).toEqual(['Detail: "Called the mission twice" is not read (only the detail of the app\'s own export is): map the column to notes if it holds notes']);
      }
      // a scheduled visit is not in the list: Kenya comes back accepted, with its notes as written
      const [kenyaThread] = (await call(fresh.api, 'requests:list', { filter: { stateCodes: ['KEN'] } })).rows;
      expect((await call(fresh.api, 'requests:get', { id: kenyaThread!.id })).notes).toBe('- call the mission; =tel +254 20');
    }
    expect(expected).toEqual([
      ['BOL', 'refused', 'request', '2013'],
      ['CHL', 'accepted', 'request', '2015'],
      ['CIV', 'accepted', 'request', '2016'],
      ['GHA', 'completed', null, null],
      ['KEN', 'accepted', 'request', '2020'],
      ['NOR', 'invitation', 'invitation', '2024-01-15'],
      ['PER', 'pending', 'request', '2019-03-04'],
    ]);
  });

  test('an exported "accepted" thread whose detail says postponed comes back with its postponement', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const mandate = (await db.selectFrom('mandates').select('id').where('title', '=', FOOD).executeTakeFirstOrThrow()).id;
    const { id } = await call(api, 'requests:create', { mandateId: mandate, stateCode: 'KEN', opening: { type: 'request', date: '2019' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'acceptance', date: '2020-01' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'postponement', date: '2020-03' } });
    const exported = await call(api, 'export:requests', { filter: {}, format: 'csv' });
    const fresh = await freshApi('2026-11-29');
    await call(fresh.api, 'import:commit', { fileName: exported.fileName, bytes: exported.bytes });
    expect((await threadsOf(fresh.api, 'KEN')).map((t) => [t.status, t.statusText, t.documents.map(([type]) => type)])).toEqual([['accepted', 'postponed', ['request', 'acceptance', 'postponement']]]);
    expect((await call(api, 'import:preview', { fileName: exported.fileName, bytes: exported.bytes })).totals).toMatchObject({ imported: 0, unchanged: 1 });
  });

  test('a visit known by itself completes the pending request it may answer, as visits:record does; not one it precedes or cannot be dated against', async () => {
    const { api } = await freshApi('2026-11-29');
    const head = 'state,mandate,status,requested_on,visit_start,visit_end\n';
    await call(api, 'import:commit', csv('a.csv', `${head}Peru,${FOOD},requested,2019,,\nChile,${FOOD},requested,,,\nKenya,${FOOD},requested,2019,,\n`));
    const report = await call(api, 'import:commit', csv('b.csv', `${head}Peru,${FOOD},completed,,2021-05-01,2021-05-10\nChile,${FOOD},completed,,2021-05,\nKenya,${FOOD},completed,,1995,\n`));
    expect(report.rows.map((r) => [r.outcome, r.action, r.threadStatus])).toEqual([
      ['added', 'adds visit (2021-05-01 to 2021-05-10) to the request to Peru of 2019', 'completed'],
      // Chile's request is undated, Kenya's visit of 1995 came before the request of 2019: visits of their own
      ['new', 'new thread: visit to Chile (2021-05)', 'completed'],
      ['new', 'new thread: visit to Kenya (1995)', 'completed'],
    ]);
    expect((await call(api, 'requests:list', { filter: { statuses: ['pending'] } })).rows.map((r) => r.stateCode)).toEqual(['CHL', 'KEN']);
  });

  test('a request recorded undated is found again once the file gives its date, and the other way round', async () => {
    const { api } = await freshApi('2026-11-29');
    const head = 'state,mandate,status,requested_on,accepted_on\n';
    await call(api, 'import:commit', csv('a.csv', `${head}Peru,${FOOD},accepted,,\nChile,${FOOD},requested,2015,\n`));
    const [peru, chile] = (await call(api, 'requests:list', { sort: { column: 'state', direction: 'desc' } })).rows.map((r) => r.id);
    // the acceptance recorded undated is the acceptance of 2016 (a finer date is not written over what is recorded)
    const again = await call(api, 'import:preview', csv('b.csv', `${head}Peru,${FOOD},accepted,2015,2016\nChile,${FOOD},requested,,\n`));
    expect(again.rows.map((r) => [r.outcome, r.threadId])).toEqual([
      ['unchanged', peru],
      ['unchanged', chile],
    ]);
  });

  test('one pending request per mandate and State: a second pending one is refused, an answered one of the past is not', async () => {
    const { api } = await freshApi('2026-11-29');
    const head = 'state,mandate,status,requested_on,accepted_on\n';
    const report = await call(api, 'import:preview', csv('a.csv', `${head}Peru,${FOOD},requested,2019-03-04,\nPeru,${FOOD},requested,2021,\nPeru,${FOOD},declined,2012,\nPeru,${FOOD},accepted,2008,2009\nPeru,${FOOD},requested,2015,\n`));
    expect(report.rows.map((r) => [r.row, r.outcome, r.action])).toEqual([
      [2, 'new', 'new request to Peru of 2019-03-04'],
      [3, 'error', 'not imported: requested_on: A request of this mandate to Peru is pending since 2019-03-04 (no answer yet): record a reminder on it instead of a new request (or, when this is that request with its date corrected, correct the date on it).'],
      [4, 'new', 'new request to Peru of 2012, declination'],
      [5, 'new', 'new request to Peru of 2008, acceptance of 2009'],
      [
        6,
        'error',
        'not imported: requested_on: A request of this mandate to Peru is pending since 2019-03-04 (no answer yet), and this earlier one of 2015 shows no answer either: one request per mandate and State is pending at a time. Add the answer the earlier request got, or leave this row out if the later request followed it up.',
      ],
    ]);
  });

  test('a thread known only by its visit takes its request when one is found later', async () => {
    const { api } = await freshApi('2026-11-29');
    const report = await call(api, 'import:commit', csv('v.csv', `state,mandate,status,visit_start,visit_end\nGhana,${FOOD},completed,2018-11-05,2018-11-16\n`));
    const id = report.rows[0]!.threadId!;
    expect(await call(api, 'requests:get', { id })).toMatchObject({ status: 'completed', documents: [] });
    await call(api, 'documents:record', { requestId: id, document: { type: 'request', date: '2017-04' } });
    const thread = await call(api, 'requests:get', { id });
    expect([thread.status, thread.documents.map((d) => d.type)]).toEqual(['completed', ['request']]);
    const listed = await call(api, 'requests:list', { filter: { stateCodes: ['GHA'] } });
    expect(listed.rows[0]).toMatchObject({ openedBy: 'request', openedOn: '2017-04' });
  });
});

describe('a bare "Type" column beside a status', () => {
  test('is a log of documents when every cell names a document, else the mandate’s type', async () => {
    const { api } = await freshApi('2026-11-29');
    const log = await call(api, 'import:preview', csv('log.csv', `State,Mandate,Type,Date,Status\nPeru,${FOOD},Invitation,2019-05-01,Accepted\nChile,${FOOD},Request,2019-03-04,Pending\n`));
    expect([log.shape, log.columns.map((c) => [c.field, c.by])]).toEqual([
      'document',
      // (the status column of a log is left unread: the status follows from the documents)
      [['state', 'header'], ['mandate', 'header'], ['documentType', 'mapping'], ['date', 'header'], [null, 'unused']],
    ]);
    expect(log.rows.map((r) => [r.row, r.action, r.threadStatus])).toEqual([
      [2, 'new invitation from Peru of 2019-05-01', 'invitation'],
      [3, 'new request to Chile of 2019-03-04', 'pending'],
    ]);
    const requests = await call(api, 'import:preview', csv('requests.csv', `State,Mandate,Type,Status,Requested on\nPeru,${FOOD},thematic,requested,2019\n`));
    expect([requests.shape, requests.columns[2]]).toEqual(['request', { header: 'Type', field: null, by: 'unused' }]);
  });
});

describe('totals and notes under the table', () => {
  test('are named in the report, not refused as rows without a mandate; a row above them is still a row', async () => {
    const { api } = await freshApi('2026-11-29');
    const text = `State,Mandate,Status,Requested on
Peru,${FOOD},requested,2019
Chile,${FOOD},requested,2020
Total: 2,,,
* Requests of the predecessor included,,,
`;
    const preview = await call(api, 'import:preview', csv('totals.csv', text));
    expect(preview.totals).toMatchObject({ rows: 2, imported: 2, invalid: 0 });
    expect(preview.message).toBe(
      '2 rows read as one row per request; 2 to import (2 new threads, 2 documents, 0 visits); 0 already imported; 0 with errors. ' +
        'The rows under the table 4 ("Total: 2"), 5 ("* Requests of the predecessor included") are a total or a note, not a visit request: not read.',
    );
    // a total with its number in another column; a note in the middle of the table is a row like any other
    const middle = await call(api, 'import:preview', csv('middle.csv', `State,Mandate,Status,Requested on\nPeru,${FOOD},requested,2019\nNote: see below,,,\nChile,${FOOD},requested,2020\nTotal,,,2\n`));
    expect(middle.rows.filter((r) => r.outcome === 'error').map((r) => r.row)).toEqual([3]);
    expect(middle.message).toMatch(/The row under the table 5 \("Total 2"\) is a total or a note, not a visit request: not read\.$/);
  });
});

describe('a large file', () => {
  test('5,000 rows: the indexes of the tables written are set aside and built again, the same as before, and a preview leaves them as they were', async () => {
    const { api, db, sqlite } = await freshApi('2026-11-29');
    const indexes = () => sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all();
    const before = indexes();
    expect(before.length).toBeGreaterThan(20);
    const states = await db.selectFrom('states').select('name_en').where('kind', '=', 'member').orderBy('code').execute();
    const mandates = await db.selectFrom('mandates').select('title').where('ended', 'is', null).orderBy('id').execute();
    // 5,000 distinct mandate x State pairs, each one request of 2020 (day i % 28 + 1 of January);
    // the requests of every second mandate (1, 3, ... 25) were completed by a visit in March 2021,
    // each mandate's on days of its own (on the same days, two mandates' visits would be one joint visit)
    const lines = ['state,mandate,status,requested_on,visit_start,visit_end'];
    for (let i = 0; i < 5000; i++) {
      const m = Math.floor(i / states.length);
      const visited = m % 2 === 1 ? `completed,2020-01-XX,2021-03-${String(m).padStart(2, '0')},2021-04-${String(m).padStart(2, '0')}` : 'requested,2020-01-XX,,';
      lines.push(`"${states[i % states.length]!.name_en}","${mandates[m]!.title}",${visited.replace('XX', String((i % 28) + 1).padStart(2, '0'))}`);
    }
    const file = csv('large.csv', lines.join('\n'));
    // mandates 1, 3, ... 23 have 193 rows each, mandate 25 the last 175 (rows 4,825 to 4,999)
    const visits = 12 * states.length + (5000 - 25 * states.length);
    expect(visits).toBe(2491);
    // the import narrows the page cache while it runs (importer.ts narrowCache): the connection's 64 MB is back after each step
    const cache = () => sqlite.pragma('cache_size', { simple: true });
    expect(cache()).toBe(-65536);
    expect((await call(api, 'import:preview', file)).totals).toMatchObject({ rows: 5000, threadsCreated: 5000, invalid: 0, visitsAdded: visits });
    expect(indexes()).toEqual(before);
    expect(cache()).toBe(-65536);
    const refused = await fail(api, 'import:commit', { ...csv('bad.csv', `${lines.join('\n')}\n"Atlantis","${mandates[0]!.title}",requested,2020-01-01,,`), skipInvalidRows: false });
    expect(refused.message).toMatch(/^1 row of "bad.csv" cannot be imported, so nothing was imported: row 5002 \(/);
    expect(cache()).toBe(-65536);
    expect((await call(api, 'import:commit', file)).totals).toMatchObject({ threadsCreated: 5000, visitsAdded: visits });
    expect(indexes()).toEqual(before);
    expect(cache()).toBe(-65536);
    expect(sqlite.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    // the list reads them through its indexes: Afghanistan's requests are the first 26 pairs' (0, 193, 386, ...), of mandates 0 to 25
    const afghanistan = await call(api, 'requests:list', { filter: { stateCodes: ['AFG'], statuses: ['pending'] }, sort: { column: 'openedOn', direction: 'asc' }, limit: 100 });
    expect(afghanistan.total).toBe(13);
    expect(afghanistan.rows[0]).toMatchObject({ openedOn: '2020-01-01', status: 'pending' });
    const completed = await call(api, 'requests:list', { filter: { stateCodes: ['AFG'], statuses: ['completed'] }, limit: 100 });
    expect(completed.total).toBe(13);
  });
});

describe('files that cannot be imported get a clear error, never a crash', () => {
  const cases: [string, { fileName: string; bytes: Uint8Array }, string, string[]?][] = [
    ['not a spreadsheet', { fileName: 'notes.pdf', bytes: new TextEncoder().encode('%PDF-1.4 binary') }, '"notes.pdf" is not a CSV or XLSX file: only those can be imported.'],
    ['empty', { fileName: 'empty.csv', bytes: new Uint8Array() }, '"empty.csv" is empty.'],
    ['blank lines only', csv('blank.csv', '\r\n \n\n'), '"blank.csv" is empty.'],
    ['header only', csv('head.csv', 'state,mandate,status\n'), '"head.csv" has a header row but no data rows.'],
    ['binary with a .csv name', { fileName: 'x.csv', bytes: new Uint8Array([0x53, 0x00, 0x01, 0x02]) }, '"x.csv" is not a text file: only CSV and XLSX files can be imported.'],
    [
      'corrupt XLSX',
      { fileName: 'visits.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]) },
      '"visits.xlsx" could not be read as an XLSX workbook (it may be damaged): open and save it again in Excel, or save it as CSV.',
    ],
    ['XLSX name on a text file', csv('visits.xlsx', 'state,mandate\n'), '"visits.xlsx" is not a valid XLSX workbook (it may be damaged or renamed): save it again from Excel, or as CSV.'],
    [
      'Excel 97-2003',
      { fileName: 'old.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
      '"old.xls" is an old Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx or CSV, then import that.',
    ],
    [
      'no State column',
      csv('x.csv', 'Name,Mandate,Status\nPeru,x,requested\n'),
      'No column for the State (e.g. "State", "Country", "État", "Pays", "País") was found among the headers "Name", "Mandate", "Status". Rename the column, or map it to the field in the column mapping.',
      ['Name', 'Mandate', 'Status'],
    ],
    [
      'nothing to import',
      csv('x.csv', 'State,Mandate\nPeru,x\n'),
      'The file has State and mandate columns but nothing to import with them: one row per request needs a status or dates ("status", "requested on", "reminders", "accepted on", "visit start"), one row per document a "document type" and a "date".',
      ['State', 'Mandate'],
    ],
    [
      'two columns for one field',
      csv('x.csv', 'State,Country,Mandate,Status\nPeru,Peru,x,requested\n'),
      'The columns "State" and "Country" both read as State: rename one, or map one of them to another field or to "ignore".',
      ['State', 'Country', 'Mandate', 'Status'],
    ],
    [
      'the header below the first 10 rows',
      csv('x.csv', `${Array.from({ length: 11 }, (_, i) => `Title line ${i + 1}`).join('\n')}\nState,Mandate,Status\nPeru,x,requested\n`),
      'No column for the State (e.g. "State", "Country", "État", "Pays", "País") nor for the mandate (e.g. "Mandate", "Mandat", "Mandato") was found among the headers "Title line 1". ' +
        'Rename the column, or map it to the field in the column mapping. The header is looked for in the first 10 rows: delete the rows above it if there are more.',
      ['Title line 1'],
    ],
    [
      // the row naming the State and mandate is the header, though a title row stands above it
      'a status column not read, under a title row',
      csv('x.csv', 'Visit requests 2024\nState,Mandate,Requested on,Status/Follow-up\nPeru,x,2019,declined\n'),
      'The column "Status/Follow-up" seems to hold the status, but its header is not one the import reads, and without a status every row would be a pending request: map it to "status" (or to "ignore") in the column mapping.',
      ['State', 'Mandate', 'Requested on', 'Status/Follow-up'],
    ],
    ['unclosed quote', csv('x.csv', 'State,Mandate,Status\n"Peru,x,requested\n'), '"x.csv": row 2 opens a quoted cell that is never closed; fix the quotes in the file.'],
  ];
  // a file whose columns cannot be read gives its header row, for the user to map
  test.each(cases)('%s', async (_name, file, message, headers) => {
    const { api } = await freshApi('2026-11-29');
    const error = { code: 'invalid_argument', message, ...(headers && { headers }) };
    expect(await fail(api, 'import:preview', file)).toEqual(error);
    expect(await fail(api, 'import:commit', { ...file, skipInvalidRows: true })).toEqual(error);
  });

  test('arguments that are not a file are refused by the contract', async () => {
    const { api } = await freshApi('2026-11-29');
    expect(await fail(api, 'import:preview', { fileName: 'a.csv', bytes: 'state,mandate' })).toEqual({ code: 'invalid_argument', message: 'bytes: the file content must be bytes' });
  });
});
