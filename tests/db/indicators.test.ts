/**
 * Cooperation indicators (db/indicators.ts): small hand-made records built through the handler
 * table over the real reference data (193 Member States, 2 observer States, 2 territories, the
 * mandates, 81 standing invitations), and the figures worked out by hand in the comments.
 * "Today" is 2026-11-29 unless a test says otherwise.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import type { DocumentInput } from '../../db/contract';
import {
  correspondenceStatusAt,
  fiveYearWindow,
  median,
  neverVisitedCategory,
  pendingAt,
  periodEnd,
  rate,
  yearBounds,
  type CountedStates,
} from '../../db/indicators';
import { MILESTONES_BACKFILL } from '../../db/migrations/0003_indicators';
import { isInYears } from '../../db/partialDate';
import { deriveMilestones, deriveStatus, orderDocuments, type MilestoneDocument } from '../../db/status';
import { fillSynthetic } from '../bench/synthetic';
import { call, fail, freshApi } from '../support/db';

const TODAY = '2026-11-29';

/** A fresh database with the reference data, the mandates by short names, and small writers. */
async function setup(today = TODAY) {
  const ctx = await freshApi(today);
  const { api, db } = ctx;
  const all = await db.selectFrom('mandates').select(['id', 'title', 'subject_state_code']).execute();
  const byTitle = (start: string) => {
    const found = all.filter((m) => m.title.startsWith(start));
    if (found.length !== 1) throw new Error(`${found.length} mandates start with "${start}"`);
    return found[0]!.id;
  };
  const M = {
    food: byTitle('Special Rapporteur on the right to food'),
    migrants: byTitle('Special Rapporteur on the human rights of migrants'),
    torture: byTitle('Special Rapporteur on torture'),
    education: byTitle('Special Rapporteur on the right to education'),
    health: byTitle('Special Rapporteur on the right of everyone to the enjoyment of the highest'),
    water: byTitle('Special Rapporteur on the human rights to safe drinking water'),
    housing: byTitle('Special Rapporteur on adequate housing'),
    religion: byTitle('Special Rapporteur on freedom of religion'),
    somalia: byTitle('Mandate on the situation of human rights in Somalia'),
  };
  /** Opens a thread with a request (or an invitation) and records the documents that follow. */
  const thread = async (mandateId: number, stateCode: string, opening: DocumentInput, documents: DocumentInput[] = []) => {
    const { id } = await call(api, 'requests:create', { mandateId, stateCode, opening });
    for (const document of documents) await call(api, 'documents:record', { requestId: id, document });
    return id;
  };
  const request = (mandateId: number, stateCode: string, date: string, documents: DocumentInput[] = []) => thread(mandateId, stateCode, { type: 'request', date }, documents);
  const visit = (input: { mandateIds: number[]; subjectStateCode: string; placeCodes?: string[]; start?: string | null; end?: string | null; official?: boolean }) =>
    call(api, 'visits:record', input);
  const get = (year: number, window: 'report-text' | 'annex' = 'report-text', regionalGroup?: string) =>
    call(api, 'indicators:get', { year, window, ...(regionalGroup ? { regionalGroup } : {}) });
  return { ...ctx, M, thread, request, visit, get, somaliaSubject: all.find((m) => m.id === M.somalia)!.subject_state_code };
}

const codes = (c: CountedStates) => c.states.map((s) => s.code).sort();

describe('the counting rules as plain functions', () => {
  test('the five years: before the reporting year (report text) or ending with it (annex), labelled', () => {
    expect(fiveYearWindow(2020)).toEqual({ kind: 'report-text', from: 2015, to: 2019, label: "2015–2019 (the five years before 2020, as the report's text counts them)" });
    expect(fiveYearWindow(2020, 'annex')).toEqual({ kind: 'annex', from: 2016, to: 2020, label: "2016–2020 (five years ending with 2020, as the report's statistical annex titles its table)" });
    expect(fiveYearWindow(2018, 'annex')).toMatchObject({ from: 2014, to: 2018 });
  });

  test('partial dates fall in a window by what they say, in SQL text bounds as in isInYears', () => {
    const { lower, upper } = yearBounds(2015, 2019);
    const inSql = (d: string) => d >= lower && d < upper;
    for (const [date, inside] of [
      ['2016', true],
      ['2014-12', false],
      ['2015', true],
      ['2015-01-01', true],
      ['2019-12-31', true],
      ['2019-12', true],
      ['2020', false],
      ['2014', false],
    ] as const) {
      expect([date, inSql(date)]).toEqual([date, inside]);
      expect([date, isInYears(date, 2015, 2019)]).toEqual([date, inside]);
    }
  });

  test('a period ends on 31 December, or today when that is earlier', () => {
    expect(periodEnd(2020, TODAY)).toBe('2020-12-31');
    expect(periodEnd(2026, TODAY)).toBe('2026-11-29');
  });

  test('never-visited box: the most advanced thread decides; declined goes with "not accepted"', () => {
    expect(neverVisitedCategory([])).toBe('noRequest');
    expect(neverVisitedCategory(['refused'])).toBe('requestNotAccepted');
    expect(neverVisitedCategory(['pending', 'refused'])).toBe('requestNotAccepted');
    expect(neverVisitedCategory(['pending', 'invitation'])).toBe('invitation');
    expect(neverVisitedCategory(['invitation', 'accepted', 'pending'])).toBe('acceptedNotHeld');
  });

  test('median and rate', () => {
    expect(median([])).toBeNull();
    expect(median([366, 138])).toBe(252);
    expect(median([8, 3, 1])).toBe(3);
    expect(rate(3, 7)).toBeCloseTo(0.428571, 5);
    expect(rate(0, 0)).toBeNull();
  });
});

describe('States visited and never visited (of the 193 Member States)', () => {
  test('only an official visit whose subject is the State and that took place there counts', async () => {
    const { M, visit, get, somaliaSubject } = await setup();
    expect(somaliaSubject).toBe('SOM');
    // Australia 1-18 Nov 2016 with a side trip to Nauru's offshore centres: Australia only
    await visit({ mandateIds: [M.migrants], subjectStateCode: 'AUS', placeCodes: ['AUS', 'NRU'], start: '2016-11-01', end: '2016-11-18' });
    // the Somalia mandate in Djibouti, recorded either way: counts for neither Somalia nor Djibouti
    await visit({ mandateIds: [M.somalia], subjectStateCode: 'SOM', placeCodes: ['DJI'], start: '2011-05' });
    await visit({ mandateIds: [M.somalia], subjectStateCode: 'DJI', start: '2013-02' });
    // informal, and planned after today: not visits that took place
    await visit({ mandateIds: [M.food], subjectStateCode: 'NOR', start: '2019-06', official: false });
    await visit({ mandateIds: [M.food], subjectStateCode: 'GHA', start: '2026-12-10' });
    // an official visit with no date: known to have taken place, in no year
    await visit({ mandateIds: [M.torture], subjectStateCode: 'MNG' });
    await visit({ mandateIds: [M.torture], subjectStateCode: 'CHL', start: '2019' });
    await visit({ mandateIds: [M.health], subjectStateCode: 'ECU', start: '2020-12' });
    // an observer State and a territory: never in the 193
    await visit({ mandateIds: [M.religion], subjectStateCode: 'VAT', start: '2018-05' });
    await visit({ mandateIds: [M.housing], subjectStateCode: 'XKX', start: '2019-10' });

    const y2020 = await get(2020);
    // AUS, CHL (2019), ECU (2020-12), MNG (undated) = 4 of 193; 189 never visited
    expect(y2020.states.memberStates).toBe(193);
    expect(codes(y2020.states.visited)).toEqual(['AUS', 'CHL', 'ECU', 'MNG']);
    expect(y2020.states.neverVisited.count).toBe(189);
    const never = codes(y2020.states.neverVisited);
    for (const code of ['NRU', 'DJI', 'SOM', 'NOR', 'GHA']) expect(never).toContain(code);
    for (const code of ['VAT', 'XKX']) expect([...never, ...codes(y2020.states.visited)]).not.toContain(code);
    // the observer and the territory are listed with their visits, but are not "visited" Member States
    const vat = y2020.stateTable.find((r) => r.code === 'VAT')!;
    expect([vat.kind, vat.visited, vat.visitedAsOf, vat.neverVisitedCategory]).toEqual(['observer', false, true, null]);

    // as of the end of 2018: AUS (2016) and MNG (undated) only
    expect(codes((await get(2018)).states.visited)).toEqual(['AUS', 'MNG']);
    // as of today in 2026 (29 Nov): the Ghana visit of 10 December has not taken place
    expect((await get(2026)).asOf).toBe('2026-11-29');
    expect(codes((await get(2026)).states.visited)).toEqual(['AUS', 'CHL', 'ECU', 'MNG']);

    // the visits of 2011 and 2013 are official visits of the year, but count for no State
    const y2011 = await get(2011);
    expect(y2011.visitsInYear.visits.map((v) => [v.subject.code, v.countsForSubject, v.otherPlaces.map((p) => p.code)])).toEqual([['SOM', false, ['DJI']]]);
    expect(y2011.states.visitsInYear.statesAndTerritories.count).toBe(0);
    expect((await get(2013)).visitsInYear.visits.map((v) => [v.subject.code, v.countsForSubject])).toEqual([['DJI', false]]);
    // the Australia visit: counts for Australia, Nauru listed as another place
    expect((await get(2016)).visitsInYear.visits.map((v) => [v.subject.code, v.countsForSubject, v.otherPlaces.map((p) => p.code)])).toEqual([['AUS', true, ['NRU']]]);
  });

  test('never visited, split as of the end of the year: no request / not accepted / invitation / accepted, visit not held', async () => {
    const { M, request, thread, visit, get } = await setup();
    await visit({ mandateIds: [M.migrants], subjectStateCode: 'AUS', start: '2016-11-01' });
    await request(M.migrants, 'AUS', '2019-04'); // a visited State's pending request: not in the split
    // Luxembourg: requested 2018, accepted 2019, postponed 2020: a postponed visit is not a refusal
    await request(M.migrants, 'LUX', '2018-04-10', [{ type: 'acceptance', date: '2019-02' }, { type: 'postponement', date: '2020-03' }]);
    await request(M.food, 'LUX', '2020-05'); // a second, pending thread: the accepted one decides
    // Vanuatu: accepted, dates to be agreed, no visit: acceptance without a visit does not count
    await request(M.education, 'VUT', '2017', [{ type: 'acceptance', date: '2018' }]);
    await thread(M.health, 'BTN', { type: 'invitation', date: '2019-06' });
    await request(M.food, 'TKM', '2016', [{ type: 'acknowledgement', date: '2016-05' }, { type: 'reminder', date: '2018' }]);
    await request(M.torture, 'MMR', '2017', [{ type: 'declination', date: '2018' }]);
    await request(M.water, 'KEN', '2021-02'); // after 2020: no request yet as of 2020
    await request(M.somalia, 'DJI', '2015'); // the Somalia mandate asking Djibouti: not about Djibouti
    await request(M.somalia, 'SOM', '2015'); // the country mandate on Somalia: about Somalia

    const y2020 = (await get(2020)).states;
    // 193 - AUS = 192 never visited = 186 + 3 + 1 + 2
    expect(y2020.neverVisited.count).toBe(192);
    expect(codes(y2020.neverVisited.acceptedNotHeld)).toEqual(['LUX', 'VUT']);
    expect(codes(y2020.neverVisited.invitation)).toEqual(['BTN']);
    expect(codes(y2020.neverVisited.requestNotAccepted)).toEqual(['MMR', 'SOM', 'TKM']);
    expect(y2020.neverVisited.noRequest.count).toBe(186);
    expect(codes(y2020.neverVisited.noRequest)).toEqual(expect.arrayContaining(['DJI', 'KEN']));

    // as of 2018: Luxembourg only requested (accepted 2019), Bhutan had not invited yet (2019)
    const y2018 = (await get(2018)).states;
    expect(codes(y2018.neverVisited.acceptedNotHeld)).toEqual(['VUT']);
    expect(codes(y2018.neverVisited.invitation)).toEqual([]);
    expect(codes(y2018.neverVisited.requestNotAccepted)).toEqual(['LUX', 'MMR', 'SOM', 'TKM']);
    expect(y2018.neverVisited.noRequest.count).toBe(187);
  });

  test('a renamed State counts once, under its current name (imported as "Swaziland" and as "Eswatini")', async () => {
    const { api, get } = await setup();
    const text = [
      'state,mandate,status,requested_on,reminders,accepted_on,visit_start,visit_end,notes',
      'Swaziland,Special Rapporteur on the right to food,completed,,,,2016-05-03,2016-05-12,',
      'Eswatini,Special Rapporteur on the human rights of migrants,completed,,,,2019-09-02,2019-09-10,',
    ].join('\n');
    await call(api, 'import:commit', { fileName: 'visits.csv', bytes: new TextEncoder().encode(text) });
    const ind = await get(2020);
    // both visits are Eswatini's: one State visited, with 2 visits in 2015-2019
    expect(codes(ind.states.visited)).toEqual(['SWZ']);
    expect(ind.states.visited.states[0]!.name).toBe('Eswatini');
    const rows = ind.stateTable.filter((r) => r.code === 'SWZ' || r.name === 'Swaziland');
    expect(rows.map((r) => [r.code, r.name, r.visitsInWindow])).toEqual([['SWZ', 'Eswatini', 2]]);
    expect(ind.stateTable).toHaveLength(193); // Member States only here: no observer or territory has a visit or invitation
  });
});

describe('standing invitations', () => {
  test('Member States + observer States; territories never; those extended in the year', async () => {
    const { api, get } = await setup();
    const setSince = async (code: string, since: string | null) => {
      const s = await call(api, 'states:get', { code });
      await call(api, 'states:update', {
        code,
        nameEn: s.name_en,
        kind: s.kind,
        regionalGroup: s.regional_group,
        standingInvitation: true,
        standingInvitationSince: since,
      });
    };
    // reference data: 81 Member States, undated but the Republic of Korea (2008-03-03)
    await setSince('PSE', '2020-05'); // observer State
    await setSince('XKX', null); // a territory: not counted
    await setSince('FJI', '2020'); // Member State, extended in 2020 (by what the date says)
    await setSince('BTN', '2021-01'); // after 2020

    const y2020 = (await get(2020)).states.standingInvitations;
    // 81 + Fiji = 82 Member States, + 1 observer (State of Palestine) = 83
    expect([y2020.memberStates.count, y2020.observerStates.count, y2020.total]).toEqual([82, 1, 83]);
    expect(codes(y2020.observerStates)).toEqual(['PSE']);
    expect(codes(y2020.extendedInYear)).toEqual(['FJI', 'PSE']);

    // 2008: the 81 (undated ones are known at any date), Korea's extended that year
    const y2008 = (await get(2008)).states.standingInvitations;
    expect([y2008.memberStates.count, y2008.observerStates.count, y2008.total]).toEqual([81, 0, 81]);
    expect(codes(y2008.extendedInYear)).toEqual(['KOR']);

    const y2021 = (await get(2021)).states.standingInvitations;
    expect([y2021.memberStates.count, y2021.total]).toEqual([83, 84]);
    expect(codes(y2021.extendedInYear)).toEqual(['BTN']);
  });
});

describe('standing invitations withdrawn', () => {
  test('an invitation counts in a year while it stands at its end: extended by then, not withdrawn by then', async () => {
    const { api, get } = await setup();
    const setInvitation = async (code: string, since: string | null, withdrawn: string | null) => {
      const s = await call(api, 'states:get', { code });
      return api['states:update']({ code, nameEn: s.name_en, kind: s.kind, regionalGroup: s.regional_group, standingInvitation: true, standingInvitationSince: since, standingInvitationWithdrawn: withdrawn });
    };
    // reference data: 81 Member States with an invitation (undated but KOR 2008-03-03); FJI and BTN have none
    expect((await setInvitation('FJI', '2015-06', '2021-03-15')).ok).toBe(true); // stands at the end of 2015-2020
    expect((await setInvitation('BTN', '2019', '2019-11')).ok).toBe(true); // extended and withdrawn in 2019: never stands at a year's end
    expect((await setInvitation('KOR', '2008-03-03', '2021')).ok).toBe(true); // withdrawn "2021": gone at the end of 2021
    const s = await call(api, 'states:get', { code: 'FJI' });
    expect(s.standing_invitation_withdrawn).toBe('2021-03-15');

    // 2015: 81 + FJI = 82, FJI extended that year; 2019: BTN is not counted, nor as extended in 2019
    const y2015 = (await get(2015)).states.standingInvitations;
    expect([y2015.memberStates.count, y2015.total]).toEqual([82, 82]);
    expect(codes(y2015.extendedInYear)).toEqual(['FJI']);
    const y2019 = (await get(2019)).states.standingInvitations;
    expect([y2019.memberStates.count, y2019.extendedInYear.count]).toEqual([82, 0]);
    // 2020: still 82 (FJI withdraws in 2021, KOR in 2021)
    expect((await get(2020)).states.standingInvitations.memberStates.count).toBe(82);
    // 2021: 82 - FJI - KOR = 80; the State table says so per State
    const y2021 = await get(2021);
    expect(y2021.states.standingInvitations.memberStates.count).toBe(80);
    expect(codes(y2021.states.standingInvitations.memberStates)).not.toContain('KOR');
    const row = (code: string) => y2021.stateTable.find((r) => r.code === code)!;
    expect([row('FJI').standingInvitationAsOf, row('FJI').standingInvitationWithdrawn, row('KOR').standingInvitationAsOf]).toEqual([false, '2021-03-15', false]);
    // by regional group: KOR is Asia-Pacific, FJI too (Asia-Pacific had 10 + FJI in 2020)
    const asiaPacific = (ind: Awaited<ReturnType<typeof get>>) => ind.byRegionalGroup.find((r) => r.regionalGroup === 'Asia-Pacific')!.standingInvitations;
    expect(asiaPacific(y2021)).toBe(asiaPacific(await get(2020)) - 2);
    // the States table export says when (2021: withdrawn; 2020: it still stood, nothing to say)
    const exported = async (year: number) => {
      const file = await call(api, 'indicators:export', { year, table: 'states', format: 'csv' });
      const rows = Papa.parse<string[]>(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, '').trim(), { newline: '\r\n' }).data;
      const column = rows[0]!.indexOf('Standing invitation withdrawn');
      return rows.find((r) => r[0] === 'FJI')!.slice(column - 2, column + 1);
    };
    expect(await exported(2021)).toEqual(['no', '', '2021-03-15']);
    expect(await exported(2020)).toEqual(['yes', '2015-06', '']);
  });

  test('a withdrawal is a partial date, needs the invitation, and is not before it was extended', async () => {
    const { api } = await setup();
    const base = { code: 'FJI', nameEn: 'Fiji', kind: 'member', regionalGroup: 'Asia-Pacific' };
    expect(await fail(api, 'states:update', { ...base, standingInvitation: true, standingInvitationSince: '2015-06', standingInvitationWithdrawn: '2015-05-31' })).toMatchObject({
      code: 'rule',
      message: 'The standing invitation is withdrawn before it was extended.',
    });
    // "2015" may be after June 2015: accepted
    expect((await api['states:update']({ ...base, standingInvitation: true, standingInvitationSince: '2015-06', standingInvitationWithdrawn: '2015' })).ok).toBe(true);
    expect(await fail(api, 'states:update', { ...base, standingInvitation: false, standingInvitationWithdrawn: '2016' })).toMatchObject({ code: 'rule' });
    expect(await fail(api, 'states:update', { ...base, standingInvitation: true, standingInvitationWithdrawn: '2016-13' })).toMatchObject({ code: 'invalid_argument' });
    // not after today (the setup's today is in 2026)
    expect((await fail(api, 'states:update', { ...base, standingInvitation: true, standingInvitationWithdrawn: '2030' })).message).toMatch(/^The withdrawal is dated 2030, after today \(2026-/);
  });
});

describe('visits in the year', () => {
  test('a joint visit is one visit, and one for each of its mandates; only official visits; the start decides the year', async () => {
    const { M, visit, get } = await setup();
    await visit({ mandateIds: [M.food, M.water, M.education], subjectStateCode: 'PER', start: '2020-03-02', end: '2020-03-10' });
    await visit({ mandateIds: [M.housing], subjectStateCode: 'XKX', start: '2020-10' });
    await visit({ mandateIds: [M.food], subjectStateCode: 'NOR', start: '2020-06', official: false });
    await visit({ mandateIds: [M.health], subjectStateCode: 'SWZ', start: '2019-12-28', end: '2020-01-05' });
    await visit({ mandateIds: [M.torture], subjectStateCode: 'MNG' });
    await visit({ mandateIds: [M.food], subjectStateCode: 'ARG', start: '2020' });
    await visit({ mandateIds: [M.religion], subjectStateCode: 'VAT', start: '2020-11' });

    const y2020 = await get(2020);
    // ARG ('2020'), PER (joint), XKX, VAT: 4 visits; 3 + 1 + 1 + 1 = 6 for mandates
    expect(y2020.visitsInYear.visits.map((v) => [v.subject.code, v.start, v.mandates.length])).toEqual([
      ['ARG', '2020', 1],
      ['PER', '2020-03-02', 3],
      ['XKX', '2020-10', 1],
      ['VAT', '2020-11', 1],
    ]);
    expect(y2020.visitsInYear.mandateVisits).toBe(6);
    expect([y2020.visitsInYear.unofficial, y2020.visitsInYear.undated]).toEqual([1, 1]);
    expect(y2020.states.visitsInYear.visits).toBe(4);
    // 4 States and territories: 2 Member States, 1 observer State, 1 territory
    expect(codes(y2020.states.visitsInYear.statesAndTerritories)).toEqual(['ARG', 'PER', 'VAT', 'XKX']);
    const perMandate = (id: number) => y2020.mandates.find((m) => m.mandateId === id)!.visitsInYear;
    expect([perMandate(M.food), perMandate(M.water), perMandate(M.education), perMandate(M.housing), perMandate(M.health)]).toEqual([2, 1, 1, 1, 0]);
    // the Eswatini visit straddling New Year is a 2019 visit
    expect((await get(2019)).visitsInYear.visits.map((v) => v.subject.code)).toEqual(['SWZ']);
  });
});

describe('the past five years', () => {
  test('visits per State in the report-text and annex windows; five or more; none, and of those with a request', async () => {
    const { M, request, visit, get } = await setup();
    // Chile: '2016' is inside 2015-2019, '2014-12' is not; '2020-02' only in the annex window
    await visit({ mandateIds: [M.torture], subjectStateCode: 'CHL', start: '2016' });
    await visit({ mandateIds: [M.food], subjectStateCode: 'CHL', start: '2014-12' });
    await visit({ mandateIds: [M.health], subjectStateCode: 'CHL', start: '2020-02' });
    // India: one visit a year 2015-2019; Mexico: one a year 2016-2020
    const five = [M.food, M.migrants, M.torture, M.education, M.health];
    for (const [i, year] of [2015, 2016, 2017, 2018, 2019].entries()) await visit({ mandateIds: [five[i]!], subjectStateCode: 'IND', start: `${year}-0${i + 3}` });
    for (const [i, year] of [2016, 2017, 2018, 2019, 2020].entries()) await visit({ mandateIds: [five[i]!], subjectStateCode: 'MEX', start: `${year}-01` });
    await request(M.food, 'PAK', '2017'); // a request in both windows
    await request(M.torture, 'EGY', '2015'); // in 2015-2019 only
    await request(M.food, 'BRA', '2012-05', [{ type: 'reminder', date: '2017' }]); // a reminder is not a request
    await request(M.water, 'NGA', '2014-12'); // before both windows

    const text = await get(2020);
    expect(text.window).toMatchObject({ kind: 'report-text', from: 2015, to: 2019, asOf: '2019-12-31' });
    const inWindow = (ind: typeof text, code: string) => ind.stateTable.find((r) => r.code === code)!.visitsInWindow;
    // 2015-2019: CHL 1, IND 5, MEX 4
    expect([inWindow(text, 'CHL'), inWindow(text, 'IND'), inWindow(text, 'MEX')]).toEqual([1, 5, 4]);
    expect(codes(text.states.fiveYears.fiveOrMoreVisits)).toEqual(['IND']);
    expect(text.states.fiveYears.noVisit.count).toBe(190); // 193 - 3
    expect(codes(text.states.fiveYears.noVisitWithRequest)).toEqual(['EGY', 'PAK']);

    const annex = await get(2020, 'annex');
    expect(annex.window).toMatchObject({ kind: 'annex', from: 2016, to: 2020, asOf: '2020-12-31' });
    // 2016-2020: CHL 2, IND 4, MEX 5
    expect([inWindow(annex, 'CHL'), inWindow(annex, 'IND'), inWindow(annex, 'MEX')]).toEqual([2, 4, 5]);
    expect(codes(annex.states.fiveYears.fiveOrMoreVisits)).toEqual(['MEX']);
    expect(annex.states.fiveYears.noVisit.count).toBe(190);
    expect(codes(annex.states.fiveYears.noVisitWithRequest)).toEqual(['PAK']);
  });

  test('States that accepted no visit despite five or more pending requests: distinct mandates, reminders are not requests', async () => {
    const { M, request, visit, get } = await setup();
    const five = [M.food, M.migrants, M.torture, M.education, M.health] as const;
    // Turkmenistan: five mandates' requests 2015-2019, all pending; reminders; an older request
    await request(M.food, 'TKM', '2015-02', [{ type: 'reminder', date: '2017' }, { type: 'reminder', date: '2018' }, { type: 'reminder', date: '2019' }]);
    await request(M.migrants, 'TKM', '2016');
    await request(M.torture, 'TKM', '2017-07', [{ type: 'acknowledgement', date: '2017-09' }]);
    await request(M.education, 'TKM', '2018-05-03');
    await request(M.health, 'TKM', '2019-12');
    await request(M.water, 'TKM', '2014-12'); // before the window: not counted
    // Uzbekistan: food three times (declined; asked again in 2016, declined only in 2021; and a request of
    // 2018-09, recorded once the 2016 one was answered: a new request is refused while one is pending),
    // migrants with reminders, torture, education: at the end of 2019, 5 pending threads but 4 mandates
    await request(M.food, 'UZB', '2015-03', [{ type: 'declination', date: '2015-06' }]);
    await request(M.food, 'UZB', '2016', [{ type: 'declination', date: '2021-03' }]);
    await request(M.food, 'UZB', '2018-09');
    await request(M.migrants, 'UZB', '2017', [{ type: 'reminder', date: '2018' }, { type: 'reminder', date: '2019-01' }, { type: 'reminder', date: '2019-06' }]);
    await request(M.torture, 'UZB', '2018');
    await request(M.education, 'UZB', '2019');
    // Angola: five pending, and a sixth mandate's request accepted in 2018: it accepted a visit
    for (const [i, m] of five.entries()) await request(m, 'AGO', `${2015 + i}`);
    await request(M.water, 'AGO', '2016', [{ type: 'acceptance', date: '2018-03' }]);
    // Kazakhstan: five pending at the end of 2019; health accepted in February 2020
    await request(M.food, 'KAZ', '2015');
    await request(M.migrants, 'KAZ', '2016');
    await request(M.torture, 'KAZ', '2017');
    await request(M.education, 'KAZ', '2018');
    await request(M.health, 'KAZ', '2019-03', [{ type: 'acceptance', date: '2020-02' }]);
    // Tajikistan: five mandates' requests 2016-2020
    for (const [i, m] of five.entries()) await request(m, 'TJK', `${2016 + i}`);
    // Zimbabwe: five pending, but visited in 2017
    for (const [i, m] of five.entries()) await request(m, 'ZWE', `${2015 + i}`);
    await visit({ mandateIds: [M.water], subjectStateCode: 'ZWE', start: '2017-04' });

    const text = await get(2020);
    const row = (code: string) => text.stateTable.find((r) => r.code === code)!;
    // 2015-2019, pending at 2019-12-31
    expect(['TKM', 'UZB', 'AGO', 'KAZ', 'TJK', 'ZWE'].map((c) => [c, row(c).pendingMandatesAtWindowEnd, row(c).acceptedInWindow])).toEqual([
      ['TKM', 5, false],
      ['UZB', 4, false],
      ['AGO', 5, true],
      ['KAZ', 5, false],
      ['TJK', 4, false],
      ['ZWE', 5, true],
    ]);
    expect(codes(text.states.fiveYears.noAcceptanceDespiteFivePending)).toEqual(['KAZ', 'TKM']);

    // 2016-2020, pending at 2020-12-31: TKM 4 (food 2015 out), KAZ 3 and accepted in 2020, TJK 5
    const annex = await get(2020, 'annex');
    const arow = (code: string) => annex.stateTable.find((r) => r.code === code)!;
    expect(['TKM', 'KAZ', 'TJK'].map((c) => [c, arow(c).pendingMandatesAtWindowEnd, arow(c).acceptedInWindow])).toEqual([
      ['TKM', 4, false],
      ['KAZ', 3, true],
      ['TJK', 5, false],
    ]);
    expect(codes(annex.states.fiveYears.noAcceptanceDespiteFivePending)).toEqual(['TJK']);
  });
});

describe('by regional group', () => {
  test('each group has the figures; the group rows add up to the totals; a chosen group limits every figure', async () => {
    const { M, request, visit, get } = await setup();
    await visit({ mandateIds: [M.migrants], subjectStateCode: 'AUS', start: '2016-11' }); // Western European and Others
    await visit({ mandateIds: [M.food], subjectStateCode: 'KEN', start: '2019-05' }); // African
    await visit({ mandateIds: [M.health], subjectStateCode: 'ECU', start: '2020-03' }); // Latin American and Caribbean
    await visit({ mandateIds: [M.housing], subjectStateCode: 'XKX', start: '2020-10' }); // territory: no group
    await request(M.food, 'NGA', '2018'); // African, pending
    await request(M.food, 'PER', '2019'); // Latin American and Caribbean, pending

    const all = await get(2020);
    const g = (name: string | null) => all.byRegionalGroup.find((r) => r.regionalGroup === name)!;
    // reference data: 54 African, 54 Asia-Pacific, 23 Eastern European, 33 Latin American and Caribbean, 29 WEOG;
    // standing invitations 12, 10, 19, 13, 27 (= 81)
    expect(all.byRegionalGroup.map((r) => [r.regionalGroup, r.memberStates, r.visited, r.neverVisited, r.standingInvitations, r.visitsInYear])).toEqual([
      ['African', 54, 1, 53, 12, 0],
      ['Asia-Pacific', 54, 0, 54, 10, 0],
      ['Eastern European', 23, 0, 23, 19, 0],
      ['Latin American and Caribbean', 33, 1, 32, 13, 1],
      ['Western European and Others', 29, 1, 28, 27, 0],
      [null, 0, 0, 0, 0, 1],
    ]);
    expect([g('African').requestNotAccepted, g('African').noRequest, g('Latin American and Caribbean').requestNotAccepted]).toEqual([1, 52, 1]);
    const sum = (pick: (r: (typeof all.byRegionalGroup)[number]) => number) => all.byRegionalGroup.reduce((n, r) => n + pick(r), 0);
    expect([sum((r) => r.memberStates), sum((r) => r.visited), sum((r) => r.standingInvitations), sum((r) => r.visitsInYear)]).toEqual([
      all.states.memberStates,
      all.states.visited.count,
      all.states.standingInvitations.total,
      all.states.visitsInYear.visits,
    ]);

    const african = await get(2020, 'report-text', 'African');
    expect(african.regionalGroup).toBe('African');
    expect([african.states.memberStates, african.states.visited.count, african.states.neverVisited.count]).toEqual([54, 1, 53]);
    expect(codes(african.states.neverVisited.requestNotAccepted)).toEqual(['NGA']);
    expect(african.states.standingInvitations.memberStates.count).toBe(12);
    expect(african.visitsInYear.visits).toHaveLength(0); // the 2020 visits were to Ecuador and Kosovo
    expect(african.stateTable).toHaveLength(54);
    // per mandate, only requests to African States: food has Nigeria's, not Peru's
    const food = african.mandates.find((m) => m.mandateId === M.food)!;
    expect([food.pending.count, food.requestsInWindow]).toEqual([1, 1]);
    // the table of groups is always of all States
    expect(african.byRegionalGroup).toEqual(all.byRegionalGroup);
  });
});

describe('per mandate', () => {
  /**
   * The Special Rapporteur on the right to food, reporting year 2020, window 2015-2019:
   *   a KEN request 2015-03-10, acknowledgement 2015-05, acceptance 2016-03-10   sent, answered, substantive, accepted (366 days)
   *   b PER request 2016-01-15, dates proposal 2016-06-01, visit 2016-09-05      sent, answered, substantive, accepted (138 days), visited (234 days)
   *   c TKM request 2017-06, acknowledgement 2017-09, reminders 2019-02, 2020-04 sent, answered (not substantive); pending at 2020 end, 3 years
   *   d MMR request 2018-02-01, declination 2018-08-01                            sent, answered, substantive
   *   e VUT request 2019, acceptance 2019-11                                      sent, answered, substantive, accepted (request known to the year only: no days)
   *   f LUX request 2019-06-01, no answer                                         sent; pending at 2020 end, 1 year
   *   g BRA request 2012-05-05, reminder 2020-02-10                               before the window; pending at 2020 end, 8 years
   *   h NOR request 2021-01                                                       after 2020
   *   i CHL request 2019-03-01, acceptance 2020-05-05                             sent; accepted after the window's end
   * Sent in 2015-2019: a b c d e f i = 7; accepted by 2019-12-31: a b e = 3; any answer: a b c d e = 5;
   * substantive: a b d e = 4. Days to acceptance: 366, 138 -> median 252 (n 2); to visit: 234 (n 1).
   * Pending at 2020-12-31: g (8 years), c (3), f (1) -> 3, median age 3, oldest 2012-05-05.
   * Reminders in 2020: c 2020-04, g 2020-02-10 -> 2. Visits: none in 2020, 1 in the window.
   */
  async function foodScenario() {
    const ctx = await setup();
    const { M, request, visit } = ctx;
    const ids = {
      a: await request(M.food, 'KEN', '2015-03-10', [{ type: 'acknowledgement', date: '2015-05' }, { type: 'acceptance', date: '2016-03-10' }]),
      b: await request(M.food, 'PER', '2016-01-15', [{ type: 'acceptance', date: '2016-06-01', proposedStart: '2016-09-05', proposedEnd: '2016-09-14' }]),
      c: await request(M.food, 'TKM', '2017-06', [{ type: 'acknowledgement', date: '2017-09' }, { type: 'reminder', date: '2019-02' }, { type: 'reminder', date: '2020-04' }]),
      d: await request(M.food, 'MMR', '2018-02-01', [{ type: 'declination', date: '2018-08-01' }]),
      e: await request(M.food, 'VUT', '2019', [{ type: 'acceptance', date: '2019-11' }]),
      f: await request(M.food, 'LUX', '2019-06-01'),
      g: await request(M.food, 'BRA', '2012-05-05', [{ type: 'reminder', date: '2020-02-10' }]),
      h: await request(M.food, 'NOR', '2021-01'),
      i: await request(M.food, 'CHL', '2019-03-01', [{ type: 'acceptance', date: '2020-05-05' }]),
    };
    await visit({ mandateIds: [M.food], subjectStateCode: 'PER', start: '2016-09-05', end: '2016-09-14' });
    return { ...ctx, ids };
  }

  test('pending requests and their age, reminders, visits, acceptance and response rates, days to acceptance and to visit', async () => {
    const { M, get } = await foodScenario();
    const food = (await get(2020)).mandates.find((m) => m.mandateId === M.food)!;
    expect(food).toEqual({
      mandateId: M.food,
      title: 'Special Rapporteur on the right to food',
      shortName: '',
      kind: 'thematic',
      pending: { count: 3, medianAgeYears: 3, oldestOpenedOn: '2012-05-05' },
      remindersInYear: 2,
      visitsInYear: 0,
      visitsInWindow: 1,
      requestsInWindow: 7,
      accepted: 3,
      anyResponse: 5,
      substantiveResponse: 4,
      acceptanceRate: 3 / 7,
      anyResponseRate: 5 / 7,
      substantiveResponseRate: 4 / 7,
      daysToAcceptance: { median: 252, n: 2 },
      daysToVisit: { median: 234, n: 1 },
    });
  });

  test('drill-down: the pending requests oldest first with their age, the requests of the window with what came back', async () => {
    const { api, M, ids } = await foodScenario();
    const pending = await call(api, 'indicators:requests', { year: 2020, mandateId: M.food, list: 'pending' });
    expect(pending.map((r) => [r.id, r.stateCode, r.openedOn, r.ageYears])).toEqual([
      [ids.g, 'BRA', '2012-05-05', 8],
      [ids.c, 'TKM', '2017-06', 3],
      [ids.f, 'LUX', '2019-06-01', 1],
    ]);
    const sent = await call(api, 'indicators:requests', { year: 2020, mandateId: M.food, list: 'sentInWindow' });
    expect(sent.map((r) => [r.id, r.accepted, r.answered, r.answeredSubstantively])).toEqual([
      [ids.a, true, true, true],
      [ids.b, true, true, true],
      [ids.c, false, true, false],
      [ids.d, false, true, true],
      [ids.e, true, true, true],
      [ids.i, false, false, false],
      [ids.f, false, false, false],
    ]);
    // each rate's numerator: as many rows as the figure (accepted 3, any answer 5, substantive 4)
    const list = async (name: 'accepted' | 'anyResponse' | 'substantive' | 'remindersInYear') => call(api, 'indicators:requests', { year: 2020, mandateId: M.food, list: name });
    expect((await list('accepted')).map((r) => [r.stateCode, r.accepted])).toEqual([['KEN', true], ['PER', true], ['VUT', true]]);
    expect((await list('anyResponse')).map((r) => r.stateCode)).toEqual(['KEN', 'PER', 'TKM', 'MMR', 'VUT']);
    expect((await list('substantive')).map((r) => r.stateCode)).toEqual(['KEN', 'PER', 'MMR', 'VUT']);
    // reminders dated in 2020: g's of 2020-02-10, c's of 2020-04 (not its 2019-02 one): 1 + 1 = the figure's 2
    const reminded = await list('remindersInYear');
    expect(reminded.map((r) => [r.id, r.stateCode, r.remindersInYear, r.ageYears, r.accepted])).toEqual([
      [ids.g, 'BRA', 1, 8, null],
      [ids.c, 'TKM', 1, 3, null],
    ]);
    await expect(fail(api, 'indicators:requests', { year: 2020, mandateId: M.food, list: 'everything' })).resolves.toMatchObject({ code: 'invalid_argument' });
  });
});

describe('the SQL twins of the status rules', () => {
  test('correspondence status and "pending" at a day agree with status.ts on 3,000 synthetic threads', async () => {
    const { db, sqlite } = await freshApi(TODAY);
    fillSynthetic(sqlite, 3000, TODAY, 5);
    const documents = await db.selectFrom('documents').select(['id', 'request_id', 'type', 'date']).execute();
    const visits = await db.selectFrom('visit_mandates as vm').innerJoin('visits as v', 'v.id', 'vm.visit_id').select(['vm.request_id', 'v.start', 'v.end']).execute();
    const group = <T extends { request_id: number | null }>(rows: T[]) => {
      const map = new Map<number | null, T[]>();
      for (const row of rows) map.set(row.request_id, [...(map.get(row.request_id) ?? []), row]);
      return map;
    };
    const docsOf = group(documents);
    const visitsOf = group(visits);
    let pendingSeen = 0;
    for (const day of ['1997-06-30', '2003-12-31', '2010-12-31', '2015-12-31', '2019-12-31', '2024-12-31']) {
      const { rows } = await sql<{ id: number; status: string | null; pending: number }>`
        SELECT r.id, ${correspondenceStatusAt(day)} AS status, ${pendingAt(day)} AS pending FROM visit_requests r ORDER BY r.id`.execute(db);
      const mismatches = [];
      for (const row of rows) {
        const all = docsOf.get(row.id) ?? [];
        const opener = orderDocuments(all)[0]!;
        const opened = opener.date === null || opener.date <= day;
        const known = all.filter((d) => d.date === null || d.date <= day);
        const started = (visitsOf.get(row.id) ?? []).filter((v) => v.start === null || v.start <= day);
        const correspondence = opened ? deriveStatus(known, [], day).status : null;
        const pending = opened && opener.type === 'request' && deriveStatus(known, started, day).status === 'pending';
        if (pending) pendingSeen++;
        if (row.status !== correspondence || (Number(row.pending) === 1) !== pending) mismatches.push({ day, id: row.id, sql: [row.status, row.pending], js: [correspondence, pending] });
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    }
    expect(pendingSeen).toBeGreaterThan(1000); // the comparison did meet pending threads
  });

  test('the milestones the migration fills in SQL are those deriveMilestones gives', async () => {
    const { db, sqlite } = await freshApi(TODAY);
    fillSynthetic(sqlite, 3000, TODAY, 9); // written with deriveMilestones
    const columns = ['decided_on', 'accepted_on', 'answered_on', 'substantive_on', 'visited_on'] as const;
    const before = await db.selectFrom('visit_requests').select(['id', ...columns]).orderBy('id').execute();
    sqlite.exec(`UPDATE visit_requests SET decided_on = 'x', accepted_on = 'x', answered_on = 'x', substantive_on = 'x', visited_on = 'x'`);
    sqlite.exec(MILESTONES_BACKFILL);
    const after = await db.selectFrom('visit_requests').select(['id', ...columns]).orderBy('id').execute();
    expect(after).toEqual(before);
    // and they are not all empty: every kind of value occurs
    for (const c of columns) expect(new Set(before.map((r) => (r[c] === null ? 'null' : r[c] === '' ? 'undated' : 'dated')))).toEqual(new Set(c === 'visited_on' ? ['null', 'dated'] : ['null', 'undated', 'dated']));
  });

  test('deriveMilestones: first dates, undated known before any date, and only on threads opened by a request', () => {
    const doc = (id: number, type: MilestoneDocument['type'], date: string | null, direction: MilestoneDocument['direction'] = 'from_state'): MilestoneDocument => ({ id, type, date, direction });
    const thread = [doc(1, 'request', '2015', 'to_state'), doc(2, 'acknowledgement', '2015-04'), doc(3, 'reminder', '2016', 'to_state'), doc(4, 'dates_proposal', '2017-02', 'to_state'), doc(5, 'acceptance', '2016-11')];
    expect(deriveMilestones(thread, [{ start: '2018-05-02', end: null }], 'request')).toEqual({
      decidedOn: '2016-11',
      acceptedOn: '2016-11',
      answeredOn: '2015-04',
      substantiveOn: '2016-11',
      visitedOn: '2018-05-02',
    });
    expect(deriveMilestones([...thread, doc(6, 'declination', null)], [], 'request')).toMatchObject({ decidedOn: '', acceptedOn: '2016-11', substantiveOn: '' });
    expect(deriveMilestones([doc(1, 'invitation', '2019'), doc(2, 'acceptance', '2019-05', 'to_state')], [{ start: null, end: null }], 'invitation')).toEqual({
      decidedOn: null,
      acceptedOn: null,
      answeredOn: null,
      substantiveOn: null,
      visitedOn: '',
    });
  });
});

describe('the channels', () => {
  test('indicators:get checks its arguments', async () => {
    const { api } = await setup();
    expect((await fail(api, 'indicators:get', { year: 1800 })).message).toBe('year: the reporting year is 1950 or later');
    expect((await fail(api, 'indicators:get', { year: 2020, window: 'rolling' })).code).toBe('invalid_argument');
    expect((await fail(api, 'indicators:get', { year: 2020, regionalGroup: 'Europe' })).code).toBe('invalid_argument');
    // the window defaults to the report's text
    expect((await call(api, 'indicators:get', { year: 2020 })).window.kind).toBe('report-text');
  });

  test('export: CSV with the summary in the report order; XLSX of the States table opens and holds the same rows', async () => {
    const { api, M, visit, request } = await setup();
    await visit({ mandateIds: [M.migrants], subjectStateCode: 'AUS', placeCodes: ['AUS', 'NRU'], start: '2016-11-01' });
    await request(M.food, 'TKM', '2017');
    const csv = await call(api, 'indicators:export', { year: 2020, table: 'summary', format: 'csv' });
    expect([csv.fileName, csv.mimeType]).toEqual(['cooperation-indicators-2020-summary.csv', 'text/csv;charset=utf-8']);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes); // keep the BOM to see it
    expect(text.startsWith('\uFEFFFigure,Value\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1).trim(), { newline: '\r\n' }).data;
    const value = (figure: string) => rows.find((r) => r[0] === figure)?.[1];
    expect([value('Member States'), value('Member States visited (as of 2020-12-31)'), value('Member States never visited')]).toEqual(['193', '1', '192']);
    expect(value('  never visited: request not accepted (pending or declined)')).toBe('1');
    expect(value('Five-year window')).toBe("2015–2019 (the five years before 2020, as the report's text counts them)");

    const xlsx = await call(api, 'indicators:export', { year: 2020, window: 'annex', regionalGroup: 'Asia-Pacific', table: 'states', format: 'xlsx' });
    expect(xlsx.fileName).toBe('cooperation-indicators-2020-states-annex-asia-pacific.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes.buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('States 2020');
    expect(sheet.rowCount).toBe(1 + 54); // header + the 54 Asia-Pacific Member States
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['Code', 'State', 'Kind', 'Regional group', 'Visited (as of 2020-12-31)', 'Never visited']);
    const nauru = sheet.getRows(2, 54)!.find((r) => r.getCell(1).value === 'NRU')!;
    expect([nauru.getCell(2).value, nauru.getCell(5).value, nauru.getCell(6).value]).toEqual(['Nauru', 'no', 'no request received']);
    const turkmenistan = sheet.getRows(2, 54)!.find((r) => r.getCell(1).value === 'TKM')!;
    expect([turkmenistan.getCell(6).value, turkmenistan.getCell(12).value]).toEqual(['request not accepted (pending or declined)', 1]);
  });

  test('every table exports in both formats', async () => {
    const { api } = await setup();
    for (const table of ['summary', 'states', 'regionalGroups', 'visits', 'mandates', 'pendingRequests'] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const file = await call(api, 'indicators:export', { year: 2019, table, format });
        expect(file.fileName).toBe(`cooperation-indicators-2019-${table}.${format}`);
        expect(file.bytes.length).toBeGreaterThan(20);
      }
    }
  });
});
