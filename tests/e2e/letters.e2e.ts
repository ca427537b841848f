/**
 * The yearly review to printed letters, end to end in Debian's Chromium: a mandate with requests
 * from two holders, the review and its decisions through the real handler table over a real
 * SQLite file, the letters' batch PDF (page.pdf, A4, the app's fonts) read back with pdftotext,
 * the first page of each language rendered to PNG (test-results/letters/) for a human look, and
 * the reminders appearing on the threads only once the letters are confirmed sent.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApi, type Api, type ChannelResult } from '../../db/api';
import { openDatabase, type OpenDatabase } from '../../db/connection';
import type { Channel } from '../../db/contract';
import { lettersDocument, lettersStylesheet, renderLetterHtml } from '../../db/letterTemplates';
import { launchChromium, lettersToPdf } from '../support/lettersPdf';
import { RESULTS_DIR } from './harness';

const OUT = join(RESULTS_DIR, 'letters');
const TODAY = '2026-12-04';
let browser: Browser;
let database: OpenDatabase;
let dir: string;
let api: Api;

async function call<C extends Channel>(channel: C, args: unknown): Promise<ChannelResult<C>> {
  const result = await api[channel](args);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.data as ChannelResult<C>;
}

const pdftotext = (file: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' });
/** pdftotext keeps line breaks of the layout: compare on text with its whitespace folded. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'country-visits-letters-'));
  database = await openDatabase(join(dir, 'country-visits.sqlite'));
  api = createApi(database.db, { today: () => TODAY });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reminder letters of the yearly review, printed', () => {
  test('review, decisions, the batch PDF in three languages, reminders only once confirmed sent', async () => {
    const food = await database.db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow();
    const elver = await call('holders:create', { mandateId: food.id, name: 'Hilal Elver', termStart: '2014-06', termEnd: '2020-04' });
    const fakhri = await call('holders:create', { mandateId: food.id, name: 'Michael Fakhri', termStart: '2020-05' });
    const open = async (stateCode: string, opening: object) => (await call('requests:create', { mandateId: food.id, stateCode, opening: { type: 'request', ...opening } })).id;
    const record = (requestId: number, document: object) => call('documents:record', { requestId, document });
    // Chad (French): this holder's request
    const chad = await open('TCD', { date: '2022-09-14', signedByHolderId: fakhri.id });
    // Chile (Spanish): the predecessor's request, accepted, no dates: the dates-request variant
    const chile = await open('CHL', { date: '2018-06', signedByHolderId: elver.id });
    await record(chile, { type: 'acceptance', date: '2019-11-20' });
    // Kenya (English): the predecessor's request, acknowledged, reminded twice
    const kenya = await open('KEN', { date: '2019-05-20', signedByHolderId: elver.id });
    await record(kenya, { type: 'acknowledgement', date: '2019-07' });
    await record(kenya, { type: 'reminder', date: '2021-03-15', signedByHolderId: fakhri.id });
    await record(kenya, { type: 'reminder', date: '2023-06' });
    // Peru (Spanish): the predecessor's request of 4 March 2019, reminded once
    const peru = await open('PER', { date: '2019-03-04', signedByHolderId: elver.id });
    await record(peru, { type: 'reminder', date: '2021-02-10', signedByHolderId: fakhri.id });
    // France: withdrawn at the review
    const france = await open('FRA', { date: '2020' });

    await call('letters:settings:set', {
      mandateId: food.id,
      titles: { fr: 'Le Rapporteur spécial sur le droit à l’alimentation', es: 'El Relator Especial sobre el derecho a la alimentación' },
      resolution: '49/13',
      referencePattern: 'SRfood/{year}/{n}',
      contact: 'hrc-sr-food@un.org',
      pronoun: 'his',
    });
    const reviewId = (await call('review:start', { year: 2026, mandateIds: [food.id] }))[0]!.id;
    const review = await call('review:get', { reviewId });
    expect(review.items.map((i) => [i.stateCode, i.requestedBy])).toEqual([
      ['TCD', 'this_holder'],
      ['CHL', 'predecessor'],
      ['FRA', 'unknown'],
      ['KEN', 'predecessor'],
      ['PER', 'predecessor'],
    ]);
    for (const [requestId, decision, reason] of [
      [chad, 'remind', ''],
      [chile, 'remind', ''],
      [kenya, 'remind', 'Drought in the arid and semi-arid lands has left millions in need of food assistance.'],
      [peru, 'remind', 'El derecho a la alimentación de las comunidades rurales e indígenas de las zonas altoandinas sigue en riesgo.'],
      [france, 'withdraw', ''],
    ] as const) {
      await call('review:decide', { reviewId, requestId, decision, reason });
    }
    await call('review:close', { reviewId });

    const prepared = await call('letters:prepare', { reviewId, grouping: 'per_request', letterDate: '2026-12-01', proposedStart: '2027-03', proposedEnd: '2027-06' });
    expect(prepared.letters.map((l) => [l.stateCode, l.language, l.reference])).toEqual([
      ['TCD', 'fr', 'SRfood/2026/1'],
      ['CHL', 'es', 'SRfood/2026/2'],
      ['KEN', 'en', 'SRfood/2026/3'],
      ['PER', 'es', 'SRfood/2026/4'],
    ]);
    const ids = prepared.letters.map((l) => l.id);
    // the assistant lengthens Peru's letter before printing (it runs to a second page, to see the
    // page number); the markup typed in the edit prints as text
    const peruLetter = prepared.letters[3]!;
    const paragraphs = peruLetter.text.split('\n\n');
    const added = Array.from(
      { length: 3 },
      () =>
        'Según la información recibida, las tasas de desnutrición crónica infantil en las zonas rurales siguen muy por encima del promedio nacional, y los precios de los alimentos suben más rápido que los ingresos de los hogares, lo que afecta sobre todo a las mujeres, a los pueblos indígenas y a las personas de edad.',
    ).join(' ');
    paragraphs.splice(paragraphs.length - 2, 0, `${added} <script>alert(1)</script>`, added);
    await call('letters:update', { id: peruLetter.id, body: paragraphs.join('\n\n') });

    // the batch PDF
    const printable = await call('letters:document', { letterIds: ids });
    expect(printable.html + printable.css).not.toMatch(/https?:\/\//);
    const pdf = await lettersToPdf(browser, printable);
    const file = join(OUT, 'reminders-2026.pdf');
    writeFileSync(file, pdf);
    await call('letters:markPrinted', { letterIds: ids });

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    // A4 is 595.28 x 841.89 pt; Chromium rounds the page to whole CSS pixels (594.96 x 841.92)
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(info);
    expect(size).not.toBeNull();
    expect(Math.abs(Number(size![1]) - 595.28)).toBeLessThan(1);
    expect(Math.abs(Number(size![2]) - 841.89)).toBeLessThan(1);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    // four letters, Peru's on two pages
    expect(pages).toBe(5);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    // only the shipped Liberation Serif, embedded (regular and bold)
    const fontRows = fonts.split('\n').slice(2).filter(Boolean);
    expect(fontRows.length).toBeGreaterThan(0);
    expect(fontRows.every((row) => /LiberationSerif/.test(row) && /\byes\b/.test(row))).toBe(true);

    const text = flat(pdftotext(file));
    // addressees, with the State's name in the letter's language
    expect(text).toContain('Permanent Mission of Kenya to the United Nations Office at Geneva');
    expect(text).toContain("Mission permanente du Tchad auprès de l'Office des Nations Unies à Genève");
    expect(text).toContain('Misión Permanente del Perú ante la Oficina de las Naciones Unidas en Ginebra');
    expect(text).toContain('Misión Permanente de Chile ante la Oficina de las Naciones Unidas en Ginebra');
    // the original requests' dates written out, and who sent them
    expect(text).toContain('I wish to recall the request for an official visit to your country that my predecessor addressed to your Government on 20 May 2019.');
    expect(text).toContain("Je souhaite rappeler la demande de visite officielle dans votre pays que j'ai adressée à votre Gouvernement le 14 septembre 2022.");
    expect(text).toContain('que mi predecesor dirigió a su Gobierno el 4 de marzo de 2019.');
    expect(text).toContain('zonas altoandinas sigue en riesgo.');
    expect(text).toContain('a las personas de edad. <script>alert(1)</script>');
    // the earlier reminders and the acknowledgement
    expect(text).toContain('Receipt of the request was acknowledged in July 2019. The request was followed up by reminders on 15 March 2021 and in June 2023.');
    expect(text).toContain('Esta solicitud fue objeto de un recordatorio el 10 de febrero de 2021.');
    // the dates-request variant for Chile, which accepted in 2019
    expect(text).toContain('Observo con reconocimiento que su Gobierno aceptó esta solicitud el 20 de noviembre de 2019; sin embargo, aún no se han acordado fechas.');
    expect(text).toContain('le agradecería que su Gobierno propusiera fechas para la visita, por ejemplo entre marzo de 2027 y junio de 2027.');
    // the ask of a plain reminder, the standing invitation (Kenya has one, Chad none), the closing, the date
    expect(text).toContain('I would therefore be grateful if your Government could extend an invitation for this visit between March 2027 and June 2027.');
    expect(text).toContain('I recall that your Government has extended a standing invitation to the thematic special procedures of the Human Rights Council.');
    expect(text).toContain('Accept, Excellency, the assurances of my highest consideration.');
    expect(text).toContain('Genève, le 1er décembre 2026');
    expect(text).toContain('Ginebra, 1 de diciembre de 2026');
    expect(text).toContain('Geneva, 1 December 2026');
    expect(text).toContain('Reference: SRfood/2026/3');

    // each letter starts on its own page; the page number only on Peru's second page
    const pageTexts = Array.from({ length: pages }, (_, i) => flat(pdftotext(file, i + 1)));
    const firstPageOf = (needle: string) => pageTexts.findIndex((t) => t.includes(needle)) + 1;
    expect(firstPageOf('Mission permanente du Tchad')).toBe(1);
    expect(firstPageOf('Misión Permanente de Chile')).toBe(2);
    expect(firstPageOf('Permanent Mission of Kenya')).toBe(3);
    expect(firstPageOf('Misión Permanente del Perú')).toBe(4);
    // pdftotext drops the thin spaces around the number: "– 2 –" reads "–2–"
    expect(pageTexts.map((t) => /–\s?2\s?–/.test(t))).toEqual([false, false, false, false, true]);
    expect(pageTexts[4]).toContain('Aprovecho la oportunidad para reiterarle, Excelencia, las seguridades de mi más alta consideración.');

    // the first page of each language, to look at
    for (const [language, page] of [
      ['fr', 1],
      ['es', 4],
      ['en', 3],
    ] as const) {
      execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '80', '-png', '-singlefile', file, join(OUT, `first-page-${language}`)]);
    }
    execFileSync('pdftoppm', ['-f', '5', '-l', '5', '-r', '80', '-png', '-singlefile', file, join(OUT, 'second-page-es')]);

    // printed, not sent: no reminder on the threads yet
    const reminders = async (id: number) => (await call('requests:get', { id })).documents.filter((d) => d.type === 'reminder').map((d) => d.date);
    expect(await reminders(kenya)).toEqual(['2021-03-15', '2023-06']);
    expect(await reminders(chad)).toEqual([]);
    expect(await reminders(chile)).toEqual([]);

    await call('letters:confirmSent', { letterIds: ids, sentOn: '2026-12-03' });
    expect(await reminders(kenya)).toEqual(['2021-03-15', '2023-06', '2026-12-03']);
    expect(await reminders(chad)).toEqual(['2026-12-03']);
    expect(await reminders(chile)).toEqual(['2026-12-03']);
    expect(await reminders(peru)).toEqual(['2021-02-10', '2026-12-03']);
    const list = await call('requests:list', { filter: { mandateIds: [food.id] }, sort: { column: 'state', direction: 'asc' } });
    expect(list.rows.map((r) => [r.stateCode, r.status, r.reminderCount, r.lastReminderOn])).toEqual([
      ['TCD', 'pending', 1, '2026-12-03'],
      ['CHL', 'accepted', 1, '2026-12-03'],
      ['FRA', 'refused', 0, null],
      ['KEN', 'pending', 3, '2026-12-03'],
      ['PER', 'pending', 2, '2026-12-03'],
    ]);

    // a note verbale from the same facts (Kenya's, in English), to look at its layout
    const kenyaFacts = prepared.letters[2]!.facts!;
    const noteVerbale = { ...kenyaFacts, form: 'note_verbale' as const };
    const nvFile = join(OUT, 'note-verbale-en.pdf');
    writeFileSync(nvFile, await lettersToPdf(browser, { html: lettersDocument([renderLetterHtml(noteVerbale)], 'Note verbale'), css: lettersStylesheet(1) }));
    const nvText = flat(pdftotext(nvFile));
    expect(nvText).toContain(
      'The Special Rapporteur on the right to food presents his compliments to the Permanent Mission of Kenya to the United Nations Office at Geneva and, pursuant to Human Rights Council resolution 49/13, has the honour to recall the request for an official visit to Kenya addressed to the Government by the previous mandate holder on 20 May 2019.',
    );
    expect(nvText).toContain('avails himself of this opportunity to renew to the Permanent Mission of Kenya to the United Nations Office at Geneva the assurances of his highest consideration. Geneva, 1 December 2026');
    expect(nvText).not.toContain('Excellency');
    expect(nvText).not.toContain('Michael Fakhri');
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '80', '-png', '-singlefile', nvFile, join(OUT, 'note-verbale-en')]);

    // a sent letter reprints exactly as sent
    const again = await call('letters:document', { letterIds: [ids[2]!, ids[3]!] });
    expect(again.html).toContain(prepared.letters[2]!.html);
    expect(again.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
