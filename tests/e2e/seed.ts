/** Seeding through the API (the same handler table the page uses): holders and a few threads. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, startServer, type AppHandle } from './harness';

export interface Seeded {
  food: number;
  torture: number;
  housing: number;
  elver: number;
  fakhri: number;
  edwards: number;
  /** Thread ids by name. */
  threads: { civFood: number; turFood: number; turTorture: number; fraTorture: number; fraFood: number };
}

async function mandateId(app: AppHandle, pattern: RegExp): Promise<number> {
  const mandates = await app.call('mandates:list', {});
  const found = mandates.find((m) => pattern.test(m.title));
  if (!found) throw new Error(`no mandate matches ${pattern}`);
  return found.id;
}

/**
 * Holders for three mandates and five threads covering the five statuses; with `bulk`, one
 * housing request to each of the first `bulk` States as well (a fuller table for screenshots).
 */
export async function seed(app: AppHandle, bulk = 0): Promise<Seeded> {
  const food = await mandateId(app, /right to food/i);
  const torture = await mandateId(app, /^Special Rapporteur on torture/i);
  const housing = await mandateId(app, /adequate housing/i);
  await app.call('mandates:update', { id: food, title: 'Special Rapporteur on the right to food', shortName: 'SR food', kind: 'thematic' });
  const elver = (await app.call('holders:create', { mandateId: food, name: 'Hilal Elver', termStart: '2014-06', termEnd: '2020-04' })).id;
  const fakhri = (await app.call('holders:create', { mandateId: food, name: 'Michael Fakhri', termStart: '2020-05' })).id;
  const edwards = (await app.call('holders:create', { mandateId: torture, name: 'Alice Jill Edwards', termStart: '2022-08' })).id;
  await app.call('holders:create', { mandateId: housing, name: 'Balakrishnan Rajagopal', termStart: '2020-05' });

  const open = async (mandate: number, state: string, type: 'request' | 'invitation', date: string | null, holder?: number) =>
    (await app.call('requests:create', { mandateId: mandate, stateCode: state, opening: { type, date, form: 'letter', reference: `REF-${state}-${date ?? 'x'}`, signedByHolderId: holder ?? null } })).id;
  const doc = (requestId: number, document: Record<string, unknown>) => app.call('documents:record', { requestId, document });

  const civFood = await open(food, 'CIV', 'request', '2019-03-04', elver);
  await doc(civFood, { type: 'acknowledgement', date: '2019-04' });
  await doc(civFood, { type: 'reminder', date: '2021-02-01', signedByHolderId: fakhri, form: 'note_verbale' });
  const turFood = await open(food, 'TUR', 'request', '2015', elver);
  await doc(turFood, { type: 'acceptance', date: '2016-05' });
  const turTorture = await open(torture, 'TUR', 'invitation', '2023-02-12');
  const fraTorture = await open(torture, 'FRA', 'request', '2012-11');
  await doc(fraTorture, { type: 'declination', date: '2013-01' });
  const fraFood = await open(food, 'FRA', 'request', '2010-01-15');
  await app.call('visits:record', { mandateIds: [food], subjectStateCode: 'FRA', start: '2011-06-01', end: '2011-06-10', reportSymbol: 'A/HRC/19/59/Add.4', requestId: fraFood });

  if (bulk > 0) {
    const states = await app.call('states:list', {});
    let n = 0;
    for (const s of states) {
      if (n >= bulk) break;
      if (['CIV', 'TUR', 'FRA'].includes(s.code)) continue;
      const year = 2008 + (n % 17);
      const id = await open(housing, s.code, 'request', `${year}-${String((n % 12) + 1).padStart(2, '0')}`);
      if (n % 3 === 0) await doc(id, { type: 'reminder', date: `${year + 1}` });
      if (n % 5 === 0) await doc(id, { type: 'acceptance', date: `${year + 2}-02-10` });
      n++;
    }
  }
  return { food, torture, housing, elver, fakhri, edwards, threads: { civFood, turFood, turTorture, fraTorture, fraFood } };
}

/**
 * For a test file: Chromium on the built renderer with the seed (and `bulk` more threads), opened
 * before its tests and closed after them. `app` and `seeded` are read inside the tests.
 */
export function seededApp(bulk = 0): { readonly app: AppHandle; readonly seeded: Seeded } {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let app: AppHandle | undefined;
  let seeded: Seeded | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    app = await openApp(browser, server.url);
    seeded = await seed(app, bulk);
    await app.reload();
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
  });
  return {
    get app() {
      return app!;
    },
    get seeded() {
      return seeded!;
    },
  };
}
