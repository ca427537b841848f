/**
 * The letters part of the benchmark: 200 reminder letters of one review into one A4 PDF, through
 * the real handler table (letters:prepare, letters:document) and Chromium's PDF engine
 * (tests/support/lettersPdf.ts, as the app's hidden print window). Timed from preparing the
 * letters to the PDF's bytes; seeding the database and starting the browser are not counted.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApi, type Api } from '../../db/api';
import { openDatabase } from '../../db/connection';
import { launchChromium, lettersToPdf } from '../support/lettersPdf';

async function ok<T>(api: Api, channel: keyof Api, argument: unknown): Promise<T> {
  const result = await api[channel](argument);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.data as T;
}

/**
 * Makes `count` reminder letters (one per request, in the States' three languages, two holders'
 * requests with acknowledgements and reminders) and prints them into one PDF.
 * @returns the benchmark row: the time, with the parts and the page count in the value
 */
export async function benchLetters(dir: string, count = 200, today = '2026-12-04') {
  const handle = await openDatabase(join(dir, 'letters.sqlite'));
  const browser = await launchChromium();
  try {
    const api = createApi(handle.db, { today: () => today });
    const mandate = await handle.db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow();
    const first = await ok<{ id: number }>(api, 'holders:create', { mandateId: mandate.id, name: 'Hilal Elver', termStart: '2014-06', termEnd: '2020-04' });
    const second = await ok<{ id: number }>(api, 'holders:create', { mandateId: mandate.id, name: 'Michael Fakhri', termStart: '2020-05' });
    await ok(api, 'letters:settings:set', {
      mandateId: mandate.id,
      titles: { fr: 'Le Rapporteur spécial sur le droit à l’alimentation', es: 'El Relator Especial sobre el derecho a la alimentación' },
      resolution: '49/13',
    });
    const states = (await handle.db.selectFrom('states').select('code').where('kind', '=', 'member').orderBy('code').execute()).map((s) => s.code);
    const requestIds: number[] = [];
    for (let i = 0; i < count; i++) {
      const predecessor = i % 2 === 0;
      const year = predecessor ? 2010 + (i % 10) : 2021 + (i % 5);
      const { id } = await ok<{ id: number }>(api, 'requests:create', {
        mandateId: mandate.id,
        stateCode: states[i % states.length],
        opening: { type: 'request', date: `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, signedByHolderId: predecessor ? first.id : second.id },
      });
      await ok(api, 'documents:record', { requestId: id, document: { type: 'acknowledgement', date: `${year}-12` } });
      if (i % 3 === 0) await ok(api, 'documents:record', { requestId: id, document: { type: 'reminder', date: `${Math.max(year + 1, 2022)}-03-15` } });
      // past the last State the pairs come round again: their first thread is accepted (no dates), as a
      // new request is refused while one of the mandate to the State is pending (db/requests.ts checkNoPendingThread)
      if (i % 5 === 0 || i < count - states.length) await ok(api, 'documents:record', { requestId: id, document: { type: 'acceptance', date: `${Math.max(year + 1, 2024)}` } });
      requestIds.push(id);
    }
    const [review] = await ok<{ id: number }[]>(api, 'review:start', { year: 2026, mandateIds: [mandate.id] });
    for (const requestId of requestIds) await ok(api, 'review:decide', { reviewId: review!.id, requestId, decision: 'remind' });

    const t0 = performance.now();
    const prepared = await ok<{ letters: { id: number }[] }>(api, 'letters:prepare', { reviewId: review!.id, grouping: 'per_request', proposedStart: '2027-03', proposedEnd: '2027-06' });
    const t1 = performance.now();
    const printable = await ok<{ html: string; css: string }>(api, 'letters:document', { letterIds: prepared.letters.map((l) => l.id) });
    const t2 = performance.now();
    const pdf = await lettersToPdf(browser, printable);
    const t3 = performance.now();
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    const seconds = (t3 - t0) / 1000;
    const letters = prepared.letters.length;
    return {
      what: `${letters} reminder letters to one A4 PDF (prepare ${((t1 - t0) / 1000).toFixed(1)} s, HTML ${((t2 - t1) / 1000).toFixed(1)} s, PDF ${((t3 - t2) / 1000).toFixed(1)} s; ${pages} pages)`,
      value: `${seconds.toFixed(1)} s`,
      target: '< 30 s',
      met: seconds < 30 && letters === count,
    };
  } finally {
    await browser.close();
    await handle.close();
  }
}
