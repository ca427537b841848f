/**
 * The requests list's read paths of db/queries.ts listRequests that tests/db/requests.test.ts does
 * not reach: sorts read one value at a time (status, regional group, reminders) in both
 * directions and across pages, the search by French and Spanish names (folded in JS), and the
 * age of a thread. Expected values are worked out by hand from the fixture below.
 */
import { describe, expect, test } from 'vitest';
import { daysBetween } from '../../db/partialDate';
import { ageInYears } from '../../db/queries';
import { call, freshApi } from '../support/db';

/**
 * Seven threads, one per State (State sort keys: cote d'ivoire, croatia, germany, spain,
 * state of palestine, turkiye, turkmenistan):
 * | State | group | mandate | status | reminders |
 * | CIV | African | food | pending | 0 |
 * | HRV | Eastern European | food | refused | 0 |
 * | DEU | Western European and Others | food | accepted | 1 |
 * | ESP | Western European and Others | torture | invitation | 0 |
 * | PSE | (none: observer State) | torture | pending | 1 |
 * | TUR | Western European and Others | torture | pending | 2 |
 * | TKM | Asia-Pacific | torture | pending | 0 |
 */
async function fixture() {
  const ctx = await freshApi('2026-11-29');
  const { api, db } = ctx;
  const mandate = async (title: string) => (await db.selectFrom('mandates').select('id').where('title', 'like', `${title}%`).executeTakeFirstOrThrow()).id;
  const food = await mandate('Special Rapporteur on the right to food');
  const torture = await mandate('Special Rapporteur on torture');
  const open = async (mandateId: number, stateCode: string, type: 'request' | 'invitation', date: string | null, ...later: [string, string][]) => {
    const { id } = await call(api, 'requests:create', { mandateId, stateCode, opening: { type, date } });
    for (const [kind, on] of later) await call(api, 'documents:record', { requestId: id, document: { type: kind, date: on } });
  };
  await open(food, 'CIV', 'request', '2019-03');
  await open(food, 'HRV', 'request', '2021', ['declination', '2022']);
  await open(food, 'DEU', 'request', '2018', ['reminder', '2019'], ['acceptance', '2020']);
  await open(torture, 'ESP', 'invitation', '2017');
  await open(torture, 'PSE', 'request', '2020', ['reminder', '2021']);
  await open(torture, 'TUR', 'request', '2016-07-01', ['reminder', '2018'], ['reminder', '2019']);
  await open(torture, 'TKM', 'request', null);
  return { ...ctx, food, torture };
}

describe('the requests list, sorted by a column of few values', () => {
  test('the fixture holds what the table above says', async () => {
    const { api } = await fixture();
    const { rows } = await call(api, 'requests:list', {});
    expect(rows.map((r) => [r.stateCode, r.regionalGroup, r.status, r.reminderCount])).toEqual([
      ['CIV', 'African', 'pending', 0],
      ['HRV', 'Eastern European', 'refused', 0],
      ['DEU', 'Western European and Others', 'accepted', 1],
      ['ESP', 'Western European and Others', 'invitation', 0],
      ['PSE', null, 'pending', 1],
      ['TUR', 'Western European and Others', 'pending', 2],
      ['TKM', 'Asia-Pacific', 'pending', 0],
    ]);
  });

  test('by status, both ways, each status by State name', async () => {
    const { api } = await fixture();
    const codes = async (args: object) => (await call(api, 'requests:list', args)).rows.map((r) => r.stateCode);
    expect(await codes({ sort: { column: 'status', direction: 'asc' } })).toEqual(['DEU', 'ESP', 'CIV', 'PSE', 'TUR', 'TKM', 'HRV']);
    expect(await codes({ sort: { column: 'status', direction: 'desc' } })).toEqual(['HRV', 'CIV', 'PSE', 'TUR', 'TKM', 'ESP', 'DEU']);
    // pages that start inside a status and run into the next
    expect(await codes({ sort: { column: 'status', direction: 'asc' }, offset: 3, limit: 3 })).toEqual(['PSE', 'TUR', 'TKM']);
    expect(await codes({ sort: { column: 'status', direction: 'desc' }, offset: 4, limit: 2 })).toEqual(['TKM', 'ESP']);
    const past = await call(api, 'requests:list', { sort: { column: 'status', direction: 'asc' }, offset: 7 });
    expect([past.total, past.rows]).toEqual([7, []]);
  });

  test('by regional group, both ways, threads of a State without a group last both ways', async () => {
    const { api } = await fixture();
    const codes = async (args: object) => (await call(api, 'requests:list', args)).rows.map((r) => r.stateCode);
    expect(await codes({ sort: { column: 'regionalGroup', direction: 'asc' } })).toEqual(['CIV', 'TKM', 'HRV', 'DEU', 'ESP', 'TUR', 'PSE']);
    expect(await codes({ sort: { column: 'regionalGroup', direction: 'desc' } })).toEqual(['DEU', 'ESP', 'TUR', 'HRV', 'TKM', 'CIV', 'PSE']);
    expect(await codes({ sort: { column: 'regionalGroup', direction: 'desc' }, offset: 5, limit: 5 })).toEqual(['CIV', 'PSE']);
    expect(await codes({ sort: { column: 'regionalGroup', direction: 'asc' }, offset: 6 })).toEqual(['PSE']);
  });

  test('by reminders, both ways, with a filter, across pages', async () => {
    const { api, torture } = await fixture();
    const codes = async (args: object) => (await call(api, 'requests:list', args)).rows.map((r) => r.stateCode);
    expect(await codes({ sort: { column: 'reminders', direction: 'desc' } })).toEqual(['TUR', 'DEU', 'PSE', 'CIV', 'HRV', 'ESP', 'TKM']);
    expect(await codes({ sort: { column: 'reminders', direction: 'asc' } })).toEqual(['CIV', 'HRV', 'ESP', 'TKM', 'DEU', 'PSE', 'TUR']);
    expect(await codes({ sort: { column: 'reminders', direction: 'desc' }, offset: 2, limit: 3 })).toEqual(['PSE', 'CIV', 'HRV']);
    expect(await codes({ sort: { column: 'reminders', direction: 'asc' }, offset: 3, limit: 3 })).toEqual(['TKM', 'DEU', 'PSE']);
    const mine = await call(api, 'requests:list', { filter: { mandateIds: [torture] }, sort: { column: 'reminders', direction: 'desc' }, offset: 1 });
    expect([mine.total, mine.rows.map((r) => r.stateCode)]).toEqual([4, ['PSE', 'ESP', 'TKM']]);
    const pending = await call(api, 'requests:list', { filter: { statuses: ['pending'] }, sort: { column: 'reminders', direction: 'asc' }, limit: 2 });
    expect([pending.total, pending.rows.map((r) => r.stateCode)]).toEqual([4, ['CIV', 'TKM']]);
  });
});

describe('the requests list, searched', () => {
  test('by a French or Spanish name, without accents, case or apostrophes', async () => {
    const { api } = await fixture();
    const codes = async (search: string) => (await call(api, 'requests:list', { filter: { search } })).rows.map((r) => r.stateCode);
    expect(await codes('allemagne')).toEqual(['DEU']); // Allemagne
    expect(await codes('ESPANA')).toEqual(['ESP']); // España
    expect(await codes('españa')).toEqual(['ESP']);
    expect(await codes('marfil')).toEqual(['CIV']); // Costa de Marfil
    expect(await codes('côte-d’ivoire')).toEqual(['CIV']); // Côte-d'Ivoire, with a curly apostrophe
    expect(await codes('turquia')).toEqual(['TUR']); // Turquía
    expect(await codes('palestina')).toEqual(['PSE']); // Palestina
    // twice: the second search reads the folded names kept from the first
    expect(await codes('turquia')).toEqual(['TUR']);
    // a mandate's title, sorted by requested on, undated last
    const torture = await call(api, 'requests:list', { filter: { search: 'torture' }, sort: { column: 'openedOn', direction: 'desc' } });
    expect(torture.rows.map((r) => [r.stateCode, r.openedOn])).toEqual([
      ['PSE', '2020'],
      ['ESP', '2017'],
      ['TUR', '2016-07-01'],
      ['TKM', null],
    ]);
  });
});

describe('the age of a thread', () => {
  test('whole years of 365.2425 days from the earliest day a partial date can mean, as daysBetween counts days', () => {
    const dates = ['1995', '2000-02', '2000-02-29', '2016-07-01', '2019-03', '2021', '2025-11-30', '2026-11-29', '2026-12', '2027'];
    for (const today of ['2026-11-29', '2024-02-29', '2026-03-01', '2027-01-01']) {
      for (const date of dates) expect(ageInYears(date, today), `${date} at ${today}`).toBe(Math.max(0, Math.floor(daysBetween(date, today) / 365.2425)));
    }
    expect(ageInYears('2016-07-01', '2026-11-29')).toBe(10);
    expect(ageInYears('2016-11-30', '2026-11-29')).toBe(9);
    expect(ageInYears('2027', '2026-11-29')).toBe(0);
    expect(ageInYears(null, '2026-11-29')).toBeNull();
  });
});
